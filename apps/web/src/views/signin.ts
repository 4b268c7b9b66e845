import { apiGet } from '../api.js';
import { decodeClaims, isExpired } from '../claims.js';
import { setHtml } from '../dom.js';
import { html } from '../html.js';
import type { Route } from '../router.js';
import { signIn, signOut } from '../session.js';

/** Paste a token (npm run --silent token -- ...); it is kept for this browser tab only. */
export function signInView(root: HTMLElement, route: Route, reason: string, onSignedIn: (next: string) => void): void {
  setHtml(root, html`
    <div class="signin card">
      <h1 tabindex="-1">Sign in</h1>
      ${reason ? html`<div class="notice notice-error" role="alert"><p>${reason}</p></div>` : ''}
      <p>Paste the token you were given. It is kept in this browser tab only, and forgotten when you close it or sign out.</p>
      <form data-form="signin" novalidate>
        <label for="token">Token</label>
        <textarea id="token" name="token" rows="5" spellcheck="false" autocomplete="off" required aria-describedby="token-hint"></textarea>
        <p class="hint" id="token-hint">An administrator prints one with <code>npm run --silent token -- --user ab --name "Andrea Brown" --role owner --plans SIP</code>.</p>
        <p class="form-error" role="alert" id="signin-error"></p>
        <button type="submit">Sign in</button>
      </form>
    </div>`);
  const form = root.querySelector<HTMLFormElement>('form[data-form="signin"]')!;
  const error = root.querySelector<HTMLElement>('#signin-error')!;
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    error.textContent = '';
    const token = (form.elements.namedItem('token') as HTMLTextAreaElement).value.trim();
    const claims = decodeClaims(token);
    if (!claims) {
      error.textContent = 'That is not a RAG Ledger token: paste the whole line the token command printed.';
      return;
    }
    if (isExpired(claims, Date.now())) {
      error.textContent = 'That token has expired: ask for a new one.';
      return;
    }
    const button = form.querySelector('button')!;
    button.disabled = true;
    signIn(token);
    try {
      await apiGet('/api/plans'); // the server checks the signature
      onSignedIn(route.params.next || '#/');
    } catch (e) {
      signOut();
      error.textContent = `The tracker refused that token: ${(e as Error).message}`;
    } finally {
      button.disabled = false;
    }
  });
}
