/**
 * The register's commands: plain data, decided by schoolDecider (school.decide.ts) and
 * categorySchemeDecider. Days are UK calendar days, YYYY-MM-DD; the API fills an omitted day
 * with today's. A command that needs another stream's state carries it (as actions carry
 * their plan): categorising carries the scheme.
 */
import type { OfficerRole, OfstedCategory, OfstedGrade, Power, PowerDecider, SchemeCategory, SchemeKind, VisitRag, WarningNoticeKind } from '@rag-ledger/contract';

import type { CategorySchemeState } from './category-scheme.state';
import type { SchoolDetails } from './school.events';

export type SchoolCommand =
  | { type: 'RegisterSchool'; data: { urn: string; predecessorUrn?: string } & SchoolDetails }
  /** From a refresh of the national list: only what differs is recorded; nothing differing is "nothing happened". */
  | { type: 'ReviseSchoolDetails'; data: { urn: string; changes: Partial<SchoolDetails>; reason: string } }
  | { type: 'CategoriseSchool'; data: { urn: string; scheme: string; category: string; categorisedOn: string; reason: string }; scheme: CategorySchemeState }
  | { type: 'RecordOfstedJudgement'; data: { urn: string; inspectedOn: string; publishedOn: string; grade: OfstedGrade; category?: OfstedCategory } }
  | { type: 'IssueWarningNotice'; data: { urn: string; noticeId?: string; kind: WarningNoticeKind; issuedOn: string; reason: string } }
  | { type: 'WithdrawWarningNotice'; data: { urn: string; noticeId: string; withdrawnOn: string; reason: string } }
  | { type: 'ChangeInterventionStage'; data: { urn: string; scheme: string; stage: string; changedOn: string; reason: string; automatic?: boolean }; scheme: CategorySchemeState }
  | { type: 'UsePower'; data: { urn: string; power: Power; decidedBy: PowerDecider; decidedOn: string; reason: string } }
  | { type: 'AssignOfficer'; data: { urn: string; role: OfficerRole; personId?: string; name: string; assignedOn: string; reason?: string } }
  | { type: 'RecordVisit'; data: { urn: string; visitId?: string; visitedOn: string; officer: string; purpose: string; notes: string; rag?: VisitRag } }
  | { type: 'ReceiveImprovementPlan'; data: { urn: string; receivedOn: string } }
  | { type: 'EvaluateImprovementPlan'; data: { urn: string; evaluatedOn: string; evaluation: string } }
  /** On the school that converts; the academy's own stream is registered with predecessorUrn by the same request. */
  | { type: 'ConvertSchool'; data: { urn: string; successorUrn: string; convertedOn: string; reason: string } }
  | { type: 'CloseSchool'; data: { urn: string; closedOn: string; reason: string } };

export type CategorySchemeCommand =
  | { type: 'DefineCategoryScheme'; data: { schemeId: string; name: string; kind: SchemeKind; categories: SchemeCategory[] } }
  | { type: 'ReviseCategoryScheme'; data: { schemeId: string; name?: string; categories: SchemeCategory[]; reason: string } };
