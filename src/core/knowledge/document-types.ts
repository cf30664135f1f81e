// The kinds of file Knowledge reads, by MIME type with their extensions: one list for the file
// picker, the PWA manifest's share target and file handlers, so the OS offers Hearth exactly the
// files it can import.
export const DOCUMENT_TYPES: Readonly<Record<string, readonly string[]>> = {
  'text/plain': ['.txt', '.text'],
  'text/markdown': ['.md', '.markdown'],
  'text/html': ['.html', '.htm'],
  'application/pdf': ['.pdf'],
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': ['.docx'],
};

/** Every extension, for an <input type=file accept>. */
export const DOCUMENT_EXTENSIONS: readonly string[] = Object.values(DOCUMENT_TYPES).flat();

/** MIME types and extensions, for a share target's accept list. */
export const DOCUMENT_ACCEPT: readonly string[] = [...Object.keys(DOCUMENT_TYPES), ...DOCUMENT_EXTENSIONS];

/** Where the OS share sheet posts shared files (the manifest's share_target; the service worker
 *  answers it). */
export const SHARE_TARGET_PATH = '/share-target';
/** The form field the shared files come in. */
export const SHARE_TARGET_FILES = 'files';
