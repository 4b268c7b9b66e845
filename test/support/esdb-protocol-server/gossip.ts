/**
 * Gossip.Read: the cluster's members as a node sees them. This server is a single node and
 * answers itself as the alive Leader at its own host and port, so a connection string with
 * several hosts or `esdb+discover://` discovers it (the client's Client/discovery.js picks an
 * alive member in an allowed state, preferring the leader, and connects to its http endpoint).
 */
import { randomUUID } from 'node:crypto';
import { ClusterInfo, EndPoint, MemberInfo } from '@eventstore/db-client/generated/gossip_pb';
import type { Empty } from '@eventstore/db-client/generated/shared_pb';
import type { ServerUnaryCall, sendUnaryData } from '@grpc/grpc-js';
import { faultError } from './errors';
import { uuidMessage } from './messages';
import type { ServerContext } from './server-context';

export function gossipHandler(context: ServerContext) {
  const instanceId = randomUUID();
  return (_call: ServerUnaryCall<Empty, ClusterInfo>, callback: sendUnaryData<ClusterInfo>): void => {
    const fault = context.faults.take('gossip');
    if (fault) return callback(faultError(fault, context.self()));
    const { host, port } = context.self();
    const self = new MemberInfo()
      .setInstanceId(uuidMessage(instanceId))
      .setTimeStamp(String(Date.now() * 10_000))
      .setState(MemberInfo.VNodeState.LEADER)
      .setIsAlive(true)
      .setHttpEndPoint(new EndPoint().setAddress(host).setPort(port));
    callback(null, new ClusterInfo().setMembersList([self]));
  };
}
