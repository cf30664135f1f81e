// Just enough of the GGUF v3 container (llama.cpp's model file) to read a model's metadata and tensor
// table, and to write a new model: little-endian throughout, strings as u64 length + UTF-8, tensor data
// after the header at offsets aligned to `general.alignment` (32 when absent).

/** GGUF value types, by their on-disk number. */
export const GgufType = {
  UINT8: 0,
  INT8: 1,
  UINT16: 2,
  INT16: 3,
  UINT32: 4,
  INT32: 5,
  FLOAT32: 6,
  BOOL: 7,
  STRING: 8,
  ARRAY: 9,
  UINT64: 10,
  INT64: 11,
  FLOAT64: 12,
} as const;
type ScalarType = Exclude<(typeof GgufType)[keyof typeof GgufType], 9>;

/** A value with its on-disk type kept, so a copied key is written back exactly as it was read. */
export type GgufValue =
  | { type: ScalarType; value: number | bigint | boolean | string }
  | { type: 9; itemType: ScalarType; items: Array<number | bigint | boolean | string> };

/** ggml tensor types this module writes and sizes (the others need block layouts it does not know). */
export const GgmlType = { F32: 0, F16: 1 } as const;
const BYTES_PER_ELEMENT: Record<number, number> = { [GgmlType.F32]: 4, [GgmlType.F16]: 2 };

export interface GgufTensorInfo {
  name: string;
  /** ne[0] first: the innermost (contiguous) dimension, as ggml orders them. */
  dims: number[];
  type: number;
  /** From the start of the data section. */
  offset: number;
}

export interface GgufHeader {
  version: number;
  kv: Map<string, GgufValue>;
  tensors: GgufTensorInfo[];
  /** Where the data section starts in the file. */
  dataOffset: number;
}

const MAGIC = 0x46554747; // "GGUF" read as a little-endian u32
const DEFAULT_ALIGNMENT = 32;

export const alignment = (kv: Map<string, GgufValue>): number => {
  const a = kv.get('general.alignment');
  return a && a.type !== GgufType.ARRAY ? Number(a.value) : DEFAULT_ALIGNMENT;
};
const alignUp = (n: number, to: number) => Math.ceil(n / to) * to;

export function readGgufHeader(bytes: Uint8Array): GgufHeader {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let at = 0;
  const u32 = () => ((at += 4), view.getUint32(at - 4, true));
  const u64 = () => ((at += 8), Number(view.getBigUint64(at - 8, true)));
  const text = () => {
    const n = u64();
    at += n;
    return new TextDecoder().decode(bytes.subarray(at - n, at));
  };
  const scalar = (type: number): number | bigint | boolean | string => {
    switch (type) {
      case GgufType.UINT8:
        return view.getUint8((at += 1) - 1);
      case GgufType.INT8:
        return view.getInt8((at += 1) - 1);
      case GgufType.UINT16:
        return view.getUint16((at += 2) - 2, true);
      case GgufType.INT16:
        return view.getInt16((at += 2) - 2, true);
      case GgufType.UINT32:
        return view.getUint32((at += 4) - 4, true);
      case GgufType.INT32:
        return view.getInt32((at += 4) - 4, true);
      case GgufType.FLOAT32:
        return view.getFloat32((at += 4) - 4, true);
      case GgufType.BOOL:
        return view.getUint8((at += 1) - 1) !== 0;
      case GgufType.STRING:
        return text();
      case GgufType.UINT64:
        return view.getBigUint64((at += 8) - 8, true);
      case GgufType.INT64:
        return view.getBigInt64((at += 8) - 8, true);
      case GgufType.FLOAT64:
        return view.getFloat64((at += 8) - 8, true);
      default:
        throw new Error(`GGUF: unknown value type ${type} at byte ${at}`);
    }
  };

  if (u32() !== MAGIC) throw new Error('not a GGUF file (bad magic)');
  const version = u32();
  if (version !== 3) throw new Error(`GGUF version ${version}: only version 3 is read`);
  const tensorCount = u64();
  const kvCount = u64();
  const kv = new Map<string, GgufValue>();
  for (let i = 0; i < kvCount; i++) {
    const key = text();
    const type = u32();
    if (type === GgufType.ARRAY) {
      const itemType = u32() as ScalarType;
      const n = u64();
      const items = Array.from({ length: n }, () => scalar(itemType));
      kv.set(key, { type, itemType, items });
    } else {
      kv.set(key, { type: type as ScalarType, value: scalar(type) });
    }
  }
  const tensors: GgufTensorInfo[] = [];
  for (let i = 0; i < tensorCount; i++) {
    const name = text();
    const dims = Array.from({ length: u32() }, () => u64());
    tensors.push({ name, dims, type: u32(), offset: u64() });
  }
  return { version, kv, tensors, dataOffset: alignUp(at, alignment(kv)) };
}

export const tensorBytes = (dims: readonly number[], type: number): number => {
  const size = BYTES_PER_ELEMENT[type];
  if (size === undefined) throw new Error(`GGUF: ggml type ${type} is not F32 or F16`);
  return dims.reduce((n, d) => n * d, 1) * size;
};

/** Growable little-endian byte sink for the header. */
class Writer {
  private buf = new Uint8Array(1 << 16);
  private view = new DataView(this.buf.buffer);
  length = 0;

  private room(n: number): number {
    if (this.length + n > this.buf.length) {
      const next = new Uint8Array(Math.max(this.buf.length * 2, this.length + n));
      next.set(this.buf);
      this.buf = next;
      this.view = new DataView(next.buffer);
    }
    return (this.length += n) - n;
  }

  u8(v: number) {
    this.view.setUint8(this.room(1), v);
  }
  u32(v: number) {
    this.view.setUint32(this.room(4), v, true);
  }
  u64(v: number | bigint) {
    this.view.setBigUint64(this.room(8), BigInt(v), true);
  }
  text(s: string) {
    const b = new TextEncoder().encode(s);
    this.u64(b.length);
    this.buf.set(b, this.room(b.length));
  }

  scalar(type: ScalarType, v: number | bigint | boolean | string) {
    const at = () => this.room(SCALAR_SIZE[type]!);
    switch (type) {
      case GgufType.UINT8:
        return this.view.setUint8(at(), Number(v));
      case GgufType.INT8:
        return this.view.setInt8(at(), Number(v));
      case GgufType.UINT16:
        return this.view.setUint16(at(), Number(v), true);
      case GgufType.INT16:
        return this.view.setInt16(at(), Number(v), true);
      case GgufType.UINT32:
        return this.view.setUint32(at(), Number(v), true);
      case GgufType.INT32:
        return this.view.setInt32(at(), Number(v), true);
      case GgufType.FLOAT32:
        return this.view.setFloat32(at(), Number(v), true);
      case GgufType.BOOL:
        return this.view.setUint8(at(), v ? 1 : 0);
      case GgufType.STRING:
        return this.text(String(v));
      case GgufType.UINT64:
        return this.view.setBigUint64(at(), BigInt(v), true);
      case GgufType.INT64:
        return this.view.setBigInt64(at(), BigInt(v), true);
      case GgufType.FLOAT64:
        return this.view.setFloat64(at(), Number(v), true);
    }
  }

  bytes(): Uint8Array {
    return this.buf.subarray(0, this.length);
  }
}
const SCALAR_SIZE: Partial<Record<ScalarType, number>> = { 0: 1, 1: 1, 2: 2, 3: 2, 4: 4, 5: 4, 6: 4, 7: 1, 10: 8, 11: 8, 12: 8 };

export interface TensorToWrite {
  name: string;
  dims: number[];
  type: number;
  /** Fills the tensor's bytes (length tensorBytes(dims, type)), in the order written. */
  fill(into: Uint8Array): void;
}

/** The header, with tensor offsets laid out in order and aligned. Returns it padded to the data section. */
export function writeGgufHeader(kv: Map<string, GgufValue>, tensors: readonly TensorToWrite[]): Uint8Array {
  const w = new Writer();
  w.u32(MAGIC);
  w.u32(3);
  w.u64(tensors.length);
  w.u64(kv.size);
  for (const [key, v] of kv) {
    w.text(key);
    w.u32(v.type);
    if (v.type === GgufType.ARRAY) {
      w.u32(v.itemType);
      w.u64(v.items.length);
      for (const item of v.items) w.scalar(v.itemType, item);
    } else {
      w.scalar(v.type, v.value);
    }
  }
  const align = alignment(kv);
  let offset = 0;
  for (const t of tensors) {
    w.text(t.name);
    w.u32(t.dims.length);
    for (const d of t.dims) w.u64(d);
    w.u32(t.type);
    w.u64(offset);
    offset = alignUp(offset + tensorBytes(t.dims, t.type), align);
  }
  while (w.length % align) w.u8(0);
  return w.bytes();
}

/** Header, then each tensor padded to the alignment: one chunk per tensor, so a 50 MB file never sits in memory whole. */
export function* ggufChunks(kv: Map<string, GgufValue>, tensors: readonly TensorToWrite[]): Generator<Uint8Array> {
  yield writeGgufHeader(kv, tensors);
  const align = alignment(kv);
  for (const t of tensors) {
    const size = tensorBytes(t.dims, t.type);
    const chunk = new Uint8Array(alignUp(size, align));
    t.fill(chunk.subarray(0, size));
    yield chunk;
  }
}
