import {
  OFFICER_ROLE_LABELS,
  OFSTED_CATEGORY_LABELS,
  OFSTED_GRADE_LABELS,
  POWER_DECIDER_LABELS,
  POWER_LABELS,
  SCHOOL_PHASE_LABELS,
  SCHOOL_TYPE_LABELS,
  WARNING_NOTICE_LABELS,
  type SchoolTimelineEntry,
  type VisitRag,
  type WarningNoticeKind,
} from '@rag-ledger/contract';
import type { ExistingScheme, SchoolDetails, SchoolEvent } from '@rag-ledger/domain';

const RAG_WORDS: Record<VisitRag, string> = { G: 'green', A: 'amber', R: 'red' };

/** What the timeline needs of each stored event. */
export interface StoredSchoolEvent {
  position: number;
  event: SchoolEvent;
  effectiveOn: string | null;
  at: string;
  by: { id: string; name: string; role: string };
}

/** A code with its label in its scheme ("B3, Schools who Require Improvement"), or the code alone if the scheme does not list it. */
const codeInScheme = (schemes: ReadonlyMap<string, ExistingScheme>, schemeId: string, code: string): string => {
  const label = schemes.get(schemeId)?.categories.find((c) => c.code === code)?.label;
  return label ? `${code} (${label})` : code;
};
const schemeName = (schemes: ReadonlyMap<string, ExistingScheme>, schemeId: string): string => schemes.get(schemeId)?.name ?? schemeId;

const DETAIL_WORDS: Record<keyof SchoolDetails, string> = {
  name: 'name',
  phase: 'phase',
  type: 'type',
  district: 'district',
  trust: 'trust or sponsor',
  openedOn: 'opening day',
  pupils: 'pupils on roll',
};

const detailValue = (key: keyof SchoolDetails, value: unknown): string => {
  if (key === 'phase') return SCHOOL_PHASE_LABELS[value as SchoolDetails['phase']] ?? String(value);
  if (key === 'type') return SCHOOL_TYPE_LABELS[value as SchoolDetails['type']] ?? String(value);
  return String(value);
};

/**
 * The event in plain words, as an officer would write it in the school's file. `kinds` knows
 * each warning notice's kind by id, from the notice's issue earlier in the stream.
 */
export function summariseSchoolEvent(event: SchoolEvent, schemes: ReadonlyMap<string, ExistingScheme>, kinds: ReadonlyMap<string, WarningNoticeKind>): string {
  switch (event.type) {
    case 'SchoolRegistered': {
      const d = event.data;
      const what = `${SCHOOL_PHASE_LABELS[d.phase] ?? d.phase}, ${(SCHOOL_TYPE_LABELS[d.type] ?? d.type).toLowerCase()}`;
      const opened = d.openedOn ? `, opened ${d.openedOn}` : '';
      const continues = d.predecessorUrn ? `; continues school ${d.predecessorUrn}` : '';
      return `Registered ${d.name} (${what}${opened})${continues}`;
    }
    case 'SchoolDetailsRevised': {
      const changes = Object.entries(event.data.changes) as Array<[keyof SchoolDetails, unknown]>;
      return `Details revised: ${changes.map(([key, value]) => `${DETAIL_WORDS[key] ?? key} now ${detailValue(key, value)}`).join('; ')}`;
    }
    case 'SchoolCategorised': {
      const d = event.data;
      const was = d.previous ? `, was ${d.previous}` : '';
      return `Categorised ${codeInScheme(schemes, d.scheme, d.category)} in ${schemeName(schemes, d.scheme)}${was}`;
    }
    case 'OfstedJudgementRecorded': {
      const d = event.data;
      const category = d.category ? `, ${OFSTED_CATEGORY_LABELS[d.category].toLowerCase()}` : '';
      const plan = d.improvementPlanDueOn ? `; improvement plan due by ${d.improvementPlanDueOn}` : '';
      return `Ofsted judgement: grade ${d.grade}, ${OFSTED_GRADE_LABELS[d.grade]}${category} (inspected ${d.inspectedOn}, published ${d.publishedOn})${plan}`;
    }
    case 'WarningNoticeIssued': {
      const d = event.data;
      return `${WARNING_NOTICE_LABELS[d.kind]} issued${d.section ? ` under ${d.section}` : ''}`;
    }
    case 'WarningNoticeWithdrawn': {
      const kind = kinds.get(event.data.noticeId);
      return `${kind ? WARNING_NOTICE_LABELS[kind] : 'Warning notice'} withdrawn`;
    }
    case 'InterventionStageChanged': {
      const d = event.data;
      const was = d.previous ? `, was ${d.previous}` : '';
      return `Intervention stage ${codeInScheme(schemes, d.scheme, d.stage)} in ${schemeName(schemes, d.scheme)}${was}${d.automatic ? ' (automatic escalation)' : ''}`;
    }
    case 'PowerUsed':
      return `Power used: ${POWER_LABELS[event.data.power]}, decided by ${POWER_DECIDER_LABELS[event.data.decidedBy].replace(/^The /, 'the ')}`;
    case 'OfficerAssigned':
      return `${OFFICER_ROLE_LABELS[event.data.role]} assigned: ${event.data.name}`;
    case 'VisitRecorded': {
      const d = event.data;
      const rag = d.rag ? `; progress against its improvement plan rated ${RAG_WORDS[d.rag]}` : '';
      return `Visit by ${d.officer}: ${d.purpose}${rag}`;
    }
    case 'ImprovementPlanReceived':
      return 'Improvement plan received';
    case 'ImprovementPlanEvaluated':
      return `Improvement plan evaluated: ${event.data.evaluation}`;
    case 'SchoolConverted':
      return `Converted to an academy: continues as school ${event.data.successorUrn}`;
    case 'SchoolClosed':
      return 'Closed';
  }
}

/** Why, where the event says: the reason given, or a visit's notes. */
const reasonOf = (event: SchoolEvent): string | null => {
  const data = event.data as { reason?: unknown; notes?: unknown };
  if (typeof data.reason === 'string' && data.reason.length > 0) return data.reason;
  if (event.type === 'VisitRecorded' && event.data.notes.length > 0) return event.data.notes;
  return null;
};

/**
 * A school's timeline: its events in the order they took effect (as schoolStateOn folds them),
 * each in words. An event with no effective day of its own (a correction of details, a
 * registration with no opening day) is shown on the UK day it was recorded.
 */
export function schoolTimeline(events: readonly StoredSchoolEvent[], schemes: ReadonlyMap<string, ExistingScheme>, recordedDay: (at: string) => string): SchoolTimelineEntry[] {
  const kinds = new Map<string, WarningNoticeKind>();
  for (const { event } of events) if (event.type === 'WarningNoticeIssued') kinds.set(event.data.noticeId, event.data.kind);
  return events.map((stored) => ({
    type: stored.event.type,
    effectiveOn: stored.effectiveOn ?? recordedDay(stored.at),
    at: stored.at,
    by: stored.by,
    summary: summariseSchoolEvent(stored.event, schemes, kinds),
    reason: reasonOf(stored.event),
    position: stored.position,
    data: stored.event.data as unknown as Record<string, unknown>,
  }));
}
