/**
 * The PDF reader: a plan's PDF in, the document model out. Pages are read one at a
 * time with pdfjs and laid out at once (tables rebuilt, text outside them kept),
 * then the document-wide steps run: page furniture, headings, tables joined across
 * pages, words broken by narrow columns rejoined.
 */
import type { DocumentModel } from '../../document/model.js';
import { assemble } from '../../layout/flow.js';
import { layoutPage, type PageLayout } from '../../layout/page-layout.js';
import { rejoinBrokenWords } from '../../layout/rejoin.js';
import { LAYOUT_SETTINGS, type LayoutSettings } from '../../layout/settings.js';
import { openPdf, PdfError } from './open.js';
import { readPage } from './read-page.js';
import { READER_SETTINGS, type ReaderSettings } from './settings.js';

export { PdfError, type PdfErrorCode } from './open.js';

export interface ReadPdfOptions {
  reader?: ReaderSettings;
  layout?: LayoutSettings;
}

/**
 * Reads a PDF into the document model. Throws `PdfError` when the file cannot be
 * read: `encrypted` (a password is needed), `invalid` (not a PDF, or damaged, with
 * pdfjs's reason), `no-text` (no page has a text layer: a scan).
 */
export async function readPdf(bytes: Uint8Array, source: { file: string; sha256: string }, options: ReadPdfOptions = {}): Promise<DocumentModel> {
  const reader = options.reader ?? READER_SETTINGS;
  const layout = options.layout ?? LAYOUT_SETTINGS;
  const doc = await openPdf(bytes);
  const pages: PageLayout[] = [];
  const blank: number[] = [];
  let rotated = 0;
  try {
    for (let n = 1; n <= doc.numPages; n++) {
      const content = await readPage(doc, n, reader);
      if (!content.lines.length) blank.push(n);
      rotated += content.rotatedRuns;
      pages.push(layoutPage(content, layout, pages[pages.length - 1] ?? null));
    }
  } finally {
    await doc.destroy();
  }
  if (blank.length === pages.length) throw new PdfError('no-text', 'no text layer (scanned PDF?)');
  const warnings: string[] = [];
  if (blank.length) warnings.push(`pages without a text layer (scanned?): ${blank.join(', ')}`);
  if (rotated) warnings.push(`${rotated} rotated text runs were not read`);
  const model = assemble(pages, { ...source, format: 'pdf', pages: pages.length }, layout, warnings);
  return rejoinBrokenWords(model, layout.rejoin);
}
