import { ImportFileError, readPlansCsv, readPlansJson, type ImportFile } from '@rag-ledger/import';

/** Steps, status notes, framework and milestones as the readers take them from a file. */
const problemsOf = (read: () => unknown): string[] => {
  try {
    read();
  } catch (error) {
    if (error instanceof ImportFileError) return error.problems;
    throw error;
  }
  throw new Error('the file was accepted');
};

const actions = (file: ImportFile) => file.plans.flatMap((p) => p.workstreams.flatMap((w) => w.actions));
const planWith = (plan: object, workstreams: object[]) => ({ plans: [{ id: 'P', name: 'Plan', ...plan, workstreams }] });
const wsWith = (ws: object, actionList: object[] = []) => ({ id: 'P.W', name: 'Work-stream', ...ws, actions: actionList });

describe('reading steps and status notes from JSON', () => {
  const file = readPlansJson(
    planWith({}, [
      wsWith({}, [
        {
          id: 'P.1',
          title: 'Workforce plan',
          statusNotes: ['Cohort 1 started 7/10', '  on hold  ', ''],
          steps: [
            { text: 'Collate the data', responsible: ['AB/CD'], enablingTeams: ['L&D'], targetDate: '31 Oct 13', targetDateIso: '2013-10-31', statusNote: 'Complete.' },
            { text: 'Understand the assumptions', responsible: [], enablingTeams: [], targetDate: 'Nov 2013', targetDateIso: null, statusNote: 'due for completion end of October' },
            { id: 'P.1.review', text: 'Review', statusNote: 'COMPLETED' },
            { text: 'Set up meetings', statusNote: 'meetings set up' },
            { text: 'Proposals', statusNote: 'awaiting proposals' },
          ],
        },
      ]),
    ]),
  );
  const [action] = actions(file);

  it('reads each step with its owners, dates as printed and as a day, and its status note', () => {
    expect(action.steps.map((s) => s.id)).toEqual(['P.1.p1', 'P.1.p2', 'P.1.review', 'P.1.p4', 'P.1.p5']);
    expect(action.steps[0]).toMatchObject({ text: 'Collate the data', owners: ['AB', 'CD'], enablingTeams: ['L&D'], targetDate: '2013-10-31', targetDateText: '31 Oct 13', statusNote: 'Complete.' });
    // No ISO date: the printed one is read as an action's (a month is its last day).
    expect(action.steps[1]).toMatchObject({ owners: [], targetDate: '2013-11-30', targetDateText: 'Nov 2013' });
  });

  it('takes a step as done only when its status says complete or completed', () => {
    expect(action.steps.map((s) => [s.statusNote, s.done])).toEqual([
      ['Complete.', true],
      ['due for completion end of October', false],
      ['COMPLETED', true],
      ['meetings set up', false],
      ['awaiting proposals', false],
    ]);
  });

  it('keeps the status notes word for word, without the blank ones', () => {
    expect(action.statusNotes).toEqual(['Cohort 1 started 7/10', '  on hold  ']);
  });

  it('refuses a step without text and a step id used twice under one action', () => {
    const problems = problemsOf(() => readPlansJson(planWith({}, [wsWith({}, [{ id: 'P.1', title: 'A', steps: [{ text: ' ' }, { id: 'x', text: 'a' }, { id: 'x', text: 'b' }] }])])));
    expect(problems.join('\n')).toMatch(/action P.1, step 1: has no text/);
    expect(problems.join('\n')).toMatch(/action P.1, step 3: step id "x" is used twice/);
  });
});

describe('reading the framework of plans and work-streams from JSON', () => {
  it('reads lead, success criteria, standards, assumptions and risks; null is not given', () => {
    const file = readPlansJson(
      planWith({ lead: 'Director', standards: ['Working Together 2013'], risks: null }, [
        wsWith({ lead: 'Chris Snudden', whatWillSuccessLookLike: ['Improved governance'], assumptions: ['No restructure'], risks: null }),
        { ...wsWith({ id: 'P.X', whatWeWillSee: ['Audits show improvement'], successCriteria: null }) },
        { ...wsWith({ id: 'P.Y', successCriteria: ['Said plainly'], whatWillSuccessLookLike: ['Not read: successCriteria is given'], whatWeWillSeeLines: [312, 330] }) },
      ]),
    );
    const [plan] = file.plans;
    expect(plan).toMatchObject({ lead: 'Director', standards: ['Working Together 2013'], risks: undefined });
    expect(plan.workstreams[0]).toMatchObject({ lead: 'Chris Snudden', successCriteria: ['Improved governance'], assumptions: ['No restructure'], risks: undefined });
    expect(plan.workstreams[1].successCriteria).toEqual(['Audits show improvement']);
    expect(plan.workstreams[2].successCriteria).toEqual(['Said plainly']);
    expect(file.warnings).toEqual([]);
  });

  it('warns about a field that is not text, and does not read it', () => {
    const file = readPlansJson(planWith({}, [wsWith({ standards: [1, 2], whatWeWillSee: { lines: [3] }, lead: 7 })]));
    expect(file.plans[0].workstreams[0]).toMatchObject({ standards: undefined, successCriteria: undefined, lead: undefined });
    expect(file.warnings.map((w) => w.message)).toEqual(['lead is not a text; it is not imported', 'whatWeWillSee is not a list of texts; it is not imported', 'standards is not a list of texts; it is not imported']);
  });
});

describe('reading milestones from JSON', () => {
  it('reads the generic shape on a plan and a work-stream, with ids by place and the day read from the printed date', () => {
    const file = readPlansJson(
      planWith({ milestones: [{ date: 'By Sept 2013', text: 'Board reviewed', group: 'Board Review' }, { id: 'P.given', date: 'By 31 March 2014', dateIso: '2014-03-31', text: 'Plan agreed', refs: ['P.9'] }] }, [
        wsWith({ id: 'P.P1', milestones: [{ date: 'Dec 2013', text: 'Data submitted', refs: ['1.1'] }] }),
      ]),
    );
    expect(file.plans[0].milestones.map(({ source: _, ...m }) => m)).toEqual([
      { id: 'P.M1', date: '2013-09-30', dateText: 'By Sept 2013', text: 'Board reviewed', refs: [], group: 'Board Review' },
      { id: 'P.given', date: '2014-03-31', dateText: 'By 31 March 2014', text: 'Plan agreed', refs: ['P.9'] },
      { id: 'P.P1.M1', workstreamId: 'P.P1', date: '2013-12-31', dateText: 'Dec 2013', text: 'Data submitted', refs: ['1.1'] },
    ]);
  });

  it('reads items under a date as one milestone each, and skips placeholders and fragments with a warning naming them', () => {
    const file = readPlansJson(
      planWith({}, [
        wsWith({
          id: 'P.P1',
          milestones: [
            { by: 'By October 2013', byIso: '2013-10-31', items: ['[first milestone text lost]', 'Strategy scrutinised', '[...] improvement targets [rest lost]'] },
            { fragments: ['nsufficient capacity to', 'rking with the LA'] },
            { by: 'By July 2014', byIso: '2014-07-31', items: ['Targets met'] },
          ],
        }),
      ]),
    );
    expect(file.plans[0].milestones.map((m) => [m.id, m.date, m.text])).toEqual([
      ['P.P1.M2', '2013-10-31', 'Strategy scrutinised'],
      ['P.P1.M3', '2013-10-31', '[...] improvement targets [rest lost]'],
      ['P.P1.M6', '2014-07-31', 'Targets met'],
    ]);
    expect(file.warnings).toEqual([
      { where: 'plan P, work-stream P.P1, milestone 1', message: 'the text is only "[first milestone text lost]" (lost in the conversion); the milestone is not imported' },
      { where: 'plan P, work-stream P.P1, milestones 4-5', message: 'only fragments of 2 milestone texts are in the file ("nsufficient capacity to", "rking with the LA"); they are not imported' },
    ]);
  });

  it('skips a milestone with no day with a warning, and refuses one without text', () => {
    const file = readPlansJson(planWith({ milestones: [{ text: 'When the DfE is assured', date: null, dateIso: null }, { text: 'Later', date: 'in due course' }] }, []));
    expect(file.plans[0].milestones).toEqual([]);
    expect(file.warnings.map((w) => [w.where, w.message])).toEqual([
      ['plan P, milestone 1', '"When the DfE is assured" has no date that gives a day (none printed); the milestone is not imported'],
      ['plan P, milestone 2', '"Later" has no date that gives a day ("in due course"); the milestone is not imported'],
    ]);
    expect(problemsOf(() => readPlansJson(planWith({ milestones: [{ date: 'Dec 2013' }] }, [])))).toEqual(['plan P, milestone 1: has no text (what will be true by its date)']);
  });

  it('places a key milestone on the priority it cites, as the same milestone when the priority prints it on that day', () => {
    const file = readPlansJson(
      planWith(
        {
          keyMilestones: [
            { date: 'By Sept 2013', dateIso: '2013-09-30', milestone: 'Every Chair of Governors knows ', refToPostOfstedPlan: 2 },
            { date: 'By Dec 2013', dateIso: '2013-12-31', milestone: 'Strategy scrutinised', refToPostOfstedPlan: 1 },
            { date: 'By Dec 2013', dateIso: '2013-12-31', milestone: 'Across the county', refs: ['1', '2'] },
            { date: 'By Dec 2013', dateIso: '2013-12-31', milestone: 'By its id', refs: ['P.P2'] },
          ],
        },
        [
          wsWith({ id: 'P.P1', code: 'Priority 1', milestones: [{ by: 'By October 2013', byIso: '2013-10-31', items: ['Strategy scrutinised'] }] }),
          wsWith({ id: 'P.P2', code: 'Priority 2', milestones: [{ by: 'By September 2013', byIso: '2013-09-30', items: ['every chair of governors knows'] }] }),
        ],
      ),
    );
    expect(file.plans[0].milestones.map((m) => [m.id, m.workstreamId, m.dateText, m.text, m.refs, m.group])).toEqual([
      // Two priorities cited: it stays the plan's.
      ['P.M3', undefined, 'By Dec 2013', 'Across the county', ['1', '2'], 'Key milestones'],
      ['P.P1.M1', 'P.P1', 'By October 2013', 'Strategy scrutinised', [], undefined],
      // The same day and text (case and spaces aside): the priority's milestone, citing it.
      ['P.P2.M1', 'P.P2', 'By September 2013', 'every chair of governors knows', ['2'], 'Key milestones'],
      // Another day: a milestone of its own, on the priority.
      ['P.M2', 'P.P1', 'By Dec 2013', 'Strategy scrutinised', ['1'], 'Key milestones'],
      ['P.M4', 'P.P2', 'By Dec 2013', 'By its id', ['P.P2'], 'Key milestones'],
    ]);
  });

  it('refuses a milestone id used twice in the file', () => {
    expect(problemsOf(() => readPlansJson(planWith({ milestones: [{ id: 'P.M', date: 'Dec 2013', text: 'a' }, { id: 'P.M', date: 'Dec 2013', text: 'b' }] }, [])))).toEqual([
      'plan P, milestone 2: milestone id "P.M" is used twice in the file (first at plan P, milestone 1)',
    ]);
  });
});

describe('reading steps and status notes from CSV', () => {
  const header = 'plan_id,plan_title,plan_kind,workstream_id,workstream_title,action_id,ref,title,owners,enabling_teams,target_date,measures,rag,links,step_of,step_id,status_note';
  const csv = (...rows: string[]) => [header, ...rows].join('\r\n') + '\r\n';

  it('reads a row with step_of as a step of that action, wherever it stands', () => {
    const file = readPlansCsv(
      csv(
        ',,,,,,,Agree the terms,AB,QA,Oct 2013,,B,,P.1,,',
        'P,Plan,other,W,WS,P.1,1,Workforce plan,AB,,Dec 2013,,G,,,,Cohort 1 started 7/10',
        ',,,,,,,Collate data,CD/EF,,31 Oct 13,,,,P.1,P.1.collate,completed',
        ',,,,,,,Understand needs,,,,,,,P.1,,due for completion end of October',
      ),
    );
    const [action] = actions(file);
    expect(action.statusNotes).toEqual(['Cohort 1 started 7/10']);
    expect(action.steps.map(({ source: _, ...s }) => s)).toEqual([
      { id: 'P.1.p1', text: 'Agree the terms', owners: ['AB'], enablingTeams: ['QA'], targetDate: '2013-10-31', targetDateText: 'Oct 2013', statusNote: undefined, done: true },
      { id: 'P.1.collate', text: 'Collate data', owners: ['CD', 'EF'], enablingTeams: [], targetDate: '2013-10-31', targetDateText: '31 Oct 13', statusNote: 'completed', done: true },
      { id: 'P.1.p3', text: 'Understand needs', owners: [], enablingTeams: [], statusNote: 'due for completion end of October', done: false },
    ]);
    expect(file.rowsRead).toBe(4);
  });

  it('refuses a step of an action the file does not have, and one without text; warns about a RAG on a step', () => {
    expect(problemsOf(() => readPlansCsv(csv('P,Plan,other,W,WS,P.1,1,One,AB,,,,,,,,', ',,,,,,,Step,,,,,,,P.9,,', ',,,,,,,,,,,,,,P.1,,'))).join('\n')).toMatch(
      /line 3: step_of "P.9" names no action of this file[\s\S]*line 4: title \(the text of the step\) is empty/,
    );
    const file = readPlansCsv(csv('P,Plan,other,W,WS,P.1,1,One,AB,,,,,,,,', ',,,,,,,Step,,,,,A,,P.1,,'));
    expect(actions(file)[0].steps[0].done).toBe(false);
    expect(file.warnings).toEqual([{ where: 'line 3', message: 'a step has no RAG rating: only B (done) is read, "A" is not' }]);
  });
});
