/**
 * The PDF reader on the fixture corpus: the three plan families as LibreOffice
 * renders them (Word tables with merged cells and Symbol bullets, an Allegato H whose
 * rows run over page breaks under a repeated header, a spreadsheet printed without
 * grid lines). Expectations come from each fixture's hand-written source and gold,
 * never from the reader.
 */
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { cellText, type DocumentModel, type Table } from '../src/document/model.js';
import { layoutPage, type PageLayout } from '../src/layout/page-layout.js';
import { LAYOUT_SETTINGS } from '../src/layout/settings.js';
import { readPdf } from '../src/readers/pdf/index.js';
import { openPdf } from '../src/readers/pdf/open.js';
import { readPage } from '../src/readers/pdf/read-page.js';
import { READER_SETTINGS } from '../src/readers/pdf/settings.js';

const corpus = (name: string, file = name) => new URL(`../fixtures/corpus/${name}/${file}`, import.meta.url);
const bytesOf = (url: URL) => new Uint8Array(readFileSync(url));
const json = (url: URL) => JSON.parse(readFileSync(url, 'utf8'));

async function read(name: string): Promise<DocumentModel> {
  return readPdf(bytesOf(corpus(name, `${name}.pdf`)), { file: `${name}.pdf`, sha256: name });
}

const tablesOf = (model: DocumentModel) => model.blocks.filter((b): b is Table => b.kind === 'table');
const itemsOf = (model: DocumentModel) =>
  tablesOf(model).flatMap((t) => t.rows.flatMap((r) => r.cells.flatMap((c) => c?.items.map((i) => i.text) ?? [])));

/** Gold titles and indicator names (the PDF plan of the fixture) that no cell item contains. */
function unread(name: string, model: DocumentModel): string[] {
  const gold = json(corpus(name, 'gold.json'));
  const plan = gold.plans.find((p: { source: { format: string } }) => p.source.format === 'pdf');
  const items = itemsOf(model);
  const wanted: string[] = [...plan.objectives.map((o: { title: string }) => o.title), ...plan.indicators.map((i: { name: string }) => i.name)];
  expect(wanted.length).toBeGreaterThan(100);
  return wanted.filter((text) => !items.some((item) => item.includes(text)));
}

/** What the table parts of each page look like before stitching: part rows in all. */
async function partRows(name: string): Promise<number> {
  const doc = await openPdf(bytesOf(corpus(name, `${name}.pdf`)));
  let rows = 0;
  let prev: PageLayout | null = null;
  try {
    for (let n = 1; n <= doc.numPages; n++) {
      prev = layoutPage(await readPage(doc, n, READER_SETTINGS), LAYOUT_SETTINGS, prev);
      for (const t of prev.tables) rows += t.ys.length - 1;
    }
  } finally {
    await doc.destroy();
  }
  return rows;
}

describe('000: tables per Missione (Word, merged cells, bullets, narrow columns)', () => {
  let model: DocumentModel;
  beforeAll(async () => {
    model = await read('000-missione-table');
  });

  it('reads every gold objective title and indicator name as (part of) one cell item', () => {
    expect(unread('000-missione-table', model)).toEqual([]);
  });

  it('rebuilds each source table: its rows, and strategico and operativo cells spanning theirs, across pages', () => {
    const source = json(corpus('000-missione-table', '../../sources/000-missione-table.json'));
    const tables = tablesOf(model);
    type Op = { rows: unknown[] };
    const specs = source.sections.flatMap((s: { tables: unknown[] }) => s.tables) as {
      shape: string;
      strategici: { operativi: Op[] }[];
      operativi: Op[];
    }[];
    expect(tables).toHaveLength(specs.length);
    specs.forEach((spec, i) => {
      const t = tables[i]!;
      const operativi = spec.shape === 'strategic' ? spec.strategici.flatMap((s) => s.operativi) : spec.operativi;
      expect(t.rows).toHaveLength(operativi.reduce((n, o) => n + o.rows.length, 0));
      const spans = (col: number) => t.rows.flatMap((r) => (r.cells[col] ? [r.cells[col]!.rowSpan] : []));
      if (spec.shape === 'strategic') {
        expect(spans(0)).toEqual(spec.strategici.map((s) => s.operativi.reduce((n, o) => n + o.rows.length, 0)));
        expect(spans(1)).toEqual(operativi.map((o) => o.rows.length));
      } else {
        expect(spans(0)).toEqual(operativi.map((o) => o.rows.length));
      }
    });
    expect(tables.filter((t) => t.pages.length > 1).length).toBeGreaterThanOrEqual(5);
  });

  it('drops the header repeated on every page, keeping it once as the columns', () => {
    for (const t of tablesOf(model)) {
      expect(t.headerRows).toBe(1);
      expect(t.columns[0]).toMatch(/^Obiettivo (strategico|operativo)$/);
      for (const row of t.rows) expect(row.cells.map(cellText)).not.toEqual(t.columns);
    }
  });

  it('rejoins the words the narrow Polizia Locale columns broke, and keeps real hyphens', () => {
    const items = itemsOf(model);
    const whole = (word: string) => items.some((i) => new RegExp(`(^|[\\s’'])${word}\\b`).test(i));
    for (const word of ['videosorveglianza', 'Contestazione', 'funzionamento', 'contrattualizzazione', 'accertamenti', 'EFFICIENTAMENTO']) {
      expect(whole(word), word).toBe(true);
    }
    for (const fragment of ['videosorveglianz ', 'Contestazion ', 'funzionament ', 'accertam enti']) {
      expect(items.some((i) => i.includes(fragment)), fragment).toBe(false);
    }
    expect(items.some((i) => i.includes('economica-finanziaria'))).toBe(true);
    expect(items.some((i) => i.includes('Gestionale GES-NET'))).toBe(true);
  });

  it('splits cells into items at Symbol bullets, dropping the glyph', () => {
    const bulleted = tablesOf(model).flatMap((t) => t.rows.flatMap((r) => r.cells.flatMap((c) => c?.items.filter((i) => i.bullet) ?? [])));
    expect(bulleted.length).toBeGreaterThan(20);
    for (const item of bulleted) expect(item.text).not.toMatch(/[\uF0B7•]/);
    expect(bulleted.map((i) => i.text)).toContain('Progetto ASCI LINK almeno 3 progettazioni attivate');
  });

  it('carries the area and Missione lines as headings before their tables', () => {
    const headings = model.blocks.filter((b) => b.kind === 'heading').map((b) => (b as { text: string }).text);
    expect(headings).toContain('MISSIONE 1 – Servizi istituzionali, generali e di gestione');
    expect(headings).toContain('AREA POLIZIA LOCALE – OBIETTIVI PERFORMANCE 2023');
    const first = model.blocks.findIndex((b) => b.kind === 'table');
    expect(model.blocks.slice(0, first).map((b) => b.kind)).toEqual(['heading', 'heading']);
  });

  it('gives items their position in the row, so an indicator can be paired with the objective beside it', () => {
    const row = tablesOf(model)[0]!.rows[1]!;
    const [esecutivi, indicatori] = [row.cells[5]!.items, row.cells[6]!.items];
    expect(esecutivi.map((i) => i.text)).toEqual(['Invio ai contribuenti del calcolo IMU – TARI', 'Gestione dello sportello del contribuente']);
    expect(indicatori[1]!.text).toBe('n. segnalazioni di disservizio ricevute (meno di 10)');
    expect(indicatori[1]!.top).toBeCloseTo(esecutivi[1]!.top!, 0);
    expect(esecutivi[1]!.top!).toBeGreaterThan(esecutivi[0]!.top!);
  });
});

describe('002: Allegato H (header repeated on every page, rows cut by page breaks)', () => {
  let model: DocumentModel;
  beforeAll(async () => {
    model = await read('002-allegato-h');
  });

  it('reads every gold objective title and indicator name as (part of) one cell item', () => {
    expect(unread('002-allegato-h', model)).toEqual([]);
  });

  it('makes one logical table per theme, under its theme heading, with the source rows and objective spans', () => {
    const source = json(corpus('002-allegato-h', '../../sources/002-allegato-h.json'));
    const themes = source.themes as { heading: string; objectives: { title: string; subrows: unknown[] }[] }[];
    const tables = tablesOf(model);
    expect(tables).toHaveLength(themes.length);
    themes.forEach((theme, i) => {
      const t = tables[i]!;
      const at = model.blocks.indexOf(t);
      expect(model.blocks[at - 1]).toMatchObject({ kind: 'heading', text: theme.heading });
      expect(t.columns).toEqual(['Obiettivo', 'Indicatore', 'Livello atteso', 'Responsabile/i', 'Peso']);
      expect(t.rows).toHaveLength(theme.objectives.reduce((n, o) => n + o.subrows.length, 0));
      const objectives = t.rows.flatMap((r) => (r.cells[0] ? [r.cells[0]] : []));
      expect(objectives.map((c) => c.rowSpan)).toEqual(theme.objectives.map((o) => o.subrows.length));
      expect(objectives.map((c) => cellText(c))).toEqual(theme.objectives.map((o) => o.title));
    });
    expect(tables[0]!.pages.length).toBeGreaterThan(1);
  });

  it('has no repeated header rows, and stitches at least five rows cut by a page break', async () => {
    const tables = tablesOf(model);
    for (const t of tables) for (const row of t.rows) expect(cellText(row.cells[0])).not.toBe('Obiettivo');
    const logical = tables.reduce((n, t) => n + t.rows.length + t.headerRows, 0);
    const headerRepeats = tables.reduce((n, t) => n + (t.pages.length - 1) * t.headerRows, 0);
    const stitched = (await partRows('002-allegato-h')) - headerRepeats - logical;
    expect(stitched).toBeGreaterThanOrEqual(5);
  });

  it('joins a paragraph cut by the page break into one item', () => {
    const items = itemsOf(model);
    expect(items).toContain('Aggiornamento del vigente Regolamento per il funzionamento del Consiglio comunale e delle Commissioni consiliari');
    expect(items).toContain('Area I AA.GG. Giuridico legale – ufficio segreteria/ufficio protocollo');
  });
});

describe('003: a spreadsheet printed by LibreOffice Calc (no grid lines)', () => {
  let model: DocumentModel;
  beforeAll(async () => {
    model = await read('003-spreadsheet');
  });

  it('reads every gold objective title and indicator name as (part of) one cell item', () => {
    expect(unread('003-spreadsheet', model)).toEqual([]);
  });

  it('finds one table over all pages from text alignment, with the sheet columns and its rows', () => {
    const source = json(corpus('003-spreadsheet', '../../sources/003-spreadsheet.json'));
    const [table, ...rest] = tablesOf(model);
    expect(rest).toEqual([]);
    expect(table!.pages).toHaveLength(model.source.pages!);
    expect(table!.columns).toEqual(source.columns);
    const rows = source.rows as { cells: (string | null)[] }[];
    expect(table!.rows).toHaveLength(rows.length);
    rows.forEach((row, i) => {
      // Cell values as the sheet shows them; dates and counts Calc formats are compared in the extractor tests.
      expect(cellText(table!.rows[i]!.cells[4]), `row ${i}`).toBe(row.cells[4] ?? '');
    });
  });

  it('keeps the title printed above every page once', () => {
    const title = 'PIANO DELLE PERFORMANCE / PIANO DEGLI OBIETTIVI 2024';
    const texts = model.blocks.filter((b) => b.kind !== 'table').map((b) => (b as { text: string }).text);
    expect(texts.filter((t) => t === title)).toHaveLength(1);
  });
});
