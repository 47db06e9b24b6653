/**
 * Word stores no line breaks: where a paragraph wraps depends on its column's
 * width and its font size, and mammoth's tree carries neither the widths nor the
 * defaults. This module reads the column grid of each top-level table from
 * word/document.xml (through SheetJS's zip reader, already a dependency) and the
 * default font size from word/styles.xml, so the reader can estimate where each
 * item of a cell starts — which is how an indicator is paired with the objective
 * printed beside it.
 */
import * as XLSX from 'xlsx';

export interface TableGrid {
  /** grid column widths in points */
  columns: number[];
}

export interface DocxGeometry {
  tables: TableGrid[];
  /** the document's default font size in points, if styles.xml states one */
  defaultFontSize: number | null;
  /** the document's default font family, if styles.xml states one */
  defaultFont: string | null;
}

interface CfbEntry {
  content?: Uint8Array | number[];
}
interface Cfb {
  read(data: Uint8Array, opts: { type: 'buffer' }): unknown;
  find(zip: unknown, path: string): CfbEntry | null;
}

const TWIPS_PER_POINT = 20;

function entryText(zip: unknown, cfb: Cfb, path: string): string | null {
  const e = cfb.find(zip, path);
  return e?.content ? Buffer.from(e.content as Uint8Array).toString('utf8') : null;
}

/** Grid columns of the top-level tables, in document order (nested tables are skipped). */
function tableGrids(xml: string): TableGrid[] {
  const grids: TableGrid[] = [];
  const tag = /<w:tbl>|<w:tbl\s[^>]*>|<\/w:tbl>|<w:gridCol\b[^>]*\/>/g;
  let depth = 0;
  let current: number[] | null = null;
  for (const m of xml.matchAll(tag)) {
    const t = m[0];
    if (t.startsWith('</w:tbl')) {
      if (depth === 1 && current) grids.push({ columns: current });
      depth--;
      if (depth === 0) current = null;
    } else if (t.startsWith('<w:tbl')) {
      depth++;
      if (depth === 1) current = [];
    } else if (depth === 1 && current) {
      const w = /w:w="(\d+)"/.exec(t);
      current.push(w ? Number(w[1]) / TWIPS_PER_POINT : 0);
    }
  }
  return grids;
}

function runDefaults(styles: string | null): { size: number | null; font: string | null } {
  const defaults = styles ? (/<w:docDefaults>[\s\S]*?<\/w:docDefaults>/.exec(styles)?.[0] ?? '') : '';
  const sz = /<w:sz\s+w:val="(\d+)"/.exec(defaults);
  const font = /<w:rFonts\b[^>]*w:ascii="([^"]+)"/.exec(defaults);
  return { size: sz ? Number(sz[1]) / 2 : null, font: font ? font[1]! : null }; // w:sz is in half-points
}

export function readGeometry(bytes: Uint8Array): DocxGeometry {
  try {
    const cfb = XLSX.CFB as unknown as Cfb;
    const zip = cfb.read(bytes, { type: 'buffer' });
    const doc = entryText(zip, cfb, '/word/document.xml');
    const defaults = runDefaults(entryText(zip, cfb, '/word/styles.xml'));
    return { tables: doc ? tableGrids(doc) : [], defaultFontSize: defaults.size, defaultFont: defaults.font };
  } catch {
    // Geometry only refines positions; a package SheetJS cannot open still reads through mammoth.
    return { tables: [], defaultFontSize: null, defaultFont: null };
  }
}

/** Lines a paragraph takes in a line `lineWidth` points wide: greedy word wrap, as Word does. */
export function wrappedLines(text: string, lineWidth: number, measure: (s: string) => number): number {
  const space = measure(' ');
  let lines = 1;
  let used = 0;
  for (const word of text.split(' ')) {
    let w = measure(word);
    if (used > 0 && used + space + w > lineWidth) {
      lines++;
      used = 0;
    }
    // A word wider than the line breaks mid-word.
    while (w > lineWidth && lineWidth > 0) {
      lines++;
      w -= lineWidth;
    }
    used += (used > 0 ? space : 0) + w;
  }
  return lines;
}
