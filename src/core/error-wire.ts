// Errors as plain data and back. Structured clone (postMessage, comlink) keeps only an error's
// message, and a worker's named error would reach the page as a bare Error; with this the page gets
// the same class, `instanceof` works and typed fields (a ContextOverflowError's token counts) come
// with it. Installed on both ends of every worker (clients/worker-bridge, engines/shared/expose).
import { NAMED_ERRORS } from './errors';

/** The shape of comlink's transfer handlers, written here so core needs no browser types. */
export interface ThrowTransferHandler {
  canHandle(value: unknown): boolean;
  serialize(value: unknown): [unknown, unknown[]];
  deserialize(value: unknown): unknown;
}

export interface WireError {
  name: string;
  message: string;
  stack?: string;
  /** The error's own fields (IntegrityError's file, ContextOverflowError's counts). */
  fields: Record<string, unknown>;
  cause?: WireError | { value: unknown };
}

const MAX_CAUSES = 4;

export function toWire(e: Error, depth = 0): WireError {
  const fields: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(e)) {
    if (key === 'name' || key === 'message' || key === 'stack' || key === 'cause') continue;
    if (isCloneable(value)) fields[key] = value;
  }
  const wire: WireError = { name: e.name, message: e.message, fields };
  if (e.stack) wire.stack = e.stack;
  if (e.cause !== undefined && depth < MAX_CAUSES) {
    wire.cause =
      e.cause instanceof Error
        ? toWire(e.cause, depth + 1)
        : isCloneable(e.cause)
          ? { value: e.cause }
          : { value: String(e.cause) };
  }
  return wire;
}

export function fromWire(wire: WireError): Error {
  const named = (NAMED_ERRORS as Record<string, { prototype: Error } | undefined>)[wire.name];
  // The class's prototype without running its constructor: the fields are restored as they were.
  const e: Error = named ? (Object.create(named.prototype) as Error) : new Error(wire.message);
  Object.assign(e, wire.fields);
  Object.defineProperty(e, 'message', { value: wire.message, writable: true, configurable: true });
  Object.defineProperty(e, 'name', { value: wire.name, writable: true, configurable: true, enumerable: !!named });
  if (wire.stack) Object.defineProperty(e, 'stack', { value: wire.stack, writable: true, configurable: true });
  if (wire.cause) {
    const cause = 'value' in wire.cause ? wire.cause.value : fromWire(wire.cause);
    Object.defineProperty(e, 'cause', { value: cause, writable: true, configurable: true });
  }
  return e;
}

/** Plain data only (what structured clone surely keeps): primitives, arrays and plain objects of them. */
function isCloneable(value: unknown, depth = 0): boolean {
  if (value === null || ['string', 'number', 'boolean', 'undefined', 'bigint'].includes(typeof value)) return true;
  if (typeof value !== 'object' || depth > 4) return false;
  if (Array.isArray(value)) return value.every((v) => isCloneable(v, depth + 1));
  if (Object.getPrototypeOf(value) !== Object.prototype) return false;
  return Object.values(value).every((v) => isCloneable(v, depth + 1));
}

/** Comlink's handler for thrown values, wrapped so an Error crosses as a WireError; anything else
 *  thrown is left to the original. `original` is `transferHandlers.get('throw')`. */
export function namedErrorTransfer(original: ThrowTransferHandler): ThrowTransferHandler {
  return {
    canHandle: original.canHandle,
    serialize(thrown) {
      const value = (thrown as { value: unknown }).value;
      if (value instanceof Error) return [{ wire: toWire(value) }, []];
      return original.serialize(thrown);
    },
    deserialize(serialized) {
      const wire = (serialized as { wire?: WireError }).wire;
      if (wire) throw fromWire(wire);
      return original.deserialize(serialized);
    },
  };
}

const INSTALLED = Symbol('named errors installed');

/** Installs namedErrorTransfer in comlink's `transferHandlers` once, however many workers use it. */
export function installNamedErrorTransfer(handlers: Map<string, unknown>): void {
  const original = handlers.get('throw') as (ThrowTransferHandler & { [INSTALLED]?: true }) | undefined;
  if (!original || original[INSTALLED]) return;
  handlers.set('throw', { ...namedErrorTransfer(original), [INSTALLED]: true });
}
