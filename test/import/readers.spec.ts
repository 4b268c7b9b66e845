import { readFileSync } from 'node:fs';
import { ImportFileError, NORFOLK_PLAN_KINDS, readPlansCsv, readPlansJson, type ImportFile } from '@rag-ledger/import';
import { NORFOLK_FILE, readNorfolk } from '../support/norfolk';

const problemsOf = (read: () => unknown): string[] => {
  try {
    read();
  } catch (error) {
    if (error instanceof ImportFileError) return error.problems;
    throw error;
  }
  throw new Error('the file was accepted');
};

const action = (file: ImportFile, id: string) =>
  file.plans.flatMap((p) => p.workstreams.flatMap((w) => w.actions)).find((a) => a.id === id);

describe('reading the Norfolk JSON', () => {
  const file = readPlansJson(readFileSync(NORFOLK_FILE, 'utf8'), { kindFor: (id) => NORFOLK_PLAN_KINDS[id] });
  const source = readNorfolk();

  it('reads every plan, work-stream and action of the file', () => {
    expect(file.rowsRead).toBe(301);
    expect(file.plans.map((p) => [p.id, p.kind])).toEqual([
      ['SIP', 'strategic'], ['SG', 'safeguarding'], ['LAC', 'lac'], ['EDU', 'education'], ['EH', 'early-help'],
    ]);
    for (const plan of source.plans) {
      const read = file.plans.find((p) => p.id === plan.id)!;
      expect(read.workstreams.map((w) => [w.id, w.actions.length])).toEqual(plan.workstreams.map((w) => [w.id, w.actions.length]));
    }
  });

  it('keeps the printed date and takes the ISO date the file gives', () => {
    expect(action(file, 'SIP.PS.1.1.1')).toMatchObject({ ref: '1.1.1', owners: ['AB', 'AH'], enablingTeams: ['CPO'], targetDate: '2013-12-31', targetDateText: 'Dec 2013' });
  });

  it('without a kind the plans are "other"', () => {
    expect(readPlansJson(readFileSync(NORFOLK_FILE, 'utf8')).plans.every((p) => p.kind === 'other')).toBe(true);
  });

  it('stands the strategic intent in for a title the source says was lost, with a warning', () => {
    expect(action(file, 'EH.A1.10')?.title).toMatch(/^To improve multi agency governance/);
    expect(file.warnings.find((w) => w.where === 'action EH.A1.10')?.message).toMatch(/no title in the file/);
  });

  it('parses the printed date when no ISO date is given, and warns on a cell it cannot read', () => {
    const read = readPlansJson({
      plans: [{ id: 'P', name: 'Plan', workstreams: [{ id: 'W', name: 'WS', actions: [
        { id: 'a1', title: 'One', targetDate: 'By Mar 2014' },
        { id: 'a2', title: 'Two', targetDate: 'Marc 2014' },
        { id: 'a3', title: 'Three', targetDate: 'From Sept 2013' },
        { id: 'a4', title: 'Four', targetDate: 'Start w/c 14 or 21 October' },
        { id: 'a5', title: 'Five', responsible: 'СМ/АН & JS', rag: 'Amber' },
      ] }] }],
    });
    expect(action(read, 'a1')).toMatchObject({ targetDate: '2014-03-31', targetDateText: 'By Mar 2014' });
    expect(action(read, 'a2')).toMatchObject({ targetDate: '2014-03-31', targetDateText: 'Marc 2014' });
    expect(action(read, 'a3')).toMatchObject({ targetDate: undefined, targetDateText: 'From Sept 2013' });
    expect(action(read, 'a4')).toMatchObject({ targetDate: undefined, targetDateText: 'Start w/c 14 or 21 October' });
    expect(read.warnings.map((w) => w.where)).toEqual(['action a4']);
    expect(action(read, 'a5')).toMatchObject({ owners: ['CM', 'AH', 'JS'], rag: 'A' });
  });

  it.each([
    ['malformed JSON', '{"plans": [', /malformed/],
    ['no plans list', '{"plan": []}', /"plans" list/],
    ['an unknown plan kind', { plans: [{ id: 'P', name: 'Plan', kind: 'county', workstreams: [] }] }, /plan P: unknown plan kind "county"/],
    ['a plan without a title', { plans: [{ id: 'P', workstreams: [] }] }, /plan P: has no title/],
    ['an action without a title', { plans: [{ id: 'P', name: 'Plan', workstreams: [{ id: 'W', name: 'WS', actions: [{ id: 'a1' }] }] }] }, /action a1: has no title/],
    ['a duplicate action id', { plans: [{ id: 'P', name: 'Plan', workstreams: [{ id: 'W', name: 'WS', actions: [{ id: 'a1', title: 'x' }, { id: 'a1', title: 'y' }] }] }] }, /action id "a1" is used twice/],
    ['a duplicate plan id', { plans: [{ id: 'P', name: 'A', workstreams: [] }, { id: 'P', name: 'B', workstreams: [] }] }, /plan id "P" is used twice/],
    ['an id with a space', { plans: [{ id: 'P 1', name: 'A', workstreams: [] }] }, /plan id "P 1" must be/],
  ])('refuses %s, naming the line or action', (_, input, message) => {
    expect(problemsOf(() => readPlansJson(input)).join('\n')).toMatch(message);
  });
});

describe('reading CSV as Excel saves it', () => {
  const header = 'plan_id,plan_title,plan_kind,workstream_id,workstream_title,action_id,ref,title,owners,enabling_teams,target_date,measures,rag,links';
  const csv = (...rows: string[]) => [header, ...rows].join('\r\n') + '\r\n';

  it('reads rows with a BOM, quoted cells with commas and line breaks, and every column', () => {
    const file = readPlansCsv(
      '\uFEFF' +
        csv(
          'LAC,LAC Operational Improvement Plan,lac,LAC.1,Corporate parenting,LAC.1.1,1.1,"Re-establish the board, with members",AB/CB,"QA, ICT",Dec13,"Minutes show\nattendance",G,EHIP;VSIP',
          'LAC,,,LAC.1,,,1.2,Review pledge,DP & JC,,1 July 13,,,',
          'LAC,,,LAC.2,Planning,LAC.2.1,2.1,Audit plans,SC,,By Mar 2014,,B,',
        ),
    );
    expect(file.rowsRead).toBe(3);
    const [plan] = file.plans;
    expect(plan).toMatchObject({ id: 'LAC', title: 'LAC Operational Improvement Plan', kind: 'lac' });
    expect(plan.workstreams.map((w) => [w.id, w.actions.map((a) => a.id)])).toEqual([['LAC.1', ['LAC.1.1', 'LAC.1.1.2']], ['LAC.2', ['LAC.2.1']]]);
    expect(plan.workstreams[0].actions[0]).toMatchObject({
      title: 'Re-establish the board, with members', owners: ['AB', 'CB'], enablingTeams: ['QA', 'ICT'], targetDate: '2013-12-31',
      targetDateText: 'Dec13', measures: 'Minutes show\nattendance', rag: 'G', links: ['EHIP', 'VSIP'],
    });
    expect(plan.workstreams[0].actions[1]).toMatchObject({ id: 'LAC.1.1.2', owners: ['DP', 'JC'], targetDate: '2013-07-01' });
    expect(plan.workstreams[1].actions[0]).toMatchObject({ rag: 'B', targetDate: '2014-03-31' });
  });

  it('reads a plan without a kind as "other"', () => {
    expect(readPlansCsv(csv('P,Plan,,W,WS,a1,,Title,AB,,,,,')).plans[0].kind).toBe('other');
  });

  it.each([
    ['an unclosed quote', csv('P,Plan,other,W,WS,a1,,"Title,AB,,,,,'), /malformed/],
    ['a missing column', 'plan_id,plan_title\r\nP,Plan\r\n', /line 1: missing columns plan_kind/],
    ['an unknown plan kind', csv('P,Plan,county,W,WS,a1,,Title,AB,,,,,'), /line 2: unknown plan kind "county"/],
    ['a row without a title', csv('P,Plan,other,W,WS,a1,,,AB,,,,,'), /line 2: title is empty/],
    ['a duplicate action id', csv('P,Plan,other,W,WS,a1,,One,AB,,,,,', 'P,Plan,other,W,WS,a1,,Two,AB,,,,,'), /line 3: action id "a1" is used twice in the file \(first at line 2\)/],
    ['an unreadable RAG', csv('P,Plan,other,W,WS,a1,,One,AB,,,,purple,'), /line 2: rag "purple"/],
    ['an empty file', '', /no rows/],
  ])('refuses %s, naming the line', (_, input, message) => {
    expect(problemsOf(() => readPlansCsv(input)).join('\n')).toMatch(message);
  });
});
