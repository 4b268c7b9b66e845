import { ApiError } from './api.js';
import { type Claims, ROLE_NAMES } from './contract.js';
import { setHtml } from './dom.js';
import { html } from './html.js';
import { type LiveBatch, LiveFeed, type LiveStatus } from './live.js';
import { href, parseHash, type Route } from './router.js';
import { currentClaims, onSignOut, signOut } from './session.js';
import { actionView } from './views/action.js';
import { changesView } from './views/changes.js';
import { errorBox, type View, type ViewContext } from './views/common.js';
import { exceptionsView } from './views/exceptions.js';
import { measureView } from './views/measure.js';
import { overviewView } from './views/overview.js';
import { planBoardView } from './views/plan-board.js';
import { signInView } from './views/signin.js';

type ViewFactory = (ctx: ViewContext) => Promise<View>;

function viewFor(route: Route): { factory: ViewFactory; nav: string } | undefined {
  const [first, second, third] = route.path;
  if (route.path.length === 0) return { factory: overviewView, nav: 'overview' };
  if (first === 'plans' && second && route.path.length === 2) return { factory: planBoardView, nav: 'overview' };
  if (first === 'plans' && second && third === 'changes' && route.path.length === 3) return { factory: changesView, nav: 'overview' };
  if (first === 'actions' && second && route.path.length === 2) return { factory: actionView, nav: 'overview' };
  if (first === 'measures' && second && route.path.length === 2) return { factory: measureView, nav: 'overview' };
  if (first === 'exceptions' && route.path.length === 1) return { factory: exceptionsView, nav: 'exceptions' };
  return undefined;
}

const main = document.getElementById('main') as HTMLElement;
const userArea = document.getElementById('user') as HTMLElement;
const liveArea = document.getElementById('live-status') as HTMLElement;
const nav = document.getElementById('nav') as HTMLElement;

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
);

function renderShell(claims: Claims | undefined, navKey: string): void {
  setHtml(userArea, claims
    ? html`<span class="who"><span class="name">${claims.name}</span> <span class="role">${ROLE_NAMES[claims.role]}${claims.role === 'owner' && claims.plans.length ? ` of ${claims.plans.join(', ')}` : ''}</span></span>
      <button type="button" class="link-button" data-action="signout">Sign out</button>`
    : html``);
  userArea.querySelector('[data-action="signout"]')?.addEventListener('click', () => {
    signOutReason = 'You have signed out.';
    signOut('You have signed out.');
  });
  nav.hidden = !claims;
  liveArea.hidden = !claims;
  nav.querySelectorAll<HTMLAnchorElement>('a[data-nav]').forEach((a) => {
    if (a.dataset.nav === navKey) a.setAttribute('aria-current', 'page');
    else a.removeAttribute('aria-current');
  });
}

async function route(): Promise<void> {
  const mine = ++generation;
  current?.destroy?.();
  current = undefined;
  const r = parseHash(location.hash);
  const claims = currentClaims();

  if (r.path[0] === 'signin' || !claims) {
    if (r.path[0] !== 'signin') {
      const next = location.hash && location.hash !== '#/' ? location.hash : '';
      location.replace(href(['signin'], { next }));
      return;
    }
    if (claims && !signOutReason) {
      location.replace(r.params.next?.startsWith('#/') ? r.params.next : '#/');
      return;
    }
    feed.stop();
    renderShell(undefined, '');
    document.title = 'Sign in · RAG Ledger';
    signInView(main, r, signOutReason, (next) => {
      signOutReason = '';
      location.hash = next.startsWith('#/') ? next : '#/';
    });
    focusHeading();
    return;
  }

  signOutReason = '';
  feed.start();
  const match = viewFor(r);
  renderShell(claims, match?.nav ?? '');
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
    const view = await match.factory({ root, route: r, claims, isCurrent: () => mine === generation });
    if (mine !== generation) {
      view.destroy?.();
      return;
    }
    current = view;
  } catch (error) {
    if (mine !== generation) return;
    const e = error as ApiError;
    if (e.status === 401) return; // signed out: the sign-in page follows
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
  const next = parseHash(location.hash).path[0] === 'signin' ? '' : location.hash;
  const target = href(['signin'], { next: next && next !== '#/' ? next : '' });
  if (location.hash === target) void route();
  else location.hash = target;
});

document.getElementById('skip-link')?.addEventListener('click', (event) => {
  event.preventDefault();
  main.focus();
});

window.addEventListener('hashchange', () => void route());
void route();
