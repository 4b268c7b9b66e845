import { createHash } from 'node:crypto';
import { appendFileSync, chmodSync, promises as fsPromises, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { text } from 'node:stream/consumers';
import { DocumentTooLargeError, LocalDocumentStore } from '@rag-ledger/documents';

const MB = 1024 * 1024;

/** Deterministic, incompressible-looking bytes: chunk i is SHA-256 chained out to `chunkSize`. */
function chunkOf(i: number, chunkSize: number): Buffer {
  const parts: Buffer[] = [];
  let seed = createHash('sha256').update(`chunk ${i}`).digest();
  for (let filled = 0; filled < chunkSize; filled += seed.length) {
    parts.push(seed);
    seed = createHash('sha256').update(seed).digest();
  }
  return Buffer.concat(parts).subarray(0, chunkSize);
}

/** A source that yields `count` chunks, one at a time, and says how many were pulled. */
function generated(count: number, chunkSize = 64 * 1024, options: { failAfter?: number; abortAfter?: number } = {}) {
  const pulled = { chunks: 0 };
  const source = new Readable({
    read() {
      if (options.failAfter !== undefined && pulled.chunks === options.failAfter) return this.destroy(new Error('the connection was reset'));
      if (options.abortAfter !== undefined && pulled.chunks === options.abortAfter) return this.destroy();
      if (pulled.chunks === count) return this.push(null);
      this.push(chunkOf(pulled.chunks++, chunkSize));
    },
  });
  return { source, pulled };
}

function expectedHash(count: number, chunkSize = 64 * 1024): string {
  const hash = createHash('sha256');
  for (let i = 0; i < count; i++) hash.update(chunkOf(i, chunkSize));
  return hash.digest('hex');
}

const sha256Of = (bytes: Buffer | string) => createHash('sha256').update(bytes).digest('hex');

/** Every file under a folder, as paths relative to it (folders left out). */
function filesUnder(folder: string): string[] {
  if (!existsSync(folder)) return [];
  return readdirSync(folder, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name).slice(folder.length + 1));
}

describe('LocalDocumentStore: the content-addressed evidence folder', () => {
  let base: string;
  let root: string;
  let store: LocalDocumentStore;

  beforeEach(() => {
    base = mkdtempSync(join(tmpdir(), 'rag-ledger-documents-'));
    root = join(base, 'data', 'evidence');
    store = new LocalDocumentStore(root);
  });
  afterEach(() => {
    // Kept files are read-only; their folders are not, so rm can remove them.
    rmSync(base, { recursive: true, force: true });
    jest.restoreAllMocks();
  });

  async function keepText(content: string): Promise<string> {
    const received = await store.receive(Readable.from([Buffer.from(content)]), { maxBytes: MB });
    await received.keep();
    return received.sha256;
  }

  it('streams a multi-megabyte upload into a holding file, hashing it on the way, then keeps it at its hash, read-only', async () => {
    const { source } = generated(128); // 8 MB in 64 KB chunks
    const received = await store.receive(source, { maxBytes: 50 * MB });

    expect(received.size).toBe(128 * 64 * 1024);
    expect(received.sha256).toBe(expectedHash(128));
    expect(received.path.startsWith(join(root, 'incoming') + '/')).toBe(true);
    expect(sha256Of(readFileSync(received.path))).toBe(received.sha256);
    expect(filesUnder(join(root, 'sha256'))).toEqual([]); // nothing in the store before keep

    await received.keep();

    const kept = join(root, 'sha256', received.sha256.slice(0, 2), received.sha256);
    expect(filesUnder(root)).toEqual([kept.slice(root.length + 1)]);
    expect(sha256Of(readFileSync(kept))).toBe(received.sha256);
    expect(statSync(kept).mode & 0o777).toBe(0o444);
  });

  it('syncs the holding file to the disk before it answers (nothing acknowledged is lost)', async () => {
    const handle = await fsPromises.open(join(base, 'probe'), 'w');
    await handle.close();
    const fsync = jest.spyOn(Object.getPrototypeOf(handle) as { sync: () => Promise<void> }, 'sync');
    const received = await store.receive(generated(4).source, { maxBytes: MB });
    expect(fsync).toHaveBeenCalledTimes(1);
    await received.discard();
  });

  it('stores the same bytes once, however often they are uploaded', async () => {
    const first = await store.receive(generated(20).source, { maxBytes: 50 * MB });
    const second = await store.receive(generated(20).source, { maxBytes: 50 * MB });
    expect(second.path).not.toBe(first.path);
    await first.keep();
    await second.keep();

    expect(second.sha256).toBe(first.sha256);
    expect(filesUnder(root)).toEqual([join('sha256', first.sha256.slice(0, 2), first.sha256)]);
  });

  it('refuses an upload past the limit as soon as the count passes it, stops reading, and leaves no file', async () => {
    const { source, pulled } = generated(100, 64 * 1024); // 6.25 MB offered, 1 MB allowed
    await expect(store.receive(source, { maxBytes: MB })).rejects.toBeInstanceOf(DocumentTooLargeError);

    expect(pulled.chunks).toBeLessThan(40); // 17 chunks pass the limit; a few more may be buffered, not the rest
    expect(source.destroyed).toBe(true);
    expect(filesUnder(root)).toEqual([]);
  });

  it('accepts an upload of exactly the limit', async () => {
    const received = await store.receive(generated(16, 64 * 1024).source, { maxBytes: MB });
    expect(received.size).toBe(MB);
  });

  it('rejects with the source’s error when it fails half-way, and leaves no file', async () => {
    await expect(store.receive(generated(100, 64 * 1024, { failAfter: 30 }).source, { maxBytes: 50 * MB })).rejects.toThrow('the connection was reset');
    expect(filesUnder(root)).toEqual([]);
  });

  it('leaves no file when the source fails before its first byte (the holding file still being opened)', async () => {
    for (let i = 0; i < 20; i++) {
      await expect(store.receive(generated(10, 1024, { failAfter: 0 }).source, { maxBytes: MB })).rejects.toThrow('the connection was reset');
    }
    expect(filesUnder(root)).toEqual([]);
  });

  it('rejects a source destroyed half-way without an error (a client that went away), and leaves no file', async () => {
    await expect(store.receive(generated(100, 64 * 1024, { abortAfter: 30 }).source, { maxBytes: 50 * MB })).rejects.toMatchObject({
      code: 'ERR_STREAM_PREMATURE_CLOSE',
    });
    expect(filesUnder(root)).toEqual([]);
  });

  it('discards a received upload that is not kept (safe twice, and after keep); a discarded upload cannot be kept', async () => {
    const refused = await store.receive(Readable.from([Buffer.from('<html>')]), { maxBytes: MB });
    await refused.discard();
    await refused.discard();
    expect(filesUnder(root)).toEqual([]);
    await expect(refused.keep()).rejects.toThrow('already been kept or discarded');

    const kept = await store.receive(Readable.from([Buffer.from('minutes')]), { maxBytes: MB });
    await kept.keep();
    await kept.discard();
    expect(filesUnder(root)).toEqual([join('sha256', kept.sha256.slice(0, 2), kept.sha256)]);
  });

  it('checks a kept file: held with its size, missing, or changed with the hash it has now', async () => {
    const sha256 = await keepText('Board minutes, 12 November 2013');
    expect(await store.check(sha256)).toEqual({ sha256, state: 'held', size: 31 });

    const never = sha256Of('never uploaded');
    expect(await store.check(never)).toEqual({ sha256: never, state: 'missing' });

    const path = store.pathOf(sha256);
    chmodSync(path, 0o644);
    appendFileSync(path, '!');
    expect(await store.check(sha256)).toEqual({ sha256, state: 'changed', actual: sha256Of('Board minutes, 12 November 2013!'), size: 32 });
  });

  it('repairs a kept file that was changed on the disk when the same bytes are uploaded again', async () => {
    const sha256 = await keepText('Audit report, March 2014');
    chmodSync(store.pathOf(sha256), 0o644);
    appendFileSync(store.pathOf(sha256), ' (altered)');
    expect((await store.check(sha256)).state).toBe('changed');

    expect(await keepText('Audit report, March 2014')).toBe(sha256);
    expect(await store.check(sha256)).toEqual({ sha256, state: 'held', size: 24 });
    expect(statSync(store.pathOf(sha256)).mode & 0o777).toBe(0o444);
    expect(filesUnder(root)).toEqual([join('sha256', sha256.slice(0, 2), sha256)]);
  });

  it('erases the bytes at an address, and erasing again is no error', async () => {
    const sha256 = await keepText('a safeguarding case');
    await store.erase(sha256);

    expect(existsSync(store.pathOf(sha256))).toBe(false);
    expect(await store.check(sha256)).toEqual({ sha256, state: 'missing' });
    expect(await store.open(sha256)).toBeUndefined();
    await expect(store.erase(sha256)).resolves.toBeUndefined();
  });

  it('opens a kept file whole, or a byte range (first and last byte included)', async () => {
    const sha256 = await keepText('0123456789');
    expect(await text((await store.open(sha256))!)).toBe('0123456789');
    expect(await text((await store.open(sha256, { start: 2, end: 5 }))!)).toBe('2345');
    expect(await text((await store.open(sha256, { start: 9, end: 9 }))!)).toBe('9');
    await expect(store.open(sha256, { start: 5, end: 2 })).rejects.toBeInstanceOf(RangeError);
    expect(await store.open(sha256Of('not kept'))).toBeUndefined();
  });

  it('never touches the file system for an address that is not 64 lowercase hex', async () => {
    const sha256 = await keepText('kept');
    // A decoy where a naive join of '../../x' onto the store would land: <data>/x.
    mkdirSync(join(base, 'data'), { recursive: true });
    writeFileSync(join(root, '..', 'x'), 'outside the store');
    writeFileSync(join(base, 'x'), 'outside the store');
    const open = jest.spyOn(fsPromises, 'open');
    const unlink = jest.spyOn(fsPromises, 'unlink');

    for (const address of ['../../x', '../x', sha256.toUpperCase(), sha256.slice(0, 63), `${sha256}0`, `${sha256.slice(0, 63)}g`, '']) {
      expect(await store.open(address)).toBeUndefined();
      expect(await store.check(address)).toEqual({ sha256: address, state: 'missing' });
      await store.erase(address);
    }
    expect(open).not.toHaveBeenCalled();
    expect(unlink).not.toHaveBeenCalled();
    expect(readFileSync(join(base, 'x'), 'utf8')).toBe('outside the store');
    expect(readFileSync(join(root, '..', 'x'), 'utf8')).toBe('outside the store');
  });

  it('sweeps the holding files a crash left behind, and not the kept files', async () => {
    expect(await store.sweepIncoming()).toBe(0); // no incoming folder yet
    const sha256 = await keepText('kept');
    await store.receive(Readable.from([Buffer.from('cut off by a crash')]), { maxBytes: MB });
    await store.receive(Readable.from([Buffer.from('and another')]), { maxBytes: MB });

    expect(await store.sweepIncoming()).toBe(2);
    expect(filesUnder(root)).toEqual([join('sha256', sha256.slice(0, 2), sha256)]);
  });
});
