import { expose, transferHandlers, wrap } from 'comlink';
import { describe, expect, it } from 'vitest';
import {
  fromWire,
  installNamedErrorTransfer,
  namedErrorTransfer,
  toWire,
  type ThrowTransferHandler,
} from '../../src/core/error-wire';
import {
  ContextOverflowError,
  GpuDeviceLostError,
  IntegrityError,
  NAMED_ERRORS,
  NoModelLoadedError,
} from '../../src/core/errors';

// Structured clone is what postMessage does to the wire form: the round trip below is the real one.
const acrossWorker = (e: Error) => fromWire(structuredClone(toWire(e)));

describe('named errors across a worker boundary', () => {
  it('arrive as their own class with their typed fields, message and stack', () => {
    const overflow = acrossWorker(new ContextOverflowError(2300, 2048));
    expect(overflow).toBeInstanceOf(ContextOverflowError);
    expect(overflow).toBeInstanceOf(Error);
    expect(overflow).toMatchObject({ name: 'ContextOverflowError', promptTokens: 2300, contextTokens: 2048 });
    expect(overflow.message).toBe(new ContextOverflowError(2300, 2048).message);
    const integrity = new IntegrityError('org/repo/model.onnx', 'a'.repeat(64), 'b'.repeat(64));
    expect(acrossWorker(integrity)).toMatchObject({ file: integrity.file, expected: integrity.expected, stack: integrity.stack });
    expect(acrossWorker(new NoModelLoadedError('embedding'))).toBeInstanceOf(NoModelLoadedError);
  });

  it('keep their cause, named too', () => {
    const lost = acrossWorker(new GpuDeviceLostError('destroyed', { cause: new ContextOverflowError(1, 2) }));
    expect(lost).toBeInstanceOf(GpuDeviceLostError);
    expect(lost.cause).toBeInstanceOf(ContextOverflowError);
    expect(acrossWorker(new Error('outer', { cause: 'text' })).cause).toBe('text');
  });

  it("another error (a library's, a DOMException) keeps its name and message as an Error", () => {
    const abort = acrossWorker(new DOMException('The operation was aborted.', 'AbortError'));
    expect(abort).toBeInstanceOf(Error);
    expect(abort).toMatchObject({ name: 'AbortError', message: 'The operation was aborted.' });
    const plain = acrossWorker(new RangeError('boom'));
    expect(plain).toMatchObject({ name: 'RangeError', message: 'boom' });
  });

  it('lists every named class under the name it carries', () => {
    for (const [name, cls] of Object.entries(NAMED_ERRORS))
      expect((Object.create(cls.prototype) as Error) instanceof Error, name).toBe(true);
    expect(new NAMED_ERRORS.NoModelLoadedError('speech').name).toBe('NoModelLoadedError');
  });

  it("wraps comlink's throw handler: errors go as wire data, anything else as before; installed once", () => {
    const original: ThrowTransferHandler = {
      canHandle: (v) => typeof v === 'object' && v !== null && 'thrown' in v,
      serialize: (v) => [{ plain: (v as { value: unknown }).value }, []],
      deserialize: (v) => {
        throw (v as { plain: unknown }).plain;
      },
    };
    const handler = namedErrorTransfer(original);
    const [sent] = handler.serialize({ thrown: 0, value: new NoModelLoadedError('language') });
    expect(() => handler.deserialize(structuredClone(sent))).toThrow(NoModelLoadedError);
    const [other] = handler.serialize({ thrown: 0, value: 42 });
    expect(() => handler.deserialize(other)).toThrow(expect.anything());
    const handlers = new Map<string, unknown>([['throw', original]]);
    installNamedErrorTransfer(handlers);
    const installed = handlers.get('throw');
    installNamedErrorTransfer(handlers);
    expect(handlers.get('throw')).toBe(installed);
    expect(installed).not.toBe(original);
  });
});

describe('through comlink over a real MessageChannel', () => {
  it('a service that throws a named error gives the caller that class and its fields', async () => {
    installNamedErrorTransfer(transferHandlers);
    const { port1, port2 } = new MessageChannel();
    expose({ generate: () => Promise.reject(new ContextOverflowError(4100, 4096)) }, port1);
    const remote = wrap<{ generate(): Promise<void> }>(port2);
    const caught = await remote.generate().catch((e: unknown) => e);
    expect(caught).toBeInstanceOf(ContextOverflowError);
    expect(caught).toMatchObject({ promptTokens: 4100, contextTokens: 4096 });
    port1.close();
    port2.close();
  });
});
