/**
 * One document in, one plan out: read the bytes, recognise the real format, run the
 * format's reader into the document model, let the recognizers draft the plan, and
 * assemble it into the contract. Errors name the file and the reason; oddities that
 * do not stop the reading become warnings on the plan.
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import type { DocumentModel } from './document/model.js';
import { detectEnte } from './ente/index.js';
import { extractDraft } from './families/index.js';
import type { Ente, ValidPlan } from './model/plan.js';
import { assemblePlan } from './plan/assemble.js';
import { prepareInput } from './readers/input/index.js';

export interface ExtractHints {
  ente?: { name: string | null; istat: string | null };
  year?: number;
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

async function readDocument(bytes: Uint8Array, name: string): Promise<DocumentModel> {
  const input = await prepareInput(bytes, name);
  // The digest is the signed document's own, so a plan has one id whether or not it came in an envelope.
  const source = {
    file: input.name,
    sha256: createHash('sha256').update(input.unwrapped).digest('hex'),
    ...(input.envelope ? { envelope: input.envelope } : {}),
  };
  const { bytes: data, format } = input;
  switch (format) {
    case 'pdf': {
      // Each reader's library is loaded only when a file needs it: pdf.js, mammoth and SheetJS are large.
      const { readPdf } = await import('./readers/pdf/index.js');
      // pdf.js refuses Node Buffers; a plain view over the same memory is accepted.
      return readPdf(new Uint8Array(data.buffer, data.byteOffset, data.byteLength), source);
    }
    case 'docx':
    case 'doc':
    case 'odt':
    case 'rtf': {
      // DOC, ODT and RTF arrive converted to DOCX; the plan keeps their real format.
      const { readDocx } = await import('./readers/docx/index.js');
      return readDocx(data, { ...source, format, pages: null });
    }
    case 'xlsx':
    case 'xls':
    case 'ods':
    case 'csv': {
      const { readSpreadsheet } = await import('./readers/xlsx/index.js');
      return readSpreadsheet(data, { ...source, format, pages: null });
    }
  }
}

export async function extractBytes(bytes: Uint8Array, name: string, options: ExtractOptions = {}): Promise<ValidPlan> {
  const file = options.name ?? basename(name);
  let doc: DocumentModel;
  try {
    doc = await readDocument(bytes, file);
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

export async function extract(path: string, options: ExtractOptions = {}): Promise<ValidPlan> {
  let bytes: Uint8Array;
  try {
    bytes = await readFile(path);
  } catch (e) {
    throw new ExtractError(basename(path), `cannot read file: ${(e as NodeJS.ErrnoException).code ?? String(e)}`);
  }
  return extractBytes(bytes, path, options);
}
