import {
  CategoryNotInSchemeError,
  DaysOutOfOrderError,
  ESSEX_STAGES,
  evolveCategoryScheme,
  GradeFourNeedsCategoryError,
  ImprovementPlanNotReceivedError,
  initialCategorySchemeState,
  InvalidOfficerRoleError,
  InvalidOfstedGradeError,
  InvalidPowerDeciderError,
  InvalidPowerError,
  InvalidPupilNumberError,
  InvalidSchoolDayError,
  InvalidSchoolPhaseError,
  InvalidSchoolTypeError,
  InvalidUrnError,
  InvalidVisitRagError,
  InvalidWarningNoticeKindError,
  NORFOLK_SCHEME,
  OwnUrnError,
  PowerNotHeldError,
  ReasonRequiredError,
  SchemeKindError,
  SchemeNotFoundError,
  SchoolAlreadyRegisteredError,
  SchoolClosedError,
  schoolDecider,
  SchoolDetailRequiredError,
  SchoolNameRequiredError,
  SchoolNotRegisteredError,
  schoolStream,
  StageUnchangedError,
  VisitIdTakenError,
  WarningNoticeAlreadyWithdrawnError,
  WarningNoticeIdTakenError,
  WarningNoticeNotFoundError,
  WarningNoticeReasonRequiredError,
  type CategorySchemeState,
  type ExampleScheme,
  type SchoolCommand,
  type SchoolEvent,
} from '@rag-ledger/domain';

import { deciderSpec } from '../decider-spec';

const given = deciderSpec(schoolDecider);

const urn = '121212';
const schemeState = (example: ExampleScheme): CategorySchemeState =>
  evolveCategoryScheme(initialCategorySchemeState(), { type: 'CategorySchemeDefined', data: { ...example } });
const norfolk = schemeState(NORFOLK_SCHEME);
const essex = schemeState(ESSEX_STAGES);

const registered: SchoolEvent = {
  type: 'SchoolRegistered',
  data: { urn, name: 'Hethersett Primary', phase: 'primary', type: 'maintained', district: 'South Norfolk', openedOn: '1998-09-01', pupils: 210 },
};
const register = (overrides: Record<string, unknown> = {}): SchoolCommand =>
  ({ type: 'RegisterSchool', data: { urn, name: 'Hethersett Primary', phase: 'primary', type: 'maintained', district: 'South Norfolk', openedOn: '1998-09-01', pupils: 210, ...overrides } }) as SchoolCommand;
const closed: SchoolEvent = { type: 'SchoolClosed', data: { urn, closedOn: '2014-08-31', reason: 'Amalgamated with the junior school' } };
const converted: SchoolEvent = { type: 'SchoolConverted', data: { urn, successorUrn: '140001', convertedOn: '2014-04-01', reason: 'Academy order' } };

const categorise = (category: string, overrides: Record<string, unknown> = {}, scheme: CategorySchemeState = norfolk): SchoolCommand =>
  ({ type: 'CategoriseSchool', scheme, data: { urn, scheme: 'norfolk', category, categorisedOn: '2013-09-30', reason: 'Autumn risk analysis', ...overrides } }) as SchoolCommand;
const judgement = (overrides: Record<string, unknown>): SchoolCommand =>
  ({ type: 'RecordOfstedJudgement', data: { urn, inspectedOn: '2013-10-08', publishedOn: '2013-11-01', grade: 3, ...overrides } }) as SchoolCommand;
const issue = (overrides: Record<string, unknown> = {}): SchoolCommand =>
  ({ type: 'IssueWarningNotice', data: { urn, kind: 'la-warning', issuedOn: '2013-11-15', reason: 'Standards at KS2 too low for three years', ...overrides } }) as SchoolCommand;
const issued = (noticeId: string, issuedOn = '2013-11-15'): SchoolEvent => ({
  type: 'WarningNoticeIssued',
  data: { urn, noticeId, kind: 'la-warning', section: null, issuedOn, reason: 'Standards at KS2 too low for three years' },
});
const withdraw = (overrides: Record<string, unknown> = {}): SchoolCommand =>
  ({ type: 'WithdrawWarningNotice', data: { urn, noticeId: 'wn-1', withdrawnOn: '2014-03-01', reason: 'Progress at the spring review', ...overrides } }) as SchoolCommand;
const changeStage = (stage: string, overrides: Record<string, unknown> = {}, scheme: CategorySchemeState = essex): SchoolCommand =>
  ({ type: 'ChangeInterventionStage', scheme, data: { urn, scheme: 'essex-stages', stage, changedOn: '2013-12-02', reason: 'Stage 2 meeting held', ...overrides } }) as SchoolCommand;
const usePower = (overrides: Record<string, unknown>): SchoolCommand =>
  ({ type: 'UsePower', data: { urn, power: 'removal-of-delegated-funding', decidedBy: 'council', decidedOn: '2014-01-10', reason: 'Grade 4: delegation removed', ...overrides } }) as SchoolCommand;
const assign = (overrides: Record<string, unknown> = {}): SchoolCommand =>
  ({ type: 'AssignOfficer', data: { urn, role: 'intervention-officer', name: 'Jo Bloggs', assignedOn: '2013-10-01', ...overrides } }) as SchoolCommand;
const visit = (overrides: Record<string, unknown> = {}): SchoolCommand =>
  ({ type: 'RecordVisit', data: { urn, visitedOn: '2013-10-15', officer: 'Jo Bloggs', purpose: 'Review visit', notes: 'Phonics plan in place', rag: 'A', ...overrides } }) as SchoolCommand;
const visited = (visitId: string): SchoolEvent => ({
  type: 'VisitRecorded',
  data: { urn, visitId, visitedOn: '2013-10-15', officer: 'Jo Bloggs', purpose: 'Review visit', notes: 'Phonics plan in place', rag: 'A' },
});
const received: SchoolEvent = { type: 'ImprovementPlanReceived', data: { urn, receivedOn: '2013-11-12' } };

describe('school decider', () => {
  it('lives in the stream school-<urn>', () => {
    expect(schoolDecider.streamOf(urn)).toBe(schoolStream(urn));
    expect(schoolStream(urn)).toBe('school-121212');
  });

  describe('any command on a school not in the register', () => {
    it.each([categorise('A4'), visit(), closeCommand(), { type: 'ReviseSchoolDetails', data: { urn, changes: { name: 'X' }, reason: 'r' } } as SchoolCommand])(
      'is refused: there is no such school (%#)',
      (command) => given([]).when(command).thenThrows(SchoolNotRegisteredError, /no school with URN 121212/),
    );
  });

  describe('a closed or converted school', () => {
    it.each([categorise('A4'), visit(), judgement({}), issue(), closeCommand(), assign()])('refuses everything recorded after it closed (%#)', (command) =>
      given([registered, closed]).when(command).thenThrows(SchoolClosedError, /is closed/),
    );

    it('sends a change on a converted school to its academy’s URN', () => {
      given([registered, converted]).when(visit()).thenThrows(SchoolClosedError, /continues as URN 140001/);
    });

    it('still takes a correction of its details', () => {
      given([registered, converted])
        .when({ type: 'ReviseSchoolDetails', data: { urn, changes: { name: 'Hethersett VC Primary' }, reason: 'Name as the national list prints it' } })
        .then({ type: 'SchoolDetailsRevised', data: { urn, changes: { name: 'Hethersett VC Primary' }, reason: 'Name as the national list prints it' } });
    });
  });

  describe('RegisterSchool', () => {
    it('registers a school with its details', () => {
      given([]).when(register()).then(registered);
    });

    it('registers an academy that continues another school, leaving out what is not given', () => {
      given([])
        .when(register({ urn: '140001', type: 'academy-converter', district: undefined, pupils: undefined, trust: 'Inspiration Trust', openedOn: '2014-04-01', predecessorUrn: urn }))
        .then({
          type: 'SchoolRegistered',
          data: { urn: '140001', name: 'Hethersett Primary', phase: 'primary', type: 'academy-converter', trust: 'Inspiration Trust', openedOn: '2014-04-01', predecessorUrn: urn },
        });
    });

    it('leaves out blank district and trust', () => {
      given([])
        .when(register({ district: ' ', trust: '', openedOn: undefined, pupils: 0 }))
        .then({ type: 'SchoolRegistered', data: { urn, name: 'Hethersett Primary', phase: 'primary', type: 'maintained', pupils: 0 } });
    });

    it('refuses a school registered twice', () => {
      given([registered]).when(register()).thenThrows(SchoolAlreadyRegisteredError, /already in the register/);
    });

    it.each(['12121', '1212123', 'ABCDEF', ''])('refuses the URN %p: six digits', (bad) => {
      given([]).when(register({ urn: bad })).thenThrows(InvalidUrnError, /A URN is six digits/);
    });

    it('refuses a blank name, an unknown phase or type', () => {
      given([]).when(register({ name: '  ' })).thenThrows(SchoolNameRequiredError);
      given([]).when(register({ phase: 'Primary' })).thenThrows(InvalidSchoolPhaseError, /"nursery", "primary"/);
      given([]).when(register({ type: 'Community school' })).thenThrows(InvalidSchoolTypeError, /"maintained"/);
    });

    it('refuses an opening day that is not a calendar date', () => {
      given([]).when(register({ openedOn: '01/09/1998' })).thenThrows(InvalidSchoolDayError, /openedOn must be a calendar date/);
      given([]).when(register({ openedOn: '2014-02-30' })).thenThrows(InvalidSchoolDayError);
    });

    it.each([-1, 2.5, Number.NaN, '210'])('refuses %p pupils: a whole number, 0 or more', (pupils) => {
      given([]).when(register({ pupils })).thenThrows(InvalidPupilNumberError);
    });

    it('refuses a predecessor that is not a URN, or is the school itself', () => {
      given([]).when(register({ predecessorUrn: '12' })).thenThrows(InvalidUrnError, /predecessor's URN is six digits/);
      given([]).when(register({ predecessorUrn: urn })).thenThrows(OwnUrnError, /cannot be its own predecessor/);
    });
  });

  describe('ReviseSchoolDetails', () => {
    const revise = (changes: Record<string, unknown>, reason = 'National schools list, refresh of 1 September'): SchoolCommand =>
      ({ type: 'ReviseSchoolDetails', data: { urn, changes, reason } }) as SchoolCommand;

    it('records only the fields that differ', () => {
      given([registered])
        .when(revise({ name: 'Hethersett Primary', phase: 'primary', pupils: 224, district: 'South Norfolk', trust: 'Hethersett Federation' }))
        .then({ type: 'SchoolDetailsRevised', data: { urn, changes: { pupils: 224, trust: 'Hethersett Federation' }, reason: 'National schools list, refresh of 1 September' } });
    });

    it('decides nothing happened when nothing differs (a refresh of the national list that finds nothing new)', () => {
      given([registered]).when(revise({ name: 'Hethersett Primary', pupils: 210, district: 'South Norfolk' })).then([]);
      given([registered]).when(revise({})).then([]);
    });

    it('needs a reason for a change', () => {
      given([registered]).when(revise({ pupils: 224 }, ' ')).thenThrows(ReasonRequiredError, /reason for revising the school's details/);
    });

    it('checks what is given as on registration', () => {
      given([registered]).when(revise({ phase: 'middle' })).thenThrows(InvalidSchoolPhaseError);
      given([registered]).when(revise({ type: 'academy' })).thenThrows(InvalidSchoolTypeError);
      given([registered]).when(revise({ name: '' })).thenThrows(SchoolNameRequiredError);
      given([registered]).when(revise({ pupils: -3 })).thenThrows(InvalidPupilNumberError);
      given([registered]).when(revise({ openedOn: 'September' })).thenThrows(InvalidSchoolDayError);
    });
  });

  describe('CategoriseSchool', () => {
    it('records the council’s category with its reason', () => {
      given([registered])
        .when(categorise('A4'))
        .then({ type: 'SchoolCategorised', data: { urn, scheme: 'norfolk', category: 'A4', categorisedOn: '2013-09-30', reason: 'Autumn risk analysis' } });
    });

    it('records the category held before in that scheme', () => {
      const earlier: SchoolEvent = { type: 'SchoolCategorised', data: { urn, scheme: 'norfolk', category: 'A4', categorisedOn: '2013-09-30', reason: 'Autumn risk analysis' } };
      given([registered, earlier])
        .when(categorise('B3', { categorisedOn: '2014-01-06', reason: 'Spring review: leadership stronger' }))
        .then({ type: 'SchoolCategorised', data: { urn, scheme: 'norfolk', category: 'B3', previous: 'A4', categorisedOn: '2014-01-06', reason: 'Spring review: leadership stronger' } });
    });

    it('records a termly review that re-confirms the same category: it is itself a decision', () => {
      const earlier: SchoolEvent = { type: 'SchoolCategorised', data: { urn, scheme: 'norfolk', category: 'B3', categorisedOn: '2013-09-30', reason: 'Autumn' } };
      given([registered, earlier])
        .when(categorise('B3', { categorisedOn: '2014-01-06', reason: 'Spring review: no change' }))
        .then({ type: 'SchoolCategorised', data: { urn, scheme: 'norfolk', category: 'B3', previous: 'B3', categorisedOn: '2014-01-06', reason: 'Spring review: no change' } });
    });

    it('refuses a scheme that is not defined', () => {
      given([registered]).when(categorise('A4', { scheme: 'suffolk' }, initialCategorySchemeState())).thenThrows(SchemeNotFoundError, /no category scheme "suffolk"/);
    });

    it('refuses an intervention-stage scheme', () => {
      given([registered]).when(categorise('3', { scheme: 'essex-stages' }, essex)).thenThrows(SchemeKindError, /scheme of intervention stages, not of categories/);
    });

    it('refuses a code that is not the scheme’s, listing its codes', () => {
      given([registered]).when(categorise('A3')).thenThrows(CategoryNotInSchemeError, /"A3" is not a category of the scheme "norfolk"; its categories are A4, B3, C3, D1-3, E1, E2, F1/);
    });

    it('needs a reason and a day', () => {
      given([registered]).when(categorise('A4', { reason: '' })).thenThrows(ReasonRequiredError);
      given([registered]).when(categorise('A4', { categorisedOn: '30/09/2013' })).thenThrows(InvalidSchoolDayError, /categorisedOn/);
    });
  });

  describe('RecordOfstedJudgement', () => {
    it('records a grade 2 judgement; no improvement plan is asked for', () => {
      given([registered])
        .when(judgement({ grade: 2 }))
        .then({ type: 'OfstedJudgementRecorded', data: { urn, inspectedOn: '2013-10-08', publishedOn: '2013-11-01', grade: 2 } });
    });

    it('asks for the improvement plan within two weeks of a grade 3 judgement’s publication', () => {
      given([registered])
        .when(judgement({ grade: 3 }))
        .then({ type: 'OfstedJudgementRecorded', data: { urn, inspectedOn: '2013-10-08', publishedOn: '2013-11-01', grade: 3, improvementPlanDueOn: '2013-11-15' } });
    });

    it('records a grade 4 with its category, and the plan due two weeks after publication (across a month end)', () => {
      given([registered])
        .when(judgement({ grade: 4, category: 'special-measures', publishedOn: '2013-11-20' }))
        .then({ type: 'OfstedJudgementRecorded', data: { urn, inspectedOn: '2013-10-08', publishedOn: '2013-11-20', grade: 4, category: 'special-measures', improvementPlanDueOn: '2013-12-04' } });
    });

    it('refuses a grade 4 without its category, or with another word', () => {
      given([registered]).when(judgement({ grade: 4 })).thenThrows(GradeFourNeedsCategoryError, /needs its Ofsted category: "special-measures", "serious-weaknesses"/);
      given([registered]).when(judgement({ grade: 4, category: 'notice-to-improve' })).thenThrows(GradeFourNeedsCategoryError, /not "notice-to-improve"/);
    });

    it('refuses a category on any other grade', () => {
      given([registered]).when(judgement({ grade: 3, category: 'serious-weaknesses' })).thenThrows(GradeFourNeedsCategoryError, /Only a grade 4 judgement has an Ofsted category/);
    });

    it.each([0, 5, '2', 2.5])('refuses the grade %p', (grade) => {
      given([registered]).when(judgement({ grade })).thenThrows(InvalidOfstedGradeError, /not an Ofsted grade/);
    });

    it('refuses a publication before the inspection', () => {
      given([registered]).when(judgement({ publishedOn: '2013-10-07' })).thenThrows(DaysOutOfOrderError, /publication day \(2013-10-07\) cannot be before the inspection day \(2013-10-08\)/);
    });

    it('takes a publication on the inspection day', () => {
      given([registered])
        .when(judgement({ grade: 1, publishedOn: '2013-10-08' }))
        .then({ type: 'OfstedJudgementRecorded', data: { urn, inspectedOn: '2013-10-08', publishedOn: '2013-10-08', grade: 1 } });
    });

    it('refuses days that are not calendar dates', () => {
      given([registered]).when(judgement({ inspectedOn: undefined })).thenThrows(InvalidSchoolDayError, /inspectedOn/);
      given([registered]).when(judgement({ publishedOn: '2013-13-01' })).thenThrows(InvalidSchoolDayError, /publishedOn/);
    });
  });

  describe('IssueWarningNotice', () => {
    it('issues a notice with the next free id and the section its kind is issued under', () => {
      given([registered])
        .when(issue({ kind: 'performance-standards-safety' }))
        .then({
          type: 'WarningNoticeIssued',
          data: { urn, noticeId: 'wn-1', kind: 'performance-standards-safety', section: 'Section 60, Education and Inspections Act 2006', issuedOn: '2013-11-15', reason: 'Standards at KS2 too low for three years' },
        });
    });

    it('gives the next free id after those held, and keeps an id given', () => {
      given([registered, issued('wn-1')]).when(issue()).then(issued('wn-2'));
      given([registered, issued('wn-2')]).when(issue()).then(issued('wn-3'));
      given([registered]).when(issue({ noticeId: 'LA-2013-07' })).then(issued('LA-2013-07'));
    });

    it('refuses an id the school already has', () => {
      given([registered, issued('wn-1')]).when(issue({ noticeId: 'wn-1' })).thenThrows(WarningNoticeIdTakenError, /already has a warning notice "wn-1"/);
    });

    it('needs a kind from the list and a reason', () => {
      given([registered]).when(issue({ kind: undefined })).thenThrows(InvalidWarningNoticeKindError, /"la-warning", "performance-standards-safety", "teachers-pay-conditions"/);
      given([registered]).when(issue({ kind: 'formal' })).thenThrows(InvalidWarningNoticeKindError);
      given([registered]).when(issue({ reason: ' ' })).thenThrows(WarningNoticeReasonRequiredError, /grounds the governing body is told/);
    });

    it('needs the day it was issued', () => {
      given([registered]).when(issue({ issuedOn: 'last week' })).thenThrows(InvalidSchoolDayError, /issuedOn/);
    });
  });

  describe('WithdrawWarningNotice', () => {
    it('withdraws a notice in force', () => {
      given([registered, issued('wn-1')])
        .when(withdraw())
        .then({ type: 'WarningNoticeWithdrawn', data: { urn, noticeId: 'wn-1', withdrawnOn: '2014-03-01', reason: 'Progress at the spring review' } });
    });

    it('refuses a notice the school does not have', () => {
      given([registered]).when(withdraw()).thenThrows(WarningNoticeNotFoundError, /no warning notice "wn-1"/);
    });

    it('refuses a notice already withdrawn', () => {
      const withdrawn: SchoolEvent = { type: 'WarningNoticeWithdrawn', data: { urn, noticeId: 'wn-1', withdrawnOn: '2014-02-01', reason: 'r' } };
      given([registered, issued('wn-1'), withdrawn]).when(withdraw()).thenThrows(WarningNoticeAlreadyWithdrawnError, /already withdrawn on 2014-02-01/);
    });

    it('refuses a withdrawal before the notice was issued, and needs a reason', () => {
      given([registered, issued('wn-1')]).when(withdraw({ withdrawnOn: '2013-11-14' })).thenThrows(DaysOutOfOrderError, /cannot be before the day the notice was issued \(2013-11-15\)/);
      given([registered, issued('wn-1')]).when(withdraw({ reason: '' })).thenThrows(ReasonRequiredError);
    });
  });

  describe('ChangeInterventionStage', () => {
    it('records the stage, not automatic unless said', () => {
      given([registered])
        .when(changeStage('2'))
        .then({ type: 'InterventionStageChanged', data: { urn, scheme: 'essex-stages', stage: '2', changedOn: '2013-12-02', reason: 'Stage 2 meeting held', automatic: false } });
    });

    it('records an automatic escalation as such, with the stage before', () => {
      const atTwo: SchoolEvent = { type: 'InterventionStageChanged', data: { urn, scheme: 'essex-stages', stage: '2', changedOn: '2013-12-02', reason: 'r', automatic: false } };
      given([registered, atTwo])
        .when(changeStage('3', { automatic: true, reason: 'Negative safeguarding assessment', changedOn: '2014-01-20' }))
        .then({ type: 'InterventionStageChanged', data: { urn, scheme: 'essex-stages', stage: '3', previous: '2', changedOn: '2014-01-20', reason: 'Negative safeguarding assessment', automatic: true } });
    });

    it('refuses the same stage again', () => {
      const atTwo: SchoolEvent = { type: 'InterventionStageChanged', data: { urn, scheme: 'essex-stages', stage: '2', changedOn: '2013-12-02', reason: 'r', automatic: false } };
      given([registered, atTwo]).when(changeStage('2')).thenThrows(StageUnchangedError, /already at stage "2"/);
    });

    it('refuses a category scheme, a scheme not defined, and a stage not in the scheme', () => {
      given([registered]).when(changeStage('A4', { scheme: 'norfolk' }, norfolk)).thenThrows(SchemeKindError, /scheme of categories, not of intervention stages/);
      given([registered]).when(changeStage('2', { scheme: 'kent' }, initialCategorySchemeState())).thenThrows(SchemeNotFoundError);
      given([registered]).when(changeStage('6')).thenThrows(CategoryNotInSchemeError, /"6" is not a stage of the scheme "essex-stages"; its stages are 5, 4, 3, 2, 1/);
    });

    it('needs a reason', () => {
      given([registered]).when(changeStage('2', { reason: '' })).thenThrows(ReasonRequiredError);
    });
  });

  describe('UsePower', () => {
    it('records a power the council holds', () => {
      given([registered])
        .when(usePower({}))
        .then({ type: 'PowerUsed', data: { urn, power: 'removal-of-delegated-funding', decidedBy: 'council', decidedOn: '2014-01-10', reason: 'Grade 4: delegation removed' } });
    });

    it('records an academy order made by the Secretary of State', () => {
      given([registered])
        .when(usePower({ power: 'academy-order', decidedBy: 'secretary-of-state', reason: 'Sponsored academy route' }))
        .then({ type: 'PowerUsed', data: { urn, power: 'academy-order', decidedBy: 'secretary-of-state', decidedOn: '2014-01-10', reason: 'Sponsored academy route' } });
    });

    it('refuses an academy order decided by the council: it has no role in it (000:332)', () => {
      given([registered]).when(usePower({ power: 'academy-order' })).thenThrows(PowerNotHeldError, /An academy order is made by the Secretary of State; the council has no role in it/);
    });

    it('refuses a power the Secretary of State does not hold', () => {
      given([registered]).when(usePower({ decidedBy: 'secretary-of-state' })).thenThrows(PowerNotHeldError, /Removal of delegated funding is decided by the council, not the secretary of state/);
    });

    it('refuses an unknown power or decider, and needs a reason', () => {
      given([registered]).when(usePower({ power: 'improvement-board' })).thenThrows(InvalidPowerError, /"additional-governors"/);
      given([registered]).when(usePower({ decidedBy: 'governors' })).thenThrows(InvalidPowerDeciderError, /"council", "secretary-of-state"/);
      given([registered]).when(usePower({ reason: '' })).thenThrows(ReasonRequiredError);
    });
  });

  describe('AssignOfficer', () => {
    it('assigns an officer, with the person in the directory and a reason when given', () => {
      given([registered])
        .when(assign({ personId: 'p-jb', reason: 'Caseload rebalanced' }))
        .then({ type: 'OfficerAssigned', data: { urn, role: 'intervention-officer', personId: 'p-jb', name: 'Jo Bloggs', assignedOn: '2013-10-01', reason: 'Caseload rebalanced' } });
      given([registered])
        .when(assign({ role: 'challenge-partner', reason: ' ' }))
        .then({ type: 'OfficerAssigned', data: { urn, role: 'challenge-partner', name: 'Jo Bloggs', assignedOn: '2013-10-01' } });
    });

    it('refuses an unknown role, and needs a name', () => {
      given([registered]).when(assign({ role: 'adviser' })).thenThrows(InvalidOfficerRoleError, /"intervention-officer", "challenge-partner"/);
      given([registered]).when(assign({ name: '' })).thenThrows(SchoolDetailRequiredError, /needs a name/);
    });
  });

  describe('RecordVisit', () => {
    it('records a visit with the next free id and the officer’s RAG', () => {
      given([registered]).when(visit()).then(visited('v1'));
      given([registered, visited('v1')]).when(visit()).then(visited('v2'));
    });

    it('keeps an id given, refuses one the school has', () => {
      given([registered]).when(visit({ visitId: 'autumn-1' })).then(visited('autumn-1'));
      given([registered, visited('v1')]).when(visit({ visitId: 'v1' })).thenThrows(VisitIdTakenError, /already has a visit "v1"/);
    });

    it('takes empty notes and no RAG', () => {
      given([registered])
        .when(visit({ notes: '', rag: undefined }))
        .then({ type: 'VisitRecorded', data: { urn, visitId: 'v1', visitedOn: '2013-10-15', officer: 'Jo Bloggs', purpose: 'Review visit', notes: '' } });
    });

    it('needs the day, the officer, the purpose, and the notes present', () => {
      given([registered]).when(visit({ visitedOn: undefined })).thenThrows(InvalidSchoolDayError, /visitedOn/);
      given([registered]).when(visit({ officer: ' ' })).thenThrows(SchoolDetailRequiredError, /name of the officer/);
      given([registered]).when(visit({ purpose: '' })).thenThrows(SchoolDetailRequiredError, /purpose/);
      given([registered]).when(visit({ notes: undefined })).thenThrows(SchoolDetailRequiredError, /notes must be given/);
    });

    it('refuses a RAG that is not G, A or R', () => {
      given([registered]).when(visit({ rag: 'B' })).thenThrows(InvalidVisitRagError);
    });
  });

  describe('the improvement plan', () => {
    it('records the plan received', () => {
      given([registered]).when({ type: 'ReceiveImprovementPlan', data: { urn, receivedOn: '2013-11-12' } }).then(received);
      given([registered]).when({ type: 'ReceiveImprovementPlan', data: { urn, receivedOn: '' } }).thenThrows(InvalidSchoolDayError, /receivedOn/);
    });

    it('evaluates a plan received', () => {
      given([registered, received])
        .when({ type: 'EvaluateImprovementPlan', data: { urn, evaluatedOn: '2013-11-20', evaluation: 'Sound; sharpen the KS2 milestones' } })
        .then({ type: 'ImprovementPlanEvaluated', data: { urn, evaluatedOn: '2013-11-20', evaluation: 'Sound; sharpen the KS2 milestones' } });
    });

    it('refuses to evaluate a plan not received', () => {
      given([registered]).when({ type: 'EvaluateImprovementPlan', data: { urn, evaluatedOn: '2013-11-20', evaluation: 'Sound' } }).thenThrows(ImprovementPlanNotReceivedError);
    });

    it('refuses to evaluate the plan received before a new grade 3 or 4 judgement: a new plan is asked for', () => {
      const judged: SchoolEvent = { type: 'OfstedJudgementRecorded', data: { urn, inspectedOn: '2014-02-01', publishedOn: '2014-02-20', grade: 4, category: 'serious-weaknesses', improvementPlanDueOn: '2014-03-06' } };
      given([registered, received, judged]).when({ type: 'EvaluateImprovementPlan', data: { urn, evaluatedOn: '2014-03-01', evaluation: 'Sound' } }).thenThrows(ImprovementPlanNotReceivedError);
    });

    it('refuses an evaluation before the plan was received, or without its text', () => {
      given([registered, received])
        .when({ type: 'EvaluateImprovementPlan', data: { urn, evaluatedOn: '2013-11-11', evaluation: 'Sound' } })
        .thenThrows(DaysOutOfOrderError, /before the day the plan was received \(2013-11-12\)/);
      given([registered, received]).when({ type: 'EvaluateImprovementPlan', data: { urn, evaluatedOn: '2013-11-20', evaluation: ' ' } }).thenThrows(SchoolDetailRequiredError, /needs its text/);
    });
  });

  describe('ConvertSchool', () => {
    const convert = (overrides: Record<string, unknown> = {}): SchoolCommand =>
      ({ type: 'ConvertSchool', data: { urn, successorUrn: '140001', convertedOn: '2014-04-01', reason: 'Academy order', ...overrides } }) as SchoolCommand;

    it('records the conversion, naming the academy’s URN', () => {
      given([registered]).when(convert()).then(converted);
    });

    it('refuses a successor that is not a URN or is the school itself, and needs a reason', () => {
      given([registered]).when(convert({ successorUrn: '14001' })).thenThrows(InvalidUrnError, /academy's URN is six digits/);
      given([registered]).when(convert({ successorUrn: urn })).thenThrows(OwnUrnError, /own successor/);
      given([registered]).when(convert({ reason: '' })).thenThrows(ReasonRequiredError);
      given([registered]).when(convert({ convertedOn: '1 April' })).thenThrows(InvalidSchoolDayError, /convertedOn/);
    });

    it('refuses to convert a school that already converted', () => {
      given([registered, converted]).when(convert({ successorUrn: '140002' })).thenThrows(SchoolClosedError);
    });
  });

  describe('CloseSchool', () => {
    it('closes the school with its reason', () => {
      given([registered]).when(closeCommand()).then(closed);
    });

    it('needs a reason and the day', () => {
      given([registered]).when(closeCommand({ reason: '' })).thenThrows(ReasonRequiredError, /closing the school/);
      given([registered]).when(closeCommand({ closedOn: undefined })).thenThrows(InvalidSchoolDayError, /closedOn/);
    });
  });
});

function closeCommand(overrides: Record<string, unknown> = {}): SchoolCommand {
  return { type: 'CloseSchool', data: { urn, closedOn: '2014-08-31', reason: 'Amalgamated with the junior school', ...overrides } } as SchoolCommand;
}
