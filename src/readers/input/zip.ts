/**
 * DOCX, XLSX, ODS and ODT are ZIP packages, and a ZIP can claim or hold far more
 * than it weighs: entries of zeros compressed a thousand to one, entries that all
 * point at the same compressed bytes, sizes in the directory that lie. mammoth and
 * SheetJS inflate every entry into memory, so the package is checked first: the
 * central directory is read, the declared sizes and ratios are held to limits, and
 * each entry is inflated as a stream (nothing kept) to prove it unpacks to exactly
 * its declared size. The XML parts the readers parse must also match their
 * checksums: a flipped byte there would otherwise import a wrong number silently.
 * A truncated download loses its central directory and is refused here with a
 * reason a person can act on.
 */
import { crc32, createInflateRaw } from 'node:zlib';
import { InputError } from './errors.js';

export interface ZipLimits {
  /** Sum of the entries' unpacked sizes; real plans stay under a few tens of MB. */
  maxUnpackedBytes: number;
  /** Entries in one package; a workbook with hundreds of sheets has a few thousand. */
  maxEntries: number;
  /**
   * Unpacked ÷ packed size allowed for one entry. Sheet and document XML packs
   * about 10:1; deflate cannot exceed about 1032:1, which only runs of one byte reach.
   */
  maxCompressionRatio: number;
  /** The ratio is judged only on entries that unpack to more than this (small entries pack oddly). */
  ratioCheckMinBytes: number;
}

export const DEFAULT_ZIP_LIMITS: ZipLimits = {
  maxUnpackedBytes: 200 * 1024 * 1024,
  maxEntries: 10_000,
  maxCompressionRatio: 200,
  ratioCheckMinBytes: 1024 * 1024,
};

export interface ZipEntry {
  name: string;
  /** 0 stored, 8 deflated */
  method: number;
  flags: number;
  /** CRC-32 of the unpacked bytes */
  crc: number;
  compressedSize: number;
  size: number;
  /** offset of the entry's local header */
  localOffset: number;
}

export interface ZipDirectory {
  entries: ZipEntry[];
  /** where the central directory starts in the file */
  start: number;
}

const SIG_LOCAL = 0x04034b50;
const SIG_CENTRAL = 0x02014b50;
const SIG_END = 0x06054b50;
const SIG_END64_LOCATOR = 0x07064b50;
const SIG_END64 = 0x06064b50;
const END_RECORD_BYTES = 22;
const MAX_COMMENT_BYTES = 0xffff;
const LOCAL_HEADER_BYTES = 30;
const CENTRAL_HEADER_BYTES = 46;
const ZIP64_EXTRA_ID = 0x0001;
const FLAG_ENCRYPTED = 0x0001;
const METHOD_STORED = 0;
const METHOD_DEFLATED = 8;

const damaged = (detail: string): InputError => new InputError(`a damaged ZIP package (DOCX/XLSX/ODS): ${detail}`);
const mb = (n: number): string => `${Math.round(n / (1024 * 1024))} MB`;

function view(bytes: Uint8Array): DataView {
  return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

function findEndRecord(v: DataView): number {
  const last = v.byteLength - END_RECORD_BYTES;
  for (let at = last; at >= 0 && at >= last - MAX_COMMENT_BYTES; at--) {
    if (v.getUint32(at, true) === SIG_END) return at;
  }
  throw damaged('no central directory (the download was cut short?)');
}

/** Central directory position and entry count, from the ZIP64 record when the classic one overflows. */
function directoryBounds(v: DataView, endAt: number): { start: number; size: number; count: number } {
  let count = v.getUint16(endAt + 10, true);
  let size = v.getUint32(endAt + 12, true);
  let start = v.getUint32(endAt + 16, true);
  if (count === 0xffff || size === 0xffffffff || start === 0xffffffff) {
    const locator = endAt - 20;
    if (locator < 0 || v.getUint32(locator, true) !== SIG_END64_LOCATOR) throw damaged('ZIP64 locator missing');
    const end64 = Number(v.getBigUint64(locator + 8, true));
    if (end64 + 56 > v.byteLength || v.getUint32(end64, true) !== SIG_END64) throw damaged('ZIP64 end record missing');
    count = Number(v.getBigUint64(end64 + 32, true));
    size = Number(v.getBigUint64(end64 + 40, true));
    start = Number(v.getBigUint64(end64 + 48, true));
  }
  if (start + size > endAt) throw damaged('the central directory lies outside the file');
  return { start, size, count };
}

/** Sizes and offset that overflowed 32 bits, from the entry's ZIP64 extra field (in this order). */
function applyZip64(v: DataView, extraStart: number, extraEnd: number, entry: ZipEntry): void {
  for (let p = extraStart; p + 4 <= extraEnd; ) {
    const id = v.getUint16(p, true);
    const length = v.getUint16(p + 2, true);
    if (p + 4 + length > extraEnd) return; // padding or a malformed field: nothing more to read
    if (id === ZIP64_EXTRA_ID) {
      let q = p + 4;
      const next = (): number => {
        if (q + 8 > p + 4 + length) throw damaged(`bad ZIP64 field in entry "${entry.name}"`);
        const n = Number(v.getBigUint64(q, true));
        q += 8;
        return n;
      };
      if (entry.size === 0xffffffff) entry.size = next();
      if (entry.compressedSize === 0xffffffff) entry.compressedSize = next();
      if (entry.localOffset === 0xffffffff) entry.localOffset = next();
      return;
    }
    p += 4 + length;
  }
}

/** The package's central directory; throws InputError when it is missing or malformed. */
export function readZipDirectory(bytes: Uint8Array, maxEntries = DEFAULT_ZIP_LIMITS.maxEntries): ZipDirectory {
  const v = view(bytes);
  if (v.byteLength < END_RECORD_BYTES) throw damaged('too short to be a ZIP');
  const endAt = findEndRecord(v);
  const { start, size, count } = directoryBounds(v, endAt);
  if (count > maxEntries) throw new InputError(`a ZIP package with ${count} entries, over the limit of ${maxEntries}`);
  const entries: ZipEntry[] = [];
  let p = start;
  for (let i = 0; i < count; i++) {
    if (p + CENTRAL_HEADER_BYTES > start + size || v.getUint32(p, true) !== SIG_CENTRAL) {
      throw damaged(`central directory entry ${i + 1} of ${count} is unreadable`);
    }
    const nameLength = v.getUint16(p + 28, true);
    const extraLength = v.getUint16(p + 30, true);
    const commentLength = v.getUint16(p + 32, true);
    const nameStart = p + CENTRAL_HEADER_BYTES;
    const next = nameStart + nameLength + extraLength + commentLength;
    if (next > start + size) throw damaged(`central directory entry ${i + 1} of ${count} runs past the directory`);
    const entry: ZipEntry = {
      name: Buffer.from(bytes.subarray(nameStart, nameStart + nameLength)).toString('utf8'),
      flags: v.getUint16(p + 8, true),
      method: v.getUint16(p + 10, true),
      crc: v.getUint32(p + 16, true),
      compressedSize: v.getUint32(p + 20, true),
      size: v.getUint32(p + 24, true),
      localOffset: v.getUint32(p + 42, true),
    };
    applyZip64(v, nameStart + nameLength, nameStart + nameLength + extraLength, entry);
    entries.push(entry);
    p = next;
  }
  return { entries, start };
}

/** Where an entry's packed bytes start (after its local header) and end. */
export function entryData(bytes: Uint8Array, entry: ZipEntry): { start: number; end: number } {
  const v = view(bytes);
  const at = entry.localOffset;
  if (at + LOCAL_HEADER_BYTES > v.byteLength || v.getUint32(at, true) !== SIG_LOCAL) {
    throw damaged(`entry "${entry.name}" has no local header`);
  }
  const start = at + LOCAL_HEADER_BYTES + v.getUint16(at + 26, true) + v.getUint16(at + 28, true);
  const end = start + entry.compressedSize;
  if (end > v.byteLength) throw damaged(`entry "${entry.name}" runs past the end of the file (truncated?)`);
  return { start, end };
}

/** Parts the readers parse, whose checksums are verified (media and the rest are only sized). */
const PARSED_PART = /\.(xml|rels)$/i;

/** Size and CRC-32 of what `packed` inflates to, inflating no further than `cap` + 1 bytes and keeping nothing. */
async function inflate(packed: Uint8Array, cap: number): Promise<{ size: number; crc: number }> {
  const inflater = createInflateRaw();
  inflater.end(packed);
  let size = 0;
  let crc = 0;
  for await (const chunk of inflater as AsyncIterable<Buffer>) {
    size += chunk.length;
    crc = crc32(chunk, crc);
    if (size > cap) {
      inflater.destroy();
      break;
    }
  }
  return { size, crc };
}

function checkDeclared(entries: ZipEntry[], limits: ZipLimits): void {
  const total = entries.reduce((sum, e) => sum + e.size, 0);
  if (total > limits.maxUnpackedBytes) {
    throw new InputError(`a ZIP bomb? the package unpacks to ${mb(total)}, over the ${mb(limits.maxUnpackedBytes)} limit`);
  }
  for (const e of entries) {
    if (e.flags & FLAG_ENCRYPTED) throw new InputError(`a password-protected ZIP package (entry "${e.name}" is encrypted)`);
    if (e.method !== METHOD_STORED && e.method !== METHOD_DEFLATED) {
      throw new InputError(`entry "${e.name}" uses ZIP compression method ${e.method}, which Office readers do not support`);
    }
    const ratio = e.size / Math.max(1, e.compressedSize);
    if (e.size > limits.ratioCheckMinBytes && ratio > limits.maxCompressionRatio) {
      throw new InputError(
        `a ZIP bomb? entry "${e.name}" unpacks ${Math.round(ratio)} times its packed size (limit ${limits.maxCompressionRatio})`,
      );
    }
  }
}

/**
 * Refuses a package that is damaged, over the limits, whose entries do not unpack
 * to their declared sizes, or whose XML parts fail their checksums. Resolves when
 * the readers can be given it.
 */
export async function checkZipPackage(bytes: Uint8Array, limits: ZipLimits = DEFAULT_ZIP_LIMITS): Promise<void> {
  const { entries } = readZipDirectory(bytes, limits.maxEntries);
  checkDeclared(entries, limits);
  const ranges = entries.map((e) => ({ entry: e, ...entryData(bytes, e) })).sort((a, b) => a.start - b.start);
  ranges.forEach((r, i) => {
    const next = ranges[i + 1];
    if (next && r.end > next.entry.localOffset) {
      throw new InputError(`a ZIP bomb? entries "${r.entry.name}" and "${next.entry.name}" share their packed bytes`);
    }
  });
  for (const { entry, start, end } of ranges) {
    const packed = bytes.subarray(start, end);
    let unpacked: { size: number; crc: number };
    if (entry.method === METHOD_STORED) {
      if (entry.size !== entry.compressedSize) throw damaged(`stored entry "${entry.name}" has two different sizes`);
      unpacked = { size: entry.size, crc: crc32(packed) };
    } else {
      try {
        unpacked = await inflate(packed, entry.size);
      } catch (e) {
        throw damaged(`entry "${entry.name}" cannot be unpacked (${(e as Error).message})`);
      }
    }
    const { size, crc } = unpacked;
    if (size > entry.size) throw damaged(`entry "${entry.name}" unpacks to more than the ${entry.size} bytes declared`);
    if (size < entry.size) throw damaged(`entry "${entry.name}" unpacks to ${size} bytes, not the ${entry.size} declared`);
    if (PARSED_PART.test(entry.name) && crc !== entry.crc) throw damaged(`entry "${entry.name}" fails its checksum (corrupted bytes)`);
  }
}
