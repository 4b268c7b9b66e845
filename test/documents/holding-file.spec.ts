import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { HoldingFileWriter } from '../../libs/documents/src/holding-file';

const MB = 1024 * 1024;

/** The FileHandle class, to watch what the writer asks of the disk. */
async function fileHandlePrototype(dir: string) {
  const handle = await open(join(dir, 'probe'), 'w');
  await handle.close();
  return Object.getPrototypeOf(handle) as { writev: (...args: unknown[]) => Promise<{ bytesWritten: number }>; datasync: () => Promise<void>; sync: () => Promise<void> };
}

/** Bytes in pieces of varied sizes, as a network read hands them over. */
function pieces(bytes: Buffer): Readable {
  const sizes = [1, 7, 64 * 1024, 1000, 3 * MB];
  const out: Buffer[] = [];
  for (let at = 0, i = 0; at < bytes.length; i++) {
    out.push(bytes.subarray(at, at + sizes[i % sizes.length]));
    at += sizes[i % sizes.length];
  }
  return Readable.from(out);
}

describe('HoldingFileWriter: an upload onto the disk, flushed as it comes and fsynced before it is closed', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'rag-ledger-holding-'))));
  afterEach(() => {
    jest.restoreAllMocks();
    rmSync(dir, { recursive: true, force: true });
  });

  it('writes every byte in order, readable by the server alone, with flushes on the way and one fsync at the end', async () => {
    const proto = await fileHandlePrototype(dir);
    const calls: string[] = [];
    for (const name of ['datasync', 'sync'] as const) {
      const original = proto[name];
      jest.spyOn(proto, name).mockImplementation(function (this: unknown) {
        calls.push(name);
        return original.call(this);
      });
    }
    const bytes = randomBytes(13 * MB);
    const path = join(dir, 'upload');
    await pipeline(pieces(bytes), new HoldingFileWriter(path, 4 * MB));
    expect(readFileSync(path).equals(bytes)).toBe(true);
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(calls.filter((c) => c === 'datasync').length).toBeGreaterThanOrEqual(1); // 13 MB: flushed on the way
    expect(calls.at(-1)).toBe('sync'); // last, once: the writer's end waits for it (and the close comes after the end)
    expect(calls.filter((c) => c === 'sync')).toHaveLength(1);
  });

  it('never writes over a file already there', async () => {
    const path = join(dir, 'taken');
    writeFileSync(path, 'someone else');
    await expect(pipeline(Readable.from([Buffer.from('new bytes')]), new HoldingFileWriter(path, MB))).rejects.toMatchObject({ code: 'EEXIST' });
    expect(readFileSync(path, 'utf8')).toBe('someone else');
  });

  it('writes again what a short write left out', async () => {
    const proto = await fileHandlePrototype(dir);
    const original = proto.writev;
    jest.spyOn(proto, 'writev').mockImplementation(function (this: unknown, ...args: unknown[]) {
      const buffers = args[0] as Buffer[];
      // Half of the first buffer at most, each time: the disk took less than it was given.
      const half = buffers[0].subarray(0, Math.max(1, Math.floor(buffers[0].length / 2)));
      return original.call(this, [half]);
    });
    const bytes = randomBytes(300 * 1024);
    const path = join(dir, 'short-writes');
    await pipeline(pieces(bytes), new HoldingFileWriter(path, MB));
    expect(readFileSync(path).equals(bytes)).toBe(true);
  });

  it('fails the upload when a flush on the way failed, even if the last fsync would not say so', async () => {
    const proto = await fileHandlePrototype(dir);
    jest.spyOn(proto, 'datasync').mockRejectedValue(Object.assign(new Error('EIO: i/o error, fdatasync'), { code: 'EIO' }));
    const path = join(dir, 'failed-flush');
    await expect(pipeline(pieces(randomBytes(9 * MB)), new HoldingFileWriter(path, 4 * MB))).rejects.toMatchObject({ code: 'EIO' });
  });

  it('fails the upload when the fsync fails', async () => {
    const proto = await fileHandlePrototype(dir);
    jest.spyOn(proto, 'sync').mockRejectedValue(Object.assign(new Error('ENOSPC: no space left on device, fsync'), { code: 'ENOSPC' }));
    await expect(pipeline(Readable.from([Buffer.from('minutes')]), new HoldingFileWriter(join(dir, 'failed-sync'), MB))).rejects.toMatchObject({ code: 'ENOSPC' });
  });
});
