import { type ApiError, apiGet } from '../api.js';
import { SCHOOL_INDICATOR_LABELS, SCHOOL_PHASE_LABELS, streamCategoryOf, type TrajectoryView } from '../contract.js';
import { setHtml } from '../dom.js';
import { formatDay } from '../format.js';
import { html, type SafeHtml } from '../html.js';
import { href } from '../router.js';
import { touchesRegister } from '../schools-text.js';
import { errorBox, liveRefresher, type View, type ViewContext } from './common.js';
import { schoolsTabs } from './schools.js';

const percent = (value: number | null): SafeHtml => (value === null ? html`<span class="muted">none</span>` : html`${value}%`);

/**
 * The trajectory (#/schools/trajectory): "When will Norfolk schools get to Good?", the share of
 * schools judged good or better predicted against the target, and the actual figure from the
 * register for periods ended, per phase and term (GET /api/trajectory, numbers only).
 */
export async function trajectoryView(ctx: ViewContext): Promise<View> {
  const load = (minPosition?: number) => apiGet<TrajectoryView>('/api/trajectory', { indicator: 'good-or-better', minPosition }).then((r) => r.body, (e: ApiError) => e);
  setHtml(ctx.root, html`
    <div class="page-head">
      <h1 tabindex="-1">Trajectory to good</h1>
      ${schoolsTabs('trajectory', ctx.caller)}
      <p class="meta">${SCHOOL_INDICATOR_LABELS['good-or-better']}: predicted, target and actual (from the register, for periods ended), per phase.</p>
    </div>
    <div id="trajectory-body"></div>`);
  const draw = async (minPosition?: number) => {
    const view = await load(minPosition);
    if (!ctx.isCurrent()) return;
    const body = ctx.root.querySelector<HTMLElement>('#trajectory-body')!;
    if (view instanceof Error) {
      setHtml(body, errorBox(`The trajectory could not be read: ${view.message}`));
      return;
    }
    const answer = view;
    setHtml(body, answer.phases.length === 0
      ? html`<p class="muted" id="trajectory-none">No register measure of schools judged good or better is defined yet, so there is no trajectory to show. Define one on a plan's measures (computed from the register) and enter its predictions.</p>`
      : html`${answer.phases.map((p) => html`<section class="card" data-measure-id="${p.measureId}" aria-labelledby="traj-${p.measureId}">
          <h2 id="traj-${p.measureId}">${p.phase ? SCHOOL_PHASE_LABELS[p.phase] : 'All phases'}</h2>
          <p class="meta"><a href="${href(['measures', p.measureId])}">${p.name}</a> (${p.planId}); actual figures for the periods ended by ${formatDay(answer.asOf)}.</p>
          <table class="board trajectory">
            <caption class="visually-hidden">Predicted, target and actual per period, ${p.phase ? SCHOOL_PHASE_LABELS[p.phase] : 'all phases'}</caption>
            <thead><tr><th scope="col">Period</th><th scope="col">Predicted</th><th scope="col">Target</th><th scope="col">Actual</th></tr></thead>
            <tbody>${p.periods.map((r) => html`<tr data-period="${r.period}"><th scope="row">${r.period}</th><td>${percent(r.predicted)}</td><td>${percent(r.target)}</td><td>${percent(r.actual)}</td></tr>`)}</tbody>
          </table>
        </section>`)}`);
  };
  await draw();
  return {
    onLive: liveRefresher(async (batch) => {
      if (!batch.resync && !touchesRegister(batch.events) && !batch.events.some((e) => streamCategoryOf(e.streamId) === 'measure')) return;
      await draw(batch.position);
    }),
  };
}
