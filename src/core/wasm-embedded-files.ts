// Files an Emscripten program carries inside its wasm (`--embed-file`): the bytes sit in the active
// data segments, and a table in the same memory (exported as __emscripten_embedded_file_data: name
// pointer, length, content pointer per entry, ended by a zero name) tells the runtime which files to
// create in its in-memory file system at start. Reading that table lets a build split a program's
// data: some files stay in the wasm, the rest are served beside it and written into the file system
// only when needed. Pure byte work on a wasm binary (no instantiation), so it runs in Node at build
// time and in tests.

export interface EmbeddedFile {
  /** Absolute path in the program's file system, e.g. /usr/local/share/espeak-ng-data/ru_dict */
  path: string;
  bytes: number;
  /** Where its content starts in linear memory. */
  address: number;
}

interface Section {
  id: number;
  /** Offsets of the whole section (id byte included) and of its payload. */
  start: number;
  payload: number;
  end: number;
}

interface Segment {
  offset: number;
  data: Uint8Array;
}

const TABLE_EXPORT = '__emscripten_embedded_file_data';
const SECTION = { import: 2, global: 6, export: 7, data: 11, dataCount: 12 } as const;

export class WasmFormatError extends Error {
  override name = 'WasmFormatError';
}

class Reader {
  constructor(
    readonly bytes: Uint8Array,
    public at = 0,
  ) {}
  byte(): number {
    if (this.at >= this.bytes.length) throw new WasmFormatError('unexpected end of the wasm binary');
    return this.bytes[this.at++]!;
  }
  u32(): number {
    let result = 0;
    for (let shift = 0; ; shift += 7) {
      const b = this.byte();
      result += (b & 0x7f) * 2 ** shift;
      if (!(b & 0x80)) return result;
    }
  }
  i32(): number {
    let result = 0;
    let shift = 0;
    let b: number;
    do {
      b = this.byte();
      result |= (b & 0x7f) << shift;
      shift += 7;
    } while (b & 0x80);
    return shift < 32 && b & 0x40 ? result | (-1 << shift) : result;
  }
  skip(n: number): void {
    this.at += n;
  }
  name(): string {
    const len = this.u32();
    const text = new TextDecoder().decode(this.bytes.subarray(this.at, this.at + len));
    this.at += len;
    return text;
  }
}

const u32Leb = (n: number): number[] => {
  const out: number[] = [];
  do {
    let b = n % 128;
    n = Math.floor(n / 128);
    if (n) b |= 0x80;
    out.push(b);
  } while (n);
  return out;
};

const i32Leb = (n: number): number[] => {
  const out: number[] = [];
  for (;;) {
    const b = n & 0x7f;
    n >>= 7;
    const done = (n === 0 && !(b & 0x40)) || (n === -1 && b & 0x40);
    out.push(done ? b : b | 0x80);
    if (done) return out;
  }
};

function sections(wasm: Uint8Array): Section[] {
  const magic = [0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00];
  if (magic.some((b, i) => wasm[i] !== b)) throw new WasmFormatError('not a wasm 1.0 binary');
  const r = new Reader(wasm, 8);
  const out: Section[] = [];
  while (r.at < wasm.length) {
    const start = r.at;
    const id = r.byte();
    const size = r.u32();
    out.push({ id, start, payload: r.at, end: r.at + size });
    r.skip(size);
  }
  return out;
}

function readSegments(wasm: Uint8Array, data: Section): Segment[] {
  const r = new Reader(wasm, data.payload);
  const count = r.u32();
  const segments: Segment[] = [];
  for (let i = 0; i < count; i++) {
    if (r.u32() !== 0) throw new WasmFormatError('only active segments of memory 0 are supported');
    if (r.byte() !== 0x41) throw new WasmFormatError('a data segment offset is not an i32.const');
    const offset = r.i32();
    if (r.byte() !== 0x0b) throw new WasmFormatError('a data segment offset is not a constant');
    const len = r.u32();
    segments.push({ offset, data: wasm.subarray(r.at, r.at + len) });
    r.skip(len);
  }
  return segments;
}

/** The address the table export holds: a constant global (imported globals come first). */
function tableAddress(wasm: Uint8Array, all: Section[]): number {
  const find = (id: number) => all.find((s) => s.id === id);
  const exports = find(SECTION.export);
  if (!exports) throw new WasmFormatError('no export section');
  let globalIndex = -1;
  const er = new Reader(wasm, exports.payload);
  for (let n = er.u32(); n > 0; n--) {
    const name = er.name();
    const kind = er.byte();
    const index = er.u32();
    if (name === TABLE_EXPORT && kind === 3) globalIndex = index;
  }
  if (globalIndex < 0) throw new WasmFormatError(`no ${TABLE_EXPORT} export: the wasm embeds no files`);
  let importedGlobals = 0;
  const imports = find(SECTION.import);
  if (imports) {
    const ir = new Reader(wasm, imports.payload);
    for (let n = ir.u32(); n > 0; n--) {
      ir.name();
      ir.name();
      const kind = ir.byte();
      if (kind === 0) ir.u32();
      else if (kind === 1) {
        ir.byte();
        if (ir.u32() & 1) ir.u32();
        ir.u32();
      } else if (kind === 2) {
        if (ir.u32() & 1) ir.u32();
        ir.u32();
      } else if (kind === 3) {
        ir.byte();
        ir.byte();
        importedGlobals++;
      } else throw new WasmFormatError(`unknown import kind ${kind}`);
    }
  }
  const globals = find(SECTION.global);
  if (!globals) throw new WasmFormatError('no global section');
  const gr = new Reader(wasm, globals.payload);
  const count = gr.u32();
  for (let i = 0; i < count; i++) {
    gr.byte(); // value type
    gr.byte(); // mutability
    const op = gr.byte();
    const value = op === 0x41 ? gr.i32() : null;
    if (op !== 0x41) throw new WasmFormatError('a global before the file table is not an i32 constant');
    if (gr.byte() !== 0x0b) throw new WasmFormatError('a global initialiser is not a constant');
    if (i + importedGlobals === globalIndex) return value!;
  }
  throw new WasmFormatError(`${TABLE_EXPORT} names no defined global`);
}

class Memory {
  constructor(private readonly segments: Segment[]) {}
  bytes(address: number, length: number): Uint8Array {
    const seg = this.segments.find((s) => address >= s.offset && address + length <= s.offset + s.data.length);
    if (!seg) throw new WasmFormatError(`no data segment holds ${length} bytes at ${address}`);
    return seg.data.subarray(address - seg.offset, address - seg.offset + length);
  }
  u32(address: number): number {
    const b = this.bytes(address, 4);
    return (b[0]! | (b[1]! << 8) | (b[2]! << 16) | (b[3]! << 24)) >>> 0;
  }
  cString(address: number): string {
    let end = address;
    while (this.bytes(end, 1)[0] !== 0) end++;
    return new TextDecoder().decode(this.bytes(address, end - address));
  }
}

interface Parsed {
  all: Section[];
  data: Section;
  segments: Segment[];
  table: number;
  files: EmbeddedFile[];
}

function parse(wasm: Uint8Array): Parsed {
  const all = sections(wasm);
  const data = all.find((s) => s.id === SECTION.data);
  if (!data) throw new WasmFormatError('no data section');
  const segments = readSegments(wasm, data);
  const memory = new Memory(segments);
  const table = tableAddress(wasm, all);
  const files: EmbeddedFile[] = [];
  for (let entry = table; memory.u32(entry) !== 0; entry += 12) {
    files.push({ path: memory.cString(memory.u32(entry)), bytes: memory.u32(entry + 4), address: memory.u32(entry + 8) });
  }
  return { all, data, segments, table, files };
}

export const listEmbeddedFiles = (wasm: Uint8Array): EmbeddedFile[] => parse(wasm).files;

/** One embedded file's content (a copy). */
export function readEmbeddedFile(wasm: Uint8Array, path: string): Uint8Array {
  const { segments, files } = parse(wasm);
  const file = files.find((f) => f.path === path);
  if (!file) throw new WasmFormatError(`${path} is not embedded`);
  return new Memory(segments).bytes(file.address, file.bytes).slice();
}

/** The same program without the files `drop` picks: their bytes leave the data segments (which are
 *  split around them) and their entries leave the table, so the program finds them missing unless
 *  someone writes them into its file system before it looks. */
export function withoutEmbeddedFiles(wasm: Uint8Array, drop: (path: string) => boolean): Uint8Array {
  const { all, data, segments, table, files } = parse(wasm);
  const dropped = files.filter((f) => drop(f.path));
  const kept = files.filter((f) => !drop(f.path));
  if (kept.length === 0) throw new WasmFormatError('Emscripten needs at least one embedded file');
  if (all.some((s) => s.id === SECTION.dataCount)) throw new WasmFormatError('a data count section is not supported');

  if (dropped.length === 0) return wasm;
  // The table, rewritten in place: the kept entries, then zeros (the first is the terminator, inside
  // the old table since at least one entry went).
  const tableBytes = new Uint8Array(files.length * 12);
  kept.forEach((f, i) => {
    const entry = table + files.indexOf(f) * 12;
    tableBytes.set(new Memory(segments).bytes(entry, 12), i * 12);
  });
  const patched = segments.map((s) => ({ offset: s.offset, data: s.data.slice() }));
  const home = patched.find((s) => table >= s.offset && table + tableBytes.length <= s.offset + s.data.length);
  if (!home) throw new WasmFormatError('the file table spans data segments');
  home.data.set(tableBytes, table - home.offset);

  // Each segment, cut around the dropped files' bytes.
  const holes = dropped.map((f) => [f.address, f.address + f.bytes] as const).sort((a, b) => a[0] - b[0]);
  const out: Segment[] = [];
  for (const seg of patched) {
    let from = seg.offset;
    const end = seg.offset + seg.data.length;
    for (const [start, stop] of holes) {
      if (stop <= from || start >= end) continue;
      if (start > from) out.push({ offset: from, data: seg.data.subarray(from - seg.offset, start - seg.offset) });
      from = Math.max(from, stop);
    }
    if (from < end) out.push({ offset: from, data: seg.data.subarray(from - seg.offset, end - seg.offset) });
  }

  const body: number[] = [...u32Leb(out.length)];
  const chunks: Uint8Array[] = [];
  let payloadLength = body.length;
  const heads: Uint8Array[] = [];
  for (const seg of out) {
    const head = Uint8Array.from([0x00, 0x41, ...i32Leb(seg.offset), 0x0b, ...u32Leb(seg.data.length)]);
    heads.push(head);
    payloadLength += head.length + seg.data.length;
  }
  const sectionHead = Uint8Array.from([SECTION.data, ...u32Leb(payloadLength), ...body]);
  chunks.push(wasm.subarray(0, data.start), sectionHead);
  out.forEach((seg, i) => chunks.push(heads[i]!, seg.data));
  chunks.push(wasm.subarray(data.end));
  const result = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let at = 0;
  for (const c of chunks) {
    result.set(c, at);
    at += c.length;
  }
  return result;
}
