/**
 * One PDF page, read into `PageContent` and released. pdfjs keeps a page's fonts,
 * operator list and text content alive until told otherwise; reading a long plan
 * page after page would hold them all, so each page is cleaned up as soon as its
 * compact content is taken.
 */
import { AnnotationMode, type PDFDocumentProxy } from './pdfjs.js';
import { readGraphics } from './graphics.js';
import type { PageContent } from './page.js';
import type { ReaderSettings } from './settings.js';
import { readRuns } from './text.js';
import { buildLines } from './words.js';

export async function readPage(doc: PDFDocumentProxy, number: number, settings: ReaderSettings): Promise<PageContent> {
  const page = await doc.getPage(number);
  try {
    const viewport = page.getViewport({ scale: 1 });
    // The operator list first: it is what brings the fonts' real names to this side.
    const ops = await page.getOperatorList({ annotationMode: AnnotationMode.DISABLE });
    const { strokes, fills } = readGraphics(ops, viewport);
    const { runs, rotated } = await readRuns(page, viewport, settings);
    return {
      number,
      width: viewport.width,
      height: viewport.height,
      lines: buildLines(runs, settings),
      strokes,
      fills,
      rotatedRuns: rotated,
    };
  } finally {
    page.cleanup();
  }
}
