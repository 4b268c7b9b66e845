import { createHash } from 'node:crypto';
import { Transform, type Readable } from 'node:stream';
import { ZipFile } from 'yazl';
import type { DocumentStore } from '@rag-ledger/documents';
import { ukOffsetMs } from '@rag-ledger/domain';
import type { EvidencePack } from '../evidence-pack';
import type { PackDocument } from '../pack-documents';
import type { ZipPlace } from '../render/document-text';
import { renderEvidenceCsv, renderEvidenceDocumentsCsv } from '../render/evidence-csv';
import { renderEvidenceHtml } from '../render/evidence-html';
import { stampText } from '../render/stamp-text';
import { safeEntryName } from './zip-entry-name';

export const ZIP_ENTRIES = {
  html: 'evidence-pack.html',
  csv: 'evidence-pack.csv',
  documentsCsv: 'evidence-documents.csv',
  sums: 'SHA256SUMS',
  manifest: 'manifest.json',
} as const;

/** What became of a document's file in the ZIP. */
export type ZipFileState = 'included' | 'changed' | 'erased' | 'missing';

const sha256Of = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

/**
 * The entries' time: the end of the period on the UK wall clock, never the time of
 * generation. A ZIP entry's DOS time has no zone and yazl writes it from the local fields of
 * a Date, so the Date is made from the UK fields: the same on any server whatever its zone.
 */
function entryTime(periodEnd: string): Date {
  const instant = new Date(periodEnd).getTime();
  const wall = new Date(instant + ukOffsetMs(instant));
  return new Date(wall.getUTCFullYear(), wall.getUTCMonth(), wall.getUTCDate(), wall.getUTCHours(), wall.getUTCMinutes(), wall.getUTCSeconds());
}

/**
 * Where each document's file goes in the ZIP, or why it does not: held and withdrawn documents
 * are included (a withdrawn one is still part of the history, and the manifest says it was
 * withdrawn), erased ones are not, and neither are bytes erased since, here or in any document
 * with the same bytes after this one was attached (as its download is refused), nor bytes
 * missing from the store, which verify names.
 */
async function placesOf(documents: readonly PackDocument[], store: DocumentStore, erasures: ReadonlyMap<string, number>): Promise<Map<string, ZipPlace>> {
  const places = new Map<string, ZipPlace>();
  for (const d of documents) {
    if (d.state === 'erased' || (erasures.get(d.sha256) ?? 0) > d.attached.position) {
      places.set(d.documentId, { missing: 'erased' });
      continue;
    }
    // Opened and closed at once: a probe, so the HTML at the front of the ZIP can say what is in it.
    const probe = await store.open(d.sha256);
    if (!probe) {
      places.set(d.documentId, { missing: 'missing' });
      continue;
    }
    probe.destroy();
    places.set(d.documentId, { path: `documents/${d.documentId}/${safeEntryName(d.fileName)}` });
  }
  return places;
}

/**
 * The inspector's ZIP, streamed with yazl: the HTML pack and the CSV (the renderers' own
 * output), a CSV of the documents, every file still held under `documents/<documentId>/`,
 * `SHA256SUMS` (for `sha256sum -c`) and `manifest.json`. Entries come in a fixed order with
 * the period's end as their time, so the same request gives the same bytes apart from the
 * generation time written in the HTML and the manifest. Each file is read from the store as
 * yazl reaches it, one at a time, never whole in memory; its SHA-256 in SHA256SUMS is the one
 * the log recorded, so `sha256sum -c` checks the files against the record itself.
 */
export async function evidenceZip(pack: EvidencePack, store: DocumentStore, erasures: ReadonlyMap<string, number>): Promise<Readable> {
  const places = await placesOf(pack.documents, store, erasures);
  const options = { mtime: entryTime(pack.period.to), forceDosTimestamp: true };
  const zip = new ZipFile();
  const output = zip.outputStream as Readable;
  // A file that cannot be read to its end cuts the ZIP off (the download fails), rather than a ZIP sent whole with a hole in it.
  const fail = (error: unknown) => output.destroy(error instanceof Error ? error : new Error(String(error)));
  zip.on('error', fail);
  // The file being read: closed with the ZIP when the download stops half-way (the client went away).
  let reading: Readable | undefined;
  output.once('close', () => reading?.destroy());
  const sums: string[] = [];
  const addText = (path: string, text: string) => {
    const bytes = Buffer.from(text, 'utf8');
    zip.addBuffer(bytes, path, { ...options, compress: true });
    return bytes;
  };
  for (const [path, text] of [
    [ZIP_ENTRIES.html, renderEvidenceHtml(pack, { zip: places })],
    [ZIP_ENTRIES.csv, renderEvidenceCsv(pack)],
    [ZIP_ENTRIES.documentsCsv, renderEvidenceDocumentsCsv(pack, places)],
  ] as const) {
    sums.push(`${sha256Of(addText(path, text))}  ${path}`);
  }

  const states = new Map<string, { file: ZipFileState; actualSha256?: string }>();
  const streamed: Promise<void>[] = [];
  for (const d of pack.documents) {
    const place = places.get(d.documentId)!;
    if (!('path' in place)) {
      states.set(d.documentId, { file: place.missing });
      continue;
    }
    sums.push(`${d.sha256}  ${place.path}`);
    let finished!: () => void;
    streamed.push(new Promise<void>((resolve) => (finished = resolve)));
    // Stored as they are: most evidence (PDF, Office, images) is compressed already.
    zip.addReadStreamLazy(place.path, { ...options, compress: false }, (ready) => {
      store.open(d.sha256).then((source) => {
        // Gone between the probe and now (erased meanwhile).
        if (!source) return fail(new Error(`the evidence file ${d.documentId} left the document store while the ZIP was being made`));
        if (output.destroyed) return source.destroy();
        reading = source;
        source.on('error', fail);
        const hash = createHash('sha256');
        const hashed = new Transform({
          transform(chunk: Buffer, _encoding, done) {
            hash.update(chunk);
            done(null, chunk);
          },
          flush(done) {
            const actual = hash.digest('hex');
            states.set(d.documentId, actual === d.sha256 ? { file: 'included' } : { file: 'changed', actualSha256: actual });
            finished();
            done();
          },
        });
        ready(null, source.pipe(hashed));
      }, fail);
    });
  }
  sums.push('');
  addText(ZIP_ENTRIES.sums, sums.join('\n'));
  // The manifest says what each file turned out to be, so it is written once they have all gone by.
  void Promise.all(streamed).then(() => {
    addText(ZIP_ENTRIES.manifest, `${JSON.stringify(manifestOf(pack, places, states), null, 2)}\n`);
    zip.end();
  });
  return output;
}

function manifestOf(pack: EvidencePack, places: ReadonlyMap<string, ZipPlace>, states: ReadonlyMap<string, { file: ZipFileState; actualSha256?: string }>) {
  const { plan } = pack.board;
  return {
    plan: { id: plan.id, title: plan.title, version: plan.version ?? null },
    period: { from: pack.period.from ?? null, to: pack.period.to, fromDay: pack.period.fromDay ?? null, toDay: pack.period.toDay },
    log: { position: pack.stamp.position, chainHead: pack.stamp.chainHead, stamp: stampText(pack.stamp) },
    generatedAt: pack.stamp.generatedAt,
    files: {
      sums: ZIP_ENTRIES.sums,
      check: 'unzip the pack, then in its folder: sha256sum -c SHA256SUMS (every file but SHA256SUMS and manifest.json is listed; a document is listed with the SHA-256 its EvidenceAttached event recorded)',
    },
    documents: pack.documents.map((d) => {
      const place = places.get(d.documentId);
      const state = states.get(d.documentId);
      return {
        documentId: d.documentId,
        subject: d.subject,
        subjectText: d.subjectText,
        fileName: d.fileName,
        path: place && 'path' in place ? place.path : null,
        file: state?.file ?? 'missing',
        ...(state?.actualSha256 ? { actualSha256: state.actualSha256 } : {}),
        mediaType: d.mediaType,
        size: d.size,
        sha256: d.sha256,
        state: d.state,
        description: d.description,
        attached: d.attached,
        withdrawn: d.withdrawn,
        erased: d.erased,
        positions: d.positions,
      };
    }),
  };
}
