/**
 * Errors as EventStoreDB sends them: a gRPC status whose trailing metadata names the exception
 * in `exception`, with the fields the client reads for it (see the client's
 * utils/CommandError.js `convertToCommandError`, and the server's `RpcExceptions`).
 */
import { Metadata, status, type StatusObject } from '@grpc/grpc-js';
import type { EsdbFault, GrpcStatusName } from './server.types';

export type ServerError = Partial<StatusObject> & { code: status; details: string; metadata: Metadata };

export interface ServerAddress {
  host: string;
  port: number;
}

export function statusCode(name: GrpcStatusName): status {
  return status[name];
}

export function serverError(code: status, details: string, fields: Record<string, string> = {}): ServerError {
  const metadata = new Metadata();
  for (const [key, value] of Object.entries(fields)) metadata.set(key, value);
  return { code, details, metadata };
}

/** The error a fault ends a call with; `not-leader` names this server as the leader (a leader change that lands back on it). */
export function faultError(fault: EsdbFault, self: ServerAddress): ServerError {
  const details = fault.details ?? `protocol server fault: ${fault.status}${fault.exception ? ` (${fault.exception})` : ''}`;
  if (!fault.exception) return serverError(statusCode(fault.status), details);
  const fields: Record<string, string> = { exception: fault.exception };
  if (fault.exception === 'not-leader') {
    fields['leader-endpoint-host'] = self.host;
    fields['leader-endpoint-port'] = String(self.port);
  }
  return serverError(statusCode(fault.status), details, fields);
}

export const unavailable = (details: string): ServerError => serverError(status.UNAVAILABLE, details);

export function streamNotFound(streamId: string): ServerError {
  return serverError(status.NOT_FOUND, `Event stream '${streamId}' is not found.`, { exception: 'stream-not-found', 'stream-name': streamId });
}

export function maximumAppendSizeExceeded(maxAppendSize: number): ServerError {
  return serverError(status.INVALID_ARGUMENT, `Maximum Append Size of ${maxAppendSize} Exceeded.`, {
    exception: 'maximum-append-size-exceeded',
    'maximum-append-size': String(maxAppendSize),
  });
}
