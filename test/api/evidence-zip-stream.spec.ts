import { Readable } from 'node:stream';
import type { DocumentStore } from '@rag-ledger/documents';
import type { EvidencePack } from '../../apps/api/src/evidence/evidence-pack';
import { evidenceZip } from '../../apps/api/src/evidence/zip/evidence-zip';

const CHUNK = 64 * 1024;
const CHUNKS = 1000; // a 64 MB file

/** A store whose one file is 64 MB, made as it is read; it tells how much was read and whether each read was closed. */
function largeFileStore() {
  const reads: Array<{ pulled: number; stream: Readable }> = [];
  const store = {
    async open() {
      const read = { pulled: 0, stream: undefined as unknown as Readable };
      read.stream = new Readable({
        read() {
          this.push(read.pulled === CHUNKS ? null : Buffer.alloc(CHUNK, read.pulled++ % 251));
        },
      });
      reads.push(read);
      return read.stream;
    },
  } as unknown as DocumentStore;
  return { store, reads };
}

const actor = { id: 'ab', name: 'Andrea Brown', role: 'owner' };
const pack = {
  planId: 'SIP',
  period: { to: '2013-12-12T23:59:59.999Z', toDay: '2013-12-12' },
  board: { plan: { id: 'SIP', title: 'Strategic Improvement Plan', framework: { lead: null, successCriteria: [], standards: [], assumptions: [], risks: [] } }, counts: { W: 0, G: 0, A: 0, R: 0, B: 0 }, workstreams: [], overdue: 0, withdrawn: 0, exceptions: 0, total: 0 },
  milestones: [],
  changes: [],
  events: [],
  actionTitles: new Map(),
  documents: [
    {
      documentId: 'd1',
      subject: { kind: 'action', actionId: 'A1' },
      subjectText: '1.1 Re-establish the Improvement Board',
      fileName: 'recording.pdf',
      mediaType: 'application/pdf',
      size: CHUNK * CHUNKS,
      sha256: 'a'.repeat(64),
      description: '',
      attached: { at: '2013-11-20T15:30:00.000Z', by: actor, position: 9 },
      withdrawn: null,
      erased: null,
      state: 'held',
      positions: [9],
    },
  ],
  stamp: { position: 9, chainHead: 'b'.repeat(64), generatedAt: '2014-02-01T10:00:00.000Z' },
} as unknown as EvidencePack;

describe('the ZIP pack is streamed', () => {
  it('reads a file only as fast as the ZIP is taken, and closes the read when the download stops half-way', async () => {
    const { store, reads } = largeFileStore();
    const zip = await evidenceZip(pack, store, new Map());
    // The first open is the probe that tells the HTML what is in the ZIP: closed at once.
    expect(reads).toHaveLength(1);
    expect(reads[0].stream.destroyed).toBe(true);
    let taken = 0;
    for await (const chunk of zip) {
      taken += (chunk as Buffer).length;
      if (taken > 4 * CHUNK) break; // the client goes away (for await destroys the stream)
    }
    await new Promise((resolve) => setImmediate(resolve));
    expect(reads).toHaveLength(2);
    const [, file] = reads;
    // Only what the streams' buffers hold ahead of the reader was read: not the 64 MB file.
    expect(file.pulled).toBeGreaterThan(0);
    expect(file.pulled).toBeLessThan(CHUNKS / 10);
    expect(file.stream.destroyed).toBe(true);
  });

  it('ends, with its manifest, for a plan with no evidence', async () => {
    const { store, reads } = largeFileStore();
    const chunks: Buffer[] = [];
    for await (const chunk of await evidenceZip({ ...pack, documents: [] }, store, new Map())) chunks.push(chunk as Buffer);
    const zip = Buffer.concat(chunks);
    expect(reads).toHaveLength(0);
    // The end of central directory record, counting the five entries: the pack, the two CSVs, SHA256SUMS and the manifest.
    expect(zip.readUInt32LE(zip.length - 22)).toBe(0x06054b50);
    expect(zip.readUInt16LE(zip.length - 22 + 10)).toBe(5);
    expect(zip.includes('manifest.json')).toBe(true);
  });
});
