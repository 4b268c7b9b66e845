import { createHash, randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { chmod, mkdir, open, readdir, rename, unlink } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { DocumentTooLargeError, type DocumentCheck, type DocumentStore, type ReceivedDocument, type ReceiveLimits } from './document-store.port';
import { HoldingFileWriter } from './holding-file';

/** An address: a SHA-256 in lowercase hex. Anything else never reaches the file system. */
const ADDRESS = /^[0-9a-f]{64}$/;
export const isDocumentAddress = (value: string): boolean => ADDRESS.test(value);

/**
 * How much of an upload may wait in memory between the network and the disk: with the streams'
 * 16 KB default, every write waited for the one before and a 20 MB upload took half as long
 * again as a plain copy; a few MB lets the next pieces be hashed while one is written, and still
 * bounds an upload's memory whatever the file's size (see the bench, evidence_upload_ratio).
 */
const WRITE_BUFFER_BYTES = 4 * 1024 * 1024;

/**
 * The document store in a local folder (`<data dir>/evidence`):
 * - `sha256/<first two hex>/<hex>`: the kept files, named by their hash only (a name a person
 *   gave never becomes a path), read-only; the fan-out keeps any one folder small.
 * - `incoming/<random>`: uploads being received or checked. On the same file system as the
 *   kept files, so keeping one is a rename: a kept file is whole or absent, never half-written.
 */
export class LocalDocumentStore implements DocumentStore {
  readonly incoming: string;
  readonly kept: string;

  constructor(readonly root: string) {
    this.incoming = join(root, 'incoming');
    this.kept = join(root, 'sha256');
  }

  /** Where the bytes with this hash are kept (the caller has checked it is an address). */
  pathOf(sha256: string): string {
    return join(this.kept, sha256.slice(0, 2), sha256);
  }

  async receive(source: Readable, limits: ReceiveLimits): Promise<ReceivedDocument> {
    await mkdir(this.incoming, { recursive: true });
    const holding = join(this.incoming, randomUUID());
    const hash = createHash('sha256');
    let size = 0;
    // Counts and hashes the bytes on their way to the disk; past the limit the pipeline fails
    // there and then (destroying the source), rather than after a large body has been written.
    const meter = new Transform({
      highWaterMark: WRITE_BUFFER_BYTES,
      transform(chunk: Buffer, _encoding, done) {
        size += chunk.length;
        if (size > limits.maxBytes) return done(new DocumentTooLargeError(limits.maxBytes));
        hash.update(chunk);
        limits.observe?.(chunk);
        done(null, chunk);
      },
    });
    const writer = new HoldingFileWriter(holding, WRITE_BUFFER_BYTES);
    try {
      // The holding file is fsynced before it is closed, so what is acknowledged later is on the
      // disk (pipeline waits for the close).
      await pipeline(source, meter, writer);
      return new HeldUpload(this, holding, hash.digest('hex'), size);
    } catch (error) {
      // The pipeline may fail while the holding file is still being opened: it is removed once
      // the writer has closed it, or the file the open then creates would be left behind.
      if (!writer.closed) await new Promise((resolve) => writer.once('close', resolve));
      await removeIfThere(holding);
      throw error;
    }
  }

  async open(sha256: string, range?: { start: number; end: number }): Promise<Readable | undefined> {
    if (!isDocumentAddress(sha256)) return undefined;
    if (range && !(Number.isSafeInteger(range.start) && Number.isSafeInteger(range.end) && 0 <= range.start && range.start <= range.end)) {
      throw new RangeError(`A byte range runs from a first to a last byte (inclusive), not ${range.start}-${range.end}.`);
    }
    // Opened first, so a missing file is an answer here, not an error later in the stream.
    const handle = await open(this.pathOf(sha256), 'r').catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return undefined;
      throw error;
    });
    return handle?.createReadStream(range ? { start: range.start, end: range.end } : {});
  }

  async check(sha256: string): Promise<DocumentCheck> {
    if (!isDocumentAddress(sha256)) return { sha256, state: 'missing' };
    const hash = createHash('sha256');
    let size = 0;
    try {
      await pipeline(createReadStream(this.pathOf(sha256)), async function (chunks: AsyncIterable<Buffer>) {
        for await (const chunk of chunks) {
          size += chunk.length;
          hash.update(chunk);
        }
      });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { sha256, state: 'missing' };
      throw error;
    }
    const actual = hash.digest('hex');
    return actual === sha256 ? { sha256, state: 'held', size } : { sha256, state: 'changed', actual, size };
  }

  async erase(sha256: string): Promise<void> {
    if (!isDocumentAddress(sha256)) return;
    const path = this.pathOf(sha256);
    await removeIfThere(path);
    await syncFolder(dirname(path));
  }

  /**
   * Removes the holding files a stopped server left behind (an upload cut off by a crash was
   * never acknowledged, so nothing refers to it). Called at start-up, when no upload of this
   * data directory is in progress: one server uses a data directory at a time, as for its log.
   * Answers how many files it removed.
   */
  async sweepIncoming(): Promise<number> {
    const names = await readdir(this.incoming).catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return [] as string[];
      throw error;
    });
    for (const name of names) await removeIfThere(join(this.incoming, name));
    return names.length;
  }

  /**
   * Moves a holding file to its address, or drops it when the same bytes are already kept there.
   * A kept file that no longer matches its address (changed on the disk) is replaced: uploading
   * the original again is how it is repaired.
   */
  async keepAt(holding: string, sha256: string): Promise<void> {
    const target = this.pathOf(sha256);
    if ((await this.check(sha256)).state === 'held') return removeIfThere(holding);
    // The first folder mkdir made (if any): its parent must learn of it too.
    const made = await mkdir(dirname(target), { recursive: true });
    await chmod(holding, 0o444);
    // Atomic on one file system, and over a changed file too; two uploads of the same bytes
    // racing here rename the same bytes over each other, which leaves one whole file either way.
    await rename(holding, target);
    await syncFolder(dirname(target));
    if (made !== undefined) {
      // Every folder mkdir made has a new entry, and so has the one it was made in.
      for (let folder = dirname(dirname(target)); ; folder = dirname(folder)) {
        await syncFolder(folder);
        if (folder === dirname(made) || folder === dirname(folder)) break;
      }
    }
  }
}

class HeldUpload implements ReceivedDocument {
  private settled = false;

  constructor(
    private readonly store: LocalDocumentStore,
    readonly path: string,
    readonly sha256: string,
    readonly size: number,
  ) {}

  async keep(): Promise<void> {
    if (this.settled) throw new Error('This upload has already been kept or discarded.');
    this.settled = true;
    await this.store.keepAt(this.path, this.sha256);
  }

  async discard(): Promise<void> {
    // After keep the holding path no longer exists (renamed, or removed as a duplicate).
    this.settled = true;
    await removeIfThere(this.path);
  }
}

async function removeIfThere(path: string): Promise<void> {
  await unlink(path).catch((error: NodeJS.ErrnoException) => {
    if (error.code !== 'ENOENT') throw error;
  });
}

/** fsync a folder, so a file renamed into it or removed from it stays so after a power cut. */
async function syncFolder(path: string): Promise<void> {
  const handle = await open(path, 'r').catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return undefined;
    throw error;
  });
  if (!handle) return;
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
