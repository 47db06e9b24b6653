/**
 * Builds the small PDFs the PDF-reader tests run on, the way real plans get theirs:
 * a Word document (tables with borders, vertically merged cells, Symbol bullets, a
 * narrow column that breaks a word between letters, a table that crosses a page
 * with a repeated header, a long register of short rows, cell paragraphs that no
 * white tells apart), a spreadsheet without
 * cell borders, and a text locked with a password, all rendered by LibreOffice. The
 * PDFs are committed next to this script, so the tests never need LibreOffice.
 *
 * Run: npx tsx test/data/pdf/build.ts — it writes only the PDFs that are missing:
 * LibreOffice stamps each PDF with the time, and other test data is made from these
 * exact bytes (test/data/bad wraps sheet.pdf in signed envelopes). Delete a PDF to
 * rebuild it.
 */
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  AlignmentType,
  BorderStyle,
  Document,
  Packer,
  PageOrientation,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  VerticalMergeType,
  WidthType,
} from 'docx';
import * as XLSX from 'xlsx';
import { convertToPdf } from '../../../fixtures/build/office.js';

const here = dirname(fileURLToPath(import.meta.url));
const BULLET = '\uF0B7';

const border = { style: BorderStyle.SINGLE, size: 4, color: '000000' };
const borders = { top: border, bottom: border, left: border, right: border };

/** A cell paragraph: plain, or a Word-style Symbol bullet (glyph U+F0B7 in font Symbol, then a tab). */
function para(text: string, opts: { bullet?: boolean; bold?: boolean } = {}): Paragraph {
  const runs = opts.bullet
    ? [new TextRun({ text: BULLET, font: 'Symbol' }), new TextRun({ text: '\t' + text, bold: opts.bold })]
    : [new TextRun({ text, bold: opts.bold })];
  return new Paragraph({ children: runs, spacing: { after: 0 } });
}

type CellSpec = string | string[] | { paras: Paragraph[]; vMerge?: 'restart' | 'continue' };

function cell(spec: CellSpec, width: number): TableCell {
  const base = { borders, width: { size: width, type: WidthType.DXA } };
  if (typeof spec === 'string') return new TableCell({ ...base, children: [para(spec)] });
  if (Array.isArray(spec)) return new TableCell({ ...base, children: spec.map((t) => para(t)) });
  return new TableCell({
    ...base,
    children: spec.paras.length ? spec.paras : [new Paragraph('')],
    verticalMerge:
      spec.vMerge === 'restart' ? VerticalMergeType.RESTART : spec.vMerge === 'continue' ? VerticalMergeType.CONTINUE : undefined,
  });
}

function table(widths: number[], header: string[] | null, rows: CellSpec[][]): Table {
  const trs: TableRow[] = [];
  if (header) {
    trs.push(
      new TableRow({
        tableHeader: true,
        children: header.map((h, i) => new TableCell({ borders, width: { size: widths[i]!, type: WidthType.DXA }, children: [para(h, { bold: true })] })),
      }),
    );
  }
  for (const r of rows) trs.push(new TableRow({ children: r.map((c, i) => cell(c, widths[i]!)) }));
  return new Table({ rows: trs, width: { size: widths.reduce((a, b) => a + b, 0), type: WidthType.DXA }, columnWidths: widths });
}

const heading = (text: string) => new Paragraph({ children: [new TextRun({ text, bold: true, size: 28 })], spacing: { before: 240, after: 120 } });
const body = (text: string) => new Paragraph({ children: [new TextRun(text)], alignment: AlignmentType.LEFT });

/** Missione tables: a strategico spanning two rows (vMerge), bullets, a narrow indicator column. */
function missioneDoc(): Document {
  const w = [2200, 2200, 800, 2600, 1400];
  const head = ['Obiettivo strategico', 'Obiettivo operativo', 'anni', 'Obiettivo esecutivo', 'Indicatori'];
  const t1 = table(w, head, [
    [
      { paras: [para('FUNZIONAMENTO DELL\'ENTE'), para('Migliorare il funzionamento della macchina comunale')], vMerge: 'restart' },
      'Gestire le entrate e le risorse economiche',
      ['2023', '2024', '2025'],
      {
        paras: [
          para('Gestione attività di recupero crediti', { bullet: true }),
          para('Invio ai contribuenti del calcolo IMU – TARI', { bullet: true }),
        ],
      },
      {
        paras: [para('Incasso entrate tributarie (maggiore 50%)'), para(''), para('n. segnalazioni di disservizio ricevute (meno di 10)')],
      },
    ],
    [
      { paras: [], vMerge: 'continue' },
      'Garantire la gestione efficace dei servizi di staff',
      ['2023'],
      { paras: [para('Gestione dei servizi di segreteria e protocollo')] },
      { paras: [para('Tempo medio di evasione delle richieste')] },
    ],
  ]);
  // Polizia locale: a very narrow indicator column breaks long words between letters.
  const wPl = [2000, 3600, 700, 1250];
  const t2 = table(wPl, ['Obiettivo operativo', 'Obiettivo esecutivo', 'anni', 'indicatori'], [
    ['Garantire la videosorveglianza del territorio', 'Obiettivo 6/16 Mantenimento ed implementazione dell\'impianto di videosorveglianza esistente', '2023', 'Monitoraggio dei sistemi di videosorveglianza'],
    ['Sanzionare i veicoli irregolari', 'Obiettivo 3/16 Redazione verbali di contestazione', '2023', 'Contestazione di tutti i transiti non a norma'],
    ['Gestire i servizi di polizia locale', 'Obiettivo 7/16 Regolamento', '2023', 'Regolare funzionamento dell\'impianto, invio e-mail e co-progettazione'],
  ]);
  return new Document({
    sections: [
      {
        children: [
          heading('Area amministrativa finanziaria – OBIETTIVI PERFORMANCE 2023'),
          body('Il presente documento riporta gli obiettivi della performance.'),
          heading('MISSIONE 1 – Servizi istituzionali, generali e di gestione'),
          t1,
          heading('AREA POLIZIA LOCALE – OBIETTIVI PERFORMANCE 2023'),
          t2,
        ],
      },
    ],
  });
}

/** Allegato H: one long table crossing pages, header repeated, rows allowed to split. */
function allegatoDoc(): Document {
  const w = [3000, 2600, 2000, 1400, 600];
  const head = ['Obiettivo', 'Indicatore', 'Livello atteso', 'Responsabile/i', 'Peso'];
  const rows: CellSpec[][] = [];
  for (let i = 1; i <= 9; i++) {
    const long = Array.from({ length: 6 }, (_, k) => `Attività ${i}.${k + 1} di coordinamento e promozione delle iniziative locali`);
    rows.push([
      `Obiettivo numero ${i} - Realizzazione delle attività previste dal programma del distretto del commercio`,
      long,
      [`2023: entro il 3${i % 2}/0${(i % 9) + 1}/2023`],
      `Area ${i} urbanistica`,
      String(i * 2),
    ]);
  }
  return new Document({
    sections: [
      {
        properties: { page: { size: { orientation: PageOrientation.PORTRAIT } } },
        children: [heading('Allegato H: Piano e indicatori di Performance'), heading('Legalità'), table(w, head, rows)],
      },
    ],
  });
}

/**
 * A long table of short rows that end just above page breaks: every page must start
 * a new row, though each row's cells are filled to their bottom border.
 */
function registerDoc(): Document {
  const w = [4200, 3600, 1200];
  const rows: CellSpec[][] = [];
  for (let i = 1; i <= 240; i++) {
    rows.push([`Obiettivo ${i} di miglioramento dei servizi comunali e della videosorveglianza`, `Indicatore ${i}: pratiche evase entro i termini`, '2023: almeno 90%']);
  }
  return new Document({ sections: [{ children: [heading('Registro degli obiettivi'), table(w, ['Obiettivo', 'Indicatore', 'Target'], rows)] }] });
}

/** A spreadsheet plan with no cell borders: columns only from text alignment. */
function spreadsheet(): XLSX.WorkBook {
  const aoa = [
    ['PIANO DEGLI OBIETTIVI 2024'],
    [],
    ['Settore', 'Obiettivo', 'Valore atteso'],
    ['SF', 'Rispetto tempi medi di pagamento', 'minore o uguale a 0'],
    ['SF', 'Erogazione bidoni raccolta carta', '650'],
    ['SF', 'Emissione accertamenti IMU', '31.03.2024'],
    ['ST', 'Manutenzione strade comunali', '100%'],
  ];
  const ws = XLSX.utils.aoa_to_sheet(aoa);
  ws['!cols'] = [{ wch: 8 }, { wch: 30 }, { wch: 18 }];
  const wb = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(wb, ws, 'Obiettivi 2024');
  return wb;
}

/** A plain cell paragraph with no spacing, indented as given (twips). */
const indented = (text: string, indent: { firstLine?: number; left?: number; hanging?: number }) =>
  new Paragraph({ children: [new TextRun(text)], indent, spacing: { after: 0 } });

/** A table with Word's default cell padding left and right and none above or below. */
function flatTable(widths: number[], header: string[], rows: CellSpec[][], borderless = false): Table {
  const t = table(widths, header, rows);
  if (!borderless) return t;
  const none = { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' };
  const noBorders = { top: none, bottom: none, left: none, right: none };
  const cells = [header, ...rows].map((r) =>
    new TableRow({
      children: r.map((c, i) => new TableCell({ borders: noBorders, width: { size: widths[i]!, type: WidthType.DXA }, children: typeof c === 'string' ? [para(c, { bold: r === header })] : [] })),
    }),
  );
  return new Table({ rows: cells, width: { size: widths.reduce((a, b) => a + b, 0), type: WidthType.DXA }, columnWidths: widths, margins: { top: 0, bottom: 0 } });
}

/**
 * Cell paragraphs that no gap, bullet or early line end tells apart: objectives set
 * one under the other whose last lines are full, a settore list whose first entry
 * fills its line, paragraphs told apart only by a first-line or a hanging indent,
 * and a borderless phase table whose rows follow each other at the line pitch.
 */
function paragraphsDoc(): Document {
  const objectives = table([4300, 1700, 700], ['Obiettivi', 'Responsabile', 'anni'], [
    [
      [
        'Rispetto dei tempi medi di pagamento delle fatture commerciali entro i trenta giorni previsti dal D.Lgs. 231/2002 da parte di tutti gli uffici',
        'Approvazione del rendiconto 2022 entro il termine di legge del 30 aprile 2023 con la relazione della Giunta comunale al Consiglio comunale',
        'Ricognizione straordinaria dei residui attivi e passivi in vista del riaccertamento ordinario',
      ],
      ['Area Economico-Finanziaria', 'Ufficio Tributi'],
      ['2023', '2024', '2025'],
    ],
    [
      [
        'Recupero dell’evasione IMU e TARI per le annualità 2018-2019 mediante emissione degli avvisi di accertamento esecutivi ai contribuenti',
        'Convenzione per la gestione associata dei servizi sociali e socio sanitari svolti con la Regione Lombardia e il Comune di Como',
      ],
      'Area Economico-Finanziaria',
      ['2024'],
    ],
    [['Digitalizzazione degli atti', 'Conservazione sostitutiva dei documenti informatici'], 'Segretario Comunale', ['2025']],
    ['Aggiornamento dell’inventario dei beni mobili', ['Area Finanziaria', 'Area Tributi'], ['2025']],
  ]);
  const settori = table([4300, 1500], ['Obiettivo', 'settore'], [
    ['Controlli sul territorio comunale', 'Polizia Locale'],
    ['Rilascio pareri per le autorizzazioni', ['Polizia Locale', 'S.U.A.P.']],
    ['Controlli di edilizia', ['Polizia Locale', 'Area Tecnica']],
    ['Educazione stradale nelle scuole', 'Polizia Locale'],
  ]);
  const first = { firstLine: 567 };
  const hang = { left: 567, hanging: 567 };
  const indents = table([4300, 4300], ['Finalità', 'Fasi'], [
    [
      {
        paras: [
          indented('Garantire la continuità dei servizi scolastici e il sostegno alle famiglie degli alunni con disabilità certificata residenti nel territorio', first),
          indented('Assicurare il trasporto scolastico e la refezione a tutti gli alunni residenti nel territorio comunale', first),
        ],
      },
      {
        paras: [
          indented('1. Ricognizione dei fabbisogni e delle risorse disponibili presso gli istituti del territorio', hang),
          indented('2. Affidamento del servizio mediante procedura aperta ai sensi del codice dei contratti pubblici e verifica dei requisiti', hang),
          indented('3. Verifica trimestrale della qualità del servizio reso agli utenti', hang),
        ],
      },
    ],
  ]);
  const phases = flatTable([6000, 2600], ['Descrizione fase', 'Previsione scadenza fase'], [
    ['Campagna informativa sul sito istituzionale e sui canali social dell’Ente', '28/02/2024'],
    ['Attivazione dei pagamenti pagoPA per i diritti di segreteria', 'entro il 30/04/2024'],
    ['Monitoraggio trimestrale degli accessi allo sportello', '31/12/2024'],
  ], true);
  const gap = () => body('');
  return new Document({
    sections: [{ children: [heading('Obiettivi per programma'), objectives, gap(), settori, gap(), indents, gap(), heading('Fasi'), phases] }],
  });
}

/** Writes `name` next to this script from `render()`, unless it is already there. */
async function keep(name: string, render: () => Buffer | Promise<Buffer>): Promise<void> {
  const target = join(here, name);
  if (!existsSync(target)) writeFileSync(target, await render());
}

async function main(): Promise<void> {
  const work = mkdtempSync(join(tmpdir(), 'perfplan-pdf-data-'));
  try {
    for (const [name, doc] of [['missione', missioneDoc], ['allegato', allegatoDoc], ['register', registerDoc], ['paragraphs', paragraphsDoc]] as const) {
      await keep(`${name}.pdf`, async () => {
        const path = join(work, `${name}.docx`);
        writeFileSync(path, await Packer.toBuffer(doc()));
        return convertToPdf(path);
      });
    }
    await keep('sheet.pdf', () => {
      const xlsx = join(work, 'sheet.xlsx');
      writeFileSync(xlsx, XLSX.write(spreadsheet(), { type: 'buffer', bookType: 'xlsx' }) as Buffer);
      return convertToPdf(xlsx, 'pdf:calc_pdf_Export');
    });
    await keep('encrypted.pdf', () => {
      const text = join(work, 'locked.txt');
      writeFileSync(text, 'Piano della performance: documento riservato.');
      const lock = { EncryptFile: { type: 'boolean', value: 'true' }, DocumentOpenPassword: { type: 'string', value: 'segreto' } };
      return convertToPdf(text, `pdf:writer_pdf_Export:${JSON.stringify(lock)}`);
    });
    // Locked for editing only: an owner password and an empty user password, which any reader opens.
    await keep('owner-locked.pdf', () => {
      const text = join(work, 'owner.txt');
      writeFileSync(text, 'Piano della performance: obiettivi protetti da modifica.');
      const lock = { RestrictPermissions: { type: 'boolean', value: 'true' }, PermissionPassword: { type: 'string', value: 'segreto' } };
      return convertToPdf(text, `pdf:writer_pdf_Export:${JSON.stringify(lock)}`);
    });
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

await main();
