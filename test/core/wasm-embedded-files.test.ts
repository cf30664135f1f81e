// The splitter works on the espeak-ng package's real wasm (an Emscripten program with 445 embedded
// files): listing, reading and dropping files without touching anything else.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { listEmbeddedFiles, readEmbeddedFile, WasmFormatError, withoutEmbeddedFiles } from '../../src/core/wasm-embedded-files';

const wasm = new Uint8Array(readFileSync(createRequire(import.meta.url).resolve('espeak-ng/dist/espeak-ng.wasm')));
const DIR = '/usr/local/share/espeak-ng-data/';

describe('embedded files of an Emscripten wasm', () => {
  const files = listEmbeddedFiles(wasm);

  it('lists every embedded file with its size', () => {
    expect(files.length).toBeGreaterThan(400);
    const phontab = files.find((f) => f.path === `${DIR}phontab`);
    expect(phontab?.bytes).toBeGreaterThan(0);
    expect(files.find((f) => f.path === `${DIR}ru_dict`)?.bytes).toBeGreaterThan(1_000_000);
  });

  it('drops the chosen files: their bytes leave the wasm and their entries the table', () => {
    const drop = (p: string) => p === `${DIR}ru_dict` || p === `${DIR}yue_dict`;
    const gone = files.filter((f) => drop(f.path)).reduce((n, f) => n + f.bytes, 0);
    const smaller = withoutEmbeddedFiles(wasm, drop);
    expect(wasm.length - smaller.length).toBeGreaterThanOrEqual(gone - 100); // segment headers cost a few bytes
    expect(listEmbeddedFiles(smaller).map((f) => f.path)).toEqual(files.filter((f) => !drop(f.path)).map((f) => f.path));
    // what stays reads back byte for byte
    expect(readEmbeddedFile(smaller, `${DIR}en_dict`)).toEqual(readEmbeddedFile(wasm, `${DIR}en_dict`));
    expect(WebAssembly.validate(smaller as Uint8Array<ArrayBuffer>)).toBe(true);
  });

  it('returns the same bytes when nothing is dropped, and refuses what is not a wasm', () => {
    expect(withoutEmbeddedFiles(wasm, () => false)).toBe(wasm);
    expect(() => listEmbeddedFiles(new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8]))).toThrow(WasmFormatError);
  });
});
