import { setHtml } from '../dom.js';
import { html } from '../html.js';
import { href } from '../router.js';

/** What the accept route's refusals mean to the person holding the link. */
function refusal(status: number, message: string): string {
  if (status === 410 || status === 404) return `This link cannot be used: ${message} Ask an administrator for a new one.`;
  return message;
}

/**
 * The page an invitation or reset link opens (#/invitations/<token>): choose a password
 * (the server's policy decides; its message is shown), then sign in. The token is in the
 * address's fragment, which the browser never sends to a server, and is dropped from the
 * address as soon as it has been used.
 */
export function invitationView(root: HTMLElement, token: string): void {
  setHtml(root, html`
    <div class="signin card">
      <h1 tabindex="-1">Set your password</h1>
      <p>Choose the password you will sign in with. Use at least 12 characters: a few unrelated words are easy to remember and hard to guess. Common passwords, and your name or email, are refused.</p>
      <form data-form="invitation" novalidate>
        <div class="error-summary" id="invitation-error" role="alert" tabindex="-1" hidden></div>
        <label for="new-password">New password</label>
        <input type="password" id="new-password" name="password" autocomplete="new-password" required minlength="12" aria-describedby="new-password-hint">
        <p class="hint" id="new-password-hint">At least 12 characters.</p>
        <label for="confirm-password">Type the password again</label>
        <input type="password" id="confirm-password" name="confirm" autocomplete="new-password" required>
        <button type="submit">Set password</button>
      </form>
    </div>`);
  const form = root.querySelector<HTMLFormElement>('form[data-form="invitation"]')!;
  const error = root.querySelector<HTMLElement>('#invitation-error')!;
  const password = form.elements.namedItem('password') as HTMLInputElement;
  const confirm = form.elements.namedItem('confirm') as HTMLInputElement;

  const showError = (message: string, field: HTMLInputElement) => {
    error.hidden = false;
    setHtml(error, html`<h2>There is a problem</h2><p>${message}</p>`);
    for (const input of [password, confirm]) {
      if (input === field) input.setAttribute('aria-invalid', 'true');
      else input.removeAttribute('aria-invalid');
    }
    field.setAttribute('aria-describedby', field === password ? 'invitation-error new-password-hint' : 'invitation-error');
    error.focus();
  };

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (!password.value) return showError('Enter a password.', password);
    if (password.value !== confirm.value) return showError('The two passwords are not the same: type them again.', confirm);
    const button = form.querySelector('button')!;
    button.disabled = true;
    try {
      const response = await fetch(`/api/invitations/${encodeURIComponent(token)}/accept`, {
        method: 'POST',
        headers: { Accept: 'application/json', 'Content-Type': 'application/json' },
        body: JSON.stringify({ password: password.value }),
        cache: 'no-store',
      });
      if (!response.ok) {
        const body = (await response.json().catch(() => ({}))) as { message?: unknown };
        const message = Array.isArray(body.message) ? body.message.join('; ') : typeof body.message === 'string' ? body.message : `The tracker answered ${response.status}.`;
        showError(refusal(response.status, message), password);
        return;
      }
      // Used: the link is single use, so it leaves the address (and the history) at once.
      location.replace(href(['sign-in'], { done: 'password-set' }));
    } catch {
      showError('The tracker could not be reached. Check your connection and try again.', password);
    } finally {
      if (form.isConnected) button.disabled = false;
    }
  });
}
