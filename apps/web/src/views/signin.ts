import { setHtml } from '../dom.js';
import { html } from '../html.js';
import type { Route } from '../router.js';
import { type Session, SignInRefused, signInWithPassword } from '../session.js';

/** GET /api/auth/methods: whether single sign-on is offered, and how the button reads. */
export interface SignInMethods {
  password: boolean;
  sso: { label: string; loginUrl: string } | null;
}

async function methods(): Promise<SignInMethods> {
  try {
    const response = await fetch('/api/auth/methods', { headers: { Accept: 'application/json' }, cache: 'no-store' });
    if (response.ok) return (await response.json()) as SignInMethods;
  } catch {
    // unreachable: the form still shows, and says so when it is sent
  }
  return { password: true, sso: null };
}

/**
 * Sign in with an email and password (the session cookie is set by the server), or with the
 * council's single sign-on when it is configured. `reason` says why the person is here again
 * (signed out, session ended); `?error=` is what single sign-on sent back.
 */
export async function signInView(root: HTMLElement, route: Route, reason: string, onSignedIn: (session: Session) => void): Promise<void> {
  const how = await methods();
  const ssoError = route.params.error;
  const notice = ssoError || reason;
  setHtml(root, html`
    <div class="signin card">
      <h1 tabindex="-1">Sign in</h1>
      ${notice ? html`<div class="notice ${ssoError ? 'notice-error' : 'notice-info'}" role="alert" id="signin-notice"><p>${notice}</p></div>` : ''}
      ${how.sso ? html`
        <p><a class="button sso" href="${how.sso.loginUrl}" id="sso-button">${how.sso.label}</a></p>
        <p class="or">Or sign in with the email and password of your account here:</p>` : html`<p>Sign in with the email and password of your account. An administrator sends you a link to set your password.</p>`}
      <form data-form="signin" novalidate>
        <div class="error-summary" id="signin-error" role="alert" tabindex="-1" hidden></div>
        <label for="email">Email address</label>
        <input type="email" id="email" name="email" autocomplete="username" spellcheck="false" required>
        <label for="password">Password</label>
        <input type="password" id="password" name="password" autocomplete="current-password" required>
        <button type="submit">Sign in</button>
      </form>
      <p class="hint">Forgotten your password, or not got an account? Ask an administrator for a new set-up link.</p>
    </div>`);
  const form = root.querySelector<HTMLFormElement>('form[data-form="signin"]')!;
  const error = root.querySelector<HTMLElement>('#signin-error')!;
  const email = form.elements.namedItem('email') as HTMLInputElement;
  const password = form.elements.namedItem('password') as HTMLInputElement;

  const showError = (message: string, field?: HTMLInputElement) => {
    error.hidden = false;
    setHtml(error, html`<h2>There is a problem</h2><p>${field ? html`<a href="#${field.id}" data-field="${field.id}">${message}</a>` : message}</p>`);
    for (const input of [email, password]) {
      if (input === field || !field) input.setAttribute('aria-invalid', 'true');
      else input.removeAttribute('aria-invalid');
      input.setAttribute('aria-describedby', 'signin-error');
    }
    error.querySelector<HTMLAnchorElement>('a[data-field]')?.addEventListener('click', (event) => {
      event.preventDefault();
      field?.focus();
    });
    error.focus();
  };

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (!email.value.trim()) return showError('Enter your email address.', email);
    if (!/^[^\s@]+@[^\s@]+$/.test(email.value.trim())) return showError('Enter an email address like name@council.gov.uk.', email);
    if (!password.value) return showError('Enter your password.', password);
    const button = form.querySelector('button')!;
    button.disabled = true;
    form.setAttribute('aria-busy', 'true');
    try {
      const session = await signInWithPassword(email.value.trim(), password.value);
      onSignedIn(session);
    } catch (e) {
      password.value = '';
      showError(e instanceof SignInRefused ? e.message : 'Signing in failed. Try again.');
    } finally {
      if (form.isConnected) {
        button.disabled = false;
        form.removeAttribute('aria-busy');
      }
    }
  });
}
