/**
 * The one intermediate representation every reader produces.
 *
 * PDF, DOCX and spreadsheets describe a plan in very different terms (glyphs at
 * coordinates, XML paragraphs, cells of a grid). Everything after the readers is
 * format-blind: it sees headings, paragraphs and tables whose cells hold items
 * (paragraphs or bullets) with their provenance. `top` on an item is its vertical
 * position inside the row, so an indicator can be paired with the objective printed
 * beside it whatever the format.
 */

export type DocumentFormat = 'pdf' | 'docx' | 'xlsx' | 'xls' | 'ods' | 'csv' | 'doc' | 'odt' | 'rtf';

export interface Provenance {
  /** 1-based page (PDF) */
  page?: number;
  /** [x0, y0, x1, y1] in PDF points, origin top-left of the page */
  bbox?: [number, number, number, number];
  /** spreadsheet sheet name and 1-based row */
  sheet?: string;
  row?: number;
}

export interface Item {
  text: string;
  /** the paragraph began with a bullet glyph or is a list item */
  bullet: boolean;
  /**
   * Vertical position inside its row, in the reader's unit (PDF points from the
   * row's top; DOCX estimated lines). Comparable only between cells of one row.
   */
  top?: number;
  bold?: boolean;
  italic?: boolean;
}

export interface Cell {
  rowSpan: number;
  colSpan: number;
  items: Item[];
  provenance: Provenance;
  /** the raw typed value of a spreadsheet cell, when it is not text */
  value?: number | boolean | Date;
  /** spreadsheet number format ("dd/mm/yyyy"), when the cell has one */
  numberFormat?: string;
}

/** A logical row: a row cut by a page break is already one row here. */
export interface Row {
  /**
   * Cells left to right. A cell covered by a span from above or the left is
   * `null`, so `cells[i]` is always grid column `i`.
   */
  cells: (Cell | null)[];
  provenance: Provenance;
}

export interface Table {
  kind: 'table';
  /** header cell texts, once (repeated header rows are dropped) */
  columns: string[];
  /** how many grid rows the header used (before they were folded into `columns`) */
  headerRows: number;
  rows: Row[];
  pages: number[];
  provenance: Provenance;
  /**
   * How far item `top`s may be off: a PDF reader measures them, a DOCX reader
   * estimates them from font metrics (about a line either way).
   */
  positionTolerance?: number;
}

export interface Heading {
  kind: 'heading';
  text: string;
  /** 1 = most important; readers without outline levels estimate from font size */
  level: number;
  provenance: Provenance;
}

export interface Paragraph {
  kind: 'paragraph';
  text: string;
  bullet: boolean;
  bold?: boolean;
  provenance: Provenance;
}

export type Block = Heading | Paragraph | Table;

export interface DocumentSource {
  file: string;
  sha256: string;
  format: DocumentFormat;
  /** pages (pdf) or sheets (spreadsheets); null for word processors */
  pages: number | null;
  /** the signed envelope the document was unwrapped from */
  envelope?: string;
}

export interface DocumentModel {
  source: DocumentSource;
  /** reading order */
  blocks: Block[];
  /** what the reader noticed and could not settle */
  warnings: string[];
}

/** The text of a cell: its items joined with a space. */
export const cellText = (cell: Cell | null | undefined): string =>
  cell ? cell.items.map((i) => i.text).join(' ').trim() : '';
