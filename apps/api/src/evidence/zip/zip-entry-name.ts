/** Names Windows will not create a file under, whatever the extension (CON.txt is CON). */
const RESERVED = /^(con|prn|aux|nul|com[0-9]|lpt[0-9])(\..*)?$/i;
const MOST = 120;

/**
 * A file name as a ZIP entry that every unzip tool on every system extracts as one plain file
 * in its document's folder: accents dropped to their letters (Réunion -> Reunion), then
 * anything but ASCII letters, digits, space, dot, dash, underscore and brackets replaced by
 * `_` (so no path separator, no `..` that climbs, no control character), never starting with
 * a dot (hidden) nor ending with a dot or space (Windows drops them), never a Windows device
 * name, at most 120 characters with the extension kept. The file's own name stays in the
 * manifest, exactly as attached; the document's folder keeps names unique.
 */
export function safeEntryName(fileName: string): string {
  let name = fileName
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/[^A-Za-z0-9 ._\-()[\]]/g, '_')
    .replace(/^[. ]+/, (lead) => '_'.repeat(lead.length))
    .replace(/[. ]+$/, '');
  if (name.length > MOST) {
    const dot = name.lastIndexOf('.');
    const extension = dot > 0 && name.length - dot <= 10 ? name.slice(dot) : '';
    name = name.slice(0, MOST - extension.length) + extension;
  }
  if (name === '' || /^_+$/.test(name)) name = `file${name}`;
  return RESERVED.test(name) ? `_${name}` : name;
}
