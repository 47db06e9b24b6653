/**
 * Plans are downloaded from thousands of municipal sites and their extensions lie:
 * a PDF saved as .docx, an HTML error page saved as .pdf, an .xls that is really
 * HTML. The real type is read from the first bytes (magic numbers) and, for ZIP
 * containers, from the names of the entries that OOXML and ODF require.
 */
import { extname } from 'node:path';
import type { DocumentFormat } from '../document/model.js';

export type SniffedFormat = DocumentFormat | 'p7m' | 'html' | 'zip' | 'unknown';

const startsWith = (bytes: Uint8Array, magic: number[], offset = 0): boolean =>
  magic.every((b, i) => bytes[offset + i] === b);

const ascii = (bytes: Uint8Array, start: number, end: number): string =>
  Buffer.from(bytes.subarray(start, Math.min(end, bytes.length))).toString('latin1');

/** How far into a file "%PDF-" may start: some servers prepend a BOM or blank lines. */
const PDF_HEADER_SEARCH_BYTES = 1024;

/** ZIP entries are listed in the central directory; the local headers at the start are enough to tell OOXML from ODF. */
const ZIP_NAME_SCAN_BYTES = 64 * 1024;

function sniffZip(bytes: Uint8Array, name: string): SniffedFormat {
  const head = ascii(bytes, 0, ZIP_NAME_SCAN_BYTES);
  if (head.includes('mimetypeapplication/vnd.oasis.opendocument.spreadsheet')) return 'ods';
  if (head.includes('mimetypeapplication/vnd.oasis.opendocument.text')) return 'odt';
  if (head.includes('word/')) return 'docx';
  if (head.includes('xl/')) return 'xlsx';
  // Entry order is not fixed: fall back to the extension, then to the whole file.
  const ext = extname(name).toLowerCase().slice(1);
  if (ext === 'docx' || ext === 'xlsx' || ext === 'ods' || ext === 'odt') return ext;
  const all = ascii(bytes, 0, bytes.length);
  if (all.includes('word/document.xml')) return 'docx';
  if (all.includes('xl/workbook.xml')) return 'xlsx';
  return 'zip';
}

/** The real format of `bytes`; `name` only breaks ties the bytes cannot settle. */
export function sniffFormat(bytes: Uint8Array, name: string): SniffedFormat {
  if (bytes.length === 0) return 'unknown';
  if (ascii(bytes, 0, PDF_HEADER_SEARCH_BYTES).includes('%PDF-')) return 'pdf';
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04])) return sniffZip(bytes, name);
  // OLE2 compound file: legacy .doc or .xls.
  if (startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) {
    return extname(name).toLowerCase() === '.doc' ? 'doc' : 'xls';
  }
  if (startsWith(bytes, [0x7b, 0x5c, 0x72, 0x74, 0x66])) return 'rtf'; // {\rtf
  // CAdES envelopes: DER SEQUENCE, or base64 of one ("MII…").
  const ext = name.toLowerCase();
  if (ext.endsWith('.p7m') || ext.endsWith('.p7s')) return 'p7m';
  const text = ascii(bytes, 0, 512).trimStart().toLowerCase();
  if (text.startsWith('<!doctype html') || text.startsWith('<html') || text.includes('<head')) return 'html';
  if (extname(name).toLowerCase() === '.csv') return 'csv';
  return 'unknown';
}
