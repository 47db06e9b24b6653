/**
 * Plans are downloaded from thousands of municipal sites and their extensions lie:
 * a PDF saved as .docx, an HTML error page saved as .pdf, an .xls that is really
 * HTML. The real type is read from the first bytes (magic numbers) and, for ZIP
 * containers, from the names of the entries that OOXML and ODF require; for OLE2
 * compound files (legacy .doc/.xls, and password-protected OOXML) from the names
 * of their streams.
 */
import { extname } from 'node:path';
import type { DocumentFormat } from '../document/model.js';
import { isSignedEnvelope } from './input/cades.js';

/** 'encrypted': a password-protected Office file (an OLE2 container holding an encrypted package). */
export type SniffedFormat = DocumentFormat | 'p7m' | 'html' | 'zip' | 'encrypted' | 'unknown';

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

/** Stream names as OLE2 directories store them (UTF-16LE). */
const oleStream = (name: string): Buffer => Buffer.from(name, 'utf16le');
const OLE_ENCRYPTED = oleStream('EncryptedPackage');
const OLE_WORD = oleStream('WordDocument');
const OLE_WORKBOOK = [oleStream('Workbook'), oleStream('Book')];

function sniffOle(bytes: Uint8Array, name: string): SniffedFormat {
  const all = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (all.includes(OLE_ENCRYPTED)) return 'encrypted';
  if (all.includes(OLE_WORD)) return 'doc';
  if (OLE_WORKBOOK.some((s) => all.includes(s))) return 'xls';
  return extname(name).toLowerCase() === '.doc' ? 'doc' : 'xls';
}

/** Text read from the head of a file to recognise an HTML page. */
const HTML_SNIFF_BYTES = 512;
/** A tag only HTML has, anywhere in that head (pages may open with a BOM, comments or scripts). */
const HTML_TAG = /<(!doctype html|html|head|body)[\s>]/i;

/** The real format of `bytes`; `name` only breaks ties the bytes cannot settle. */
export function sniffFormat(bytes: Uint8Array, name: string): SniffedFormat {
  if (bytes.length === 0) return 'unknown';
  // before the PDF test: a DER envelope holds "%PDF-" in its first bytes
  if (isSignedEnvelope(bytes)) return 'p7m';
  // magic numbers at offset 0 before the PDF search, which could find "%PDF-" inside a stored entry
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04])) return sniffZip(bytes, name);
  if (startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) return sniffOle(bytes, name);
  if (startsWith(bytes, [0x7b, 0x5c, 0x72, 0x74, 0x66])) return 'rtf'; // {\rtf
  if (ascii(bytes, 0, PDF_HEADER_SEARCH_BYTES).includes('%PDF-')) return 'pdf';
  const ext = name.toLowerCase();
  // named as an envelope but not one: unwrapping says what is wrong with it
  if (ext.endsWith('.p7m') || ext.endsWith('.p7s')) return 'p7m';
  if (HTML_TAG.test(ascii(bytes, 0, HTML_SNIFF_BYTES))) return 'html';
  if (extname(name).toLowerCase() === '.csv') return 'csv';
  return 'unknown';
}
