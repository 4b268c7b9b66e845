import { open, type FileHandle } from 'node:fs/promises';

/**
 * The names at the top of a compound file (OLE2, MS-CFB: Word, Excel and PowerPoint 97-2003,
 * Outlook .msg, installers), which say what kind of document it is.
 *
 * Hand-written, because the `cfb` package parses a whole file from a buffer, and evidence files
 * are up to 50 MB each with several uploads at once. This reads only the header, the FAT sectors
 * the directory chain passes through, and the directory itself, at offsets in the file; every
 * chain and tree walk is capped and checked for revisits, so a malformed or hostile file ends in
 * a MalformedCompoundFileError, never a loop or a large allocation.
 */
export interface CompoundFileEntry {
  name: string;
  kind: 'storage' | 'stream';
}

export class MalformedCompoundFileError extends Error {
  constructor(detail: string) {
    super(`not a well-formed compound file: ${detail}`);
    this.name = 'MalformedCompoundFileError';
  }
}

const SIGNATURE = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
const HEADER_SIZE = 512;
const HEADER_DIFAT_ENTRIES = 109;
const LAST_REGULAR_SECTOR = 0xfffffffa;
const END_OF_CHAIN = 0xfffffffe;
const NO_STREAM = 0xffffffff;
const ENTRY_SIZE = 128;
/** Far more directory entries than any office document or e-mail has (2 MB of directory). */
const MAX_ENTRIES = 16_384;
/** FAT and DIFAT sectors kept in memory at once (256 KB at 4 KB sectors). */
const MAX_CACHED_SECTORS = 64;
const MAX_DIFAT_SECTORS = 1024;

/** The storages and streams directly under the root (not those inside storages: an e-mail's attachments). */
export async function readCompoundFileTop(path: string): Promise<CompoundFileEntry[]> {
  const handle = await open(path, 'r');
  try {
    return await new DirectoryReader(handle, (await handle.stat()).size).top();
  } finally {
    await handle.close();
  }
}

interface DirectoryEntry {
  name: string;
  type: number;
  left: number;
  right: number;
  child: number;
}

class DirectoryReader {
  private header: Buffer = Buffer.alloc(0);
  private sectorSize = 512;
  private fatSectorCount = 0;
  private readonly sectors = new Map<number, Buffer>();
  private readonly difatSectors: number[] = [];

  constructor(
    private readonly handle: FileHandle,
    private readonly fileSize: number,
  ) {}

  async top(): Promise<CompoundFileEntry[]> {
    this.header = await this.readAt(0, HEADER_SIZE, 'the header');
    if (!this.header.subarray(0, 8).equals(SIGNATURE)) throw new MalformedCompoundFileError('no signature');
    if (this.header.readUInt16LE(0x1c) !== 0xfffe) throw new MalformedCompoundFileError('an unknown byte order');
    const major = this.header.readUInt16LE(0x1a);
    const shift = this.header.readUInt16LE(0x1e);
    if (!((major === 3 && shift === 9) || (major === 4 && shift === 12))) throw new MalformedCompoundFileError(`version ${major} with sectors of 2^${shift} bytes`);
    this.sectorSize = 1 << shift;
    this.fatSectorCount = this.header.readUInt32LE(0x2c);

    const entries = await this.directory(this.header.readUInt32LE(0x30));
    const root = entries[0];
    if (root?.type !== 5) throw new MalformedCompoundFileError('no root entry');
    return this.children(entries, root.child);
  }

  /** Every entry of the directory chain, in order (an entry's number is its index). */
  private async directory(first: number): Promise<DirectoryEntry[]> {
    const entries: DirectoryEntry[] = [];
    const seen = new Set<number>();
    for (let sector = first; sector !== END_OF_CHAIN; sector = await this.next(sector)) {
      if (seen.has(sector)) throw new MalformedCompoundFileError('the directory chain loops');
      if (entries.length >= MAX_ENTRIES) throw new MalformedCompoundFileError('the directory is too long');
      seen.add(sector);
      const bytes = await this.readAt(this.offsetOf(sector, 'a directory sector'), this.sectorSize, 'a directory sector');
      for (let at = 0; at < bytes.length; at += ENTRY_SIZE) entries.push(entryAt(bytes.subarray(at, at + ENTRY_SIZE)));
    }
    return entries;
  }

  /** The root's children: a red-black tree of siblings (left, right), walked without recursion. */
  private children(entries: DirectoryEntry[], first: number): CompoundFileEntry[] {
    const found: CompoundFileEntry[] = [];
    const seen = new Set<number>();
    const pending = [first];
    while (pending.length > 0) {
      const id = pending.pop()!;
      if (id === NO_STREAM) continue;
      const entry = entries[id];
      if (entry === undefined) throw new MalformedCompoundFileError(`entry ${id} is past the directory`);
      if (seen.has(id)) throw new MalformedCompoundFileError('the directory tree loops');
      seen.add(id);
      if (entry.type === 1 || entry.type === 2) found.push({ name: entry.name, kind: entry.type === 1 ? 'storage' : 'stream' });
      pending.push(entry.left, entry.right);
    }
    return found;
  }

  /** The sector after this one in its chain: its entry in the file allocation table (FAT). */
  private async next(sector: number): Promise<number> {
    const perSector = this.sectorSize / 4;
    const fatSector = await this.fatSector(Math.floor(sector / perSector));
    return (await this.sector(fatSector, 'a FAT sector')).readUInt32LE((sector % perSector) * 4);
  }

  /** Where the n-th sector of the FAT is: the header lists the first 109, a DIFAT chain the rest. */
  private async fatSector(n: number): Promise<number> {
    if (n >= this.fatSectorCount) throw new MalformedCompoundFileError('a chain runs past the allocation table');
    if (n < HEADER_DIFAT_ENTRIES) return this.header.readUInt32LE(0x4c + n * 4);
    const perDifat = this.sectorSize / 4 - 1; // the last entry of a DIFAT sector names the next one
    const index = Math.floor((n - HEADER_DIFAT_ENTRIES) / perDifat);
    if (index >= MAX_DIFAT_SECTORS) throw new MalformedCompoundFileError('the allocation table is too large');
    while (this.difatSectors.length <= index) {
      const previous = this.difatSectors.at(-1);
      const sector = previous === undefined ? this.header.readUInt32LE(0x44) : (await this.sector(previous, 'a DIFAT sector')).readUInt32LE(perDifat * 4);
      if (this.difatSectors.includes(sector)) throw new MalformedCompoundFileError('the DIFAT chain loops');
      this.difatSectors.push(sector);
    }
    const difat = await this.sector(this.difatSectors[index], 'a DIFAT sector');
    return difat.readUInt32LE(((n - HEADER_DIFAT_ENTRIES) % perDifat) * 4);
  }

  private offsetOf(n: number, what: string): number {
    if (n > LAST_REGULAR_SECTOR) throw new MalformedCompoundFileError(`${what} is not a sector (${n.toString(16)})`);
    return (n + 1) * this.sectorSize;
  }

  /** A FAT or DIFAT sector, read once while it is likely to be read again. */
  private async sector(n: number, what: string): Promise<Buffer> {
    const cached = this.sectors.get(n);
    if (cached) return cached;
    const bytes = await this.readAt(this.offsetOf(n, what), this.sectorSize, what);
    if (this.sectors.size === MAX_CACHED_SECTORS) this.sectors.clear();
    this.sectors.set(n, bytes);
    return bytes;
  }

  private async readAt(position: number, length: number, what: string): Promise<Buffer> {
    if (position + length > this.fileSize) throw new MalformedCompoundFileError(`${what} is past the end of the file (truncated?)`);
    const bytes = Buffer.alloc(length);
    const { bytesRead } = await this.handle.read(bytes, 0, length, position);
    if (bytesRead !== length) throw new MalformedCompoundFileError(`${what} could not be read whole`);
    return bytes;
  }
}

function entryAt(bytes: Buffer): DirectoryEntry {
  const nameBytes = bytes.readUInt16LE(64); // with the terminating NUL
  const name = nameBytes >= 2 && nameBytes <= 64 ? bytes.toString('utf16le', 0, nameBytes - 2) : '';
  return { name, type: bytes[66], left: bytes.readUInt32LE(68), right: bytes.readUInt32LE(72), child: bytes.readUInt32LE(76) };
}
