/**
 * Telling a cell's paragraphs apart where no white does: the words either side of a
 * line break (a capital after a line that could end, a list of values, an opening
 * word repeated), indents, items the document prints whole elsewhere, and rows of a
 * borderless table that follow each other at the line pitch. Unit cases on
 * synthetic lines, then the whole reader on a Word document rendered by LibreOffice
 * (test/data/pdf/paragraphs.pdf) with every signal switched on and, one at a time,
 * off.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Table } from '../src/document/model.js';
import { findAlignedTables } from '../src/layout/borderless.js';
import { cellItems, readCell, setsParagraphsUnmarked, type CellLine } from '../src/layout/cells.js';
import { splitAtKnownItems } from '../src/layout/known-items.js';
import { capitalAfterEnd, endsSentence, numberAfterNumber, repeatsHead } from '../src/layout/paragraphs.js';
import type { PartCell } from '../src/layout/parts.js';
import { LAYOUT_SETTINGS, type LayoutSettings } from '../src/layout/settings.js';
import { readPdf } from '../src/readers/pdf/index.js';
import { line } from './layout-helpers.js';

const C = LAYOUT_SETTINGS.cell;

describe('the words at a line break', () => {
  it('reads a capital after a finished sentence, a number or a content word as a new item', () => {
    expect(capitalAfterEnd('giorni previsti dal D.Lgs. 231/2002', 'Approvazione')).toBe(true);
    expect(capitalAfterEnd('emissione degli avvisi di accertamento', 'Attivazione')).toBe(true);
    expect(capitalAfterEnd('(customer satisfaction, scala 1-5)', 'Tempo')).toBe(true);
    expect(capitalAfterEnd('del responsabile servizio CED:', 'Area')).toBe(true);
  });

  it('never after a function word, a joining mark, an abbreviation or a name that may go on', () => {
    expect(capitalAfterEnd('in collaborazione con il Comune di', 'Como')).toBe(false);
    expect(capitalAfterEnd('svolti con la Regione', 'Lombardia')).toBe(false);
    expect(capitalAfterEnd('nel comparto di via', 'Risorgimento.')).toBe(false);
    expect(capitalAfterEnd('Area I AA.GG.', 'Giuridico')).toBe(false);
    expect(capitalAfterEnd('Area Economico-', 'Finanziaria')).toBe(false);
    expect(capitalAfterEnd('servizi dell’', 'Ente')).toBe(false);
    // Acronyms and brackets are not capitalised words: "allo sportello" / "SUAP".
    expect(capitalAfterEnd('allo sportello', 'SUAP')).toBe(false);
    expect(capitalAfterEnd('norme regolamentari', '(Scheda')).toBe(false);
  });

  it('reads a number after a number as the next value of a list, unless the line runs numbers side by side', () => {
    expect(numberAfterNumber('2023', '2024')).toBe(true);
    expect(numberAfterNumber('entro il 30/04/2024', '31/12/2024')).toBe(true);
    expect(numberAfterNumber('entro il 30 aprile', '2023')).toBe(false);
    expect(numberAfterNumber('8 9 2', '1')).toBe(false);
  });

  it('reads the opening word of an earlier item again as a list entry, unless a function word leads to it', () => {
    const heads = new Set(['Area']);
    expect(repeatsHead(heads, 'Area Finanziaria', 'Area')).toBe(true);
    expect(repeatsHead(heads, 'relazione del Responsabile di', 'Area')).toBe(false);
    expect(repeatsHead(heads, 'Area Finanziaria', 'Ufficio')).toBe(false);
  });

  it('tells a sentence end from an abbreviation', () => {
    expect(endsSentence('a livello locale.')).toBe(true);
    expect(endsSentence('operai in servizio).')).toBe(true);
    for (const text of ['almeno n.', 'ai sensi dell’art.', 'previsti dal D.Lgs.', 'Polizia Locale S.U.A.P.', 'ecc.']) expect(endsSentence(text), text).toBe(false);
  });
});

/** A line of `text` starting at `x`, its words one space (5 pt) apart. */
function textLine(y: number, text: string, x = 10): CellLine {
  let at = x;
  return line(
    y,
    text.split(' ').map((w): [string, number] => {
      const word: [string, number] = [w, at];
      at += 5 * w.length + 5;
      return word;
    }),
  );
}

/** Lines `texts` one line pitch (12 pt) apart, each at its x. */
const lines = (texts: [string, number?][]) => texts.map(([t, x], n) => textLine(20 + 12 * n, t, x));
const box = { x0: 5, top: 0, x1: 215, bottom: 200 };
const pitch = 1.2;
const itemsOf = (ls: CellLine[], unmarked: boolean) => cellItems(readCell(ls, box, true, pitch, C), unmarked, C).items.map((i) => i.text.replace(/\s*\n/g, ' '));

describe('paragraphs of a cell with no white between them', () => {
  // 200 pt of measure: 40 characters. Each paragraph's last line is full.
  const objectives = lines([
    ['Rispetto dei tempi medi di pagamento'],
    ['delle fatture entro il D.Lgs. 231/2002'],
    ['Approvazione del rendiconto 2022 entro'],
    ['termini di legge fissati con la Regione'],
    ['Lombardia e con il Comune di Como'],
  ]);

  it('split at a capital after a line that could end, in a table that sets paragraphs unmarked', () => {
    expect(readCell(objectives, box, true, pitch, C).signs).toEqual([null, null, null, null, null]);
    expect(itemsOf(objectives, true)).toEqual([
      'Rispetto dei tempi medi di pagamento delle fatture entro il D.Lgs. 231/2002',
      'Approvazione del rendiconto 2022 entro termini di legge fissati con la Regione Lombardia e con il Comune di Como',
    ]);
    expect(itemsOf(objectives, false)).toHaveLength(1);
  });

  it('a table sets its paragraphs unmarked when a line ends early and none is set apart by a gap or bullet', () => {
    const early = readCell(lines([['Digitalizzazione'], ['Conservazione sostitutiva dei documenti']]), box, true, pitch, C);
    const spaced = readCell([textLine(20, 'Prima finalità'), textLine(50, 'Seconda finalità')], box, true, pitch, C);
    const plain = readCell(objectives, box, true, pitch, C);
    expect(early.signs).toEqual([null, 'early']);
    expect(spaced.signs).toEqual([null, 'gap']);
    expect(setsParagraphsUnmarked([plain, early], C)).toBe(true);
    expect(setsParagraphsUnmarked([plain, early, spaced], C)).toBe(false);
    expect(setsParagraphsUnmarked([plain], C)).toBe(false);
  });

  it('split a list of values and a repeated opening word in any table', () => {
    expect(itemsOf(lines([['2023'], ['2024'], ['2025']]), false)).toEqual(['2023', '2024', '2025']);
    // "Area Finanziaria" fills its line: "Area" would not fit after it.
    const narrow = { ...box, x1: 100 };
    const areas = lines([['Area AAGG'], ['Area Finanziaria'], ['Area Socio'], ['culturale']]);
    expect(cellItems(readCell(areas, narrow, true, pitch, C), false, C).items.map((i) => i.text.replace(/\s*\n/g, ' '))).toEqual([
      'Area AAGG',
      'Area Finanziaria',
      'Area Socio culturale',
    ]);
  });
});

describe('paragraphs told apart by their indent', () => {
  it('starts a paragraph at every indented first line', () => {
    const cell = lines([['Garantire la continuità dei servizi', 40], ['scolastici e il sostegno alle famiglie'], ['degli alunni con disabilità residenti'], ['Assicurare il trasporto scolastico', 40], ['e la refezione a tutti gli alunni']]);
    expect(readCell(cell, box, true, pitch, C).signs).toEqual([null, null, null, 'indent', null]);
  });

  it('starts a paragraph at every line hung out of its indent', () => {
    const cell = lines([['1. Ricognizione dei fabbisogni e delle'], ['risorse disponibili presso gli', 30], ['istituti scolastici del territorio', 30], ['2. Affidamento del servizio mediante'], ['procedura aperta', 30]]);
    expect(readCell(cell, box, true, pitch, C).signs).toEqual([null, null, null, 'indent', null]);
  });

  it('with two-line paragraphs, as the cell’s first line starts; centred lines say nothing', () => {
    const hung = lines([['1. Ricognizione dei fabbisogni delle'], ['risorse disponibili presso le scuole', 30], ['2. Affidamento del servizio mediante'], ['procedura aperta', 30]]);
    expect(readCell(hung, box, true, pitch, C).signs).toEqual([null, null, 'indent', null]);
    const centred = lines([['Obiettivo', 90], ['strategico di mandato', 60], ['dell’ente', 90]]);
    expect(readCell(centred, box, true, pitch, C).signs).toEqual([null, null, null]);
  });
});

describe('items the document prints whole elsewhere', () => {
  const part = (texts: string[][]): PartCell[] =>
    texts.map((items, col) => ({
      row: 0,
      col,
      rowSpan: 1,
      colSpan: 1,
      items: items.map((text, k) => ({ text, bullet: false, top: 12 * k })),
      lineTops: items.map((text) => text.split('\n').map((_, n) => 12 * n)),
      bbox: { x0: 0, top: 0, x1: 10, bottom: 10 },
      page: 1,
      headGap: 0,
      tailGap: 0,
    }));

  it('split where their lines before or after a break read as such an item', () => {
    const cells = part([['Polizia Locale'], ['Polizia Locale\nS.U.A.P.'], ['Polizia \nLocale\nArea Tecnica'], ['Area Tecnica di\nsupporto']]);
    splitAtKnownItems(cells, C);
    expect(cells.map((c) => c.items.map((i) => [i.text, i.top]))).toEqual([
      [['Polizia Locale', 0]],
      [
        ['Polizia Locale', 0],
        ['S.U.A.P.', 12],
      ],
      [
        ['Polizia \nLocale', 0],
        ['Area Tecnica', 24],
      ],
      [['Area Tecnica di\nsupporto', 0]],
    ]);
  });

  it('not on one-word items, nor before a lower-case line', () => {
    const cells = part([['Tecnico'], ['Ufficio\nTecnico'], ['Polizia Locale'], ['Polizia Locale\ne protezione civile']]);
    splitAtKnownItems(cells, C);
    expect(cells.map((c) => c.items.length)).toEqual([1, 1, 1, 1]);
  });
});

describe('rows of a borderless table set at the line pitch', () => {
  it('start where every column’s words start a paragraph', () => {
    const rows = [
      line(20, [['Descrizione', 20], ['fase', 80], ['Scadenza', 300]]),
      line(32, [['Campagna', 20], ['28/02/2024', 300]]),
      line(44, [['Attivazione', 20], ['pagamenti', 80], ['segreteria', 135], ['entro', 300], ['30/04/2024', 330]]),
      line(56, [['Monitoraggio', 20], ['accessi', 85], ['31/12/2024', 300]]),
      // a wrapped first column beside a finished second: the same row
      line(68, [['Incrocio', 20], ['della', 65], ['banca', 95], ['dati', 130], ['30/04/2024', 300]]),
      line(80, [['Catasto', 20], ['elettrico', 60]]),
    ];
    const [grid] = findAlignedTables(rows, LAYOUT_SETTINGS.table);
    expect(grid!.rowBaselines).toEqual([20, 32, 44, 56, 68]);
    const [off] = findAlignedTables(rows, { ...LAYOUT_SETTINGS.table, rowWordCue: false });
    expect(off!.rowBaselines).not.toContain(56);
  });
});

describe('a Word document whose cell paragraphs no white tells apart', () => {
  const bytes = new Uint8Array(readFileSync(new URL('./data/pdf/paragraphs.pdf', import.meta.url)));
  const read = async (change: (s: LayoutSettings) => void = () => {}) => {
    const layout = structuredClone(LAYOUT_SETTINGS);
    change(layout);
    const model = await readPdf(bytes, { file: 'paragraphs.pdf', sha256: '0' }, { layout });
    return model.blocks.filter((b): b is Table => b.kind === 'table').map((t) => t.rows.map((r) => r.cells.map((c) => c?.items.map((i) => i.text) ?? [])));
  };

  it('reads one item a paragraph in every cell', async () => {
    const [objectives, settori, indents, phases] = await read();
    expect(objectives![0]).toEqual([
      [
        'Rispetto dei tempi medi di pagamento delle fatture commerciali entro i trenta giorni previsti dal D.Lgs. 231/2002 da parte di tutti gli uffici',
        'Approvazione del rendiconto 2022 entro il termine di legge del 30 aprile 2023 con la relazione della Giunta comunale al Consiglio comunale',
        'Ricognizione straordinaria dei residui attivi e passivi in vista del riaccertamento ordinario',
      ],
      ['Area Economico-Finanziaria', 'Ufficio Tributi'],
      ['2023', '2024', '2025'],
    ]);
    // "… con la Regione" / "Lombardia …" wraps one paragraph.
    expect(objectives![1]![0]).toEqual([
      'Recupero dell’evasione IMU e TARI per le annualità 2018-2019 mediante emissione degli avvisi di accertamento esecutivi ai contribuenti',
      'Convenzione per la gestione associata dei servizi sociali e socio sanitari svolti con la Regione Lombardia e il Comune di Como',
    ]);
    expect(objectives![3]![1]).toEqual(['Area Finanziaria', 'Area Tributi']);
    expect(settori!.map((r) => r[1])).toEqual([['Polizia Locale'], ['Polizia Locale', 'S.U.A.P.'], ['Polizia Locale', 'Area Tecnica'], ['Polizia Locale']]);
    expect(indents![0]!.map((c) => c.length)).toEqual([2, 3]);
    expect(phases!.map((r) => r[1])).toEqual([['28/02/2024'], ['entro il 30/04/2024'], ['31/12/2024']]);
  });

  it('merges those paragraphs when the signal that parts them is switched off', async () => {
    const counts = async (change: (s: LayoutSettings) => void) => (await read(change)).map((t) => t.map((r) => r.map((c) => c.length)));
    expect((await counts((s) => (s.cell.capitalCue = false)))[0]![0]).toEqual([1, 2, 3]);
    expect((await counts((s) => (s.cell.numberListCue = false)))[0]![0]).toEqual([3, 2, 1]);
    expect((await counts((s) => (s.cell.repeatedHeadCue = false)))[0]![3]).toEqual([1, 1, 1]);
    expect((await counts((s) => (s.cell.knownItemCue = false)))[1]).toEqual([
      [1, 1],
      [1, 1],
      [1, 1],
      [1, 1],
    ]);
    expect((await counts((s) => (s.cell.indentRatio = Infinity)))[2]).toEqual([[2, 2]]);
    expect((await counts((s) => (s.table.rowWordCue = false)))[3]).toHaveLength(2);
  });
});
