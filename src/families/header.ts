/**
 * A table's header is not always its first row: spreadsheets put a title above it,
 * headers span two rows, and printed plans repeat title and header at every page
 * break. This module finds the header row by how many of its cells name a known
 * field, folds a two-row header into one label per column, and drops the rows that
 * only repeat the title or the header further down.
 */
import { cellText, type Row, type Table } from '../document/model.js';
import { foldForMatch } from '../text/normalize.js';
import { headerScore, mapHeader, type ColumnMeaning } from './columns.js';

export interface HeaderSettings {
  /** How far down a header may sit (titles, logos and notes come first in spreadsheets). */
  maxHeaderRow: number;
  /** Cells that must name a known field for a row to count as a header. */
  minKnownCells: number;
}

export const DEFAULT_HEADER_SETTINGS: HeaderSettings = { maxHeaderRow: 8, minKnownCells: 2 };

export interface LocatedTable {
  table: Table;
  /** header label per grid column ("" where none) */
  labels: string[];
  meanings: (ColumnMeaning | null)[];
  /** body rows: header, repeated headers and repeated titles removed */
  body: Row[];
  /** rows above the header (titles) */
  preamble: string[];
}

/** A totals row ("Totale | 100", "Punteggio complessivo") sums weights or scores; it is no objective's row. */
const TOTAL_LABEL = /^(totale|totali|total|tot\.|punteggio (complessivo|totale|finale))\b/i;

const rowTexts = (row: Row): string[] => row.cells.map((c) => cellText(c));

/** Spreads a spanning header cell's text over the columns it covers. */
function spreadLabels(row: Row): string[] {
  const out: string[] = [];
  row.cells.forEach((c, i) => {
    if (c) for (let k = 0; k < c.colSpan; k++) out[i + k] = cellText(c);
    else out[i] ??= '';
  });
  return out.map((t) => t ?? '');
}

const isHeaderish = (texts: string[], s: HeaderSettings): boolean => {
  const meanings = texts.map((t) => (t ? mapHeader(t) : null));
  const known = meanings.filter((m) => m && m.role !== 'ignore').length;
  const core = meanings.some((m) => m && (m.role === 'objective' || m.role === 'indicator' || m.role === 'phase'));
  return known >= s.minKnownCells && core;
};

export function locateHeader(table: Table, settings: HeaderSettings = DEFAULT_HEADER_SETTINGS): LocatedTable | null {
  let labels: string[];
  let bodyStart: number;
  if (table.columns.length > 0 && isHeaderish(table.columns, settings)) {
    labels = table.columns;
    bodyStart = 0;
  } else {
    let best = -1;
    let bestScore = 0;
    const limit = Math.min(settings.maxHeaderRow, table.rows.length);
    for (let r = 0; r < limit; r++) {
      // Score the cells as they stand: a title merged across the table is one cell, not ten headers.
      const texts = rowTexts(table.rows[r]!);
      if (!isHeaderish(texts, settings)) continue;
      const score = headerScore(texts);
      if (score > bestScore) {
        best = r;
        bestScore = score;
      }
    }
    if (best < 0) return null;
    labels = spreadLabels(table.rows[best]!);
    bodyStart = best + 1;
    // A two-row header: the row below names sub-columns of a spanning cell above.
    const next = table.rows[bodyStart];
    const spans = table.rows[best]!.cells.some((c) => c && c.colSpan > 1);
    if (next && spans) {
      const sub = rowTexts(next);
      if (headerScore(sub) >= 1 && sub.every((t) => t.length < 80)) {
        labels = labels.map((top, i) => {
          const below = sub[i] ?? '';
          if (!below || below === top) return top;
          return mapHeader(below) ? below : `${top} ${below}`.trim();
        });
        bodyStart++;
      }
    }
  }
  const width = table.rows.reduce((w, r) => Math.max(w, r.cells.length), labels.length);
  while (labels.length < width) labels.push('');
  const preamble = table.rows
    .slice(0, Math.max(0, bodyStart - 1))
    .map((r) => rowTexts(r).filter(Boolean).join(' '))
    .filter(Boolean);
  const headerKey = foldForMatch(labels.join('|'));
  const preambleKeys = new Set(preamble.map(foldForMatch));
  const body = table.rows.slice(bodyStart).filter((r) => {
    const texts = rowTexts(r);
    if (foldForMatch(texts.join('|')) === headerKey) return false;
    if (texts.some((t) => TOTAL_LABEL.test(t)) && texts.filter(Boolean).length <= 3) return false;
    if (!preambleKeys.size) return true;
    const joined = foldForMatch(texts.filter(Boolean).join(' '));
    return !(joined && preambleKeys.has(joined));
  });
  return { table, labels, meanings: labels.map((l) => (l ? mapHeader(l) : null)), body, preamble };
}
