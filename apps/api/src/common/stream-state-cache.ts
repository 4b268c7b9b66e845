import { Injectable } from '@nestjs/common';
import { StreamStates } from './write-path/stream-states';

export { STREAM_STATE_CACHE_CAPACITY } from './write-path/stream-states';

/** The server's one cache of folded stream states, shared by every command (see StreamStates). */
@Injectable()
export class StreamStateCache extends StreamStates {}
