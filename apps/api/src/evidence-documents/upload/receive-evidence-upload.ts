import { PassThrough, type Readable } from 'node:stream';
import { BadRequestException, PayloadTooLargeException, UnsupportedMediaTypeException, type HttpException } from '@nestjs/common';
import busboy, { type Busboy } from 'busboy';
import type { Request } from 'express';
import { DocumentTooLargeError, StreamedScans, type DocumentStore, type ReceivedDocument } from '@rag-ledger/documents';
import { evidenceFileNameProblem } from '@rag-ledger/domain';

/** The form fields an upload may carry beside its file (`period` for a measure only). */
export type EvidenceField = 'description' | 'period';

export interface UploadLimits {
  /** The largest file, in bytes (RAG_LEDGER_MAX_EVIDENCE_MB). */
  maxFileBytes: number;
  /** The whole body: the file and 1 MB for the fields and boundaries. */
  maxRequestBytes: number;
  /** The fields this route takes; any other is refused, as unknown properties are elsewhere. */
  fields: readonly EvidenceField[];
}

/** Room in a request beside its file: the fields (8 KB each at most), the part headers and boundaries. */
export const REQUEST_OVERHEAD_BYTES = 1024 * 1024;
const MAX_FIELD_BYTES = 8 * 1024;
const STREAM_BUFFER_BYTES = 1024 * 1024;

/** The file, held aside (not yet in the store), with the name it came under and the fields. */
export interface EvidenceUpload {
  document: ReceivedDocument;
  /** The media-type checks run on the bytes as they came in (a large file is not read again when they settle it). */
  scans: StreamedScans;
  fileName: string;
  fields: Partial<Record<EvidenceField, string>>;
}

/** The client went away before sending the whole request: nobody is there to answer, and nothing is kept. */
export class UploadAbandonedError extends BadRequestException {
  constructor() {
    super('The upload stopped before the whole file arrived: nothing was kept. Attach the file again.');
  }
}

const tooLarge = (maxFileBytes: number) => new PayloadTooLargeException(new DocumentTooLargeError(maxFileBytes).message);

/**
 * Before any byte of the body is read: it must be multipart/form-data (415), and a declared
 * length must be within the request's limit (413). Called after the guard and after the caller
 * is known to be allowed to attach to the subject.
 */
export function checkUploadHeaders(req: Request, limits: UploadLimits): void {
  if (!req.is('multipart/form-data')) {
    throw new UnsupportedMediaTypeException(
      `Send the file as multipart/form-data, in a part named "file" (with an optional "description"); it was sent as ${req.headers['content-type'] ?? 'no Content-Type'}.`,
    );
  }
  const length = req.headers['content-length'];
  if (length !== undefined && Number(length) > limits.maxRequestBytes) {
    // The body is not read: the connection closes after the answer rather than take it in to drop it.
    req.res?.setHeader('Connection', 'close');
    throw tooLarge(limits.maxFileBytes);
  }
}

/**
 * Streams the multipart body: its one `file` part into the store's holding area (hashed and
 * counted on the way, never whole in memory), its fields collected whether they come before or
 * after the file. Resolves once the whole body has been read and the file is held; rejects with
 * the 4xx to answer, after the holding file (if any) is removed: a refused or cut-off upload
 * leaves nothing behind. The name is checked before the file's bytes are read.
 */
export async function receiveEvidenceUpload(req: Request, store: DocumentStore, limits: UploadLimits): Promise<EvidenceUpload> {
  let parser: Busboy;
  try {
    parser = busboy({
      headers: req.headers,
      // Names are kept as sent (a name with a folder in it is refused, not silently shortened) and read as UTF-8.
      preservePath: true,
      defParamCharset: 'utf8',
      // Larger buffers than the 16 KB defaults: fewer, larger writes to the holding file.
      highWaterMark: STREAM_BUFFER_BYTES,
      fileHwm: STREAM_BUFFER_BYTES,
      // fileSize one over the limit: busboy's 'limit' fires on reaching it, and a file of exactly the limit is allowed.
      limits: { fileSize: limits.maxFileBytes + 1, files: 1, fields: limits.fields.length + 2, fieldSize: MAX_FIELD_BYTES, parts: limits.fields.length + 4, headerPairs: 20 },
    });
  } catch (error) {
    throw new BadRequestException(`The upload is not a multipart form this server can read: ${(error as Error).message}.`);
  }

  const fields: EvidenceUpload['fields'] = {};
  const scans = new StreamedScans();
  let file: { name: string; receiving: Promise<ReceivedDocument | undefined> } | undefined;
  let problem: HttpException | undefined;
  const refuse = (error: HttpException) => {
    problem ??= error;
  };

  await new Promise<void>((resolve) => {
    let bodyBytes = 0;
    let stopped = false;
    req.on('data', (chunk: Buffer) => {
      bodyBytes += chunk.length;
      // A body without a length (chunked) that runs past the limit: stop reading it, and close
      // the connection after the answer rather than read the rest.
      if (bodyBytes > limits.maxRequestBytes && !stopped) {
        stopped = true;
        refuse(tooLarge(limits.maxFileBytes));
        req.res?.setHeader('Connection', 'close');
        req.unpipe(parser);
        req.pause();
        parser.destroy(new DocumentTooLargeError(limits.maxFileBytes));
        resolve();
      }
    });
    req.on('close', () => {
      if (req.complete) return;
      refuse(new UploadAbandonedError());
      // Destroying the parser destroys the file part it is writing, so the store removes its holding file.
      parser.destroy(new UploadAbandonedError());
      resolve();
    });

    parser.on('file', (name, stream, info) => {
      // Errors of a part are answered through `problem`; an unheard 'error' would stop the server.
      stream.on('error', () => undefined);
      if (problem) return stream.resume();
      if (name !== 'file') {
        refuse(new BadRequestException(`Send the file in the part named "file", not "${name}".`));
        return stream.resume();
      }
      const nameProblem = evidenceFileNameProblem(info.filename);
      if (nameProblem) {
        refuse(new BadRequestException(nameProblem));
        return stream.resume();
      }
      file = { name: info.filename, receiving: receivePart(stream, store, limits, scans, refuse) };
    });
    parser.on('field', (name, value, info) => {
      if (!(limits.fields as readonly string[]).includes(name)) {
        return refuse(new BadRequestException(`This upload takes the fields ${['file', ...limits.fields].map((f) => `"${f}"`).join(', ')}; "${name}" is not one of them.`));
      }
      if (info.valueTruncated) return refuse(new BadRequestException(`The field "${name}" is longer than ${MAX_FIELD_BYTES / 1024} KB.`));
      if (fields[name as EvidenceField] !== undefined) return refuse(new BadRequestException(`The field "${name}" was sent twice.`));
      fields[name as EvidenceField] = value;
    });
    parser.on('filesLimit', () => refuse(new BadRequestException('Attach one file at a time: this upload carried more than one.')));
    parser.on('fieldsLimit', () => refuse(new BadRequestException('The upload carried more fields than a file and its description.')));
    parser.on('partsLimit', () => refuse(new BadRequestException('The upload carried more parts than a file and its description.')));
    parser.on('error', (error: Error) => {
      refuse(new BadRequestException(`The upload was cut short or malformed (${error.message}): nothing was kept. Attach the file again.`));
      // Whatever of the body is left is read and dropped (within the limit), so the answer reaches the client.
      req.unpipe(parser);
      if (!stopped) req.resume();
      resolve();
    });
    parser.on('close', () => resolve());
    req.pipe(parser);
  });

  // The file part, if any, has finished one way or the other once the parser has: held, or removed.
  const document = file && (await file.receiving);
  if (problem || !file || !document) {
    await document?.discard();
    throw problem ?? new BadRequestException('The upload carried no file: send it in a part named "file".');
  }
  scans.end();
  return { document, fileName: file.name, fields, scans };
}

/**
 * One file part into the store, through a relay the store may stop (past the limit): the part
 * itself is then read to its end and dropped, so the parser goes on to the rest of the form. A
 * part that stops early (the body cut short, the client gone) stops the relay, and the store
 * removes its holding file. Resolves to the held file, or undefined with the problem refused.
 */
function receivePart(part: Readable, store: DocumentStore, limits: UploadLimits, scans: StreamedScans, refuse: (error: HttpException) => void): Promise<ReceivedDocument | undefined> {
  const relay = new PassThrough({ highWaterMark: STREAM_BUFFER_BYTES });
  // The store hears of a stopped relay through its own pipeline (even one stopped before the
  // pipeline starts); an 'error' nobody listens to would stop the server.
  relay.on('error', () => undefined);
  part.pipe(relay);
  part.on('limit', () => relay.destroy(new DocumentTooLargeError(limits.maxFileBytes)));
  part.on('close', () => {
    if (!part.readableEnded) relay.destroy(new UploadAbandonedError());
  });
  relay.on('close', () => {
    if (relay.writableFinished) return;
    part.unpipe(relay);
    part.resume();
  });
  return store.receive(relay, { maxBytes: limits.maxFileBytes, observe: (chunk) => scans.push(chunk) }).catch((error: unknown) => {
    refuse(error instanceof DocumentTooLargeError ? tooLarge(limits.maxFileBytes) : new UploadAbandonedError());
    return undefined;
  });
}
