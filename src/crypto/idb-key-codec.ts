/**
 * IndexedDB keys as canonical text, so that one key is always one SQLite row (a structured-clone
 * serialisation is not canonical: the same string can be written in two encodings).
 * Keys are numbers, strings, dates, binary or arrays of keys (IndexedDB 3.0, "valid key").
 */
type Key = number | string | Date | ArrayBuffer | ArrayBufferView | readonly Key[];
type EncodedKey = string | { n: number | string } | { d: number } | { b: string } | EncodedKey[];

function encode(key: Key): EncodedKey {
  if (typeof key === "string") return key;
  if (typeof key === "number") return { n: Number.isFinite(key) ? key : String(key) };
  if (key instanceof Date) return { d: key.getTime() };
  if (Array.isArray(key)) return key.map(encode);
  if (key instanceof ArrayBuffer) return { b: Buffer.from(key).toString("base64") };
  if (ArrayBuffer.isView(key)) return { b: Buffer.from(key.buffer, key.byteOffset, key.byteLength).toString("base64") };
  throw new TypeError(`not an IndexedDB key: ${String(key)}`);
}

function decode(encoded: EncodedKey): Key {
  if (typeof encoded === "string") return encoded;
  if (Array.isArray(encoded)) return encoded.map(decode);
  if ("n" in encoded) return typeof encoded.n === "number" ? encoded.n : Number(encoded.n);
  if ("d" in encoded) return new Date(encoded.d);
  const bytes = Buffer.from(encoded.b, "base64");
  return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
}

export function keyToText(key: unknown): string {
  return JSON.stringify(encode(key as Key));
}

export function keyFromText(text: string): unknown {
  return decode(JSON.parse(text) as EncodedKey);
}
