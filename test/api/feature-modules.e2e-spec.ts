import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ProjectionRunner } from '@rag-ledger/projections';
import { WritePath } from '@rag-ledger/write-path';
import { ActionsModule } from '../../apps/api/src/actions/actions.module';
import { AddActionCommand } from '../../apps/api/src/actions/commands/add-action.command';
import { GetActionQuery } from '../../apps/api/src/actions/queries/get-action.query';
import type { CommandContext, CommandResult } from '../../apps/api/src/common/command-context';
import { MeasuresModule } from '../../apps/api/src/measures/measures.module';
import { AddWorkstreamCommand } from '../../apps/api/src/plans/commands/add-workstream.command';
import { CreatePlanCommand } from '../../apps/api/src/plans/commands/create-plan.command';
import { PlansModule } from '../../apps/api/src/plans/plans.module';
import { GetPlanQuery, type PlanDetail } from '../../apps/api/src/plans/queries/get-plan.query';
import { removeDataDir, startTestApp, type TestApp } from '../support/test-app';

/** Fails to compile where a bus answers `any`: `any` is the one type that 1 & T leaves open to 0. */
type NotAny<T> = 0 extends 1 & T ? never : T;
const typed = <T>(value: NotAny<T>): T => value;

/**
 * Each feature is a Nest module of its own (controller, command and query handlers), and the
 * buses answer the type each command or query declares, so a handler's result needs no cast.
 */
describe('feature modules and typed buses', () => {
  let t: TestApp;
  const context: CommandContext = { principal: { id: 'ada', name: 'Ada Admin', roles: ['admin'], plans: [] }, correlationId: 'req-typed' };

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await t.close();
    removeDataDir(t.dataDir);
  });

  it('registers each feature as its own module, all writing through the one write path', () => {
    for (const feature of [PlansModule, ActionsModule, MeasuresModule]) expect(t.app.select(feature)).toBeDefined();
    expect(t.app.select(PlansModule).get(WritePath)).toBe(t.app.select(ActionsModule).get(WritePath));
  });

  it('answers each command and query with the type it declares', async () => {
    const commands = t.app.get(CommandBus);
    const queries = t.app.get(QueryBus);
    const created: CommandResult = typed(await commands.execute(new CreatePlanCommand({ planId: 'TYP', kind: 'strategic', title: 'Typed plan' }, context)));
    expect(created).toEqual({ id: 'TYP', revision: 0, position: expect.any(Number) });
    const workstream = typed(await commands.execute(new AddWorkstreamCommand({ planId: 'TYP', workstreamId: 'TYP.1', title: 'Front door' }, context)));
    expect(workstream).toMatchObject({ id: 'TYP.1', revision: 1 });
    const added = typed(await commands.execute(new AddActionCommand({ actionId: 'TYP.1.1', planId: 'TYP', workstreamId: 'TYP.1', title: 'Audit the front door', owners: ['Ada'] }, context)));
    expect(added).toMatchObject({ id: 'TYP.1.1', revision: 0 });

    expect(await t.app.get(ProjectionRunner).waitFor(BigInt(added.position), 10_000)).toBe(true);
    const plan: PlanDetail = typed(await queries.execute(new GetPlanQuery('TYP')));
    expect(plan.workstreams.map((w) => w.id)).toEqual(['TYP.1']);
    const action = typed(await queries.execute(new GetActionQuery('TYP.1.1')));
    expect(action.title).toBe('Audit the front door');
  });
});
