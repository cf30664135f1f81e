// Streams a body into a FileWriter: the shared middle of a download and an import.
import { IntegrityError, isAbort } from '../core/errors';
import type { FileWriter } from './file-writer';

export interface PipeOptions {
  onBytes?: (bytes: number) => void;
  /** Names a failure of the source (a dropped connection, an unreadable file). Aborts pass as is. */
  readError?: (cause: unknown) => Error;
}

/** Reads `body` to its end into `writer`. On any failure the bytes already received are committed
 *  first (a dropped connection or a pause keeps them for a resume), then the error is thrown; a
 *  failed save outranks a read failure, since it is the one the person has to fix. */
export async function pipeInto(writer: FileWriter, body: ReadableStream<Uint8Array>, opts: PipeOptions = {}): Promise<void> {
  const reader = body.getReader();
  try {
    for (;;) {
      let chunk: ReadableStreamReadResult<Uint8Array>;
      try {
        chunk = await reader.read();
      } catch (e) {
        throw isAbort(e) || !opts.readError ? e : opts.readError(e);
      }
      if (chunk.done) return;
      await writer.write(chunk.value);
      opts.onBytes?.(chunk.value.byteLength);
    }
  } catch (e) {
    reader.cancel().catch(() => {}); // closes the connection; its outcome no longer matters
    if (e instanceof IntegrityError) throw e; // the file's bytes are already gone
    try {
      await writer.flush();
    } catch (flushError) {
      if (!isAbort(e)) throw flushError;
    }
    throw e;
  }
}
