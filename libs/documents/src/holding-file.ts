import { open, type FileHandle } from 'node:fs/promises';
import { Writable } from 'node:stream';

/**
 * How many bytes are written between one background flush to the disk and the next: the disk
 * takes the upload a few MB at a time while the network is still sending the rest, instead of
 * all of it after the last byte (which made the final fsync most of a plain copy's time again;
 * see the bench, evidence_upload_ratio).
 */
const FLUSH_EVERY_BYTES = 4 * 1024 * 1024;

/**
 * Writes an upload to a fresh holding file ('wx': never over another file, readable by the
 * server alone) and, when it has finished, fsyncs it before closing: the file is on the disk
 * before anything about it is acknowledged. On the way, every few MB, a data-only flush starts
 * in the background (one at a time; the writes go on meanwhile): it changes nothing about what
 * is durable when, only how much the last fsync has left to do.
 */
export class HoldingFileWriter extends Writable {
  private handle: FileHandle | undefined;
  private sinceFlush = 0;
  private flushing: Promise<void> | undefined;
  /** A background flush's failure: Linux reports a write-back error to a file once, so it is kept for the final fsync. */
  private flushError: Error | undefined;

  constructor(private readonly path: string, highWaterMark: number) {
    super({ highWaterMark });
  }

  override _construct(callback: (error?: Error | null) => void): void {
    open(this.path, 'wx', 0o600).then(
      (handle) => {
        this.handle = handle;
        callback();
      },
      (error: Error) => callback(error),
    );
  }

  override _writev(chunks: Array<{ chunk: Buffer }>, callback: (error?: Error | null) => void): void {
    this.writeAll(chunks.map(({ chunk }) => chunk)).then(() => callback(), callback);
  }

  override _final(callback: (error?: Error | null) => void): void {
    const handle = this.handle!;
    (async () => {
      await this.flushing;
      if (this.flushError) throw this.flushError;
      await handle.sync();
    })().then(() => callback(), callback);
  }

  override _destroy(error: Error | null, callback: (error?: Error | null) => void): void {
    const handle = this.handle;
    this.handle = undefined;
    if (!handle) return callback(error);
    // A background flush may still be running on the handle: it settles before the close.
    Promise.resolve(this.flushing)
      .catch(() => undefined)
      .then(() => handle.close())
      .then(
        () => callback(error),
        (closeError: Error) => callback(error ?? closeError),
      );
  }

  private async writeAll(buffers: Buffer[]): Promise<void> {
    const handle = this.handle!;
    let pending = buffers;
    // writev may write fewer bytes than asked (a full disk, a signal): the rest is written again.
    while (pending.length > 0) {
      const { bytesWritten } = await handle.writev(pending);
      this.sinceFlush += bytesWritten;
      pending = rest(pending, bytesWritten);
    }
    if (this.sinceFlush >= FLUSH_EVERY_BYTES && !this.flushing) {
      this.sinceFlush = 0;
      this.flushing = handle
        .datasync()
        .catch((error: Error) => {
          this.flushError ??= error;
        })
        .finally(() => (this.flushing = undefined));
    }
  }
}

/** The buffers left after the first `written` bytes. */
function rest(buffers: Buffer[], written: number): Buffer[] {
  let skip = written;
  let index = 0;
  while (index < buffers.length && skip >= buffers[index].length) skip -= buffers[index++].length;
  if (index === buffers.length) return [];
  return [buffers[index].subarray(skip), ...buffers.slice(index + 1)];
}
