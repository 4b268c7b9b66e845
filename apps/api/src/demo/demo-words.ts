/** The words of the demo's invented history: reasons, notes and board minutes as a council would write them. */

export const START_NOTES = [
  'Project group formed; first meeting held with the accountable lead',
  'Scoping complete; delivery plan agreed with the responsible officers',
  'Work started: terms of reference agreed with partners',
  'Started: lead officer named and milestones set for the quarter',
];

export const TO_AMBER = [
  'Recruitment to two social worker posts delayed; interim cover in place',
  'Dependent on the new case management system, now due in the spring',
  "Partner agencies' sign-off slipped to next month",
  'Case file audit found practice inconsistent across the localities',
  'Training take-up lower than planned (60% of staff so far)',
  'Consultation with schools took longer than planned',
];

export const TO_RED = [
  'Lead officer on long-term leave; no cover yet',
  'Funding not confirmed by the Schools Forum',
  'Monitoring visit found no improvement in the timeliness of assessments',
  'Stalled: the system supplier missed its release date again',
  'Agency staff turnover: caseloads above 25 in two teams',
];

export const TO_GREEN = [
  'Posts filled; work back on plan',
  'Sign-off agreed at the partnership meeting',
  'Audit of 40 cases shows the new standard in use',
  'Training completed by 85% of staff',
  'Supplier delivered; testing complete and the system in use',
  'Recovery plan agreed by the accountable lead and on track',
];

export const TARGET_DATE_REASONS = [
  'Consultation with schools extended by the Schools Forum',
  'Dependent on the new case management system going live',
  'Staff consultation required before the restructure',
  'Aligned with the partnership board timetable',
  'Re-planned after the Ofsted monitoring visit',
];

export const PROGRESS_NOTES = [
  'Progress reported to the Improvement Board',
  'Case file audit sample of 30 completed; findings to the next practice meeting',
  'Draft policy circulated to partners for comment',
  'Monthly performance clinic held with team managers',
  'Briefing given to the Lead Member',
  'Evidence of impact collected for the next plan refresh',
];

export const COMPLETION_NOTES = [
  'Completed: evidence in the board papers',
  'Signed off by the accountable lead',
  'Embedded in practice; the audit confirms it',
  'Completed and handed over to business as usual',
];

export const AGENDA_ITEMS = [
  'Item 3: Matters arising',
  'Item 4: Performance report',
  'Item 5: Exceptions report',
  'Item 6: Safeguarding practice',
  'Item 7: Education and schools causing concern',
  'Item 8: Workforce',
];

export const BOARD_ACTION_TEXTS = [
  'It was agreed that the accurate figure would be circulated with the minutes',
  'It was agreed that the Director would report on agency social worker numbers at the next meeting',
  'It was agreed that a deep dive into the timeliness of initial child protection conferences would come to the next meeting',
  'It was agreed that the exceptions report would show the actions slipping for a second month',
  "It was agreed that partners' attendance at strategy discussions would be audited and reported back",
  'It was agreed that the list of schools causing concern would be shared with members in confidence',
  'It was agreed that the recovery plan for the red actions would be brought to the board',
  'It was agreed that the performance dashboard would show the national comparators',
];

export const BOARD_ACTION_RESPONSES = [
  'Circulated to members on the day after the meeting',
  'Report prepared; on the agenda of the next meeting',
  'Audit under way; first findings attached',
  'Done: the exceptions report now shows it',
  'Partly done: the figures are in, the commentary follows',
];

export const BOARD_ACTION_CLOSURES = ['Done, as the response says', 'Reported to the board; no further action', 'Superseded by the refreshed plan'];
