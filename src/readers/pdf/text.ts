/**
 * Positioned text runs from pdfjs's text content. pdfjs reports each run in PDF user
 * space with an opaque font id; tables are rebuilt in page coordinates and headings
 * need the real font (bold, size), so this maps every run onto the page as shown and
 * resolves its font's PostScript name, from which bold and italic are guessed.
 */
import type { PageViewport, PDFPageProxy } from './pdfjs.js';
import type { TextItem, TextMarkedContent } from 'pdfjs-dist/types/src/display/api.js';
import { Util } from './pdfjs.js';
import type { Box, TextStyle } from './page.js';
import type { ReaderSettings } from './settings.js';

/** A run of glyphs on one baseline, as pdfjs cut it. */
export interface TextRun extends Box, TextStyle {
  text: string;
  baseline: number;
}

export interface PageRuns {
  runs: TextRun[];
  /** runs drawn at an angle (vertical labels): not read as lines */
  rotated: number;
}

const SUBSET_TAG = /^[A-Z]{6}\+/;
const BOLD = /bold|black|heavy|semibold|demibold|extrabold|ultrabold|,bd$|-bd$/i;
const ITALIC = /italic|oblique|,it$|-it$/i;

/** Bold / italic as a font's PostScript name tells them ("Calibri-BoldItalic", "Arial,Bold"). */
export function fontStyle(name: string): { font: string; bold: boolean; italic: boolean } {
  const font = name.replace(SUBSET_TAG, '');
  return { font, bold: BOLD.test(font), italic: ITALIC.test(font) };
}

type FontStyle = ReturnType<typeof fontStyle>;

/** The style of pdfjs's font id, from the PostScript name that reaches `commonObjs` with the operator list. */
function styleOf(page: PDFPageProxy, id: string, cache: Map<string, FontStyle>): FontStyle {
  let style = cache.get(id);
  if (style === undefined) {
    const obj: unknown = page.commonObjs.has(id) ? page.commonObjs.get(id) : null;
    style = fontStyle(obj && typeof obj === 'object' && 'name' in obj && typeof obj.name === 'string' ? obj.name : id);
    cache.set(id, style);
  }
  return style;
}

const isTextItem = (item: TextItem | TextMarkedContent): item is TextItem => 'str' in item;

/** Horizontal runs of a page in page coordinates; call after the page's operator list is loaded. */
export async function readRuns(page: PDFPageProxy, viewport: PageViewport, settings: ReaderSettings): Promise<PageRuns> {
  const content = await page.getTextContent();
  const fonts = new Map<string, FontStyle>();
  const runs: TextRun[] = [];
  let rotated = 0;
  for (const item of content.items) {
    if (!isTextItem(item) || item.str === '') continue;
    const m = Util.transform(viewport.transform, item.transform) as number[];
    const [a = 0, b = 0, c = 0, d = 0, e = 0, f = 0] = m;
    const size = Math.hypot(c, d);
    if (size === 0) continue;
    if (Math.abs(b) > 1e-3 * size || Math.abs(c) > 1e-3 * size || a <= 0) {
      if (item.str.trim()) rotated++;
      continue;
    }
    const style = content.styles[item.fontName];
    const ascent = style?.ascent || settings.defaultAscent;
    const descent = style?.descent || settings.defaultDescent;
    const { font, bold, italic } = styleOf(page, item.fontName, fonts);
    runs.push({
      text: item.str,
      x0: e,
      x1: e + item.width * viewport.scale,
      baseline: f,
      top: f - ascent * size,
      bottom: f - descent * size,
      size,
      font,
      bold,
      italic,
    });
  }
  return { runs, rotated };
}
