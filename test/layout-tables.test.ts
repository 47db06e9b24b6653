/**
 * Rebuilding tables: detection on drawn geometry (rulings snapped and joined, merged
 * cells found from missing rulings, borderless columns from aligned text), then the
 * whole reader on small Word and Calc documents rendered by LibreOffice
 * (test/data/pdf/build.ts): merged cells, bullets, a table over three pages with a
 * repeated header and a cut row, a narrow column that breaks words.
 */
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { cellText, type DocumentModel, type Table } from '../src/document/model.js';
import { findAlignedTables } from '../src/layout/borderless.js';
import { findRuledTables } from '../src/layout/grid.js';
import { findRulings } from '../src/layout/rulings.js';
import { LAYOUT_SETTINGS } from '../src/layout/settings.js';
import type { Fill, Stroke } from '../src/readers/pdf/page.js';
import { readPdf } from '../src/readers/pdf/index.js';
import { line } from './layout-helpers.js';

const S = LAYOUT_SETTINGS.table;
const page = { width: 600, height: 800 };
const hLine = (y: number, x0: number, x1: number, width = 0.5): Stroke => ({ x0, y0: y, x1, y1: y, width });
const vLine = (x: number, y0: number, y1: number, width = 0.5): Stroke => ({ x0: x, y0, x1: x, y1, width });

async function read(name: string): Promise<DocumentModel> {
  return readPdf(new Uint8Array(readFileSync(new URL(`./data/pdf/${name}`, import.meta.url))), { file: name, sha256: name });
}
const tablesOf = (m: DocumentModel) => m.blocks.filter((b): b is Table => b.kind === 'table');

describe('rulings', () => {
  it('snaps near-equal lines together and joins the pieces of one border', () => {
    const strokes = [hLine(100, 10, 60), hLine(100.8, 61, 120), hLine(101.2, 122, 200), vLine(10, 100, 200)];
    const { h, v } = findRulings(strokes, [], page, S);
    expect(h).toHaveLength(1);
    expect(h[0]).toMatchObject({ start: 10, end: 200 });
    expect(h[0]!.pos).toBeCloseTo(100.67, 1);
    expect(v).toHaveLength(1);
  });

  it('reads borders drawn as thin fills (Word), and shading edges; drops specks, slants and page backgrounds', () => {
    const fills: Fill[] = [
      { x0: 10, top: 99.75, x1: 200, bottom: 100.25 }, // a border drawn as a filled rectangle
      { x0: 10, top: 99.75, x1: 10.5, bottom: 100.25 }, // a corner joint
      { x0: 20, top: 120, x1: 80, bottom: 140 }, // shading
      { x0: 0, top: 0, x1: 600, bottom: 800 }, // page background
    ];
    const { h, v } = findRulings([{ x0: 0, y0: 0, x1: 50, y1: 40, width: 1 }], fills, page, S);
    expect(h.map((r) => [r.pos, r.shade])).toEqual([
      [100, false],
      [120, true],
      [140, true],
    ]);
    expect(v.map((r) => r.pos)).toEqual([20, 80]);
  });
});

describe('ruled tables', () => {
  it('gives a cell with no ruling across it its row and column span', () => {
    // 3 columns × 3 rows; the first column's cell spans rows 2–3, the top row's last two cells are one.
    const strokes = [
      hLine(0, 0, 300),
      hLine(50, 0, 300),
      hLine(100, 100, 300),
      hLine(150, 0, 300),
      vLine(0, 0, 150),
      vLine(100, 0, 150),
      vLine(200, 50, 150),
      vLine(300, 0, 150),
    ];
    const [grid] = findRuledTables(findRulings(strokes, [], page, S), S);
    expect(grid!.xs).toEqual([0, 100, 200, 300]);
    expect(grid!.ys).toEqual([0, 50, 100, 150]);
    expect(grid!.cells).toEqual([
      { row: 0, col: 0, rowSpan: 1, colSpan: 1 },
      { row: 0, col: 1, rowSpan: 1, colSpan: 2 },
      { row: 1, col: 0, rowSpan: 2, colSpan: 1 },
      { row: 1, col: 1, rowSpan: 1, colSpan: 1 },
      { row: 1, col: 2, rowSpan: 1, colSpan: 1 },
      { row: 2, col: 1, rowSpan: 1, colSpan: 1 },
      { row: 2, col: 2, rowSpan: 1, colSpan: 1 },
    ]);
  });

  it('closes a table drawn without side borders at the ends of its rulings', () => {
    const strokes = [hLine(0, 0, 300), hLine(40, 0, 300), hLine(80, 0, 300), vLine(150, 0, 80)];
    const [grid] = findRuledTables(findRulings(strokes, [], page, S), S);
    expect(grid!.xs).toEqual([0, 150, 300]);
    expect(grid!.cells).toHaveLength(4);
  });

  it('finds no table in a framed box, a lone underline, or a shaded line with no border', () => {
    const box = [hLine(0, 0, 300), hLine(40, 0, 300), vLine(0, 0, 40), vLine(300, 0, 40)];
    const shadedHeader: Fill[] = [
      { x0: 0, top: 0, x1: 150, bottom: 20 },
      { x0: 150, top: 0, x1: 300, bottom: 20 },
    ];
    expect(findRuledTables(findRulings(box, [], page, S), S)).toEqual([]);
    expect(findRuledTables(findRulings([hLine(10, 0, 300)], [], page, S), S)).toEqual([]);
    expect(findRuledTables(findRulings([], shadedHeader, page, S), S)).toEqual([]);
  });
});

describe('borderless tables', () => {
  const middles = [['Rispetto', 'tempi'], ['Erogazione', 'bidoni', 'carta'], ['Emissione', 'IMU'], ['Gestione', 'delle', 'entrate']];
  /** `n` rows of three columns at x = 20, 80, 300; the middle column's words vary as real text does. */
  const rows = (start: number, n: number, pitch = 15) =>
    Array.from({ length: n }, (_, i) => {
      let x = 80;
      const middle = middles[i % middles.length]!.map((w): [string, number] => {
        const at = x;
        x += 5 * w.length + 3;
        return [w, at];
      });
      return line(start + i * pitch, [['SF', 20], ...middle, [`${i}`, 300]]);
    });

  it('finds columns where white runs down consecutive lines, and a row per line set apart', () => {
    const lines = [line(40, [['Titolo', 20], ['del', 55], ['piano', 75]]), ...rows(70, 4)];
    const [grid, ...more] = findAlignedTables(lines, S);
    expect(more).toEqual([]);
    const [left, first, second, right] = grid!.xs;
    expect([left, right]).toEqual([20, 305]);
    expect(first).toBeGreaterThan(30); // between "SF" and the middle column
    expect(first).toBeLessThan(80);
    expect(second).toBeGreaterThan(186); // between the longest middle text and the last column
    expect(second).toBeLessThan(300);
    expect(grid!.rowBaselines).toEqual([70, 85, 100, 115]);
    expect(grid!.ruled).toBe(false);
  });

  it('keeps a wrapped line in its row and stops at prose below the table', () => {
    const lines = [
      ...rows(70, 3, 18),
      line(118, [['continua', 80]]), // wraps the last row's middle cell, at the line pitch
      line(160, [['Il', 20], ['testo', 33], ['prosegue', 61], ['oltre', 104], ['la', 132], ['tabella', 145]]),
    ];
    const [grid] = findAlignedTables(lines, S);
    expect(grid!.rowBaselines).toEqual([70, 88, 106]);
    expect(grid!.bbox.bottom).toBe(120);
  });

  it('needs several aligned lines, unless it continues the previous page with its columns', () => {
    const two = rows(70, 2);
    expect(findAlignedTables(two, S)).toEqual([]);
    const previous = [10, 70, 250, 320];
    const [grid] = findAlignedTables(two, S, previous);
    expect(grid!.xs).toEqual(previous);
  });
});

describe('a Word document with merged cells, bullets and a narrow column', () => {
  let model: DocumentModel;
  beforeAll(async () => {
    model = await read('missione.pdf');
  });

  it('reads headings, paragraphs and tables in order', () => {
    expect(model.blocks.map((b) => b.kind)).toEqual(['heading', 'paragraph', 'heading', 'table', 'heading', 'table']);
    expect(model.blocks[2]).toMatchObject({ kind: 'heading', text: 'MISSIONE 1 – Servizi istituzionali, generali e di gestione', provenance: { page: 1 } });
  });

  it('rebuilds the vertically merged strategico cell and keeps the header once', () => {
    const [t] = tablesOf(model);
    expect(t!.columns).toEqual(['Obiettivo strategico', 'Obiettivo operativo', 'anni', 'Obiettivo esecutivo', 'Indicatori']);
    expect(t!.rows).toHaveLength(2);
    expect(t!.rows[0]!.cells[0]).toMatchObject({ rowSpan: 2, colSpan: 1 });
    expect(t!.rows[1]!.cells[0]).toBeNull();
    expect(cellText(t!.rows[1]!.cells[1])).toBe('Garantire la gestione efficace dei servizi di staff');
  });

  it('splits cells at Symbol bullets and blank paragraphs, with each item’s place in the row', () => {
    const [t] = tablesOf(model);
    const [esecutivi, indicatori] = [t!.rows[0]!.cells[3]!.items, t!.rows[0]!.cells[4]!.items];
    expect(esecutivi.map((i) => [i.text, i.bullet])).toEqual([
      ['Gestione attività di recupero crediti', true],
      ['Invio ai contribuenti del calcolo IMU – TARI', true],
    ]);
    expect(indicatori.map((i) => i.text)).toEqual(['Incasso entrate tributarie (maggiore 50%)', 'n. segnalazioni di disservizio ricevute (meno di 10)']);
    expect(esecutivi[0]!.top).toBeLessThan(esecutivi[1]!.top!);
    expect(indicatori[1]!.top).toBeGreaterThan(esecutivi[1]!.top!);
    expect(t!.rows[0]!.cells[0]!.items.map((i) => i.text)).toEqual(["FUNZIONAMENTO DELL'ENTE Migliorare il funzionamento della macchina comunale"]);
  });

  it('rejoins words the narrow column broke, keeps hyphens, and leaves two words apart', () => {
    const [, pl] = tablesOf(model);
    expect(pl!.rows.map((r) => cellText(r.cells[3]))).toEqual([
      'Monitoraggi o dei sistemi di videosorveglianza',
      'Contestazione di tutti i transiti non a norma',
      'Regolare funzionamento dell’impianto, invio e-mail e co-progettazione'.replace('’', "'"),
    ]);
  });

  it('records provenance: page and box of cells, rows and tables', () => {
    const [t] = tablesOf(model);
    const cell = t!.rows[0]!.cells[1]!;
    expect(cell.provenance.page).toBe(1);
    const [x0, top, x1, bottom] = cell.provenance.bbox!;
    expect(x0).toBeLessThan(x1);
    expect(top).toBeLessThan(bottom);
    expect(t!.provenance.bbox![1]).toBeLessThanOrEqual(top);
    expect(t!.pages).toEqual([1]);
  });
});

describe('a table over three pages with its header repeated', () => {
  let table: Table;
  beforeAll(async () => {
    const tables = tablesOf(await read('allegato.pdf'));
    expect(tables).toHaveLength(1);
    table = tables[0]!;
  });

  it('is one table listing its pages, with the header once and no repeated header rows', () => {
    expect(table.pages).toEqual([1, 2, 3]);
    expect(table.columns).toEqual(['Obiettivo', 'Indicatore', 'Livello atteso', 'Responsabile/i', 'Peso']);
    expect(table.rows.map((r) => cellText(r.cells[4]))).toEqual(['2', '4', '6', '8', '10', '12', '14', '16', '18']);
  });

  it('stitches the rows cut by the page breaks, joining the paragraph the break cut', () => {
    for (const [i, row] of table.rows.entries()) {
      const items = row.cells[1]!.items.map((it) => it.text);
      expect(items).toEqual(Array.from({ length: 6 }, (_, k) => `Attività ${i + 1}.${k + 1} di coordinamento e promozione delle iniziative locali`));
    }
    const tops = table.rows[2]!.cells[1]!.items.map((i) => i.top!);
    expect([...tops].sort((a, b) => a - b)).toEqual(tops);
  });
});

describe('a long register of short rows', () => {
  it('starts a new row at the top of every page: a row ending at the page bottom is not a cut row', async () => {
    const [t, ...rest] = tablesOf(await read('register.pdf'));
    expect(rest).toEqual([]);
    expect(t!.pages).toHaveLength(13);
    expect(t!.columns).toEqual(['Obiettivo', 'Indicatore', 'Target']);
    expect(t!.rows.map((r) => cellText(r.cells[0]))).toEqual(
      Array.from({ length: 240 }, (_, i) => `Obiettivo ${i + 1} di miglioramento dei servizi comunali e della videosorveglianza`),
    );
  });
});

describe('a spreadsheet printed without cell borders', () => {
  it('finds its columns from alignment and keeps the title above as text', async () => {
    const model = await read('sheet.pdf');
    expect(model.blocks[0]).toMatchObject({ kind: 'paragraph', text: 'PIANO DEGLI OBIETTIVI 2024' });
    const [t] = tablesOf(model);
    expect(t!.rows.map((r) => r.cells.map(cellText))).toEqual([
      ['Settore', 'Obiettivo', 'Valore atteso'],
      ['SF', 'Rispetto tempi medi di pagamento', 'minore o uguale a 0'],
      ['SF', 'Erogazione bidoni raccolta carta', '650'],
      ['SF', 'Emissione accertamenti IMU', '31.03.2024'],
      ['ST', 'Manutenzione strade comunali', '100%'],
    ]);
  });
});
