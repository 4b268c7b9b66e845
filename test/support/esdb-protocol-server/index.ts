/**
 * A protocol-level EventStoreDB server FOR TESTS ONLY: it is not a store. It keeps its log in
 * memory for one test file and implements just enough of EventStoreDB's gRPC protocol (the
 * service definitions @eventstore/db-client ships, on @grpc/grpc-js) for the real client, and
 * the product's adapter over it, to run in `npm test`: Streams.Append and BatchAppend with the
 * expected-revision and idempotency rules, Streams.Read of streams and `$all` with the server's
 * positions, catch-up subscriptions with filters, checkpoints and caught-up, ServerFeatures,
 * Gossip, and faults a test sets (server-side ends, failing calls, a stop and a restart).
 *
 * What it does not stand in for: clustering and elections, TLS, authentication and ACLs,
 * scavenging, persistent subscriptions, projections, durability, the real server's image.
 */
import { GossipService } from '@eventstore/db-client/generated/gossip_grpc_pb';
import { ServerFeaturesService } from '@eventstore/db-client/generated/serverfeatures_grpc_pb';
import { StreamsService } from '@eventstore/db-client/generated/streams_grpc_pb';
import { Server, ServerCredentials, status } from '@grpc/grpc-js';
import { appendHandler, batchAppendHandler } from './append';
import { serverError, unavailable, type ServerError } from './errors';
import { EventLog } from './event-log';
import { Faults } from './faults';
import { gossipHandler } from './gossip';
import { readHandler } from './read';
import type { ServerContext } from './server-context';
import { serverFeaturesHandler } from './server-features';
import type { EsdbProtocolServer, EsdbProtocolServerOptions, StartEsdbProtocolServer } from './server.types';
import { Subscriptions } from './subscriptions';

export type * from './server.types';

const HOST = '127.0.0.1';
/** The compose files' --max-append-size (8 MiB); the real server's own default is 1 MiB. */
const DEFAULT_MAX_APPEND_SIZE = 8 * 1024 * 1024;

function listen(server: Server, port: number): Promise<number> {
  return new Promise((resolve, reject) =>
    server.bindAsync(`${HOST}:${port}`, ServerCredentials.createInsecure(), (error, bound) => (error ? reject(error) : resolve(bound))),
  );
}

class ProtocolServer implements EsdbProtocolServer {
  private readonly log = new EventLog();
  private readonly faults = new Faults();
  private readonly openCalls = new Set<(error: ServerError) => void>();
  private readonly subscriptions: Subscriptions;
  private readonly context: ServerContext;
  private server: Server | undefined;
  private boundPort = 0;

  constructor(private readonly options: EsdbProtocolServerOptions) {
    const track = (end: (error: ServerError) => void) => {
      this.openCalls.add(end);
      return () => this.openCalls.delete(end);
    };
    this.subscriptions = new Subscriptions(this.log, track);
    this.context = {
      log: this.log,
      faults: this.faults,
      subscriptions: this.subscriptions,
      maxAppendSize: options.maxAppendSize ?? DEFAULT_MAX_APPEND_SIZE,
      self: () => ({ host: HOST, port: this.boundPort }),
      track,
    };
  }

  get port(): number {
    return this.boundPort;
  }

  get connectionString(): string {
    return `esdb://${HOST}:${this.boundPort}?tls=false`;
  }

  async start(port: number): Promise<void> {
    const server = new Server({ 'grpc.max_receive_message_length': 17 * 1024 * 1024 });
    server.addService(StreamsService, {
      read: readHandler(this.context),
      append: appendHandler(this.context),
      batchAppend: batchAppendHandler(this.context),
      delete: (_call: unknown, callback: (error: ServerError) => void) => callback(unimplemented('Delete')),
      tombstone: (_call: unknown, callback: (error: ServerError) => void) => callback(unimplemented('Tombstone')),
    });
    server.addService(ServerFeaturesService, { getSupportedMethods: serverFeaturesHandler() });
    server.addService(GossipService, { read: gossipHandler(this.context) });
    this.boundPort = await listen(server, port);
    this.server = server;
  }

  events() {
    return this.log.events();
  }

  editEvent(position: bigint, change: { data?: unknown; metadata?: unknown }): void {
    this.log.editEvent(position, change);
  }

  deleteEvent(position: bigint): void {
    this.log.deleteEvent(position);
  }

  appendSystemEvent(streamId: string, type: string, data?: unknown): void {
    if (!streamId.startsWith('$') && !type.startsWith('$')) throw new Error(`A system event needs a $-prefixed stream or type, not ${streamId} / ${type}`);
    this.log.appendSystem(streamId, type, data);
  }

  dropSubscriptions(...args: Parameters<EsdbProtocolServer['dropSubscriptions']>): void {
    this.subscriptions.dropAll(...args);
  }

  dropSubscriptionsAfter(...args: Parameters<EsdbProtocolServer['dropSubscriptionsAfter']>): void {
    this.subscriptions.dropAllAfter(...args);
  }

  failNext(...args: Parameters<EsdbProtocolServer['failNext']>): void {
    this.faults.failNext(...args);
  }

  failAlways(...args: Parameters<EsdbProtocolServer['failAlways']>): void {
    this.faults.failAlways(...args);
  }

  clearFaults(): void {
    this.faults.clear();
  }

  calls(method: Parameters<EsdbProtocolServer['calls']>[0]): number {
    return this.faults.calls(method);
  }

  /** Open subscriptions now (for tests that wait for a resubscription). */
  openSubscriptions(): number {
    return this.subscriptions.count;
  }

  async stop(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = undefined;
    for (const end of [...this.openCalls]) end(unavailable('the protocol server is stopping'));
    this.openCalls.clear();
    await new Promise<void>((resolve) => {
      // The calls have their status; the connections go now rather than when the client lets go.
      const timer = setTimeout(() => {
        server.forceShutdown();
        resolve();
      }, 1000);
      server.tryShutdown(() => {
        clearTimeout(timer);
        resolve();
      });
    });
  }

  async restart(): Promise<void> {
    await this.stop();
    await this.start(this.boundPort);
  }
}

const unimplemented = (method: string): ServerError => serverError(status.UNIMPLEMENTED, `the protocol server does not implement Streams.${method}`);

/** Starts a protocol server on 127.0.0.1 (any free port unless `port` is given). */
export const startEsdbProtocolServer: StartEsdbProtocolServer = async (options = {}) => {
  const server = new ProtocolServer(options);
  await server.start(options.port ?? 0);
  return server;
};
