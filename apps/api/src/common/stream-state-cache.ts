import { Injectable } from '@nestjs/common';
import { StreamStates } from '@rag-ledger/write-path';

export { STREAM_STATE_CACHE_CAPACITY } from '@rag-ledger/write-path';

/** The server's one cache of folded stream states, shared by every command (see StreamStates). */
@Injectable()
export class StreamStateCache extends StreamStates {}
