/**
 * The log's stream names, defined once: every entity lives in `<category><id>`. Projections
 * subscribe by category, the import keeps its record under its own, and tools tell streams
 * apart with streamCategoryOf, never with a string of their own. Here, with no imports, so the
 * web board reads the same names as the API.
 */
export const STREAM_CATEGORIES = {
  plan: 'plan-',
  action: 'action-',
  measure: 'measure-',
  /** A keyed import's record of what it wrote (see the import's idempotency). */
  import: 'import-',
  /** The directory of people and the rights they hold: one stream, so initials and emails stay unique. */
  directory: 'directory-',
  /** One evidence document attached to an action or a measure (its events name the plan). */
  evidence: 'evidence-',
  /** One milestone of a plan or a work-stream (its events name the plan). */
  milestone: 'milestone-',
  /** One school of the register, by its URN (a converted school's academy is another stream, linked both ways). */
  school: 'school-',
  /** One of the council's category (or intervention-stage) schemes. */
  scheme: 'scheme-',
  /** One board that meets (the Improvement Board, a plan's board, the scrutiny panel): its plans and members. */
  board: 'board-',
  /** One meeting of a board: its date and papers, the pack issued for it, the reminders sent before it. */
  meeting: 'meeting-',
  /** One action a meeting agreed (the board's own action log), with its responses and closure. */
  boardAction: 'boardaction-',
  /** The log's seals (`LogSealed`): one stream, `logseal-ledger`, appended at its exact revision so seals chain one to the next. */
  seal: 'logseal-',
} as const;

export type StreamCategory = keyof typeof STREAM_CATEGORIES;

/** The categories of the plans' own streams: what the boards and the evidence are built from. */
export const PLAN_RECORD_CATEGORIES: readonly StreamCategory[] = ['plan', 'action', 'measure', 'evidence', 'milestone'];

/**
 * The schools register's streams. Not among the plans' records: a school's category is
 * confidential, so the boards, packs and live feed built from the plans never carry them.
 */
export const SCHOOL_RECORD_CATEGORIES: readonly StreamCategory[] = ['school', 'scheme'];
export const SCHOOL_RECORD_STREAM_PREFIXES: readonly string[] = SCHOOL_RECORD_CATEGORIES.map((category) => STREAM_CATEGORIES[category]);

/**
 * The boards' own records: who meets, when, the packs issued and the actions they agreed. Not
 * plan records (a board action is not a plan's action), and not confidential.
 */
export const MEETING_RECORD_CATEGORIES: readonly StreamCategory[] = ['board', 'meeting', 'boardAction'];
export const MEETING_RECORD_STREAM_PREFIXES: readonly string[] = MEETING_RECORD_CATEGORIES.map((category) => STREAM_CATEGORIES[category]);

/** Their prefixes, as a subscription to the log filters by (see the projections). */
export const PLAN_RECORD_STREAM_PREFIXES: readonly string[] = PLAN_RECORD_CATEGORIES.map((category) => STREAM_CATEGORIES[category]);

export const streamOf = (category: StreamCategory, id: string): string => `${STREAM_CATEGORIES[category]}${id}`;
export const planStream = (planId: string) => streamOf('plan', planId);
export const actionStream = (actionId: string) => streamOf('action', actionId);
export const measureStream = (measureId: string) => streamOf('measure', measureId);
export const importStream = (importId: string) => streamOf('import', importId);
export const evidenceStream = (documentId: string) => streamOf('evidence', documentId);
export const milestoneStream = (milestoneId: string) => streamOf('milestone', milestoneId);
export const schoolStream = (urn: string) => streamOf('school', urn);
export const schemeStream = (schemeId: string) => streamOf('scheme', schemeId);
export const boardStream = (boardId: string) => streamOf('board', boardId);
export const meetingStream = (meetingId: string) => streamOf('meeting', meetingId);
export const boardActionStream = (boardActionId: string) => streamOf('boardAction', boardActionId);

/** The one stream of the log's seals. */
export const SEAL_STREAM = streamOf('seal', 'ledger');

/** The council's one directory of people: `directory-people`. */
export const DIRECTORY_ID = 'people';
export const directoryStream = (directoryId: string = DIRECTORY_ID) => streamOf('directory', directoryId);

/** The category a stream belongs to, or undefined for a stream the tracker does not name. */
export function streamCategoryOf(streamId: string): StreamCategory | undefined {
  for (const [category, prefix] of Object.entries(STREAM_CATEGORIES) as Array<[StreamCategory, string]>) {
    if (streamId.startsWith(prefix)) return category;
  }
  return undefined;
}

