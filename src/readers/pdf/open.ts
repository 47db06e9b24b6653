/**
 * Opening a PDF with pdfjs in Node, and saying plainly why one cannot be read. pdfjs
 * reports a locked file, a file that is not a PDF and a damaged one as exceptions
 * with terse internal names; a batch import needs to tell the user "this one needs
 * a password" or "this one is a scan", so those become `PdfError`s with a code.
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { getDocument, type PDFDocumentProxy } from './pdfjs.js';

export type PdfErrorCode = 'encrypted' | 'invalid' | 'no-text';

export class PdfError extends Error {
  constructor(
    readonly code: PdfErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'PdfError';
  }
}

const pdfjsRoot = dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json'));

/** Standard-font and CMap data shipped with pdfjs-dist: PDFs that do not embed their fonts need them. */
const DATA = {
  standardFontDataUrl: join(pdfjsRoot, 'standard_fonts') + '/',
  cMapUrl: join(pdfjsRoot, 'cmaps') + '/',
  cMapPacked: true,
};

/** Opens `bytes` (left untouched: pdfjs gets a copy it may transfer). */
export async function openPdf(bytes: Uint8Array): Promise<PDFDocumentProxy> {
  const task = getDocument({
    data: bytes.slice(),
    ...DATA,
    isEvalSupported: false,
    disableFontFace: true,
    useSystemFonts: false,
    verbosity: 0,
  });
  try {
    return await task.promise;
  } catch (err) {
    await task.destroy();
    const name = err instanceof Error ? err.name : '';
    const reason = err instanceof Error ? err.message : String(err);
    if (name === 'PasswordException') {
      throw new PdfError('encrypted', 'encrypted PDF: a password is required to open it', { cause: err });
    }
    throw new PdfError('invalid', `not a readable PDF: ${reason}`, { cause: err });
  }
}
