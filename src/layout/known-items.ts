/**
 * Paragraphs told apart by what the rest of the document prints. A settore cell
 * holding "Polizia Locale" and "S.U.A.P." as two paragraphs, the first filling its
 * line, shows no mark between them, and its words read as one name going on; a
 * reader who has seen "Polizia Locale" as the whole settore of other rows reads two.
 * So, once every page is read, an item splits where its lines before (or after) a
 * line break read as an item the document prints whole elsewhere, and the line
 * after the break starts with a capital, as names and acronyms do. Only items of at
 * least `knownItemMinWords` words count: single words ("Tecnico", "2023") are
 * whole items too often to say anything ("Ufficio" / "Tecnico").
 */
import type { Item } from '../document/model.js';
import { endsOpen } from './paragraphs.js';
import { flatText, type PartCell } from './parts.js';
import type { CellSettings } from './settings.js';

interface Piece {
  item: Item;
  tops: number[];
}

/** `item` split after its lines `cuts` (indices of the lines that start a new piece). */
function cut(item: Item, tops: number[], lines: string[], cuts: number[]): Piece[] {
  return [0, ...cuts].map((from, k) => {
    const to = cuts[k] ?? lines.length;
    const piece: Item = { ...item, text: lines.slice(from, to).join('\n').trimEnd(), top: tops[from] };
    if (from > 0) piece.bullet = false;
    return { item: piece, tops: tops.slice(from, to) };
  });
}

/** A line after the first starting with a capital: an item that may hold a known one. */
const CAPITAL_LINE = /\n\s*\p{Lu}/u;

/** The lines of `item` after which a known item ends or before which one starts. */
function knownCuts(item: Item, tops: number[], known: ReadonlySet<string>): Piece[] {
  const lines = item.text.split('\n');
  if (lines.length !== tops.length) return [{ item, tops }];
  // Words of a line are one space apart: trimmed lines joined by a space are the flat text.
  const flat = lines.map((l) => l.trim());
  const cuts: number[] = [];
  let from = 0;
  for (let k = 1; k < lines.length; k++) {
    if (!/^\p{Lu}/u.test(flat[k]!) || endsOpen(flat[k - 1]!.slice(flat[k - 1]!.lastIndexOf(' ') + 1))) continue;
    if (known.has(flat.slice(from, k).join(' ')) || known.has(flat.slice(k).join(' '))) {
      cuts.push(k);
      from = k;
    }
  }
  return cuts.length ? cut(item, tops, lines, cuts) : [{ item, tops }];
}

/** Splits, in place, the items of the document's table cells where a known item ends or starts (see above). */
export function splitAtKnownItems(cells: PartCell[], s: CellSettings): void {
  if (!s.knownItemCue || !cells.some((c) => c.items.some((i) => CAPITAL_LINE.test(i.text)))) return;
  const known = new Set<string>();
  for (const cell of cells) {
    for (const item of cell.items) {
      const text = flatText(item.text);
      if ((text.match(/ /g)?.length ?? 0) + 1 >= s.knownItemMinWords) known.add(text);
    }
  }
  for (const cell of cells) {
    const pieces = cell.items.flatMap((item, k) => (CAPITAL_LINE.test(item.text) ? knownCuts(item, cell.lineTops[k]!, known) : [{ item, tops: cell.lineTops[k]! }]));
    cell.items = pieces.map((p) => p.item);
    cell.lineTops = pieces.map((p) => p.tops);
  }
}
