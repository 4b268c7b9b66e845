import { type ActionStatus, type Caller, COUNTED_STATUSES, type Counts, type LogStamp, type OwnerPerson, mayReadHistory, STATUS_LABELS, statusLetter } from '../contract.js';
import { formatDay, formatInstant, plural } from '../format.js';
import { html, type SafeHtml } from '../html.js';
import type { LiveBatch } from '../live.js';
import { ownerLabel, ownersOfRow } from '../people-text.js';
import { href, type Route } from '../router.js';
import type { Session } from '../session.js';
import { stampText } from '../stamp.js';
import { stepsProgressText } from '../steps-text.js';

export interface ViewContext {
  /** The element the view owns (inside <main>). */
  root: HTMLElement;
  route: Route;
  /** Who is signed in (GET /api/session). */
  session: Session;
  /** Their rights as the contract's rules read them (callerOfRights). */
  caller: Caller;
  /** False once the reader has moved to another page: stop writing. */
  isCurrent(): boolean;
}

export interface View {
  /** A batch the projections committed (live update), or a resync after (re)connecting. */
  onLive?(batch: LiveBatch): void;
  destroy?(): void;
}

/** A status chip: colour, letter and words, so it never relies on colour alone. */
export function chip(status: ActionStatus, options: { short?: boolean } = {}): SafeHtml {
  const label = STATUS_LABELS[status] ?? String(status);
  return html`<span class="chip chip-${status}" title="${statusLetter(status)}: ${label}"><span class="chip-letter">${statusLetter(status)}</span><span class="chip-label${options.short ? ' visually-hidden' : ''}">${label}</span></span>`;
}

/**
 * An action's owners: the initials as the plans print them, each with the person's name and
 * job title beside it when the directory knows them (initials that match nobody stay as printed).
 */
export function ownersCell(row: { owners: string[]; ownerPeople?: OwnerPerson[] }): SafeHtml {
  const owners = ownersOfRow(row);
  if (owners.length === 0) return html`<span class="muted">none</span>`;
  return html`<ul class="owners">${owners.map((o) => html`<li data-initials="${o.initials}"${o.personId ? html` data-person-id="${o.personId}"` : ''}><span class="initials">${o.initials}</span>${
    ownerLabel(o) ? html` <span class="owner-name">${ownerLabel(o)}</span>` : ''}</li>`)}</ul>`;
}

export function overdueMark(overdue: boolean): SafeHtml {
  return overdue ? html`<span class="overdue"><span aria-hidden="true">⚠ </span>Overdue</span>` : html`<span class="visually-hidden">Not overdue</span>`;
}

export const countsText = (counts: Counts): string => COUNTED_STATUSES.map((s) => `${s} ${STATUS_LABELS[s]}: ${counts[s] ?? 0}`).join(', ');

/** The stacked RAG bar; its text alternative lists every count. */
export function stackedBar(counts: Counts, total: number): SafeHtml {
  if (total === 0) return html`<div class="bar bar-empty" role="img" aria-label="No actions">No actions</div>`;
  return html`<div class="bar" role="img" aria-label="${`${plural(total, 'action')}: ${countsText(counts)}`}">${COUNTED_STATUSES.filter((s) => counts[s] > 0).map(
    (s) => html`<span class="bar-seg chip-${s}${counts[s] / total < 0.05 ? ' bar-seg-thin' : ''}" data-grow="${counts[s]}" title="${s}: ${STATUS_LABELS[s]}: ${counts[s]}"><span aria-hidden="true">${counts[s]}</span></span>`,
  )}</div>`;
}

/** The counts as a list of chips with numbers (the bar's legend, readable and printable). */
export function legend(counts: Counts): SafeHtml {
  return html`<ul class="legend">${COUNTED_STATUSES.map((s) => html`<li>${chip(s)} <span class="count">${counts[s] ?? 0}</span></li>`)}</ul>`;
}

export function crumbs(items: Array<[string, string | null]>): SafeHtml {
  return html`<nav class="crumbs" aria-label="Breadcrumb"><ol>${items.map(([label, link]) =>
    link ? html`<li><a href="${link}">${label}</a></li>` : html`<li aria-current="page">${label}</li>`,
  )}</ol></nav>`;
}

/**
 * The as-of date picker (board members, auditors, admins), or a plain word on why
 * owners have none. `asOf` is the date shown, if any.
 */
export function asOfControls(caller: Caller, route: Route, asOf: string | undefined, what = 'board'): SafeHtml {
  if (!mayReadHistory(caller)) {
    return html`<p class="note">Past ${what}s are for board members, auditors and admins; you see the ${what} as it is now.</p>`;
  }
  const { asOf: _drop, ...rest } = route.params;
  return html`<form class="asof" data-form="asof">
      <label for="asof-date">Show the ${what} as it stood on</label>
      <input type="date" id="asof-date" name="asOf" value="${asOf ?? ''}" required>
      <button type="submit">Show</button>
      ${asOf ? html`<a class="button secondary" href="${href(route.path, rest)}">Back to today</a>` : ''}
    </form>`;
}

/** Wires the as-of form: navigates to the same route with ?asOf=. */
export function wireAsOf(root: ParentNode, route: Route): void {
  const form = root.querySelector<HTMLFormElement>('form[data-form="asof"]');
  form?.addEventListener('submit', (event) => {
    event.preventDefault();
    const value = (form.elements.namedItem('asOf') as HTMLInputElement).value;
    if (!value) return;
    location.hash = href(route.path, { ...route.params, asOf: value });
  });
}

export function asOfBanner(asOf: string | undefined, what = 'board'): SafeHtml {
  if (!asOf) return html``;
  return html`<p class="asof-banner" role="note"><strong>A past ${what}:</strong> as it stood at the end of <time datetime="${asOf}">${formatDay(asOf)}</time>. Live updates are paused.</p>`;
}

export function errorBox(message: string): SafeHtml {
  return html`<div class="error-box" role="alert"><p>${message}</p></div>`;
}

/** "1.05" -> "version 1.05"; "Version 1.05" stays as printed. */
export const versionText = (version: string | null): string => (!version ? '' : /^v(ersion)?\b/i.test(version.trim()) ? version.trim() : `version ${version}`);

/**
 * The line printed at the top of a board pack page: what, when, and the stamp of the log
 * it was drawn from. Views that refresh live put it back with each answer (setPrintStamp).
 */
export function printStamp(what: string, stamp?: LogStamp | null): SafeHtml {
  return html`<p class="print-only print-stamp">${printLine(what, stamp)}</p>`;
}

/** Puts the print line back with the stamp of the answer now shown. */
export function setPrintStamp(root: HTMLElement, what: string, stamp: LogStamp | null | undefined): void {
  const line = root.querySelector('.print-stamp');
  if (line) line.textContent = printLine(what, stamp);
}

function printLine(what: string, stamp: LogStamp | null | undefined): string {
  const logStamp = stampText(stamp);
  return `${what} · printed ${formatInstant(new Date().toISOString())}${logStamp ? ` · ${logStamp}` : ''}`;
}

/**
 * Runs live refreshes one at a time: batches that arrive meanwhile are merged into
 * one more refresh, so an older answer never overwrites a newer one.
 */
export function liveRefresher(run: (batch: LiveBatch) => Promise<void>): (batch: LiveBatch) => void {
  let running = false;
  let pending: LiveBatch | undefined;
  const go = async (batch: LiveBatch): Promise<void> => {
    running = true;
    try {
      await run(batch);
    } catch {
      // A failed refresh is retried by the next batch; the page keeps what it shows.
    } finally {
      running = false;
      const next = pending;
      pending = undefined;
      if (next) void go(next);
    }
  };
  return (batch) => {
    if (!running) {
      void go(batch);
      return;
    }
    pending = pending
      ? { position: Math.max(pending.position, batch.position), events: [...pending.events, ...batch.events], resync: pending.resync || batch.resync }
      : batch;
  };
}

/** "3 of 5 steps done" beside an action's title (the plan board, My actions); nothing when it has no steps. */
export function stepsBadge(row: { stepsDone: number; stepsTotal: number }): SafeHtml {
  const text = stepsProgressText(row.stepsDone, row.stepsTotal);
  return text ? html` <span class="tag steps-count${row.stepsDone === row.stepsTotal ? ' steps-all-done' : ''}">${text}</span>` : html``;
}
