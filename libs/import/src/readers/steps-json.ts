import type { ImportedStep, ImportWarning } from '../import-file';
import { splitOwners } from '../parsing';
import { IdRegistry, Problems, saysComplete, text, textList } from './field-rules';
import { placedStepId } from './placed-step-id';
import { readTargetDate } from './target-date';

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * An action's `steps` as the Norfolk file holds them: `text`, `responsible` (or `owners`; split as an
 * action's), `enablingTeams`, `targetDate` as printed and `targetDateIso` (read as an action's
 * date), `statusNote` as printed. Id: the step's `id`, or `<action id>.p<n>` by its place under
 * the action (so a re-import finds the same step; see PLACED_STEP_ID). Done when its status note says it is complete.
 */
export function readSteps(raw: unknown, actionId: string | undefined, where: string, problems: Problems, warnings: ImportWarning[]): ImportedStep[] {
  if (raw === undefined || raw === null) return [];
  if (!Array.isArray(raw)) {
    problems.add(where, 'steps must be a list');
    return [];
  }
  const ids = new IdRegistry('step', problems);
  const steps: ImportedStep[] = [];
  for (const [n, rawStep] of raw.entries()) {
    const stepWhere = `${where}, step ${n + 1}`;
    if (!isObject(rawStep)) {
      problems.add(stepWhere, 'is not an object');
      continue;
    }
    const id = ids.claim(text(rawStep.id) ?? (actionId ? placedStepId(actionId, n + 1) : undefined), stepWhere);
    const stepText = text(rawStep.text) ?? text(rawStep.title);
    if (!stepText) problems.add(stepWhere, 'has no text');
    if (!id || !stepText) continue;
    const statusNote = text(rawStep.statusNote);
    const owners = rawStep.responsible ?? rawStep.owners;
    steps.push({
      id,
      text: stepText,
      owners: splitOwners(Array.isArray(owners) ? (textList(owners) ?? []) : text(owners)),
      enablingTeams: textList(rawStep.enablingTeams) ?? [],
      ...readTargetDate(text(rawStep.targetDate), text(rawStep.targetDateIso), stepWhere, warnings),
      statusNote,
      done: saysComplete(statusNote),
      source: stepWhere,
    });
  }
  return steps;
}
