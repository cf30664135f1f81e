// "Open with Hearth" on a document (the manifest's file_handlers, where the platform has them): the
// browser hands the files to the launch queue. They join the shared files waiting for Knowledge, and
// the app goes there, so a launch into a running app and a cold start take the same road.
import { putIncomingFiles } from '../store/incoming-files';

/** Sent on window when files arrived while the app was running. */
export const INCOMING_FILES_EVENT = 'hearth-incoming-files';

interface LaunchParams {
  readonly files: readonly FileSystemHandle[];
}
interface LaunchQueue {
  setConsumer(consumer: (params: LaunchParams) => void): void;
}

export function receiveLaunchedFiles(): void {
  const queue = (window as { launchQueue?: LaunchQueue }).launchQueue;
  queue?.setConsumer((params) => {
    const handles = params.files.filter((h): h is FileSystemFileHandle => h.kind === 'file');
    if (!handles.length) return;
    void Promise.all(handles.map((h) => h.getFile()))
      .then(putIncomingFiles)
      .then(() => {
        location.hash = '#/knowledge';
        window.dispatchEvent(new Event(INCOMING_FILES_EVENT));
      });
  });
}
