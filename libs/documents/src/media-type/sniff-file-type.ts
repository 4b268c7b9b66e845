import { loadEsm } from 'load-esm';

type FileTypeModule = typeof import('file-type');
export type SniffedType = { ext: string; mime: string };
/** The file starts with a signature, but file-type could not read what follows (a damaged ZIP's deflate data, say). */
export const UNREADABLE = 'unreadable';

let fileType: Promise<FileTypeModule> | undefined;

/**
 * What the magic numbers say the file is (the `file-type` library, ES-module only, loaded once
 * through load-esm as @nestjs/common does), or undefined when no signature matches (text, or
 * an unknown binary). It reads a bounded part of the file; into a ZIP it inflates at most
 * 1 MB of an entry ([Content_Types].xml, mimetype), so a ZIP bomb costs it little.
 */
export async function sniffFileType(path: string): Promise<SniffedType | typeof UNREADABLE | undefined> {
  fileType ??= loadEsm<FileTypeModule>('file-type');
  const { fileTypeFromFile } = await fileType;
  try {
    return await fileTypeFromFile(path);
  } catch (error) {
    // The file system's own failures (a system call named) are the server's; the rest is the file's.
    if (typeof error === 'object' && error !== null && 'syscall' in error) throw error;
    return UNREADABLE;
  }
}
