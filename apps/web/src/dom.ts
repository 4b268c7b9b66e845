import type { SafeHtml } from './html.js';

/** Replaces an element's content with trusted markup built by html``. */
export function setHtml(element: Element, markup: SafeHtml): void {
  element.innerHTML = markup.value;
  applyBars(element);
}

/** Stacked-bar segments carry their size in data-grow; styles are set here, never inline (CSP). */
export function applyBars(root: ParentNode): void {
  root.querySelectorAll<HTMLElement>('[data-grow]').forEach((el) => {
    el.style.flexGrow = el.dataset.grow ?? '0';
  });
}

export function byId<T extends HTMLElement = HTMLElement>(id: string, root: ParentNode = document): T {
  const element = root.querySelector<T>(`#${CSS.escape(id)}`);
  if (!element) throw new Error(`#${id} is missing`);
  return element;
}

/** Polite announcements for screen readers (live updates, saved changes). */
export function announce(text: string): void {
  const region = document.getElementById('announcer');
  if (!region) return;
  region.textContent = '';
  window.setTimeout(() => {
    region.textContent = text;
  }, 50);
}

/** Elements whose data-action-id is one of `ids`. */
export function rowsFor(root: ParentNode, ids: Set<string>): HTMLElement[] {
  return [...root.querySelectorAll<HTMLElement>('[data-action-id]')].filter((el) => ids.has(el.dataset.actionId ?? ''));
}

/** Highlights rows that just changed, for a few seconds. */
export function flash(elements: HTMLElement[]): void {
  for (const el of elements) {
    el.classList.remove('just-changed');
    void el.offsetWidth;
    el.classList.add('just-changed');
    window.setTimeout(() => el.classList.remove('just-changed'), 4000);
  }
}
