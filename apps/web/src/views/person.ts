import { type ApiError, apiGet, apiSend } from '../api.js';
import { holdsAnyRole, mayReadHistory, type PersonAnswer, PLAN_ADMINS, type PlanInfo, type Right, ROLE_NAMES, ROLES } from '../contract.js';
import { announce, setHtml } from '../dom.js';
import { formatDay, formatInstant } from '../format.js';
import { html } from '../html.js';
import { rightText } from '../people-text.js';
import { href } from '../router.js';
import { asOfBanner, crumbs, type View, type ViewContext } from './common.js';
import { formError } from './people.js';

/**
 * One person (#/people/:id): their details and the rights held (now, or as of a date).
 * Admins revise the details and grant and revoke rights, each with a reason, deactivate and
 * reactivate, and issue a set-up link (shown once: the tracker keeps only its hash).
 */
export async function personView(ctx: ViewContext): Promise<View> {
  const id = ctx.route.path[1];
  const asOf = mayReadHistory(ctx.caller) ? ctx.route.params.asOf || undefined : undefined;
  const path = `/api/people/${encodeURIComponent(id)}`;
  const load = async (minPosition?: number) => (await apiGet<PersonAnswer>(path, { asOf, minPosition })).body;
  let person = await load();
  const plans = await apiGet<PlanInfo[]>('/api/plans').then((r) => r.body, () => [] as PlanInfo[]);
  if (!ctx.isCurrent()) return {};
  const admin = holdsAnyRole(ctx.caller, PLAN_ADMINS) && !asOf;

  setHtml(ctx.root, html`
    <div class="page-head">
      ${crumbs([['People', href(['people'], { asOf })], [person.name, null]])}
      <h1 tabindex="-1" id="person-name"></h1>
      ${asOfBanner(asOf, 'record')}
    </div>
    <div id="person-notice" class="notice-area"></div>
    <div class="action-layout${admin ? ' has-forms' : ''}">
      <section class="card" id="person-details" aria-labelledby="person-details-heading"></section>
      ${admin ? html`<section class="card no-print" aria-labelledby="person-admin-heading">
        <h2 id="person-admin-heading">Change details, rights and access</h2>
        <form data-form="revise" class="action-form" novalidate>
          <fieldset><legend>Revise details</legend>
            <div class="error-summary" role="alert" tabindex="-1" hidden></div>
            <label for="revise-name">Full name</label>
            <input type="text" id="revise-name" name="name" required autocomplete="off">
            <label for="revise-initials">Initials as the plans print them</label>
            <p class="hint" id="revise-initials-hint">Unique in the directory.</p>
            <input type="text" id="revise-initials" name="initials" required autocomplete="off" aria-describedby="revise-initials-hint" class="short">
            <label for="revise-title">Job title</label>
            <input type="text" id="revise-title" name="jobTitle" autocomplete="off">
            <label for="revise-email">Email address (used to sign in)</label>
            <input type="email" id="revise-email" name="email" autocomplete="off" spellcheck="false">
            <label for="revise-reason">Reason <span class="required">(required)</span></label>
            <textarea id="revise-reason" name="reason" rows="2" required></textarea>
            <button type="submit">Save details</button>
          </fieldset>
        </form>
        <form data-form="grant" class="action-form" novalidate>
          <fieldset><legend>Grant a right</legend>
            <div class="error-summary" role="alert" tabindex="-1" hidden></div>
            <label for="grant-role">Role</label>
            <select id="grant-role" name="role" required>
              ${ROLES.map((role) => html`<option value="${role}">${ROLE_NAMES[role]}</option>`)}
            </select>
            <label for="grant-plan">Plan (for a plan owner)</label>
            <select id="grant-plan" name="planId">
              <option value="">No plan</option>
              ${plans.map((p) => html`<option value="${p.id}">${p.id}: ${p.title}</option>`)}
            </select>
            <label for="grant-urn">School URN (for a headteacher or chair of governors; for a board member, a school of their division)</label>
            <p class="hint" id="grant-urn-hint">Six digits, as the national schools list prints it.</p>
            <input type="text" id="grant-urn" name="urn" inputmode="numeric" pattern="[0-9]{6}" autocomplete="off" class="short" aria-describedby="grant-urn-hint">
            <label for="grant-reason">Reason <span class="required">(required)</span></label>
            <textarea id="grant-reason" name="reason" rows="2" required></textarea>
            <button type="submit">Grant</button>
          </fieldset>
        </form>
        <form data-form="access" class="action-form" novalidate>
          <fieldset><legend id="access-legend"></legend>
            <div class="error-summary" role="alert" tabindex="-1" hidden></div>
            <label for="access-reason">Reason <span class="required">(required)</span></label>
            <textarea id="access-reason" name="reason" rows="2" required></textarea>
            <button type="submit" id="access-button"></button>
          </fieldset>
        </form>
        <form data-form="invite" class="action-form" novalidate>
          <fieldset><legend>Sign-in link</legend>
            <div class="error-summary" role="alert" tabindex="-1" hidden></div>
            <p class="hint">A single-use link to set a password, valid for a few days. Send it to the person yourself: it is shown here once.</p>
            <fieldset class="choices"><legend>Purpose</legend>
              <label class="choice"><input type="radio" name="purpose" value="invitation" checked> Invitation (first sign-in)</label>
              <label class="choice"><input type="radio" name="purpose" value="reset"> Password reset</label>
            </fieldset>
            <button type="submit">Issue link</button>
          </fieldset>
        </form>
      </section>` : ''}
    </div>`);

  const notice = ctx.root.querySelector<HTMLElement>('#person-notice')!;
  const revise = ctx.root.querySelector<HTMLFormElement>('form[data-form="revise"]');
  const render = () => {
    setHtml(ctx.root.querySelector('#person-name')!, html`${person.name} <span class="muted">(${person.initials})</span>`);
    setHtml(ctx.root.querySelector('#person-details')!, html`
      <h2 id="person-details-heading">Details${asOf ? ` at the end of ${formatDay(asOf)}` : ''}</h2>
      <dl class="details">
        <dt>Initials</dt><dd>${person.initials}</dd>
        <dt>Job title</dt><dd>${person.jobTitle ?? html`<span class="muted">none given</span>`}</dd>
        <dt>Email</dt><dd>${person.email ?? html`<span class="muted">none given</span>`}</dd>
        <dt>Status</dt><dd id="person-status">${person.active ? 'Active' : 'Deactivated: cannot sign in'}</dd>
        <dt>Plans with their actions</dt><dd>${person.plans.actionsIn.join(', ') || html`<span class="muted">none</span>`}</dd>
      </dl>
      <h2>Rights${asOf ? ' held then' : ''}</h2>
      ${person.rights.length === 0 ? html`<p class="muted" id="rights-none">No rights${asOf ? ' on that date' : ''}.</p>` : html`<ul class="rights-list" id="rights">${person.rights.map((r) => html`<li data-role="${r.role}" data-plan="${r.planId ?? ''}" data-urn="${r.urn ?? ''}">
        <span>${rightText(r)}</span>
        ${admin ? html`<form data-form="revoke" class="inline revoke" novalidate data-role="${r.role}" data-plan="${r.planId ?? ''}" data-urn="${r.urn ?? ''}">
          <label for="revoke-${r.role}-${r.planId ?? r.urn ?? 'all'}">Reason to revoke <span class="visually-hidden">${rightText(r)}</span></label>
          <input type="text" id="revoke-${r.role}-${r.planId ?? r.urn ?? 'all'}" name="reason" required>
          <button type="submit" class="secondary">Revoke<span class="visually-hidden"> ${rightText(r)}</span></button>
        </form>` : ''}
      </li>`)}</ul>`}`);
    // The page names the person in its breadcrumb and tab title too: keep them in step after a revision.
    const crumb = ctx.root.querySelector('.crumbs li[aria-current="page"]');
    if (crumb) crumb.textContent = person.name;
    document.title = `${ctx.root.querySelector('h1')?.textContent?.trim() ?? person.name} · RAG Ledger`;
    if (revise) {
      field(revise, 'name').value = person.name;
      field(revise, 'initials').value = person.initials;
      field(revise, 'jobTitle').value = person.jobTitle ?? '';
      field(revise, 'email').value = person.email ?? '';
    }
    const legend = ctx.root.querySelector('#access-legend');
    const button = ctx.root.querySelector('#access-button');
    if (legend && button) {
      legend.textContent = person.active ? 'Deactivate (ends their sessions and tokens)' : 'Reactivate';
      button.textContent = person.active ? 'Deactivate' : 'Reactivate';
    }
    ctx.root.querySelectorAll<HTMLFormElement>('form[data-form="revoke"]').forEach((form) => form.addEventListener('submit', (event) => {
      event.preventDefault();
      const reason = (form.elements.namedItem('reason') as HTMLInputElement).value.trim();
      const right: Right = { role: form.dataset.role as Right['role'], ...(form.dataset.plan ? { planId: form.dataset.plan } : {}), ...(form.dataset.urn ? { urn: form.dataset.urn } : {}) };
      if (!reason) {
        notify('error', `Give the reason for revoking ${rightText(right)}.`);
        (form.elements.namedItem('reason') as HTMLInputElement).focus();
        return;
      }
      void change(`${path}/revocations`, { ...right, reason }, `Revoked: ${rightText(right)}. It takes effect on their next request.`).catch((e) => notify('error', (e as ApiError).message));
    }));
  };

  const notify = (kind: 'success' | 'error', message: string) => {
    setHtml(notice, kind === 'error'
      ? html`<div class="notice notice-error" role="alert"><p>${message}</p></div>`
      : html`<div class="notice notice-success" role="status"><p>${message}</p></div>`);
    if (kind === 'success') announce(message);
  };
  const change = async (url: string, body: Record<string, unknown>, done: string, method: 'POST' | 'PATCH' = 'POST') => {
    const result = await apiSend<{ position?: number }>(method, url, body);
    person = await load(result.body?.position);
    if (!ctx.isCurrent()) return;
    render();
    notify('success', done);
  };

  render();

  revise?.addEventListener('submit', (event) => {
    event.preventDefault();
    const typed = { name: field(revise, 'name').value.trim(), initials: field(revise, 'initials').value.trim(), jobTitle: field(revise, 'jobTitle').value.trim(), email: field(revise, 'email').value.trim() };
    const reason = field(revise, 'reason').value.trim();
    if (!typed.name || !typed.initials) return formError(revise, 'Give the full name and the initials.');
    // The directory keeps a job title or email once given (an empty one is not a change it records).
    if (!typed.jobTitle && person.jobTitle) return formError(revise, 'Give the job title: it can be changed here but not removed.');
    if (!typed.email && person.email) return formError(revise, 'Give the email address: it can be changed here but not removed. To stop them signing in, deactivate them instead.');
    // Only what differs is sent, so the event records what changed.
    const current = { name: person.name, initials: person.initials, jobTitle: person.jobTitle ?? '', email: person.email ?? '' };
    const changes = Object.fromEntries(Object.entries(typed).filter(([key, value]) => value !== current[key as keyof typeof current]));
    if (Object.keys(changes).length === 0) return formError(revise, 'Nothing is different from the details shown: change a detail first.');
    if (!reason) return formError(revise, 'Give the reason for the change: it is kept on the record.');
    void change(path, { ...changes, reason }, `Details of ${typed.name} saved.`, 'PATCH').then(() => {
      field(revise, 'reason').value = '';
      const box = revise.querySelector<HTMLElement>('.error-summary')!;
      box.hidden = true;
    }, (e) => formError(revise, (e as ApiError).message));
  });

  const grant = ctx.root.querySelector<HTMLFormElement>('form[data-form="grant"]');
  grant?.addEventListener('submit', (event) => {
    event.preventDefault();
    const role = (grant.elements.namedItem('role') as HTMLSelectElement).value as Right['role'];
    const planId = (grant.elements.namedItem('planId') as HTMLSelectElement).value;
    const urn = (grant.elements.namedItem('urn') as HTMLInputElement).value.trim();
    const reason = (grant.elements.namedItem('reason') as HTMLTextAreaElement).value.trim();
    if (role === 'owner' && !planId) return formError(grant, 'Choose the plan they will own.');
    if (role === 'school' && !urn) return formError(grant, 'Give the URN of their school: a headteacher or chair of governors sees only their own school.');
    if (urn && role !== 'school' && role !== 'board') return formError(grant, `The ${ROLE_NAMES[role]} role is not held for one school: leave the URN empty.`);
    if (urn && !/^\d{6}$/.test(urn)) return formError(grant, 'A URN is six digits, as the national schools list prints it (such as 121212).');
    if (!reason) return formError(grant, 'Give the reason for granting it: it is kept on the record.');
    const right: Right = { role, ...(role === 'owner' ? { planId } : {}), ...(urn && (role === 'school' || role === 'board') ? { urn } : {}) };
    void change(`${path}/grants`, { ...right, reason }, `Granted: ${rightText(right)}.`).then(() => grant.reset(), (e) => formError(grant, (e as ApiError).message));
  });

  const access = ctx.root.querySelector<HTMLFormElement>('form[data-form="access"]');
  access?.addEventListener('submit', (event) => {
    event.preventDefault();
    const reason = (access.elements.namedItem('reason') as HTMLTextAreaElement).value.trim();
    if (!reason) return formError(access, 'Give the reason: it is kept on the record.');
    const deactivate = person.active;
    void change(`${path}/${deactivate ? 'deactivation' : 'reactivation'}`, { reason }, deactivate ? `${person.name} is deactivated: their sessions and tokens no longer work.` : `${person.name} is active again.`)
      .then(() => access.reset(), (e) => formError(access, (e as ApiError).message));
  });

  const invite = ctx.root.querySelector<HTMLFormElement>('form[data-form="invite"]');
  invite?.addEventListener('submit', async (event) => {
    event.preventDefault();
    const purpose = (invite.elements.namedItem('purpose') as RadioNodeList).value || 'invitation';
    try {
      const answer = await apiSend<{ link: string; expiresAt: string }>('POST', `${path}/invitations`, { purpose });
      setHtml(notice, html`<div class="notice notice-success token-once" tabindex="-1" id="invitation-link">
        <h2>Link for ${person.name}</h2>
        <p>Send this link to ${person.name} yourself. It is shown only once, works once, and expires on ${formatInstant(answer.body.expiresAt)}.</p>
        <p><label for="invitation-link-value">Link</label><input type="text" id="invitation-link-value" readonly value="${answer.body.link}" class="token-value" spellcheck="false"></p>
      </div>`);
      ctx.root.querySelector<HTMLElement>('#invitation-link')?.focus();
      announce('Link issued. It is shown once: copy it now.');
      person = await load();
      if (ctx.isCurrent()) render();
    } catch (e) {
      formError(invite, (e as ApiError).message);
    }
  });

  return {};
}

/** A named text field of a form. */
function field(form: HTMLFormElement, name: string): HTMLInputElement | HTMLTextAreaElement {
  return form.elements.namedItem(name) as HTMLInputElement | HTMLTextAreaElement;
}
