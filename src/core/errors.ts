// Named failures, so the UI can explain each one in words (web-llm names its errors the same way).

export class IntegrityError extends Error {
  override name = 'IntegrityError';
  constructor(
    readonly file: string,
    readonly expected: string,
    readonly actual: string,
  ) {
    super(`${file} failed its SHA-256 check (expected ${expected.slice(0, 12)}…, got ${actual.slice(0, 12)}…)`);
  }
}

export class StorageQuotaError extends Error {
  override name = 'StorageQuotaError';
  constructor(
    readonly neededBytes: number,
    readonly availableBytes: number | null,
  ) {
    super(`Not enough storage: needs ${neededBytes} bytes, ${availableBytes ?? 'unknown'} available`);
  }
}

/** The model source answered with an HTTP error or something that is not the file. */
export class ModelSourceError extends Error {
  override name = 'ModelSourceError';
  constructor(
    readonly url: string,
    readonly status: number,
    detail = '',
  ) {
    super(`Model source answered ${status} for ${url}${detail ? `: ${detail}` : ''}`);
  }
}

/** The connection dropped or could not be made; what was stored so far is kept for a resume. */
export class NetworkError extends Error {
  override name = 'NetworkError';
  constructor(
    readonly url: string,
    cause?: unknown,
  ) {
    super(`Network failure while fetching ${url}`, { cause });
  }
}

/** The page's own Content-Security-Policy does not allow this origin (connect-src), so the browser
 *  would refuse the request: nothing was sent. Usually a model source set in Settings that the page
 *  has not been reloaded with yet. */
export class BlockedByPolicyError extends Error {
  override name = 'BlockedByPolicyError';
  readonly origin: string;
  constructor(readonly url: string) {
    const origin = new URL(url).origin;
    super(`This page's security policy does not allow connections to ${origin}`);
    this.origin = origin;
  }
}

export class ModelNotStoredError extends Error {
  override name = 'ModelNotStoredError';
  constructor(readonly what: string) {
    super(`${what} is not in the model store`);
  }
}

export class ImportError extends Error {
  override name = 'ImportError';
}

/** The GPU device went away (driver reset, another tab's load, memory pressure): the answer in
 *  progress is lost and the GPU engine cannot continue this session; the CPU engine can. */
export class GpuDeviceLostError extends Error {
  override name = 'GpuDeviceLostError';
  constructor(detail = '', options?: { cause?: unknown }) {
    super(`The GPU stopped working${detail ? `: ${detail}` : ''}`, options);
  }
}

/** The model did not fit in GPU memory (WebGPU reports it as a device lost while loading). */
export class OutOfMemoryError extends Error {
  override name = 'OutOfMemoryError';
  constructor(
    readonly what: string,
    options?: { cause?: unknown },
  ) {
    super(`Not enough GPU memory for ${what}`, options);
  }
}

export const isAbort = (e: unknown): boolean => e instanceof Error && (e.name === 'AbortError' || e.name === 'TimeoutError');

/** The person (or the browser's policy) refused the microphone: typing still works. */
export class MicDeniedError extends Error {
  override name = 'MicDeniedError';
  constructor(options?: { cause?: unknown }) {
    super('Microphone access was refused', options);
  }
}

/** No microphone is connected, or it is in use by another program. */
export class NoMicError extends Error {
  override name = 'NoMicError';
  constructor(detail = '', options?: { cause?: unknown }) {
    super(`No microphone could be opened${detail ? `: ${detail}` : ''}`, options);
  }
}

/** The prompt did not fit the model's context window: the page's token estimate was too low for
 *  this model's tokenizer. Its numbers cross the worker boundary as fields (core/error-wire). */
export class ContextOverflowError extends Error {
  override name = 'ContextOverflowError';
  constructor(
    readonly promptTokens: number,
    readonly contextTokens: number,
    options?: { cause?: unknown },
  ) {
    super(`The conversation needs ${promptTokens} tokens but the model's context holds ${contextTokens}`, options);
  }
}

/** A model of one kind was asked for work of another (a VAD entry given to Whisper, a tokenizer's
 *  quantization no runtime has): the page chose wrongly, the person can pick another. */
export class WrongModelError extends Error {
  override name = 'WrongModelError';
  constructor(
    readonly model: string,
    readonly wanted: string,
  ) {
    super(`${model} is not ${wanted}`);
  }
}

/** Work was asked of an engine that holds no model of that kind yet. */
export class NoModelLoadedError extends Error {
  override name = 'NoModelLoadedError';
  constructor(readonly kind: string) {
    super(`No ${kind} model is loaded`);
  }
}

/** One answer (or one listening session) at a time: the engine is busy with the last one. */
export class EngineBusyError extends Error {
  override name = 'EngineBusyError';
  constructor(readonly what: string) {
    super(`${what} is busy`);
  }
}

/** A stored or downloaded model file is not what its format promises (a shard list without shards,
 *  an ONNX graph without inputs). */
export class ModelFormatError extends Error {
  override name = 'ModelFormatError';
  constructor(
    readonly file: string,
    readonly detail: string,
  ) {
    super(`${file}: ${detail}`);
  }
}

/** A TTS voice the model does not have. */
export class UnknownVoiceError extends Error {
  override name = 'UnknownVoiceError';
  constructor(
    readonly model: string,
    readonly voice: string,
  ) {
    super(`${model} has no voice "${voice}"`);
  }
}

/** Something the person typed cannot be used as it is (a model source that is not a URL). */
export class InvalidInputError extends Error {
  override name = 'InvalidInputError';
}

/** The browser lacks a feature this needs (WebCrypto digests, a WebGPU answer in time). */
export class UnsupportedBrowserError extends Error {
  override name = 'UnsupportedBrowserError';
  constructor(
    readonly feature: string,
    detail = '',
  ) {
    super(`This browser cannot ${feature}${detail ? `: ${detail}` : ''}`);
  }
}

/** IndexedDB refused or lost a write or a delete (quota aside, which is StorageQuotaError). */
export class StorageError extends Error {
  override name = 'StorageError';
}

/** A record asked for is not there (a message id in a conversation). */
export class NotFoundError extends Error {
  override name = 'NotFoundError';
}

/** A self-check of a stored model ran but did not show what it should (Models → Test on this device). */
export class CheckFailedError extends Error {
  override name = 'CheckFailedError';
}

/** A stored model file no longer has the bytes that were verified when it was stored (flipped on
 *  disk, a half-written blob, another program's hands): found when an engine reads it or by a file
 *  check. Only this file is bad; a repair downloads it again. */
export class StoredFileDamagedError extends Error {
  override name = 'StoredFileDamagedError';
  constructor(
    readonly repo: string,
    readonly path: string,
  ) {
    super(`${path} (${repo}) is damaged on this device: its bytes no longer match the SHA-256 checked when it was stored`);
  }
}

/** llama.cpp refused the grammar meant to constrain an answer (a tool schema it cannot express):
 *  the request never started. `detail` is llama.cpp's own words. */
export class GrammarRejectedError extends Error {
  override name = 'GrammarRejectedError';
  constructor(
    readonly detail: string,
    options?: { cause?: unknown },
  ) {
    super(`The language model refused the tool grammar: ${detail}`, options);
  }
}

/** Why a document cannot be added to Knowledge. The others in the same import go on. */
export type UnreadableReason =
  | 'empty'
  | 'binary'
  | 'undecodable'
  | 'too-big'
  | 'unsupported'
  | 'damaged'
  | 'damaged-docx'
  | 'password'
  | 'wrong-password'
  | 'no-text';

export class DocumentUnreadableError extends Error {
  override name = 'DocumentUnreadableError';
  constructor(
    readonly file: string,
    readonly reason: UnreadableReason,
    detail = '',
  ) {
    super(`${file}: ${reason}${detail ? ` (${detail})` : ''}`);
  }
}

/** Every named error, by the name it carries: how an error that crossed a worker boundary, or was
 *  stored, becomes its class again. Keys are strings so minified class names do not matter. */
export const NAMED_ERRORS = {
  IntegrityError,
  StorageQuotaError,
  ModelSourceError,
  NetworkError,
  BlockedByPolicyError,
  ModelNotStoredError,
  ImportError,
  GpuDeviceLostError,
  OutOfMemoryError,
  MicDeniedError,
  NoMicError,
  ContextOverflowError,
  WrongModelError,
  NoModelLoadedError,
  EngineBusyError,
  ModelFormatError,
  UnknownVoiceError,
  InvalidInputError,
  UnsupportedBrowserError,
  StorageError,
  NotFoundError,
  CheckFailedError,
  StoredFileDamagedError,
  DocumentUnreadableError,
  GrammarRejectedError,
} as const;
