/** The meetings pages' forms: read the fields, send the command, say what the server answered. */
import { type ApiError, apiPost } from './api.js';
import { announce } from './dom.js';

/** The fields of a form as text, trimmed; empty ones left out. */
export function fieldsOf(form: HTMLFormElement): Record<string, string> {
  const fields: Record<string, string> = {};
  new FormData(form).forEach((value, key) => {
    const text = String(value).trim();
    if (text) fields[key] = text;
  });
  return fields;
}

/**
 * Wires every `form[data-command]` under root: on submit, POST its fields to the path
 * `data-command` names; on success `done()` (the page draws itself again); a refusal is shown
 * beside the form in the server's words, and nothing is lost of what was typed.
 */
export function wireCommandForms(root: ParentNode, done: (what: string) => Promise<void>): void {
  root.querySelectorAll<HTMLFormElement>('form[data-command]').forEach((form) =>
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      void send(form, done);
    }),
  );
}

async function send(form: HTMLFormElement, done: (what: string) => Promise<void>): Promise<void> {
  const errorArea = form.querySelector<HTMLElement>('.form-error');
  const button = form.querySelector<HTMLButtonElement>('button[type="submit"]');
  if (errorArea) errorArea.textContent = '';
  if (button) button.disabled = true;
  form.setAttribute('aria-busy', 'true');
  try {
    await apiPost(form.dataset.command as string, fieldsOf(form));
    const what = form.dataset.saved ?? 'Saved';
    announce(`${what}.`);
    await done(what);
  } catch (error) {
    const e = error as ApiError;
    if (e.status === 401) return;
    if (errorArea) errorArea.textContent = e.status === 403 ? `Not allowed: ${e.message} Nothing was saved.` : e.message || 'The change could not be saved.';
  } finally {
    if (form.isConnected) {
      if (button) button.disabled = false;
      form.removeAttribute('aria-busy');
    }
  }
}
