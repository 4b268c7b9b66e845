/**
 * The schools register: each school is a stream, `school-<urn>`, and every change to what the
 * council knows of it is an event (who, when and why in the metadata and `reason`). A school's
 * category is confidential (000:131-133): the events are in the log like any other, and the
 * API shows them only to those allowed (libs/contract roles.ts, maySeeSchool).
 *
 * Every event but the registration carries the UK day it took effect (`...On`, YYYY-MM-DD):
 * the register "as at" a day is the fold of the events that had taken effect by then, so a
 * categorisation recorded today for last September counts in September's table
 * (schoolEffectiveDay in school.state.ts).
 */
import type {
  OfficerRole, OfstedCategory, OfstedGrade, Power, PowerDecider, SchoolPhase, SchoolType, VisitRag, WarningNoticeKind,
} from '@rag-ledger/contract';

export interface SchoolDetails {
  name: string;
  phase: SchoolPhase;
  type: SchoolType;
  district?: string;
  /** The academy trust or sponsor. */
  trust?: string;
  /** The day it opened, or converted (an academy's new URN opens on its conversion day). */
  openedOn?: string;
  /** Number on roll, as the national list prints it: the "% of pupils in good or better schools" weighs by it. */
  pupils?: number;
}

export interface SchoolRegistered {
  type: 'SchoolRegistered';
  data: { urn: string } & SchoolDetails & {
    /** An academy that took over a school: the school it continues (SchoolConverted on that one names this). */
    predecessorUrn?: string;
  };
}

/** A refresh of the national list, or an officer's correction: only the details that changed. */
export interface SchoolDetailsRevised {
  type: 'SchoolDetailsRevised';
  data: { urn: string; changes: Partial<SchoolDetails>; reason: string };
}

/** The council's own risk category (000:533), "revisited at least termly", in one of its schemes. */
export interface SchoolCategorised {
  type: 'SchoolCategorised';
  data: { urn: string; scheme: string; category: string; previous?: string; categorisedOn: string; reason: string };
}

/**
 * An Ofsted inspection's overall judgement. A grade 4 has its category. For a grade 3 or 4 the
 * school's improvement plan is due within two weeks of publication (000:876): `improvementPlanDueOn`.
 */
export interface OfstedJudgementRecorded {
  type: 'OfstedJudgementRecorded';
  data: {
    urn: string;
    inspectedOn: string;
    publishedOn: string;
    grade: OfstedGrade;
    category?: OfstedCategory;
    improvementPlanDueOn?: string;
  };
}

export interface WarningNoticeIssued {
  type: 'WarningNoticeIssued';
  data: { urn: string; noticeId: string; kind: WarningNoticeKind; section: string | null; issuedOn: string; reason: string };
}

export interface WarningNoticeWithdrawn {
  type: 'WarningNoticeWithdrawn';
  data: { urn: string; noticeId: string; withdrawnOn: string; reason: string };
}

/** A stage of an intervention-stage scheme (Essex's five); `automatic` when a rule moved it (003:173). */
export interface InterventionStageChanged {
  type: 'InterventionStageChanged';
  data: { urn: string; scheme: string; stage: string; previous?: string; changedOn: string; reason: string; automatic: boolean };
}

export interface PowerUsed {
  type: 'PowerUsed';
  data: { urn: string; power: Power; decidedBy: PowerDecider; decidedOn: string; reason: string };
}

/** An intervention officer or challenge partner assigned; a later one of the same role takes over. */
export interface OfficerAssigned {
  type: 'OfficerAssigned';
  data: { urn: string; role: OfficerRole; personId?: string; name: string; assignedOn: string; reason?: string };
}

/** A visit, with the officer's RAG of the school's progress against its own improvement plan (000:843). */
export interface VisitRecorded {
  type: 'VisitRecorded';
  data: { urn: string; visitId: string; visitedOn: string; officer: string; purpose: string; notes: string; rag?: VisitRag };
}

export interface ImprovementPlanReceived {
  type: 'ImprovementPlanReceived';
  data: { urn: string; receivedOn: string };
}

export interface ImprovementPlanEvaluated {
  type: 'ImprovementPlanEvaluated';
  data: { urn: string; evaluatedOn: string; evaluation: string };
}

/** The school became an academy: it continues under `successorUrn` (registered with `predecessorUrn`), linked both ways. */
export interface SchoolConverted {
  type: 'SchoolConverted';
  data: { urn: string; successorUrn: string; convertedOn: string; reason: string };
}

export interface SchoolClosed {
  type: 'SchoolClosed';
  data: { urn: string; closedOn: string; reason: string };
}

export type SchoolEvent =
  | SchoolRegistered
  | SchoolDetailsRevised
  | SchoolCategorised
  | OfstedJudgementRecorded
  | WarningNoticeIssued
  | WarningNoticeWithdrawn
  | InterventionStageChanged
  | PowerUsed
  | OfficerAssigned
  | VisitRecorded
  | ImprovementPlanReceived
  | ImprovementPlanEvaluated
  | SchoolConverted
  | SchoolClosed;
