import type { Readable } from 'node:stream';

/**
 * Where evidence files are kept: content-addressed (a file's address is the SHA-256 of its
 * bytes, so the same bytes are stored once and a changed file no longer matches its address).
 * A port, so an object-store adapter can stand where the local folder does for deployments on
 * several machines; the holding area for an upload in progress is always a local file.
 */
export interface DocumentStore {
  /**
   * Streams `source` into a holding file, hashing as the bytes come, never holding them whole.
   * Rejects with DocumentTooLargeError past `maxBytes` (the holding file removed), and with the
   * source's own error if it fails or ends early. Nothing is in the store until `keep`.
   */
  receive(source: Readable, limits: ReceiveLimits): Promise<ReceivedDocument>;
  /** The bytes at this address, or undefined when the store has none. */
  open(sha256: string, range?: { start: number; end: number }): Promise<Readable | undefined>;
  /** Whether the bytes at this address are there and still hash to it (reads them whole, streaming). */
  check(sha256: string): Promise<DocumentCheck>;
  /** Deletes the bytes at this address (an erasure); no error when they are already gone. */
  erase(sha256: string): Promise<void>;
}

/**
 * `observe`: shown every piece of the bytes, in order, as they are written (the media-type
 * checks run on them there, so a large file is not read twice); it must not keep the piece.
 */
export interface ReceiveLimits {
  maxBytes: number;
  observe?: (chunk: Buffer) => void;
}

/** An upload held aside while it is checked: kept into the store, or discarded. */
export interface ReceivedDocument {
  sha256: string;
  size: number;
  /** The holding file, a local path: the media type is read from it (random access, bounded reads). */
  readonly path: string;
  /** Moves it into the store at its address (once; the same bytes already there are left as they are). */
  keep(): Promise<void>;
  /** Removes the holding file; safe to call more than once, and after keep. */
  discard(): Promise<void>;
}

export type DocumentCheck = { sha256: string; state: 'held'; size: number } | { sha256: string; state: 'missing' } | { sha256: string; state: 'changed'; actual: string; size: number };

export class DocumentTooLargeError extends Error {
  constructor(readonly maxBytes: number) {
    super(`The file is larger than ${Math.round(maxBytes / (1024 * 1024))} MB, the most one evidence file may be.`);
    this.name = 'DocumentTooLargeError';
  }
}

/** The Nest token the API's DocumentStore is provided under. */
export const DOCUMENT_STORE = Symbol('DocumentStore');
