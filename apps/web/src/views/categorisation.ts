import { type ApiError, apiGet } from '../api.js';
import { type CategorisationTable, type CategoryMovements, type CategorySchemeView, SCHOOL_PHASE_LABELS, type SchoolPhase } from '../contract.js';
import { setHtml } from '../dom.js';
import { formatDay } from '../format.js';
import { html, type SafeHtml } from '../html.js';
import { href } from '../router.js';
import { categorisationLayout, categorisationLine, touchesRegister } from '../schools-text.js';
import { errorBox, liveRefresher, type View, type ViewContext } from './common.js';
import { loadSchemes, schoolsTabs } from './schools.js';

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const day = (value: string | undefined): string => (value && DAY.test(value) ? value : '');

/**
 * The categorisation table (#/schools/categorisation) as the strategy prints it ("September
 * 2013: A4 62, B3 64, ..." per phase), for a scheme and as at a day; and the movements between
 * categories between two days, worst first. School names only where the answer carries them:
 * board members see counts, and the schools their rights name.
 */
export async function categorisationView(ctx: ViewContext): Promise<View> {
  const schemes = (await loadSchemes()).filter((s) => s.kind === 'category');
  if (!ctx.isCurrent()) return {};
  const params = ctx.route.params;
  const schemeId = schemes.some((s) => s.id === params.scheme) ? params.scheme : (schemes[0]?.id ?? '');
  const scheme = schemes.find((s) => s.id === schemeId);
  const asOf = day(params.asOf);
  const from = day(params.from);
  const to = day(params.to);

  setHtml(ctx.root, html`
    <div class="page-head">
      <h1 tabindex="-1">Categorisation table</h1>
      ${schoolsTabs('categorisation', ctx.caller)}
      <p class="meta">How many schools hold each category of the council’s scheme, by phase, worst first. Which school holds which category is communicated in confidence: names show only to those allowed to see them.</p>
    </div>
    <form class="filters no-print" data-form="categorisation">
      <div class="field"><label for="c-scheme">Scheme</label>
        <select id="c-scheme" name="scheme">${schemes.map((s) => html`<option value="${s.id}"${s.id === schemeId ? html` selected` : ''}>${s.name}</option>`)}</select></div>
      <div class="field"><label for="c-asof">As at the end of</label><input type="date" id="c-asof" name="asOf" value="${asOf}"></div>
      <div class="field"><label for="c-from">Movements from</label><input type="date" id="c-from" name="from" value="${from}"></div>
      <div class="field"><label for="c-to">to</label><input type="date" id="c-to" name="to" value="${to}"></div>
      <div class="field"><button type="submit">Show</button></div>
    </form>
    <section aria-labelledby="table-heading" class="card">
      <h2 id="table-heading">Schools by category</h2>
      <div id="categorisation-body"></div>
    </section>
    <section aria-labelledby="movements-heading" class="card">
      <h2 id="movements-heading">Movements between categories</h2>
      <div id="movements-body"></div>
    </section>`);

  ctx.root.querySelector<HTMLFormElement>('form[data-form="categorisation"]')?.addEventListener('submit', (event) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget as HTMLFormElement);
    const value = (name: string) => String(data.get(name) ?? '');
    location.hash = href(['schools', 'categorisation'], { scheme: value('scheme'), asOf: value('asOf'), from: value('from'), to: value('to') });
  });

  const draw = async (minPosition?: number) => {
    const tableArea = ctx.root.querySelector<HTMLElement>('#categorisation-body')!;
    const movesArea = ctx.root.querySelector<HTMLElement>('#movements-body')!;
    if (!scheme) {
      setHtml(tableArea, html`<p class="muted">No category scheme is defined yet: an administrator adds the council’s (or one of the examples).</p>`);
      setHtml(movesArea, html``);
      return;
    }
    const [table, moves] = await Promise.all([
      apiGet<CategorisationTable>('/api/schools/categorisation', { scheme: schemeId, asOf: asOf || undefined, minPosition }).then((r) => r.body, (e: ApiError) => e),
      from && to ? apiGet<CategoryMovements>('/api/schools/movements', { scheme: schemeId, from, to, minPosition }).then((r) => r.body, (e: ApiError) => e) : Promise.resolve(undefined),
    ]);
    if (!ctx.isCurrent()) return;
    setHtml(tableArea, table instanceof Error ? errorBox(`The table could not be read: ${table.message}`) : tableMarkup(table, scheme));
    setHtml(movesArea, moves === undefined
      ? html`<p class="muted">Choose the two days (from and to) to see which categories schools moved between.</p>`
      : moves instanceof Error ? errorBox(`The movements could not be read: ${moves.message}`) : movesMarkup(moves, scheme));
  };
  await draw();

  return {
    onLive: asOf ? undefined : liveRefresher(async (batch) => {
      if (!batch.resync && !touchesRegister(batch.events)) return;
      await draw(batch.position);
    }),
  };
}

function tableMarkup(table: CategorisationTable, scheme: CategorySchemeView): SafeHtml {
  const layout = categorisationLayout(table, scheme);
  const when = formatDay(table.asOf);
  const named = layout.rows.filter((r) => r.schools && r.schools.length > 0);
  return html`<p class="print-line" id="categorisation-line">${categorisationLine(when, layout.codes, layout.totals)}</p>
    <table class="board categorisation" id="categorisation">
      <caption>${scheme.name}: schools by category at the end of ${when}</caption>
      <thead><tr><th scope="col">Phase</th>${layout.codes.map((c) => html`<th scope="col" title="${c.label}">${c.code}<span class="visually-hidden"> ${c.label}</span></th>`)}<th scope="col">Not categorised</th><th scope="col">Total</th></tr></thead>
      <tbody>${layout.rows.map((r) => html`<tr data-phase="${r.phase}"><th scope="row">${r.label}</th>${r.counts.map((n, i) => html`<td data-code="${layout.codes[i].code}">${n}</td>`)}<td class="uncategorised">${r.uncategorised}</td><td class="total">${r.total}</td></tr>`)}</tbody>
      <tfoot><tr><th scope="row">All phases</th>${layout.totals.map((n) => html`<td>${n}</td>`)}<td class="uncategorised">${layout.uncategorised}</td><td class="total">${layout.total}</td></tr></tfoot>
    </table>
    ${named.length === 0 ? html`<p class="muted" id="categorisation-no-names">No school names are shown${table.phases.some((p) => p.schools) ? '' : ': your rights show the counts only'}.</p>` : html`<h3>The schools</h3>
      ${named.map((r) => html`<table class="board" data-schools-phase="${r.phase}">
        <caption>${SCHOOL_PHASE_LABELS[r.phase as SchoolPhase] ?? r.phase}</caption>
        <thead><tr><th scope="col">School</th><th scope="col">URN</th><th scope="col">Category</th></tr></thead>
        <tbody>${(r.schools ?? []).map((s) => html`<tr data-urn="${s.urn}"><th scope="row"><a href="${href(['schools', s.urn])}">${s.name}</a></th><td>${s.urn}</td><td>${s.category}</td></tr>`)}</tbody>
      </table>`)}`}`;
}

function movesMarkup(moves: CategoryMovements, scheme: CategorySchemeView): SafeHtml {
  const label = (code: string | null) => (code === null ? 'Not categorised' : `${code}${scheme.categories.find((c) => c.code === code) ? `: ${scheme.categories.find((c) => c.code === code)!.label}` : ''}`);
  if (moves.moves.length === 0) return html`<p class="muted" id="movements-none">No school moved between categories from ${formatDay(moves.from)} to ${formatDay(moves.to)}.</p>`;
  return html`<table class="board movements" id="movements">
    <caption>From ${formatDay(moves.from)} to ${formatDay(moves.to)}, worst destination first</caption>
    <thead><tr><th scope="col">From</th><th scope="col">To</th><th scope="col">Schools</th><th scope="col">Which</th></tr></thead>
    <tbody>${moves.moves.map((m) => html`<tr data-from="${m.from ?? ''}" data-to="${m.to}"><td>${label(m.from)}</td><th scope="row">${label(m.to)}</th><td>${m.count}</td>
      <td>${m.schools && m.schools.length ? html`<ul class="plain">${m.schools.map((s) => html`<li><a href="${href(['schools', s.urn])}">${s.name}</a></li>`)}</ul>` : html`<span class="muted">not shown</span>`}</td></tr>`)}</tbody>
  </table>`;
}
