import { ApiError, SESSION_ENDED } from './api.js';
import { DEMO_BANNER_TEXT, holdsAnyRole, PEOPLE_READERS, PLAN_READERS, REMINDER_ADMINS, type Role, SCHOOL_REGISTER_READERS } from './contract.js';
import { demoStatus, forgetDemoStatus } from './demo-status.js';
import { setHtml } from './dom.js';
import { html } from './html.js';
import { type LiveBatch, LiveFeed, type LiveStatus } from './live.js';
import { rightsText } from './people-text.js';
import { href, parseHash, type Route } from './router.js';
import { ended, loadSession, onSignOut, type Session, signOut } from './session.js';
import { accessibilityView } from './views/accessibility.js';
import { actionView } from './views/action.js';
import { categorisationView } from './views/categorisation.js';
import { changesView } from './views/changes.js';
import { errorBox, type View, type ViewContext } from './views/common.js';
import { exceptionsView } from './views/exceptions.js';
import { invitationView } from './views/invitation.js';
import { measureView } from './views/measure.js';
import { meetingView } from './views/meeting.js';
import { boardMeetingsView, meetingsView } from './views/meetings.js';
import { myActionsView } from './views/my-actions.js';
import { overviewView } from './views/overview.js';
import { peopleView, unmatchedOwnersView } from './views/people.js';
import { personView } from './views/person.js';
import { planBoardView } from './views/plan-board.js';
import { remindersView } from './views/reminders.js';
import { schoolView } from './views/school.js';
import { schoolsView } from './views/schools.js';
import { signInView } from './views/signin.js';
import { tokensView } from './views/tokens.js';
import { trajectoryView } from './views/trajectory.js';

type ViewFactory = (ctx: ViewContext) => Promise<View>;

function viewFor(route: Route): { factory: ViewFactory; nav: string } | undefined {
  const [first, second, third] = route.path;
  if (route.path.length === 0) return { factory: overviewView, nav: 'overview' };
  if (first === 'plans' && second && route.path.length === 2) return { factory: planBoardView, nav: 'overview' };
  if (first === 'plans' && second && third === 'changes' && route.path.length === 3) return { factory: changesView, nav: 'overview' };
  if (first === 'actions' && second && route.path.length === 2) return { factory: actionView, nav: 'overview' };
  if (first === 'measures' && second && route.path.length === 2) return { factory: measureView, nav: 'overview' };
  if (first === 'meetings' && route.path.length === 1) return { factory: meetingsView, nav: 'meetings' };
  if (first === 'meetings' && second && route.path.length === 2) return { factory: boardMeetingsView, nav: 'meetings' };
  if (first === 'meeting' && second && route.path.length === 2) return { factory: meetingView, nav: 'meetings' };
  if (first === 'exceptions' && route.path.length === 1) return { factory: exceptionsView, nav: 'exceptions' };
  if (first === 'me' && route.path.length === 1) return { factory: myActionsView, nav: 'me' };
  if (first === 'tokens' && route.path.length === 1) return { factory: tokensView, nav: 'tokens' };
  if (first === 'reminders' && route.path.length === 1) return { factory: remindersView, nav: 'reminders' };
  if (first === 'people' && route.path.length === 1) return { factory: peopleView, nav: 'people' };
  if (first === 'people' && second === 'unmatched' && route.path.length === 2) return { factory: unmatchedOwnersView, nav: 'people' };
  if (first === 'people' && second && route.path.length === 2) return { factory: personView, nav: 'people' };
  // The register's fixed pages before a school's own (#/schools/:urn).
  if (first === 'schools' && route.path.length === 1) return { factory: schoolsView, nav: 'schools' };
  if (first === 'schools' && second === 'categorisation' && route.path.length === 2) return { factory: categorisationView, nav: 'schools' };
  if (first === 'schools' && second === 'trajectory' && route.path.length === 2) return { factory: trajectoryView, nav: 'schools' };
  if (first === 'schools' && second && route.path.length === 2) return { factory: schoolView, nav: 'schools' };
  return undefined;
}

const SIGN_IN = ['sign-in', 'signin'];

const NAV_NEEDS: Record<string, readonly Role[]> = { 'plan-readers': PLAN_READERS, 'people-readers': PEOPLE_READERS, 'school-register-readers': SCHOOL_REGISTER_READERS, 'reminder-admins': REMINDER_ADMINS };

const main = document.getElementById('main') as HTMLElement;
const userArea = document.getElementById('user') as HTMLElement;
const liveArea = document.getElementById('live-status') as HTMLElement;
const nav = document.getElementById('nav') as HTMLElement;
const demoBanner = document.getElementById('demo-banner') as HTMLElement;

/** The banner on every page while the log holds demo data (GET /api/demo, asked once per sign-in). */
function showDemoBanner(session: Session | undefined): void {
  if (!session) {
    forgetDemoStatus();
    demoBanner.hidden = true;
    return;
  }
  void demoStatus().then(({ demo }) => {
    demoBanner.textContent = DEMO_BANNER_TEXT;
    demoBanner.hidden = !demo;
  });
}

let current: View | undefined;
let generation = 0;
let signOutReason = '';

const LIVE_TEXT: Record<LiveStatus, string> = {
  connecting: 'Connecting…',
  live: 'Live',
  reconnecting: 'Reconnecting…',
  stopped: 'Not live',
};

const feed = new LiveFeed(
  (batch: LiveBatch) => current?.onLive?.(batch),
  (status) => {
    liveArea.dataset.status = status;
    liveArea.textContent = LIVE_TEXT[status];
  },
  async () => {
    const session = await loadSession(true);
    if (!session) ended(SESSION_ENDED);
    return !!session;
  },
  () => ended(SESSION_ENDED),
);

function renderShell(session: Session | undefined, navKey: string): void {
  setHtml(userArea, session
    ? html`<span class="who"><span class="name">${session.person.name}</span> <span class="role">${rightsText(session.rights)}</span></span>
      <button type="button" class="link-button" data-action="signout">Sign out</button>`
    : html``);
  userArea.querySelector('[data-action="signout"]')?.addEventListener('click', () => {
    signOutReason = 'You have signed out.';
    void signOut('You have signed out.');
  });
  nav.hidden = !session;
  liveArea.hidden = !session;
  showDemoBanner(session);
  // Links to pages only some roles may read (the contract's lists decide, as the API's routes do).
  nav.querySelectorAll<HTMLElement>('[data-needs]').forEach((item) => {
    item.hidden = !session || !holdsAnyRole(session.caller, NAV_NEEDS[item.dataset.needs ?? ''] ?? []);
  });
  nav.querySelectorAll<HTMLAnchorElement>('a[data-nav]').forEach((a) => {
    if (a.dataset.nav === navKey) a.setAttribute('aria-current', 'page');
    else a.removeAttribute('aria-current');
  });
}

/** The first page after signing in: where the person was going, "My actions" for an owner, their school's page for a headteacher or chair. */
function landing(session: Session, next: string | undefined): string {
  if (next?.startsWith('#/') && !SIGN_IN.includes(parseHash(next).path[0] ?? '')) return next;
  const { roles, schools = [] } = session.caller;
  // A headteacher or chair of governors holds no plan: their page is their school's.
  if (roles.length > 0 && roles.every((role) => role === 'school')) return schools.length === 1 ? href(['schools', schools[0]]) : href(['schools']);
  return roles.includes('owner') ? '#/me' : '#/';
}

/** A page anyone may read, signed in or not. */
function publicPage(r: Route): ((root: HTMLElement) => void) | undefined {
  if (r.path[0] === 'accessibility' && r.path.length === 1) return accessibilityView;
  if (r.path[0] === 'invitations' && r.path[1] && r.path.length === 2) return (root) => invitationView(root, r.path[1]);
  return undefined;
}

async function route(): Promise<void> {
  const mine = ++generation;
  current?.destroy?.();
  current = undefined;
  const r = parseHash(location.hash);

  let session: Session | undefined;
  try {
    session = await loadSession();
  } catch {
    if (mine !== generation) return;
    renderShell(undefined, '');
    setHtml(main, html`<h1 tabindex="-1">The tracker could not be reached</h1>${errorBox('Check your connection, then reload the page.')}`);
    focusHeading();
    return;
  }
  if (mine !== generation) return;

  const open = publicPage(r);
  if (open) {
    if (session) feed.start();
    renderShell(session, '');
    const root = document.createElement('div');
    root.className = 'view';
    main.replaceChildren(root);
    open(root);
    document.title = `${root.querySelector('h1')?.textContent?.trim() ?? 'RAG Ledger'} · RAG Ledger`;
    focusHeading();
    return;
  }

  if (SIGN_IN.includes(r.path[0] ?? '') || !session) {
    if (!SIGN_IN.includes(r.path[0] ?? '')) {
      const next = location.hash && location.hash !== '#/' ? location.hash : '';
      location.replace(href(['sign-in'], { next }));
      return;
    }
    if (session && !signOutReason) {
      location.replace(landing(session, r.params.next));
      return;
    }
    feed.stop();
    renderShell(undefined, '');
    document.title = 'Sign in · RAG Ledger';
    const root = document.createElement('div');
    root.className = 'view';
    main.replaceChildren(root);
    const reason = r.params.done === 'password-set' ? 'Your password is set. Sign in with your email address and the new password.' : signOutReason;
    await signInView(root, r, reason, (signedIn) => {
      signOutReason = '';
      location.hash = landing(signedIn, r.params.next);
    });
    if (mine === generation) focusHeading();
    return;
  }

  signOutReason = '';
  feed.start();
  const match = viewFor(r);
  renderShell(session, match?.nav ?? '');
  const root = document.createElement('div');
  root.className = 'view';
  main.replaceChildren(root);
  main.setAttribute('aria-busy', 'true');
  if (!match) {
    setHtml(root, html`<h1 tabindex="-1">Page not found</h1><p>There is no page at this address. <a href="#/">Go to the Improvement Board</a>.</p>`);
    main.removeAttribute('aria-busy');
    focusHeading();
    return;
  }
  setHtml(root, html`<p class="loading">Loading…</p>`);
  try {
    const view = await match.factory({ root, route: r, session, caller: session.caller, isCurrent: () => mine === generation });
    if (mine !== generation) {
      view.destroy?.();
      return;
    }
    current = view;
  } catch (error) {
    if (mine !== generation) return;
    const e = error as ApiError;
    if (e.status === 401) return; // the session ended: the sign-in page follows
    const message =
      e.status === 404 ? `Not found: ${e.message}` : e.status === 403 ? `Not allowed: ${e.message}` : e.message || 'Something went wrong.';
    setHtml(root, html`<h1 tabindex="-1">This page could not be shown</h1>${errorBox(message)}<p><a href="#/">Go to the Improvement Board</a></p>`);
  } finally {
    if (mine === generation) main.removeAttribute('aria-busy');
  }
  if (mine !== generation) return;
  const h1 = root.querySelector('h1');
  document.title = `${h1?.textContent?.trim() || 'RAG Ledger'} · RAG Ledger`;
  focusHeading();
}

/** After a page change, move focus to its heading so keyboard and screen-reader users start there. */
function focusHeading(): void {
  const h1 = main.querySelector<HTMLElement>('h1');
  h1?.focus({ preventScroll: false });
}

onSignOut((reason) => {
  feed.stop();
  signOutReason = reason || 'You have been signed out.';
  const here = parseHash(location.hash).path[0] ?? '';
  const next = SIGN_IN.includes(here) ? '' : location.hash;
  const target = href(['sign-in'], { next: next && next !== '#/' ? next : '' });
  if (location.hash === target) void route();
  else location.hash = target;
});

document.getElementById('skip-link')?.addEventListener('click', (event) => {
  event.preventDefault();
  main.focus();
});

window.addEventListener('hashchange', () => void route());
void route();
