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

export interface DocxSettings {
  /**
   * Characters per line assumed when estimating where a paragraph ends inside a
   * cell. Word does not store line breaks and mammoth does not report column
   * widths, so positions are estimates; pairing compares two cells of the same
   * row, whose widths are usually alike, so the exact value is not load-bearing.
   */
  charsPerLine: number;
}

export const DEFAULT_DOCX_SETTINGS: DocxSettings = { charsPerLine: 32 };

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
}

interface ParagraphText {
  text: string;
  lines: number;
  bold: boolean;
  italic: boolean;
  list: boolean;
}

function paragraphText(p: MNode, settings: DocxSettings): ParagraphText {
  const parts: string[] = [];
  let breaks = 0;
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
      const b = n.type === 'run' ? !!n.isBold : bold;
      const i = n.type === 'run' ? !!n.isItalic : italic;
      for (const c of n.children ?? []) walk(c, b, i);
    }
  };
  walk(p, false, false);
  const text = normalizeSpace(parts.join(''));
  const lines = Math.max(1, Math.ceil(text.length / settings.charsPerLine)) + breaks;
  return {
    text,
    lines,
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

function cellItems(cell: MNode, settings: DocxSettings): Item[] {
  const items: Item[] = [];
  let line = 0;
  for (const p of cellParagraphs(cell)) {
    const pt = paragraphText(p, settings);
    if (pt.text) {
      const bullet = pt.list || startsWithBullet(pt.text);
      const text = normalizeSpace(stripBullet(pt.text));
      if (text) items.push({ text, bullet, top: line, bold: pt.bold || undefined, italic: pt.italic || undefined });
    }
    line += pt.text ? pt.lines : 1;
  }
  return items;
}

function tableBlock(t: MNode, settings: DocxSettings): Table {
  const grid: (Cell | null)[][] = [];
  const rows = (t.children ?? []).filter((r) => r.type === 'tableRow');
  let headerRows = 0;
  rows.forEach((r, ri) => {
    grid[ri] ??= [];
    const line = grid[ri]!;
    let col = 0;
    for (const c of (r.children ?? []).filter((x) => x.type === 'tableCell')) {
      while (line[col] === null) col++; // covered by a span from a row above
      const cell: Cell = {
        rowSpan: c.rowSpan ?? 1,
        colSpan: c.colSpan ?? 1,
        items: cellItems(c, settings),
        provenance: {},
      };
      line[col] = cell;
      for (let dr = 0; dr < cell.rowSpan; dr++) {
        grid[ri + dr] ??= [];
        for (let dc = 0; dc < cell.colSpan; dc++) {
          if (dr === 0 && dc === 0) continue;
          grid[ri + dr]![col + dc] = null;
        }
      }
      col += cell.colSpan;
    }
    if (r.isHeader && ri === headerRows) headerRows++;
  });
  const width = Math.max(0, ...grid.map((r) => r.length));
  const tableRows: Row[] = grid.slice(0, rows.length).map((cells) => {
    const full: (Cell | null)[] = [];
    for (let c = 0; c < width; c++) {
      full.push(c < cells.length && cells[c] !== undefined ? cells[c]! : { rowSpan: 1, colSpan: 1, items: [], provenance: {} });
    }
    return { cells: full, provenance: {} };
  });
  return { kind: 'table', columns: [], headerRows, rows: tableRows, pages: [], provenance: {} };
}

const HEADING_STYLE = /^(heading|titolo|title)\s*(\d)?/i;

function paragraphBlock(p: MNode, settings: DocxSettings): Block | null {
  const pt = paragraphText(p, settings);
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
  const result = await mammoth.convertToHtml(
    { buffer: Buffer.from(bytes) },
    {
      ignoreEmptyParagraphs: false,
      transformDocument: (doc: unknown) => {
        tree = doc as MNode;
        return doc;
      },
    } as Parameters<typeof mammoth.convertToHtml>[1],
  );
  if (!tree) throw new Error('DOCX has no document body');
  const blocks: Block[] = [];
  const walk = (n: MNode): void => {
    for (const child of n.children ?? []) {
      if (child.type === 'table') blocks.push(tableBlock(child, settings));
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
