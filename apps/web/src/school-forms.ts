/**
 * The forms an officer records a school's changes with, as data: each names the route it posts
 * to (i19-domain's POST /api/schools/:urn/...), its fields, and which are required. The school
 * page draws them all the same way, and turns what was typed into the route's body here.
 * Imports only the contract: unit-tested under Node too.
 */
import {
  type CategorySchemeView,
  OFFICER_ROLE_LABELS,
  OFFICER_ROLES,
  OFSTED_CATEGORIES,
  OFSTED_CATEGORY_LABELS,
  OFSTED_GRADE_LABELS,
  OFSTED_GRADES,
  POWER_DECIDER_LABELS,
  POWER_DECIDERS,
  POWER_LABELS,
  POWERS,
  SCHOOL_PHASE_LABELS,
  SCHOOL_PHASES,
  SCHOOL_TYPE_LABELS,
  SCHOOL_TYPES,
  type SchoolRow,
  WARNING_NOTICE_LABELS,
  WARNING_NOTICE_KINDS,
} from './contract.js';
import { VISIT_RAG_WORDS } from './schools-text.js';

export interface FieldOption {
  value: string;
  label: string;
  /** Options grouped under a heading (a scheme's codes under its name). */
  group?: string;
}

export interface FormField {
  name: string;
  label: string;
  kind: 'text' | 'textarea' | 'date' | 'select' | 'checkbox';
  required?: boolean;
  hint?: string;
  options?: FieldOption[];
  /** Sent as a number (the Ofsted grade). */
  numeric?: boolean;
}

export interface SchoolForm {
  id: string;
  legend: string;
  /** The path under /api/schools/:urn/ it posts to. */
  path: (values: Record<string, string>) => string;
  fields: FormField[];
  button: string;
  /** Fields that are only the path's (the notice withdrawn), not the body's. */
  pathOnly?: string[];
  /** A check beyond the required fields, in plain words; undefined when fine. */
  check?: (values: Record<string, string>) => string | undefined;
  /** What the page says once recorded. */
  done: string;
}

const ifToday = 'Leave empty for today.';

const codesOf = (schemes: CategorySchemeView[]): FieldOption[] =>
  schemes.flatMap((s) => [...s.categories].sort((a, b) => a.order - b.order).map((c) => ({ value: c.code, label: `${c.code}: ${c.label}`, group: s.name })));

/** The forms for one school, with the council's schemes' codes in the selects and the notices in force to withdraw. */
export function schoolForms(school: Pick<SchoolRow, 'warningNotices'>, schemes: CategorySchemeView[]): SchoolForm[] {
  const categorySchemes = schemes.filter((s) => s.kind === 'category');
  const stageSchemes = schemes.filter((s) => s.kind === 'intervention-stage');
  const reason = (label = 'Reason'): FormField => ({ name: 'reason', label, kind: 'textarea', required: true });
  const forms: SchoolForm[] = [
    {
      id: 'visit', legend: 'Record a visit', path: () => 'visits', button: 'Record the visit', done: 'The visit is recorded.',
      fields: [
        { name: 'visitedOn', label: 'Day of the visit', kind: 'date', required: true },
        { name: 'officer', label: 'Officer who visited', kind: 'text', required: true },
        { name: 'purpose', label: 'Purpose', kind: 'text', required: true, hint: 'Such as "Termly review visit" or "Monitoring the improvement plan".' },
        { name: 'notes', label: 'Notes', kind: 'textarea' },
        { name: 'rag', label: "The officer's RAG of progress against the school's own improvement plan", kind: 'select', options: [{ value: '', label: 'None given' }, ...(['G', 'A', 'R'] as const).map((r) => ({ value: r, label: VISIT_RAG_WORDS[r] }))] },
      ],
    },
    {
      id: 'categorisation', legend: 'Categorise the school', path: () => 'categorisations', button: 'Record the category', done: 'The category is recorded.',
      fields: [
        { name: 'scheme', label: 'Scheme', kind: 'select', required: true, options: categorySchemes.map((s) => ({ value: s.id, label: s.name })) },
        { name: 'category', label: 'Category', kind: 'select', required: true, options: [{ value: '', label: 'Choose a category' }, ...codesOf(categorySchemes)] },
        { name: 'categorisedOn', label: 'Categorised on', kind: 'date', hint: ifToday },
        reason('Reason (the termly review that decided it)'),
      ],
    },
    {
      id: 'ofsted', legend: 'Record an Ofsted judgement', path: () => 'ofsted-judgements', button: 'Record the judgement', done: 'The Ofsted judgement is recorded.',
      fields: [
        { name: 'inspectedOn', label: 'Inspected on', kind: 'date', required: true },
        { name: 'publishedOn', label: 'Report published on', kind: 'date', required: true, hint: 'A grade 3 or 4 school’s improvement plan is due two weeks after this day.' },
        { name: 'grade', label: 'Overall effectiveness', kind: 'select', required: true, numeric: true, options: [{ value: '', label: 'Choose a grade' }, ...OFSTED_GRADES.map((g) => ({ value: String(g), label: `${g}: ${OFSTED_GRADE_LABELS[g]}` }))] },
        { name: 'category', label: 'Ofsted category (grade 4 only)', kind: 'select', options: [{ value: '', label: 'None' }, ...OFSTED_CATEGORIES.map((c) => ({ value: c, label: OFSTED_CATEGORY_LABELS[c] }))] },
      ],
      check: (v) => (v.grade === '4' && !v.category ? 'A grade 4 judgement needs its category: special measures or serious weaknesses.' : v.grade !== '4' && v.category ? 'Only a grade 4 judgement has an Ofsted category: choose None.' : undefined),
    },
    {
      id: 'warning-notice', legend: 'Issue a warning notice', path: () => 'warning-notices', button: 'Record the notice', done: 'The warning notice is recorded.',
      fields: [
        { name: 'kind', label: 'Kind of notice', kind: 'select', required: true, options: [{ value: '', label: 'Choose a kind' }, ...WARNING_NOTICE_KINDS.map((k) => ({ value: k, label: WARNING_NOTICE_LABELS[k] }))] },
        { name: 'issuedOn', label: 'Issued on', kind: 'date', required: true },
        reason(),
      ],
    },
  ];
  if (school.warningNotices.length > 0) {
    forms.push({
      id: 'withdrawal', legend: 'Withdraw a warning notice', path: (v) => `warning-notices/${encodeURIComponent(v.noticeId)}/withdrawal`, pathOnly: ['noticeId'], button: 'Withdraw the notice', done: 'The warning notice is withdrawn.',
      fields: [
        { name: 'noticeId', label: 'Notice', kind: 'select', required: true, options: school.warningNotices.map((n) => ({ value: n.noticeId, label: `${WARNING_NOTICE_LABELS[n.kind] ?? n.kind}, issued ${n.issuedOn}` })) },
        { name: 'withdrawnOn', label: 'Withdrawn on', kind: 'date', hint: ifToday },
        reason(),
      ],
    });
  }
  forms.push(
    {
      id: 'stage', legend: 'Change the intervention stage', path: () => 'intervention-stages', button: 'Record the stage', done: 'The intervention stage is recorded.',
      fields: [
        { name: 'scheme', label: 'Stage scheme', kind: 'select', required: true, options: stageSchemes.map((s) => ({ value: s.id, label: s.name })) },
        { name: 'stage', label: 'Stage', kind: 'select', required: true, options: [{ value: '', label: 'Choose a stage' }, ...codesOf(stageSchemes)] },
        { name: 'changedOn', label: 'Changed on', kind: 'date', hint: ifToday },
        { name: 'automatic', label: 'Automatic escalation (by the scheme’s own rule, not an officer’s decision)', kind: 'checkbox' },
        reason(),
      ],
    },
    {
      id: 'power', legend: 'Record a power used', path: () => 'powers', button: 'Record the power', done: 'The power is recorded.',
      fields: [
        { name: 'power', label: 'Power', kind: 'select', required: true, options: [{ value: '', label: 'Choose a power' }, ...POWERS.map((p) => ({ value: p, label: POWER_LABELS[p] }))] },
        { name: 'decidedBy', label: 'Decided by', kind: 'select', required: true, options: POWER_DECIDERS.map((d) => ({ value: d, label: POWER_DECIDER_LABELS[d] })) },
        { name: 'decidedOn', label: 'Decided on', kind: 'date', required: true },
        reason(),
      ],
    },
    {
      id: 'officer', legend: 'Assign an officer', path: () => 'officers', button: 'Assign', done: 'The officer is assigned.',
      fields: [
        { name: 'name', label: 'Name', kind: 'text', required: true },
        { name: 'role', label: 'Role', kind: 'select', required: true, options: OFFICER_ROLES.map((r) => ({ value: r, label: OFFICER_ROLE_LABELS[r] })) },
        { name: 'personId', label: 'Person in the directory (id)', kind: 'text', hint: 'Optional: their id in the directory of people, such as "mje".' },
        { name: 'assignedOn', label: 'Assigned on', kind: 'date', hint: ifToday },
        { name: 'reason', label: 'Reason', kind: 'textarea' },
      ],
    },
    {
      id: 'improvement-plan', legend: 'Improvement plan received or evaluated', path: () => 'improvement-plans', button: 'Record', done: 'The improvement plan is recorded.',
      fields: [
        { name: 'receivedOn', label: 'Received on', kind: 'date' },
        { name: 'evaluatedOn', label: 'Evaluated on', kind: 'date' },
        { name: 'evaluation', label: 'Evaluation', kind: 'textarea', hint: 'With the day it was evaluated.' },
      ],
      check: (v) => (!v.receivedOn && !v.evaluatedOn ? 'Give the day the plan was received, or the day it was evaluated (or both).' : v.evaluatedOn && !v.evaluation ? 'Give the evaluation with the day it was evaluated.' : undefined),
    },
    {
      id: 'details', legend: 'Correct the details', path: () => 'details', button: 'Save the details', done: 'The details are corrected.',
      fields: [
        { name: 'name', label: 'Name', kind: 'text', hint: 'Give only what changes; leave the rest empty.' },
        { name: 'phase', label: 'Phase', kind: 'select', options: [{ value: '', label: 'Unchanged' }, ...SCHOOL_PHASES.map((p) => ({ value: p, label: SCHOOL_PHASE_LABELS[p] }))] },
        { name: 'type', label: 'Type', kind: 'select', options: [{ value: '', label: 'Unchanged' }, ...SCHOOL_TYPES.map((t) => ({ value: t, label: SCHOOL_TYPE_LABELS[t] }))] },
        { name: 'district', label: 'District', kind: 'text' },
        { name: 'trust', label: 'Academy trust or sponsor', kind: 'text' },
        { name: 'openedOn', label: 'Opened or converted on', kind: 'date' },
        { name: 'pupils', label: 'Pupils on roll', kind: 'text', numeric: true },
        reason(),
      ],
      check: (v) =>
        !['name', 'phase', 'type', 'district', 'trust', 'openedOn', 'pupils'].some((k) => v[k])
          ? 'Give at least one detail that changes.'
          : v.pupils && !/^\d+$/.test(v.pupils) ? 'Give the pupils on roll as a whole number.' : undefined,
    },
    {
      id: 'conversion', legend: 'Conversion to an academy', path: () => 'conversion', button: 'Record the conversion', done: 'The conversion is recorded: the academy continues the school under its new URN.',
      fields: [
        { name: 'successorUrn', label: 'The academy’s URN', kind: 'text', required: true, hint: 'Six digits: the same school continues under it.' },
        { name: 'convertedOn', label: 'Converted on', kind: 'date', required: true },
        { name: 'name', label: 'The academy’s name', kind: 'text', hint: 'Leave empty to keep the school’s name.' },
        { name: 'type', label: 'Type', kind: 'select', options: [{ value: '', label: 'Academy converter' }, ...SCHOOL_TYPES.filter((t) => t !== 'maintained').map((t) => ({ value: t, label: SCHOOL_TYPE_LABELS[t] }))] },
        { name: 'trust', label: 'Academy trust or sponsor', kind: 'text' },
        reason(),
      ],
      check: (v) => (v.successorUrn && !/^\d{6}$/.test(v.successorUrn) ? 'A URN is six digits, as the national schools list prints it (such as 121212).' : undefined),
    },
    {
      id: 'closure', legend: 'Closure', path: () => 'closure', button: 'Record the closure', done: 'The closure is recorded.',
      fields: [
        { name: 'closedOn', label: 'Closed on', kind: 'date', required: true },
        reason(),
      ],
    },
  );
  return forms;
}

/**
 * What the form sends: the fields typed (empty ones left out, so the server's defaults apply),
 * numbers as numbers, a ticked box as true; or the first problem in plain words.
 */
export function formBody(form: SchoolForm, values: Record<string, string>): { path: string; body: Record<string, unknown> } | { problem: string } {
  for (const field of form.fields) {
    if (field.required && !(values[field.name] ?? '').trim()) return { problem: `Give the ${field.label.replace(/ \(.*\)$/, '').toLowerCase()}.` };
  }
  const trimmed = Object.fromEntries(Object.entries(values).map(([k, v]) => [k, v.trim()]));
  const problem = form.check?.(trimmed);
  if (problem) return { problem };
  const body: Record<string, unknown> = {};
  for (const field of form.fields) {
    if (form.pathOnly?.includes(field.name)) continue;
    const value = trimmed[field.name] ?? '';
    if (field.kind === 'checkbox') {
      if (value) body[field.name] = true;
    } else if (value !== '') body[field.name] = field.numeric ? Number(value) : value;
  }
  // A visit's notes are required by the rule but may be empty text: send them always.
  if (form.id === 'visit' && body.notes === undefined) body.notes = '';
  return { path: form.path(trimmed), body };
}
