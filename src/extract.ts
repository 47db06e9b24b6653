/**
 * One document in, one plan out: read the bytes, recognise the real format, run the
 * format's reader into the document model, let the recognizers draft the plan, and
 * assemble it into the contract. Errors name the file and the reason; oddities that
 * do not stop the reading become warnings on the plan.
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import type { DocumentModel, DocumentSource } from './document/model.js';
import { detectEnte } from './ente/index.js';
import { extractDraft } from './families/index.js';
import type { Ente, Plan } from './model/plan.js';
import { assemblePlan } from './plan/assemble.js';
import { readDocx } from './readers/docx/index.js';
import { sniffFormat } from './readers/sniff.js';
import { readSpreadsheet } from './readers/xlsx/index.js';

export interface ExtractHints {
  ente?: { name: string | null; istat: string | null };
  year?: number;
  kind?: string;
}

export interface ExtractOptions {
  /** facts a manifest states about the file; they win over what the document says */
  hints?: ExtractHints;
  /** the name to report (defaults to the path's base name) */
  name?: string;
}

/** An error that names the file it is about, so a batch summary can say which file and why. */
export class ExtractError extends Error {
  constructor(
    readonly file: string,
    readonly reason: string,
  ) {
    super(`${file}: ${reason}`);
    this.name = 'ExtractError';
  }
}

async function readDocument(bytes: Uint8Array, source: Omit<DocumentSource, 'format' | 'pages'>): Promise<DocumentModel> {
  const format = sniffFormat(bytes, source.file);
  switch (format) {
    case 'pdf': {
      // pdf.js is large: load it only for PDFs, so DOCX/XLSX imports start fast.
      const { readPdf } = await import('./readers/pdf/index.js');
      // pdf.js refuses Node Buffers; a plain view over the same memory is accepted.
      return readPdf(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength), source);
    }
    case 'docx':
      return readDocx(bytes, { ...source, format, pages: null });
    case 'xlsx':
    case 'xls':
    case 'ods':
    case 'csv':
      return readSpreadsheet(bytes, { ...source, format, pages: null });
    case 'unknown':
      throw new Error(bytes.length === 0 ? 'empty file (0 bytes)' : 'not a PDF, DOCX or spreadsheet (unrecognised content)');
    case 'html':
      throw new Error('an HTML page, not a plan document (a download error page saved under a document name?)');
    default:
      throw new Error(`${format.toUpperCase()} files are not supported yet`);
  }
}

export async function extractBytes(bytes: Uint8Array, name: string, options: ExtractOptions = {}): Promise<Plan> {
  const file = options.name ?? basename(name);
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  let doc: DocumentModel;
  try {
    doc = await readDocument(bytes, { file, sha256 });
  } catch (e) {
    throw new ExtractError(file, e instanceof Error ? e.message : String(e));
  }
  const draft = extractDraft(doc);
  const hints = options.hints ?? {};
  if (hints.year !== undefined && !draft.years.includes(hints.year)) draft.years = [hints.year, ...draft.years].sort();
  const detected = detectEnte(draft.texts);
  const ente: Ente = hints.ente ?? (detected ? { name: detected.name, istat: detected.istat } : { name: null, istat: null });
  return assemblePlan(draft, doc.source, ente, doc.warnings);
}

export async function extract(path: string, options: ExtractOptions = {}): Promise<Plan> {
  let bytes: Uint8Array;
  try {
    bytes = await readFile(path);
  } catch (e) {
    throw new ExtractError(basename(path), `cannot read file: ${(e as NodeJS.ErrnoException).code ?? String(e)}`);
  }
  return extractBytes(bytes, path, options);
}
