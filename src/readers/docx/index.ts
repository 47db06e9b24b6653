/**
 * Word plans carry their structure explicitly: paragraphs with outline styles,
 * tables whose merged cells are `gridSpan` / `vMerge`. mammoth reads the OOXML into a
 * document tree (we take the tree, not its HTML) with row and column spans resolved;
 * this reader lays that tree onto a grid, keeps every paragraph and list item of a
 * cell as its own item, and estimates each item's vertical position so indicators
 * can be paired with the objective printed beside them.
 */
import mammoth from 'mammoth';
import type { Block, Cell, DocumentModel, DocumentSource, Item, Row, Table } from '../../document/model.js';
import { normalizeSpace, startsWithBullet, stripBullet } from '../../text/normalize.js';
import { readGeometry, wrappedLines, type TableGrid } from './geometry.js';
import { metricsFor } from './metrics.js';

export interface DocxSettings {
  /** Line height as a fraction of the font size: Word's single spacing is about 1.15–1.2. */
  lineHeightEm: number;
  /** Left plus right cell margins: Word's default is 0.19 cm on each side. */
  cellPaddingPt: number;
  /** Font size when neither the run nor the document defaults state one (Word's default is 11 pt). */
  defaultFontSizePt: number;
  /** Line width assumed when a table's grid cannot be read (a quarter of an A4 text block). */
  fallbackLineWidthPt: number;
  /**
   * How many lines an estimated position may be off. Estimates drift by about a line
   * over a long cell; items that belong to the next objective are set at least two
   * lines lower (a blank line separates groups), so any value under 2 is safe.
   */
  positionToleranceLines: number;
}

export const DEFAULT_DOCX_SETTINGS: DocxSettings = {
  lineHeightEm: 1.17,
  cellPaddingPt: 10.8,
  defaultFontSizePt: 11,
  fallbackLineWidthPt: 115,
  positionToleranceLines: 1.5,
};

const TWIPS_PER_POINT = 20;

/** How to lay out the paragraphs of one cell: its width in points, if known, and the font size to assume. */
interface CellLayout {
  widthPt: number | null;
  fontSizePt: number;
  /** the document's default font family */
  font: string | null;
}

// The slice of mammoth's document tree this reader walks (see mammoth/lib/documents.js).
interface MNode {
  type: string;
  children?: MNode[];
  value?: string;
  styleName?: string | null;
  numbering?: unknown;
  isBold?: boolean;
  isItalic?: boolean;
  colSpan?: number;
  rowSpan?: number;
  isHeader?: boolean;
  fontSize?: number | null;
  font?: string | null;
  /** paragraph indents in twips, as mammoth reads them from w:ind */
  indent?: { start?: string | null };
}

interface ParagraphText {
  text: string;
  /** height in points */
  height: number;
  bold: boolean;
  italic: boolean;
  list: boolean;
}

function paragraphText(p: MNode, settings: DocxSettings, layout: CellLayout): ParagraphText {
  const parts: string[] = [];
  let breaks = 0;
  let fontSize = 0;
  let font: string | null = null;
  let boldChars = 0;
  let italicChars = 0;
  let chars = 0;
  const walk = (n: MNode, bold: boolean, italic: boolean): void => {
    if (n.type === 'text') {
      const v = n.value ?? '';
      parts.push(v);
      const len = v.trim().length;
      chars += len;
      if (bold) boldChars += len;
      if (italic) italicChars += len;
    } else if (n.type === 'tab') parts.push(' ');
    else if (n.type === 'break') {
      parts.push(' ');
      breaks++;
    } else {
      if (n.type === 'run' && n.fontSize) fontSize = Math.max(fontSize, n.fontSize);
      if (n.type === 'run' && n.font) font ??= n.font;
      const b = n.type === 'run' ? !!n.isBold : bold;
      const i = n.type === 'run' ? !!n.isItalic : italic;
      for (const c of n.children ?? []) walk(c, b, i);
    }
  };
  walk(p, false, false);
  const text = normalizeSpace(parts.join(''));
  const size = fontSize || layout.fontSizePt;
  const metrics = metricsFor(font ?? layout.font);
  // A hanging bullet indents every line of the paragraph by w:ind/@w:left.
  const indentPt = Number(p.indent?.start ?? 0) / TWIPS_PER_POINT || 0;
  const lineWidth = (layout.widthPt === null ? settings.fallbackLineWidthPt : layout.widthPt - settings.cellPaddingPt) - indentPt;
  const lines = wrappedLines(text, lineWidth, (w) => metrics.width(w, size)) + breaks;
  return {
    text,
    height: lines * settings.lineHeightEm * size,
    bold: chars > 0 && boldChars / chars > 0.5,
    italic: chars > 0 && italicChars / chars > 0.5,
    list: p.numbering != null,
  };
}

/** Paragraphs of a cell, nested tables flattened in reading order. */
function cellParagraphs(n: MNode): MNode[] {
  if (n.type === 'paragraph') return [n];
  return (n.children ?? []).flatMap(cellParagraphs);
}

function cellItems(cell: MNode, settings: DocxSettings, layout: CellLayout): Item[] {
  const items: Item[] = [];
  let top = 0;
  for (const p of cellParagraphs(cell)) {
    const pt = paragraphText(p, settings, layout);
    if (pt.text) {
      const bullet = pt.list || startsWithBullet(pt.text);
      const text = normalizeSpace(stripBullet(pt.text));
      if (text) items.push({ text, bullet, top: Math.round(top * 10) / 10, bold: pt.bold || undefined, italic: pt.italic || undefined });
    }
    top += pt.height;
  }
  return items;
}

function tableBlock(t: MNode, settings: DocxSettings, grid: TableGrid | undefined, defaults: Omit<CellLayout, 'widthPt'>): Table {
  const widthOf = (col: number, span: number): number | null => {
    if (!grid || col + span > grid.columns.length) return null;
    return grid.columns.slice(col, col + span).reduce((a, b) => a + b, 0);
  };
  const cells: (Cell | null)[][] = [];
  const rows = (t.children ?? []).filter((r) => r.type === 'tableRow');
  let headerRows = 0;
  rows.forEach((r, ri) => {
    cells[ri] ??= [];
    const line = cells[ri]!;
    let col = 0;
    for (const c of (r.children ?? []).filter((x) => x.type === 'tableCell')) {
      while (line[col] === null) col++; // covered by a span from a row above
      const colSpan = c.colSpan ?? 1;
      const cell: Cell = {
        rowSpan: c.rowSpan ?? 1,
        colSpan,
        items: cellItems(c, settings, { ...defaults, widthPt: widthOf(col, colSpan) }),
        provenance: {},
      };
      line[col] = cell;
      for (let dr = 0; dr < cell.rowSpan; dr++) {
        cells[ri + dr] ??= [];
        for (let dc = 0; dc < cell.colSpan; dc++) {
          if (dr === 0 && dc === 0) continue;
          cells[ri + dr]![col + dc] = null;
        }
      }
      col += cell.colSpan;
    }
    if (r.isHeader && ri === headerRows) headerRows++;
  });
  const width = Math.max(0, ...cells.map((r) => r.length));
  const tableRows: Row[] = cells.slice(0, rows.length).map((line) => {
    const full: (Cell | null)[] = [];
    for (let c = 0; c < width; c++) {
      full.push(c < line.length && line[c] !== undefined ? line[c]! : { rowSpan: 1, colSpan: 1, items: [], provenance: {} });
    }
    return { cells: full, provenance: {} };
  });
  const positionTolerance = settings.positionToleranceLines * settings.lineHeightEm * defaults.fontSizePt;
  return { kind: 'table', columns: [], headerRows, rows: tableRows, pages: [], provenance: {}, positionTolerance };
}

const HEADING_STYLE = /^(heading|titolo|title)\s*(\d)?/i;

function paragraphBlock(p: MNode, settings: DocxSettings): Block | null {
  const pt = paragraphText(p, settings, { widthPt: null, fontSizePt: settings.defaultFontSizePt, font: null });
  if (!pt.text) return null;
  const m = HEADING_STYLE.exec(p.styleName ?? '');
  if (m) return { kind: 'heading', text: stripBullet(pt.text), level: m[2] ? Number(m[2]) : 1, provenance: {} };
  const bullet = pt.list || startsWithBullet(pt.text);
  return { kind: 'paragraph', text: normalizeSpace(stripBullet(pt.text)), bullet, bold: pt.bold || undefined, provenance: {} };
}

export async function readDocx(
  bytes: Uint8Array,
  source: DocumentSource,
  settings: DocxSettings = DEFAULT_DOCX_SETTINGS,
): Promise<DocumentModel> {
  let tree: MNode | null = null;
  const result = await mammoth
    .convertToHtml(
    { buffer: Buffer.from(bytes) },
    {
      ignoreEmptyParagraphs: false,
      transformDocument: (doc: unknown) => {
        tree = doc as MNode;
        return doc;
      },
    } as Parameters<typeof mammoth.convertToHtml>[1],
    )
    .catch((e: unknown) => {
      throw new Error(`not a readable DOCX (damaged?): ${e instanceof Error ? e.message : String(e)}`);
    });
  if (!tree) throw new Error('DOCX has no document body');
  const geometry = readGeometry(bytes);
  const defaults = { fontSizePt: geometry.defaultFontSize ?? settings.defaultFontSizePt, font: geometry.defaultFont };
  let tableIndex = 0;
  const blocks: Block[] = [];
  const walk = (n: MNode): void => {
    for (const child of n.children ?? []) {
      if (child.type === 'table') blocks.push(tableBlock(child, settings, geometry.tables[tableIndex++], defaults));
      else if (child.type === 'paragraph') {
        const b = paragraphBlock(child, settings);
        if (b) blocks.push(b);
      } else walk(child);
    }
  };
  walk(tree);
  const warnings = result.messages.filter((m) => m.type === 'error').map((m) => `docx: ${m.message}`);
  return { source: { ...source, pages: null }, blocks, warnings };
}
