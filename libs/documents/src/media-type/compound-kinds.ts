import { MalformedCompoundFileError, readCompoundFileTop } from './compound-file-directory';
import { accepted, refused, type MediaTypeDecision } from './media-type-decision';

/**
 * Which kind of compound file this is, from the names at its top: Word 97-2003 keeps its text
 * in a `WordDocument` stream, Excel in `Workbook` (`Book` before Excel 97), PowerPoint in
 * `PowerPoint Document`, and an Outlook message its properties in `__properties_version1.0` and
 * `__substg1.0_*` streams. Anything else (an installer, a Visio drawing, ...) is not kept.
 */
export async function decideCompoundFile(path: string): Promise<MediaTypeDecision> {
  let top;
  try {
    top = await readCompoundFileTop(path);
  } catch (error) {
    if (error instanceof MalformedCompoundFileError) {
      return refused('damaged or incomplete: it starts like a Word, Excel or PowerPoint 97-2003 file or an Outlook message, but the rest cannot be read', 'Open it, save it again, and attach the saved copy.');
    }
    throw error;
  }
  const streams = new Set(top.filter((entry) => entry.kind === 'stream').map((entry) => entry.name));
  const storages = new Set(top.filter((entry) => entry.kind === 'storage').map((entry) => entry.name));

  if (streams.has('EncryptionInfo') && streams.has('EncryptedPackage')) {
    return {
      accepted: false,
      reason:
        'This document is protected with a password, so the tracker cannot tell what it holds and an inspector could not open it. ' +
        'Save a copy without the password and attach that.',
    };
  }
  if (streams.has('__properties_version1.0') && [...streams, ...storages].some((name) => name.startsWith('__substg1.0_'))) return accepted('application/vnd.ms-outlook');
  // Macros (programs) in a 97-2003 document live in a storage of their own.
  if (streams.has('WordDocument')) return storages.has('Macros') ? withMacros('Word') : accepted('application/msword');
  if (streams.has('Workbook') || streams.has('Book')) return storages.has('_VBA_PROJECT_CUR') ? withMacros('Excel') : accepted('application/vnd.ms-excel');
  if (streams.has('PowerPoint Document')) return accepted('application/vnd.ms-powerpoint');
  return refused('a Windows compound file that is not a Word, Excel or PowerPoint document or an Outlook message (an installer, perhaps)');
}

const withMacros = (application: string): MediaTypeDecision =>
  refused(`a ${application} document with macros (programs that run when it is opened)`, `Save a copy without macros (or as a PDF) and attach that.`);
