import { execFileSync, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { CORE_SCHEMA, load, mergeTag } from 'js-yaml';

/**
 * The compose files' EventStoreDB health checks, run for real: each node's command, read from
 * the YAML, against a small HTTP server standing in for the node's /gossip. Healthy only when
 * a member is the leader and alive, so the API (which waits for service_healthy) starts once
 * writes can be taken, not merely once the process answers.
 */

const ROOT = join(__dirname, '..', '..');
/** Where the command asks, inside the container. */
const NODE_ADDRESS = 'localhost:2113';

interface Service {
  image?: string;
  healthcheck?: { test?: string | string[] };
  depends_on?: Record<string, { condition?: string }> | string[];
}

function servicesOf(file: string): Record<string, Service> {
  // js-yaml is a dependency of @nestjs/swagger, not of this project. Compose reads YAML 1.2
  // with `<<` merges, which the cluster file's anchors use.
  const compose = load(readFileSync(join(ROOT, file), 'utf8'), { schema: CORE_SCHEMA.withTags(mergeTag) }) as { services: Record<string, Service> };
  return compose.services;
}

const isEventStoreDb = (service: Service) => /^(eventstore\/eventstore|docker\.kurrent\.io\/)/.test(service.image ?? '');

/** A member as /gossip prints it (EventStoreDB 20+), the fields in the server's order. */
function member(state: string, isAlive: boolean, host: string) {
  return {
    instanceId: '6f1c3c1e-4a43-4d5a-9c1e-2f1e5d0b7a01',
    timeStamp: '2026-12-02T04:00:00.0000000Z',
    state,
    isAlive,
    internalTcpIp: host,
    internalTcpPort: 0,
    internalSecureTcpPort: 0,
    externalTcpIp: host,
    externalTcpPort: 0,
    externalSecureTcpPort: 0,
    httpEndPointIp: host,
    httpEndPointPort: 2113,
    lastCommitPosition: 38102748,
    writerCheckpoint: 38102983,
    chaserCheckpoint: 38102983,
    epochPosition: 27382051,
    epochNumber: 10,
    epochId: '5197288e-a126-4eec-8c6c-4a66e650026f',
    nodePriority: 0,
    isReadOnlyReplica: false,
  };
}

const GOSSIP = {
  'a leader and two followers': [member('Follower', true, 'esdb-1'), member('Leader', true, 'esdb-2'), member('Follower', true, 'esdb-3')],
  'a single node': [member('Leader', true, 'eventstoredb')],
  'an election (no leader yet)': [member('PreLeader', true, 'esdb-1'), member('Unknown', true, 'esdb-2'), member('DiscoverLeader', true, 'esdb-3')],
  'a leader that stopped answering, listed dead': [member('Leader', false, 'esdb-1'), member('Unknown', true, 'esdb-2'), member('Unknown', true, 'esdb-3')],
  'a node still starting': [member('Initializing', true, 'esdb-1')],
};

/** The stand-in for a node's HTTP port: /gossip answers `body` (pretty-printed, as EventStoreDB does) with `status`. */
async function gossipServer(): Promise<{ server: Server; port: number; answer: (status: number, body: unknown) => void }> {
  let reply = { status: 200, body: {} as unknown };
  const server = createServer((request, response) => {
    if (request.url !== '/gossip') return response.writeHead(404).end();
    response.writeHead(reply.status, { 'content-type': 'application/json; charset=utf-8' }).end(JSON.stringify(reply.body, null, 2));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, port: (server.address() as AddressInfo).port, answer: (status, body) => (reply = { status, body }) };
}

/** A port on which nothing listens: one a server had, closed again. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** Runs a CMD-SHELL health check as Docker does (`/bin/sh -c`), asking 127.0.0.1:`port`; its exit code. */
function runCheck(command: string, port: number): Promise<number | null> {
  // Not spawnSync: the stand-in server answers from this process's event loop.
  return new Promise((resolve, reject) => {
    const child = spawn('sh', ['-c', command.replace(NODE_ADDRESS, `127.0.0.1:${port}`)], { stdio: 'ignore' });
    child.on('error', reject);
    child.on('exit', (code) => resolve(code));
  });
}

describe.each(['docker-compose.yml', 'docker-compose.cluster.yml'])("%s's EventStoreDB health checks", (file) => {
  const services = servicesOf(file);
  const nodes = Object.entries(services).filter(([, service]) => isEventStoreDb(service));
  let stand: Awaited<ReturnType<typeof gossipServer>>;

  beforeAll(async () => {
    // The checks run curl, as the EventStoreDB image does; without it they cannot be run here.
    try {
      execFileSync('curl', ['--version'], { stdio: 'ignore' });
    } catch {
      throw new Error('curl is not installed: these tests run the compose files\' health checks, which use it (apt-get install -y curl)');
    }
    stand = await gossipServer();
  });
  afterAll(async () => {
    if (stand) await new Promise((resolve) => stand.server.close(resolve));
  });

  it('has its nodes, each checked as a CMD-SHELL command on the node\'s own /gossip, that Compose leaves as written', () => {
    expect(nodes.length).toBe(file === 'docker-compose.yml' ? 1 : 3);
    for (const [name, service] of nodes) {
      const test = service.healthcheck?.test;
      expect([name, Array.isArray(test) && test[0]]).toEqual([name, 'CMD-SHELL']);
      const command = (test as string[])[1];
      expect(command.split(NODE_ADDRESS).length - 1).toBe(1);
      expect(command).toContain(`http://${NODE_ADDRESS}/gossip`);
      // Compose would substitute a `$` from the host's environment.
      expect(command).not.toMatch(/\$/);
    }
  });

  it('makes every API service wait until each node is healthy', () => {
    const apis = Object.entries(services).filter(([, service]) => /^rag-ledger/.test(service.image ?? ''));
    expect(apis.length).toBe(file === 'docker-compose.yml' ? 1 : 2);
    for (const [api, service] of apis) {
      for (const [node] of nodes) expect([api, node, (service.depends_on as Record<string, unknown>)[node]]).toEqual([api, node, { condition: 'service_healthy' }]);
    }
  });

  it.each([
    ['a leader and two followers', 'healthy'],
    ['a single node', 'healthy'],
    ['an election (no leader yet)', 'unhealthy'],
    ['a leader that stopped answering, listed dead', 'unhealthy'],
    ['a node still starting', 'unhealthy'],
  ] as const)('on a gossip with %s: %s', async (gossip, expected) => {
    stand.answer(200, { members: GOSSIP[gossip], serverIp: '127.0.0.1', serverPort: 2113 });
    for (const [name, service] of nodes) {
      const code = await runCheck((service.healthcheck!.test as string[])[1], stand.port);
      expect([name, code === 0 ? 'healthy' : 'unhealthy']).toEqual([name, expected]);
    }
  });

  it('is unhealthy when /gossip answers an error, or nothing answers', async () => {
    stand.answer(503, { members: GOSSIP['a single node'] });
    const unanswered = await closedPort();
    for (const [name, service] of nodes) {
      const command = (service.healthcheck!.test as string[])[1];
      expect([name, await runCheck(command, stand.port)]).not.toEqual([name, 0]);
      expect([name, await runCheck(command, unanswered)]).not.toEqual([name, 0]);
    }
  });
});
