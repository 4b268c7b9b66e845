import { ApiError, apiGet, apiSend } from '../api.js';
import { announce, setHtml } from '../dom.js';
import { formatInstant } from '../format.js';
import { html } from '../html.js';
import type { View, ViewContext } from './common.js';

/** One of GET /api/tokens: never the token itself, which is shown once when it is made. */
export interface PersonalToken {
  id: string;
  name: string;
  createdAt: string;
  lastUsedAt?: string | null;
  expiresAt?: string | null;
  revokedAt?: string | null;
}

const listOf = (body: unknown): PersonalToken[] =>
  Array.isArray(body) ? (body as PersonalToken[]) : ((body as { tokens?: PersonalToken[] } | undefined)?.tokens ?? []);

/**
 * "API tokens" (#/tokens), for everyone signed in: personal tokens for scripts and
 * integrations, which act as the person with the rights they hold at each request.
 * A new token is shown once; the list shows when each was last used; revoke ends one.
 */
export async function tokensView(ctx: ViewContext): Promise<View> {
  let tokens = listOf((await apiGet<unknown>('/api/tokens')).body);
  if (!ctx.isCurrent()) return {};

  setHtml(ctx.root, html`
    <div class="page-head">
      <h1 tabindex="-1">API tokens</h1>
      <p class="lead">A personal token lets a script or another system use the tracker's API as you, with the rights you hold at the time of each request. Send it as <code>Authorization: Bearer &lt;token&gt;</code>. Revoke a token you no longer use.</p>
    </div>
    <div id="token-notice" class="notice-area"></div>
    <section class="card" aria-labelledby="new-token-heading">
      <h2 id="new-token-heading">Create a token</h2>
      <form data-form="new-token" novalidate>
        <div class="error-summary" id="token-error" role="alert" tabindex="-1" hidden></div>
        <label for="token-name">Name</label>
        <p class="hint" id="token-name-hint">Say what will use it, for example "Monthly board pack script".</p>
        <input type="text" id="token-name" name="name" maxlength="100" required aria-describedby="token-name-hint">
        <label for="token-days">Expires after (days, optional)</label>
        <input type="number" id="token-days" name="expiresInDays" min="1" max="365" inputmode="numeric">
        <p><button type="submit">Create token</button></p>
      </form>
    </section>
    <section aria-labelledby="tokens-heading">
      <h2 id="tokens-heading">Your tokens</h2>
      <div id="token-list"></div>
    </section>`);

  const list = ctx.root.querySelector<HTMLElement>('#token-list')!;
  const notice = ctx.root.querySelector<HTMLElement>('#token-notice')!;
  const renderList = () => {
    setHtml(list, tokens.length === 0
      ? html`<p class="empty">You have no tokens.</p>`
      : html`<table class="tokens">
          <caption class="visually-hidden">Your personal API tokens</caption>
          <thead><tr><th scope="col">Name</th><th scope="col">Created</th><th scope="col">Last used</th><th scope="col">Expires</th><th scope="col"><span class="visually-hidden">Revoke</span></th></tr></thead>
          <tbody>${tokens.map((t) => html`<tr data-token-id="${t.id}">
            <th scope="row">${t.name}</th>
            <td>${formatInstant(t.createdAt)}</td>
            <td>${t.lastUsedAt ? formatInstant(t.lastUsedAt) : html`<span class="muted">never</span>`}</td>
            <td>${t.expiresAt ? formatInstant(t.expiresAt) : html`<span class="muted">no expiry</span>`}</td>
            <td><button type="button" class="secondary" data-revoke="${t.id}">Revoke<span class="visually-hidden"> ${t.name}</span></button></td>
          </tr>`)}</tbody>
        </table>`);
    list.querySelectorAll<HTMLButtonElement>('button[data-revoke]').forEach((button) => button.addEventListener('click', () => void revoke(button.dataset.revoke!)));
  };
  const reload = async () => {
    tokens = listOf((await apiGet<unknown>('/api/tokens')).body);
    if (ctx.isCurrent()) renderList();
  };
  const revoke = async (id: string) => {
    const token = tokens.find((t) => t.id === id);
    try {
      await apiSend('DELETE', `/api/tokens/${encodeURIComponent(id)}`);
      await reload();
      setHtml(notice, html`<div class="notice notice-success" role="status"><p>Token "${token?.name ?? id}" revoked: it no longer works.</p></div>`);
      ctx.root.querySelector<HTMLElement>('#tokens-heading')?.setAttribute('tabindex', '-1');
      ctx.root.querySelector<HTMLElement>('#tokens-heading')?.focus();
    } catch (error) {
      setHtml(notice, html`<div class="notice notice-error" role="alert"><p>The token was not revoked: ${(error as Error).message}</p></div>`);
    }
  };
  renderList();

  const form = ctx.root.querySelector<HTMLFormElement>('form[data-form="new-token"]')!;
  const error = ctx.root.querySelector<HTMLElement>('#token-error')!;
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    error.hidden = true;
    const name = (form.elements.namedItem('name') as HTMLInputElement).value.trim();
    const days = (form.elements.namedItem('expiresInDays') as HTMLInputElement).value.trim();
    if (!name) {
      error.hidden = false;
      setHtml(error, html`<p>Give the token a name.</p>`);
      error.focus();
      return;
    }
    try {
      const made = await apiSend<{ id: string; token: string }>('POST', '/api/tokens', { name, ...(days ? { expiresInDays: Number(days) } : {}) });
      form.reset();
      await reload();
      setHtml(notice, html`<div class="notice notice-success token-once" tabindex="-1" id="new-token">
        <h2>Your new token "${name}"</h2>
        <p>Copy it now: it is shown only once, and the tracker keeps no copy it could show again.</p>
        <p><label for="new-token-value">Token</label><input type="text" id="new-token-value" readonly value="${made.body.token}" class="token-value" spellcheck="false"></p>
      </div>`);
      ctx.root.querySelector<HTMLElement>('#new-token')?.focus();
      announce('Token created. It is shown once: copy it now.');
    } catch (e) {
      error.hidden = false;
      setHtml(error, html`<p>${(e as ApiError).message}</p>`);
      error.focus();
    }
  });
  return {};
}
