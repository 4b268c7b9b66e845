import { loadEsm } from 'load-esm';

type FileTypeModule = typeof import('file-type');
export type SniffedType = { ext: string; mime: string };

let fileType: Promise<FileTypeModule> | undefined;

/**
 * What the magic numbers say the file is (the `file-type` library, ES-module only, loaded once
 * through load-esm as @nestjs/common does), or undefined when no signature matches (text, or
 * an unknown binary). It reads a bounded part of the file; into a ZIP it inflates at most
 * 1 MB of an entry ([Content_Types].xml, mimetype), so a ZIP bomb costs it little.
 */
export async function sniffFileType(path: string): Promise<SniffedType | undefined> {
  fileType ??= loadEsm<FileTypeModule>('file-type');
  return (await fileType).fileTypeFromFile(path);
}
