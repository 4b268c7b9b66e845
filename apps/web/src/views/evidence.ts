import { type ApiError, apiGet, apiPost, apiUpload } from '../api.js';
import { EVIDENCE_ACCEPT, type EvidenceAttachedAnswer, type EvidenceList, type EvidenceView } from '../contract.js';
import { setHtml } from '../dom.js';
import { acceptedKindsText, formatSize, kindLabel, splitEvidence } from '../evidence-text.js';
import { formatDay, formatInstant, plural } from '../format.js';
import { html, type SafeHtml } from '../html.js';
import { errorBox } from './common.js';

export interface EvidenceOptions {
  /** The as-of date shown: the list as it stood then, and no forms. */
  asOf?: string;
  /** Whether to offer the upload and withdraw forms (the API decides; a 403 is shown in its words). */
  canAttach: boolean;
  /** Admins may erase a document's bytes. */
  canErase: boolean;
}

export interface EvidenceSection {
  /** Reads the list again (with minPosition after a change) and shows it, unless a reason is being typed. */
  refresh(minPosition?: number): Promise<void>;
  /** The file name of one of the action's documents (for the timeline, whose withdrawals name only the id). */
  fileNameOf(documentId: string): string | undefined;
}

const domId = (documentId: string): string => documentId.replace(/[^\w-]/g, '_');
/** The log position of a withdrawal's or erasure's event, from the document the API answers. */
const positionOf = (body: unknown): number | undefined => {
  const view = body as Partial<Pick<EvidenceView, 'position' | 'withdrawn' | 'erased'>> | undefined;
  const positions = [view?.position, view?.withdrawn?.position, view?.erased?.position].filter((p): p is number => typeof p === 'number');
  return positions.length ? Math.max(...positions) : undefined;
};

/**
 * The Evidence section of an action page: the documents held (download, kind, size, who, when,
 * why), those withdrawn or erased (collapsed), and for those who may attach, the upload form:
 * a file input (several files), a description and a drop zone; each file goes in its own
 * request, in turn, with a progress bar and its outcome announced.
 */
export async function evidenceSection(container: HTMLElement, action: { id: string }, options: EvidenceOptions, isCurrent: () => boolean): Promise<EvidenceSection> {
  const base = `/api/actions/${encodeURIComponent(action.id)}/evidence`;
  const { asOf } = options;
  const forms = options.canAttach && !asOf;
  let documents: EvidenceView[] = [];
  let loadError = '';
  /** A list refresh that waited while someone typed a reason. */
  let deferred = false;
  /** Whether the list asks for the withdrawn and erased documents too (?include=all). */
  let historyShown = true;

  setHtml(container, html`
    <h2 id="evidence-heading" tabindex="-1">Evidence <span class="muted" id="evidence-count"></span></h2>
    ${asOf ? html`<p class="meta">The documents held at the end of <time datetime="${asOf}">${formatDay(asOf)}</time>.</p>` : ''}
    <div id="evidence-held"></div>
    <div id="evidence-gone"></div>
    <div id="evidence-status" class="evidence-status" role="status" aria-live="polite"></div>
    ${forms ? uploadForm() : ''}`);

  const load = async (minPosition?: number) => {
    try {
      documents = (await apiGet<EvidenceList>(base, { asOf, include: historyShown ? 'all' : undefined, minPosition })).body.documents;
      loadError = '';
    } catch (error) {
      const e = error as ApiError;
      if (e.status === 401) throw error;
      // The withdrawn and erased documents are for the board, auditors, admins and the plan's
      // owners: anyone else who may read the action sees the documents held.
      if (e.status === 403 && historyShown) {
        historyShown = false;
        return load(minPosition);
      }
      loadError = e.message || 'the server did not answer';
    }
  };

  const typing = () => [...container.querySelectorAll<HTMLTextAreaElement>('#evidence-held textarea, #evidence-gone textarea')].some((t) => t.value.trim() !== '');

  const say = (message: string, clear = false) => {
    const region = container.querySelector<HTMLElement>('#evidence-status')!;
    if (clear) region.replaceChildren();
    const line = document.createElement('p');
    line.textContent = message;
    region.append(line);
  };

  const render = () => {
    deferred = false;
    const { held, gone } = splitEvidence(documents);
    const count = container.querySelector('#evidence-count')!;
    count.textContent = loadError ? '' : `(${held.length === 0 ? 'none' : plural(held.length, 'file')})`;
    const wasOpen = container.querySelector<HTMLDetailsElement>('#evidence-gone details')?.open ?? false;
    setHtml(container.querySelector('#evidence-held')!, loadError
      ? errorBox(`The evidence could not be read: ${loadError}`)
      : held.length === 0
        ? html`<p class="empty">No evidence ${asOf ? 'was held then' : 'is attached to this action yet'}.</p>`
        : html`<ul class="evidence-list" id="evidence-list">${held.map((d) => documentItem(d, { withdraw: forms, erase: forms && options.canErase }))}</ul>`);
    setHtml(container.querySelector('#evidence-gone')!, gone.length === 0 || loadError
      ? html``
      : html`<details class="evidence-gone"${wasOpen ? html` open` : ''}><summary>Withdrawn and erased (${gone.length})</summary>
          <ul class="evidence-list" id="evidence-gone-list">${gone.map((d) => documentItem(d, { withdraw: false, erase: forms && options.canErase && d.state !== 'erased' }))}</ul>
        </details>`);
    container.querySelectorAll<HTMLFormElement>('form[data-form="withdraw-evidence"], form[data-form="erase-evidence"]').forEach((form) =>
      form.addEventListener('submit', (event) => {
        event.preventDefault();
        void change(form);
      }),
    );
  };

  const refresh = async (minPosition?: number) => {
    await load(minPosition);
    if (!isCurrent()) return;
    if (typing()) {
      deferred = true;
      return;
    }
    render();
  };

  /** Withdraws or erases one document, with the reason given. */
  const change = async (form: HTMLFormElement) => {
    const kind = form.dataset.form === 'erase-evidence' ? 'erasure' : 'withdrawal';
    const documentId = form.dataset.documentId ?? '';
    const fileName = documents.find((d) => d.documentId === documentId)?.fileName ?? 'The document';
    const errorArea = form.querySelector<HTMLElement>('.form-error')!;
    errorArea.textContent = '';
    const reason = (form.elements.namedItem('reason') as HTMLTextAreaElement).value.trim();
    if (!reason) {
      errorArea.textContent = kind === 'erasure' ? 'Give the reason for erasing it: it is required, and kept on the record.' : 'Give the reason for withdrawing it: it is required, and kept in the history.';
      return;
    }
    if (kind === 'erasure' && !(form.elements.namedItem('confirm') as HTMLInputElement).checked) {
      errorArea.textContent = 'Tick the box to confirm that the file is to be deleted for good.';
      return;
    }
    const button = form.querySelector<HTMLButtonElement>('button[type="submit"]')!;
    button.disabled = true;
    form.setAttribute('aria-busy', 'true');
    try {
      const answer = await apiPost<unknown>(`/api/evidence/${encodeURIComponent(documentId)}/${kind}`, { reason });
      await load(positionOf(answer.body));
      if (!isCurrent()) return;
      render();
      say(kind === 'erasure'
        ? `${fileName} erased: its bytes are deleted; the record keeps its name, size and hash, with your reason.`
        : `${fileName} withdrawn: it is under "Withdrawn and erased", with your reason.`, true);
      container.querySelector<HTMLElement>('#evidence-heading')?.focus();
    } catch (error) {
      const e = error as ApiError;
      if (e.status === 401) return;
      errorArea.textContent = e.status === 403 ? `Not allowed: ${e.message} Nothing was changed.` : e.message || 'The change could not be saved.';
    } finally {
      if (form.isConnected) {
        button.disabled = false;
        form.removeAttribute('aria-busy');
      }
      if (deferred && !typing()) render();
    }
  };

  if (forms) wireUpload(container, base, say, refresh);
  await load();
  if (isCurrent()) render();
  return { refresh, fileNameOf: (documentId) => documents.find((d) => d.documentId === documentId)?.fileName };
}

function documentItem(d: EvidenceView, offer: { withdraw: boolean; erase: boolean }): SafeHtml {
  const id = domId(d.documentId);
  return html`<li class="evidence-item" data-document-id="${d.documentId}" data-state="${d.state}">
    <p class="evidence-file">${d.downloadable
      ? html`<a href="/api/evidence/${encodeURIComponent(d.documentId)}" download class="evidence-name">${d.fileName}</a>`
      : html`<span class="evidence-name">${d.fileName}</span>`}
      <span class="tag evidence-kind">${kindLabel(d.mediaType)}</span> <span class="evidence-size">${formatSize(d.size)}</span></p>
    ${d.description ? html`<p class="evidence-description prewrap">${d.description}</p>` : ''}
    <p class="meta evidence-attached">Attached by <span class="actor">${d.attachedBy.name}</span>, <time datetime="${d.attachedAt}">${formatInstant(d.attachedAt)}</time></p>
    ${d.withdrawn ? html`<p class="meta evidence-withdrawn">Withdrawn by <span class="actor">${d.withdrawn.by.name}</span>, <time datetime="${d.withdrawn.at}">${formatInstant(d.withdrawn.at)}</time>. <span class="why-label">Why:</span> <span class="prewrap">${d.withdrawn.reason}</span></p>` : ''}
    ${d.erased ? html`<p class="meta evidence-erased">Erased by <span class="actor">${d.erased.by.name}</span>, <time datetime="${d.erased.at}">${formatInstant(d.erased.at)}</time>: the file's bytes were deleted. <span class="why-label">Why:</span> <span class="prewrap">${d.erased.reason}</span></p>
      <p class="meta">SHA-256 <code class="hash">${d.sha256}</code></p>` : ''}
    ${offer.withdraw ? html`<details class="evidence-change no-print"><summary>Withdraw<span class="visually-hidden"> ${d.fileName}</span></summary>
      <form data-form="withdraw-evidence" data-document-id="${d.documentId}" novalidate>
        <label for="withdraw-${id}">Why withdraw it <span class="required">(required)</span></label>
        <textarea id="withdraw-${id}" name="reason" rows="2" maxlength="4000" required aria-describedby="withdraw-${id}-hint"></textarea>
        <p class="hint" id="withdraw-${id}-hint">It leaves the list of evidence and stays in the history, with your reason.</p>
        <p class="form-error" role="alert"></p>
        <button type="submit">Withdraw the document</button>
      </form></details>` : ''}
    ${offer.erase ? html`<details class="evidence-change no-print"><summary>Erase<span class="visually-hidden"> ${d.fileName}</span></summary>
      <form data-form="erase-evidence" data-document-id="${d.documentId}" novalidate>
        <p class="warning" id="erase-${id}-warning">Erasing deletes the file's bytes for good: nobody can download it again, and it cannot be undone. The record keeps its name, size and SHA-256 hash, with who erased it, when and why. Use it for a safeguarding or data-protection case; otherwise withdraw the document.</p>
        <label for="erase-${id}">Why erase it <span class="required">(required)</span></label>
        <textarea id="erase-${id}" name="reason" rows="2" maxlength="4000" required aria-describedby="erase-${id}-warning"></textarea>
        <div class="field check"><input type="checkbox" id="erase-${id}-confirm" name="confirm" required><label for="erase-${id}-confirm">I understand the file will be deleted for good</label></div>
        <p class="form-error" role="alert"></p>
        <button type="submit" class="danger">Erase for good</button>
      </form></details>` : ''}
  </li>`;
}

function uploadForm(): SafeHtml {
  return html`<form data-form="attach-evidence" class="evidence-upload no-print" novalidate>
    <fieldset><legend>Attach evidence</legend>
      <div class="drop-zone" id="evidence-drop">
        <label for="evidence-files">Files</label>
        <input type="file" id="evidence-files" name="file" multiple accept="${EVIDENCE_ACCEPT}" aria-describedby="evidence-files-hint">
        <p class="hint" id="evidence-files-hint">${acceptedKindsText()}. You may choose several files, or drag them onto this box.</p>
        <p class="hint" id="evidence-chosen"></p>
      </div>
      <label for="evidence-description">Description (optional)</label>
      <textarea id="evidence-description" name="description" rows="2" maxlength="2000" aria-describedby="evidence-description-hint"></textarea>
      <p class="hint" id="evidence-description-hint">What the document shows, for example "Minutes of the board meeting that re-established the panel". Given to every file attached now.</p>
      <p class="form-error" role="alert"></p>
      <button type="submit">Attach</button>
    </fieldset>
    <ol class="uploads" id="evidence-uploads"></ol>
  </form>`;
}

/** Wires the upload form: the file input, the drop zone, and one request per file, in turn. */
function wireUpload(container: HTMLElement, base: string, say: (message: string, clear?: boolean) => void, refresh: (minPosition?: number) => Promise<void>): void {
  const form = container.querySelector<HTMLFormElement>('form[data-form="attach-evidence"]')!;
  const input = form.querySelector<HTMLInputElement>('#evidence-files')!;
  const zone = form.querySelector<HTMLElement>('#evidence-drop')!;
  const chosen = form.querySelector<HTMLElement>('#evidence-chosen')!;
  const errorArea = form.querySelector<HTMLElement>('.form-error')!;
  let uploading = false;
  let batch = 0;

  const showChosen = () => {
    const files = [...(input.files ?? [])];
    chosen.textContent = files.length === 0 ? '' : `Chosen: ${files.map((f) => `${f.name} (${formatSize(f.size)})`).join(', ')}.`;
  };
  input.addEventListener('change', showChosen);

  // Dropping files is a shortcut to the file input (keyboard users choose them with the input).
  const over = (event: DragEvent) => {
    if (!event.dataTransfer?.types.includes('Files')) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = uploading ? 'none' : 'copy';
    zone.classList.add('drop-over');
  };
  zone.addEventListener('dragenter', over);
  zone.addEventListener('dragover', over);
  zone.addEventListener('dragleave', () => zone.classList.remove('drop-over'));
  zone.addEventListener('drop', (event) => {
    event.preventDefault();
    zone.classList.remove('drop-over');
    if (uploading || !event.dataTransfer || event.dataTransfer.files.length === 0) return;
    input.files = event.dataTransfer.files;
    showChosen();
    say(`${plural(input.files.length, 'file')} ready to attach. Add a description if you wish, then choose Attach.`, true);
  });

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    if (!uploading) void attachAll();
  });

  const attachAll = async () => {
    errorArea.textContent = '';
    const files = [...(input.files ?? [])];
    if (files.length === 0) {
      errorArea.textContent = 'Choose a file to attach first (or drop one onto the box).';
      input.focus();
      return;
    }
    const description = (form.elements.namedItem('description') as HTMLTextAreaElement).value.trim();
    const button = form.querySelector<HTMLButtonElement>('button[type="submit"]')!;
    uploading = true;
    button.disabled = true;
    form.setAttribute('aria-busy', 'true');
    const mine = ++batch;
    const list = form.querySelector<HTMLElement>('#evidence-uploads')!;
    setHtml(list, html`${files.map((file, i) => html`<li class="upload" data-outcome="waiting">
      <label for="upload-${mine}-${i}">${file.name} <span class="muted">(${formatSize(file.size)})</span></label>
      <progress id="upload-${mine}-${i}" max="${Math.max(file.size, 1)}" value="0"></progress>
      <span class="upload-status">Waiting…</span>
    </li>`)}`);
    say(files.length === 1 ? `Attaching ${files[0].name}…` : `Attaching ${plural(files.length, 'file')}, one after another…`, true);
    let refused = 0;
    try {
      for (const [i, file] of files.entries()) {
        const row = list.children[i] as HTMLElement;
        const bar = row.querySelector('progress')!;
        const status = row.querySelector<HTMLElement>('.upload-status')!;
        row.dataset.outcome = 'sending';
        status.textContent = 'Sending…';
        // The description first: the server reads the parts in order and checks the file as it streams.
        const data = new FormData();
        if (description) data.append('description', description);
        data.append('file', file, file.name);
        try {
          const answer = await apiUpload<EvidenceAttachedAnswer>(base, data, (sent, total) => {
            bar.max = total;
            bar.value = sent;
          });
          bar.value = bar.max;
          row.dataset.outcome = 'attached';
          status.textContent = `Attached (${kindLabel(answer.body.mediaType)}, ${formatSize(answer.body.size)}).`;
          say(`${file.name} attached.`);
          await refresh(answer.body.position).catch(() => undefined);
        } catch (error) {
          const e = error as ApiError;
          if (e.status === 401) return;
          refused++;
          const message = e.status === 403 ? `Not allowed: ${e.message}` : e.message || 'The tracker refused it.';
          row.dataset.outcome = 'refused';
          status.textContent = `Not attached: ${message}`;
          say(`${file.name} was not attached: ${message}`);
        }
      }
      if (refused === 0) {
        form.reset();
        chosen.textContent = '';
      }
    } finally {
      uploading = false;
      if (form.isConnected) {
        button.disabled = false;
        form.removeAttribute('aria-busy');
      }
    }
  };
}
