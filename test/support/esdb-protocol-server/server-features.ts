/**
 * ServerFeatures.GetSupportedMethods: the methods this server implements, as the real server
 * lists them. The client asks once per connection and uses BatchAppend only when it is listed
 * (Client/ServerFeatures.js compares `/<service>/<method>` in lower case).
 */
import { SupportedMethod, SupportedMethods } from '@eventstore/db-client/generated/serverfeatures_pb';
import type { Empty } from '@eventstore/db-client/generated/shared_pb';
import type { ServerUnaryCall, sendUnaryData } from '@grpc/grpc-js';

/** The version the server reports: the protocol it speaks is 23.10's (caught-up messages, positions on stream reads). */
export const SERVER_VERSION = '23.10.0';

const METHODS: [service: string, method: string, features: string[]][] = [
  ['event_store.client.streams.streams', 'read', []],
  ['event_store.client.streams.streams', 'append', []],
  ['event_store.client.streams.streams', 'batchappend', []],
  ['event_store.client.gossip.gossip', 'read', []],
  ['event_store.client.server_features.serverfeatures', 'getsupportedmethods', []],
];

export function serverFeaturesHandler() {
  return (_call: ServerUnaryCall<Empty, SupportedMethods>, callback: sendUnaryData<SupportedMethods>): void => {
    const methods = METHODS.map(([service, method, features]) => new SupportedMethod().setServiceName(service).setMethodName(method).setFeaturesList(features));
    callback(null, new SupportedMethods().setMethodsList(methods).setEventStoreServerVersion(SERVER_VERSION));
  };
}
