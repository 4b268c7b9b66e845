/**
 * Protocol messages to and from the server's own values, with the google-protobuf classes the
 * client package ships (its generated/ folder), so both ends encode the same .proto files.
 */
import { Empty, StreamIdentifier, UUID } from '@eventstore/db-client/generated/shared_pb';
import { ReadResp } from '@eventstore/db-client/generated/streams_pb';
import type { StoredEsdbEvent } from './server.types';

export const empty = (): Empty => new Empty();

export function streamName(identifier: StreamIdentifier | undefined): string {
  return Buffer.from(identifier?.getStreamName_asU8() ?? new Uint8Array()).toString('utf8');
}

export function streamIdentifier(streamId: string): StreamIdentifier {
  return new StreamIdentifier().setStreamName(Buffer.from(streamId, 'utf8'));
}

/** A uuid in either of the protocol's forms (the client sends the string form), in lower case. */
export function uuidText(uuid: UUID | undefined): string {
  if (!uuid) throw new Error('the message has no uuid');
  if (uuid.hasStructured()) {
    const s = uuid.getStructured() as UUID.Structured;
    const hex = (bits: string) => BigInt.asUintN(64, BigInt(bits)).toString(16).padStart(16, '0');
    const h = hex(s.getMostSignificantBits()) + hex(s.getLeastSignificantBits());
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
  }
  return uuid.getString().toLowerCase();
}

export const uuidMessage = (id: string): UUID => new UUID().setString(id);

/** .NET ticks (100 ns) since the Unix epoch, as the server writes `created` and the client reads it. */
const ticks = (date: Date): string => (BigInt(date.getTime()) * 10_000n).toString(10);

/** A stored event as a read or subscription answer; commit = prepare = its log position on both the record and the answer. */
export function eventResponse(event: StoredEsdbEvent): ReadResp {
  const record = new ReadResp.ReadEvent.RecordedEvent()
    .setId(uuidMessage(event.id))
    .setStreamIdentifier(streamIdentifier(event.streamId))
    .setStreamRevision(event.revision.toString(10))
    .setPreparePosition(event.position.toString(10))
    .setCommitPosition(event.position.toString(10))
    .setData(event.data)
    .setCustomMetadata(event.metadata);
  record.getMetadataMap().set('type', event.type).set('content-type', event.contentType).set('created', ticks(event.created));
  const read = new ReadResp.ReadEvent().setEvent(record).setCommitPosition(event.position.toString(10));
  return new ReadResp().setEvent(read);
}
