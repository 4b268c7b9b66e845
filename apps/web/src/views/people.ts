import { type ApiError, apiGet, apiSend } from '../api.js';
import { mayReadHistory, type PeopleView, type PersonView, type UnmatchedOwner } from '../contract.js';
import { announce, setHtml } from '../dom.js';
import { formatDay, plural } from '../format.js';
import { html, type SafeHtml } from '../html.js';
import { rightsText } from '../people-text.js';
import { href } from '../router.js';
import { asOfBanner, asOfControls, crumbs, type View, type ViewContext, wireAsOf } from './common.js';

const isAdmin = (ctx: ViewContext) => ctx.caller.roles.includes('admin');

const signInText = (p: PersonView): string =>
  p.signIn === 'set-up' ? 'Password set' : p.signIn === 'invited' ? 'Invited, not yet set up' : 'Not invited';

/**
 * People (#/people), for admins and auditors: the directory with the rights each person
 * holds, now or as of a date (auditors: who held which rights then). Admins also add
 * people and import them from CSV or a plan's glossary.
 */
export async function peopleView(ctx: ViewContext): Promise<View> {
  const asOf = mayReadHistory(ctx.caller) ? ctx.route.params.asOf || undefined : undefined;
  const load = async (minPosition?: number) => (await apiGet<PeopleView>('/api/people', { asOf, minPosition })).body;
  let data = await load();
  if (!ctx.isCurrent()) return {};
  const admin = isAdmin(ctx) && !asOf;

  setHtml(ctx.root, html`
    <div class="page-head">
      <h1 tabindex="-1">People${asOf ? html` <span class="muted">on ${formatDay(asOf)}</span>` : ''}</h1>
      <p class="lead">Everyone in the directory, with the initials the plans print and the rights they hold${asOf ? ' at the end of that day' : ''}. Plan owners are linked to their actions by their initials.</p>
      ${asOfBanner(asOf, 'directory')}
    </div>
    <div class="toolbar no-print">
      ${asOfControls(ctx.caller, ctx.route, asOf, 'directory')}
      ${isAdmin(ctx) ? html`<p class="links"><a href="${href(['people', 'unmatched'])}">Owners not in the directory</a></p>` : ''}
    </div>
    <div id="people-notice" class="notice-area"></div>
    <div id="people-list"></div>
    ${admin ? html`<div class="admin-forms">
      <section class="card" aria-labelledby="add-heading">
        <h2 id="add-heading">Add a person</h2>
        <form data-form="add-person" novalidate>
          <div class="error-summary" role="alert" tabindex="-1" hidden></div>
          <label for="person-name">Full name</label>
          <input type="text" id="person-name" name="name" required autocomplete="off">
          <label for="person-initials">Initials as the plans print them</label>
          <p class="hint" id="person-initials-hint">For example CS, or CS/MJE's MJE. Unique in the directory.</p>
          <input type="text" id="person-initials" name="initials" required autocomplete="off" aria-describedby="person-initials-hint" class="short">
          <label for="person-title">Job title (optional)</label>
          <input type="text" id="person-title" name="jobTitle" autocomplete="off">
          <label for="person-email">Email address (optional; needed to sign in)</label>
          <input type="email" id="person-email" name="email" autocomplete="off" spellcheck="false">
          <p><button type="submit">Add person</button></p>
        </form>
      </section>
      <section class="card" aria-labelledby="import-heading">
        <h2 id="import-heading">Import people</h2>
        <form data-form="import-people" novalidate>
          <div class="error-summary" role="alert" tabindex="-1" hidden></div>
          <fieldset class="choices"><legend>What you paste</legend>
            <label class="choice"><input type="radio" name="format" value="text/csv" checked> CSV: <code>initials, name, job_title, email</code> with a header row</label>
            <label class="choice"><input type="radio" name="format" value="text/plain"> A plan's glossary, one person a line: <code>CS Chris Snudden Head of Education Achievement Service</code></label>
          </fieldset>
          <label for="import-text">People to import</label>
          <textarea id="import-text" name="text" rows="6" spellcheck="false" required></textarea>
          <p><button type="submit">Import</button></p>
        </form>
      </section>
    </div>` : ''}`);
  wireAsOf(ctx.root, ctx.route);

  const notice = ctx.root.querySelector<HTMLElement>('#people-notice')!;
  const renderList = () => setHtml(ctx.root.querySelector('#people-list')!, peopleTable(data.people, asOf));
  renderList();
  const refresh = async (minPosition?: number) => {
    data = await load(minPosition);
    if (ctx.isCurrent()) renderList();
  };

  const addForm = ctx.root.querySelector<HTMLFormElement>('form[data-form="add-person"]');
  addForm?.addEventListener('submit', async (event) => {
    event.preventDefault();
    const value = (name: string) => (addForm.elements.namedItem(name) as HTMLInputElement).value.trim();
    const body = { name: value('name'), initials: value('initials'), ...(value('jobTitle') ? { jobTitle: value('jobTitle') } : {}), ...(value('email') ? { email: value('email') } : {}) };
    if (!body.name || !body.initials) return formError(addForm, 'Give the full name and the initials.');
    try {
      const made = await apiSend<{ id: string; position?: number }>('POST', '/api/people', body);
      addForm.reset();
      await refresh(made.body.position);
      say(notice, html`Added ${body.name} (${body.initials}). <a href="${href(['people', made.body.id])}">Grant rights or send an invitation</a>.`);
    } catch (e) {
      formError(addForm, (e as ApiError).message);
    }
  });

  const importForm = ctx.root.querySelector<HTMLFormElement>('form[data-form="import-people"]');
  importForm?.addEventListener('submit', async (event) => {
    event.preventDefault();
    const text = (importForm.elements.namedItem('text') as HTMLTextAreaElement).value;
    const format = (importForm.elements.namedItem('format') as RadioNodeList).value || 'text/csv';
    if (!text.trim()) return formError(importForm, 'Paste the people to import first.');
    try {
      const report = await apiSend<{ added: number | unknown[]; revised: number | unknown[]; unchanged: number | unknown[]; position?: number }>('POST', '/api/people/import', text, format);
      const count = (v: number | unknown[]) => (Array.isArray(v) ? v.length : v);
      importForm.reset();
      await refresh(report.body.position);
      say(notice, html`Imported: ${count(report.body.added)} added, ${count(report.body.revised)} revised, ${count(report.body.unchanged)} unchanged.`);
    } catch (e) {
      const err = e as ApiError;
      const rows = problemsOf(err.body);
      formError(importForm, err.message, rows);
    }
  });

  return {};
}

/** The rows an import refused, when the API lists them. */
function problemsOf(body: Record<string, unknown> | undefined): string[] {
  const list = body?.problems ?? body?.errors ?? body?.rows;
  if (!Array.isArray(list)) return [];
  return list.map((p) => (typeof p === 'string' ? p : typeof p === 'object' && p ? Object.values(p as Record<string, unknown>).join(': ') : String(p)));
}

function say(area: HTMLElement, message: SafeHtml): void {
  setHtml(area, html`<div class="notice notice-success" role="status"><p>${message}</p></div>`);
  announce(area.textContent ?? '');
}

/** An error at the top of a form, focused so it is read out, naming what to put right. */
export function formError(form: HTMLFormElement, message: string, details: string[] = []): void {
  const box = form.querySelector<HTMLElement>('.error-summary')!;
  box.hidden = false;
  setHtml(box, html`<h2>There is a problem</h2><p>${message}</p>${details.length ? html`<ul>${details.map((d) => html`<li>${d}</li>`)}</ul>` : ''}`);
  box.focus();
}

function peopleTable(people: PersonView[], asOf: string | undefined): SafeHtml {
  if (people.length === 0) return html`<p class="empty">Nobody is in the directory${asOf ? ' on that date' : ' yet'}.</p>`;
  return html`<p class="filter-status">${plural(people.length, 'person', 'people')}${asOf ? ` at the end of ${formatDay(asOf)}` : ''}.</p>
    <table class="people">
      <caption class="visually-hidden">People with their initials, job title, rights${asOf ? ' held on that date' : ''} and whether they can sign in</caption>
      <thead><tr><th scope="col">Name</th><th scope="col">Initials</th><th scope="col">Job title</th><th scope="col">Rights</th><th scope="col">Plans with their actions</th><th scope="col">Sign-in</th></tr></thead>
      <tbody>${people.map((p) => html`<tr data-person-id="${p.id}" class="${p.active ? '' : 'inactive'}">
        <th scope="row"><a href="${href(['people', p.id], { asOf })}">${p.name}</a>${p.active ? '' : html` <span class="tag">deactivated</span>`}</th>
        <td>${p.initials}</td>
        <td>${p.jobTitle ?? ''}</td>
        <td class="rights">${p.rights.length ? rightsText(p.rights) : html`<span class="muted">none</span>`}</td>
        <td>${p.plans.actionsIn.join(', ')}</td>
        <td>${signInText(p)}</td>
      </tr>`)}</tbody>
    </table>`;
}

/** "Owners not in the directory" (#/people/unmatched), for admins: printed initials that match nobody, kept as printed. */
export async function unmatchedOwnersView(ctx: ViewContext): Promise<View> {
  const body = (await apiGet<unknown>('/api/people/unmatched-owners')).body;
  const owners: UnmatchedOwner[] = Array.isArray(body) ? (body as UnmatchedOwner[]) : ((body as { owners?: UnmatchedOwner[] }).owners ?? []);
  if (!ctx.isCurrent()) return {};
  setHtml(ctx.root, html`
    <div class="page-head">
      ${crumbs([['People', href(['people'])], ['Owners not in the directory', null]])}
      <h1 tabindex="-1">Owners not in the directory</h1>
      <p class="lead">The owners the plans print that match nobody's initials in the directory. They are kept as printed; add the person (or correct their initials) to link them.</p>
    </div>
    ${owners.length === 0
      ? html`<p class="empty">Every owner the plans print is in the directory.</p>`
      : html`<table class="unmatched">
          <caption class="visually-hidden">Printed owners that match nobody, with the number of actions and their plans</caption>
          <thead><tr><th scope="col">Owner as printed</th><th scope="col" class="num">Actions</th><th scope="col">Plans</th></tr></thead>
          <tbody>${owners.map((o) => html`<tr data-owner="${o.owner}"><th scope="row">${o.owner}</th><td class="num">${o.actions}</td><td>${o.plans.map((planId, i) => html`${i ? ', ' : ''}<a href="${href(['plans', planId], { owner: o.owner })}">${planId}</a>`)}</td></tr>`)}</tbody>
        </table>`}`);
  return {};
}
