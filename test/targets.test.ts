import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Target, type Target as TargetT } from '../src/model/plan.js';
import {
  extractEmbeddedTargets,
  indicatorTypeFromTipologia,
  inferIndicatorType,
  parseTargetCell,
  parseTargetText,
  type IndicatorType,
} from '../src/targets/index.js';

interface Expected {
  raw?: string;
  kind: TargetT['kind'];
  op?: TargetT['op'];
  value?: TargetT['value'];
  date?: string | null;
  unit?: string | null;
}
interface Case {
  src: string;
  fn: 'cell' | 'embedded';
  text: string;
  raw?: string;
  planYear: number | null;
  year?: number | null;
  tipologia?: string;
  columnHint?: IndicatorType | null;
  expect: Expected[];
}

const table = JSON.parse(readFileSync(new URL('./data/targets.json', import.meta.url), 'utf8')) as { cases: Case[] };

function expected(c: Case): TargetT[] {
  return c.expect.map((e) => ({
    raw: c.fn === 'cell' ? (c.raw ?? c.text) : (e.raw as string),
    year: c.fn === 'cell' ? (c.year ?? null) : null,
    kind: e.kind,
    op: e.op ?? null,
    value: e.value ?? null,
    date: e.date ?? null,
    unit: e.unit ?? null,
  }));
}

function run(c: Case): TargetT[] {
  return c.fn === 'cell'
    ? parseTargetText(c.text, { planYear: c.planYear, columnHint: c.columnHint ?? null })
    : extractEmbeddedTargets(c.text, { planYear: c.planYear });
}

/** One entry, spelled out: raw defaults to the text, every other field to null. */
const t = (raw: string, fields: Partial<TargetT> & Pick<TargetT, 'kind'>): TargetT => ({
  raw,
  year: null,
  op: null,
  value: null,
  date: null,
  unit: null,
  ...fields,
});

describe('target table (test/data/targets.json)', () => {
  it('holds at least 220 real seed strings', () => {
    expect(table.cases.filter((c) => c.src !== 'form').length).toBeGreaterThanOrEqual(220);
  });

  it.each(table.cases.map((c) => [`${c.src} ${c.fn}: ${c.text}`, c] as const))('%s', (_name, c) => {
    const got = run(c);
    expect(got).toEqual(expected(c));
    for (const target of got) expect(Target.safeParse(target).success).toBe(true);
  });

  it.each(table.cases.filter((c) => c.tipologia !== undefined).map((c) => [c.tipologia as string, c.columnHint ?? null] as const))(
    'Tipologia %s gives the column hint %s',
    (tipologia, hint) => {
      expect(indicatorTypeFromTipologia(tipologia)).toBe(hint);
    },
  );
});

describe('parseTargetText: dates', () => {
  const ctx = { planYear: 2023 };
  it.each([
    ['31/12/2023', '2023-12-31'],
    ['31.12.2023', '2023-12-31'],
    ['31-12-23', '2023-12-31'],
    ['31 dicembre 2023', '2023-12-31'],
  ])('a bare date %s is a deadline on that day', (text, date) => {
    expect(parseTargetText(text, ctx)).toEqual([t(text, { kind: 'deadline', op: '=', date })]);
  });

  it('takes a missing year from the "2023:" prefix before the plan year', () => {
    expect(parseTargetText('2025: entro il 30/06', ctx)).toEqual([
      t('2025: entro il 30/06', { year: 2025, kind: 'deadline', op: '<=', date: '2025-06-30' }),
    ]);
    expect(parseTargetText('entro il 30/06', ctx)[0]?.date).toBe('2023-06-30');
  });

  it('reads a month alone as its last day', () => {
    expect(parseTargetText('entro dicembre 2024', ctx)[0]).toMatchObject({ kind: 'deadline', op: '<=', date: '2024-12-31' });
    expect(parseTargetText('2023: Entro settembre', { planYear: null })[0]).toMatchObject({ date: '2023-09-30', year: 2023 });
    expect(parseTargetText('Entro febbraio 2024', ctx)[0]?.date).toBe('2024-02-29');
  });

  it('reads semesters and "entro l\'anno"', () => {
    expect(parseTargetText('entro il primo semestre 2024', ctx)[0]?.date).toBe('2024-06-30');
    expect(parseTargetText('entro il secondo semestre', ctx)[0]?.date).toBe('2023-12-31');
    expect(parseTargetText("entro l'anno", { planYear: 2025 })[0]).toMatchObject({ kind: 'deadline', op: '<=', date: '2025-12-31' });
  });

  it('reads "fino al" as a time limit even after other words', () => {
    expect(parseTargetText("Tutto l'anno fino al 31.12.2026", ctx)).toEqual([
      t("Tutto l'anno fino al 31.12.2026", { kind: 'deadline', op: '<=', date: '2026-12-31' }),
    ]);
  });

  it('reads a written date after a label as the date of the event', () => {
    expect(parseTargetText('2023: Consultazioni 1° ottobre 2023', ctx)).toEqual([
      t('2023: Consultazioni 1° ottobre 2023', { year: 2023, kind: 'deadline', op: '=', date: '2023-10-01' }),
    ]);
  });

  it('reads "dal … al …" as a start and an end', () => {
    expect(parseTargetText('dal 01/01/2024 al 30/06/2024', { planYear: 2024 }).map((x) => [x.op, x.date])).toEqual([
      ['>=', '2024-01-01'],
      ['<=', '2024-06-30'],
    ]);
  });

  it('leaves a date null when no year is known', () => {
    expect(parseTargetText('entro il 30/06', { planYear: null })).toEqual([t('entro il 30/06', { kind: 'deadline', op: '<=' })]);
  });

  it('does not read a period before the target year, or an act reference, as a deadline', () => {
    expect(parseTargetText('2023: Stampa e rilegatura DGC dal 14/02/2018 al 31/12/2020', ctx)[0]?.kind).toBe('text');
    expect(parseTargetText('2023: rinvio ad indicatori di Performance, di cui alla DGC n. 32 in data 24/02/2023', ctx)[0]?.kind).toBe('text');
  });

  it('refuses an impossible date', () => {
    expect(parseTargetText('31/02/2023', ctx)[0]?.kind).toBe('text');
  });

  it('lets a "Data" column\'s bare date be a deadline with op "="', () => {
    expect(parseTargetText('31.12.2024', { planYear: 2024, columnHint: 'data' })).toEqual([
      t('31.12.2024', { kind: 'deadline', op: '=', date: '2024-12-31' }),
    ]);
  });
});

describe('parseTargetText: percentages and comparisons', () => {
  const ctx = { planYear: 2023 };
  it.each([
    ['almeno il 90%', '>=', 90],
    ['non inferiore al 95%', '>=', 95],
    ['maggiore 50%', '>', 50],
    ['superiore al 50%', '>', 50],
    ['maggiore di 50%', '>', 50],
    ['non superiore al 5%', '<=', 5],
    ['≥ 95%', '>=', 95],
    ['≤ 5%', '<=', 5],
    ['> 50%', '>', 50],
    ['< 10%', '<', 10],
    ['100%', '=', 100],
  ] as const)('%s → percent %s %d', (text, op, value) => {
    expect(parseTargetText(text, ctx)).toEqual([t(text, { kind: 'percent', op, value })]);
  });

  it.each([
    ['meno di 10', '<', 10],
    ['inferiore a 10', '<', 10],
    ['inferiori a 3', '<', 3],
    ['non superiore a 30', '<=', 30],
    ['minore o uguale a 0', '<=', 0],
    ['minore di 4', '<', 4],
    ['maggiore o uguale a 10', '>=', 10],
    ['più di 100', '>', 100],
    ['massimo 5', '<=', 5],
  ] as const)('%s → number %s %d', (text, op, value) => {
    expect(parseTargetText(text, ctx)).toEqual([t(text, { kind: 'number', op, value })]);
  });

  it('reads a range as two bounds with the same raw', () => {
    expect(parseTargetText("tra l'80% e il 90%", ctx)).toEqual([
      t("tra l'80% e il 90%", { kind: 'percent', op: '>=', value: 80 }),
      t("tra l'80% e il 90%", { kind: 'percent', op: '<=', value: 90 }),
    ]);
  });

  it('skips the base of a ratio', () => {
    expect(parseTargetText('2023: 100% riscontri su 100% segnalazioni', ctx)).toHaveLength(1);
  });

  it('reads a number in a "Percentuale" column as a percentage', () => {
    expect(parseTargetText('80', { planYear: 2023, columnHint: 'percentuale' })).toEqual([t('80', { kind: 'percent', op: '=', value: 80 })]);
  });
});

describe('parseTargetText: counts and quantities', () => {
  const ctx = { planYear: 2023 };
  it.each([
    ['almeno n. 25 servizi mensili', '>=', 25, 'servizi mensili'],
    ['7 gg.', '=', 7, 'giorni'],
    ['Entro 30 gg.', '<=', 30, 'giorni'],
    ['Entro 60 giorni', '<=', 60, 'giorni'],
    ['n. 3 incontri', '=', 3, 'incontri'],
    ['1.000 partecipanti', '=', 1000, 'partecipanti'],
    ['0,5', '=', 0.5, null],
    ['€ 100.000', '=', 100000, 'euro'],
    ['650', '=', 650, null],
    ['Almeno 15', '>=', 15, null],
  ] as const)('%s → number %s %d (%s)', (text, op, value, unit) => {
    expect(parseTargetText(text, ctx)).toEqual([t(text, { kind: 'number', op, value, unit })]);
  });

  it.each([
    ['zero', 0],
    ['uno', 1],
    ['due', 2],
    ['tre', 3],
    ['dieci', 10],
    ['venti', 20],
  ] as const)('the number word %s is %d', (text, value) => {
    expect(parseTargetText(text, ctx)).toEqual([t(text, { kind: 'number', op: '=', value })]);
  });

  it('reads a number word after a comparison', () => {
    expect(parseTargetText('Minore o uguale a zero', ctx)[0]).toMatchObject({ kind: 'number', op: '<=', value: 0 });
  });

  it('reads a 1900 date in a count column as the count', () => {
    expect(parseTargetText('05/01/1900', { planYear: 2024, columnHint: 'numero' })).toEqual([
      t('05/01/1900', { kind: 'number', op: '=', value: 5 }),
    ]);
    // Excel's fictitious 29 February 1900 shifts every later serial by one.
    expect(parseTargetText('01/03/1900', { planYear: 2024, columnHint: 'numero' })[0]?.value).toBe(61);
  });
});

describe('parseTargetText: yes/no, compounds and prose', () => {
  const ctx = { planYear: 2023 };
  it.each([
    ['si', true],
    ['sì', true],
    ['SI', true],
    ['no', false],
  ] as const)('%s is boolean %s', (text, value) => {
    expect(parseTargetText(text, ctx)).toEqual([t(text, { kind: 'boolean', op: '=', value })]);
  });

  it('splits a count and a deadline of one text into two entries with the same raw and year', () => {
    const raw = '2023: almeno 2 giornate formative entro il 31/12/2023';
    expect(parseTargetText(raw, ctx)).toEqual([
      t(raw, { year: 2023, kind: 'number', op: '>=', value: 2, unit: 'giornate formative' }),
      t(raw, { year: 2023, kind: 'deadline', op: '<=', date: '2023-12-31' }),
    ]);
  });

  it('reads two counts of one text', () => {
    const raw = 'Almeno n. 1 corso, almeno 10 partecipanti';
    expect(parseTargetText(raw, ctx)).toEqual([
      t(raw, { kind: 'number', op: '>=', value: 1, unit: 'corso' }),
      t(raw, { kind: 'number', op: '>=', value: 10, unit: 'partecipanti' }),
    ]);
  });

  it('keeps prose as one text target and never forces a number', () => {
    const raw = 'Monitoraggio rispetto misure di prevenzione della corruzione e trasparenza';
    expect(parseTargetText(raw, ctx)).toEqual([t(raw, { kind: 'text' })]);
    expect(parseTargetText('Realizzazione 1° LOTTO d’intervento', ctx)[0]?.kind).toBe('text');
  });

  it('reads a deadline inside prose', () => {
    expect(parseTargetText('Relazione finale alla G.C. entro il 31/12/2023', ctx)).toEqual([
      t('Relazione finale alla G.C. entro il 31/12/2023', { kind: 'deadline', op: '<=', date: '2023-12-31' }),
    ]);
  });

  it('joins the lines of a wrapped paragraph in raw', () => {
    expect(parseTargetText('2023: Relazione finale\nalla G.C. entro il\n31/12/2023', ctx)[0]?.raw).toBe(
      '2023: Relazione finale alla G.C. entro il 31/12/2023',
    );
  });

  it('gives nothing for an empty or placeholder paragraph', () => {
    expect(parseTargetText('', ctx)).toEqual([]);
    expect(parseTargetText(' …… ', ctx)).toEqual([]);
  });
});

describe('parseTargetCell', () => {
  it('reads every paragraph of a cell, in order', () => {
    const got = parseTargetCell(['2023: entro il 31/10/2023 presentazione', '2023: Almeno 6', 'Assenza di rilievi'], { planYear: 2023 });
    expect(got.map((x) => [x.kind, x.year])).toEqual([
      ['deadline', 2023],
      ['number', 2023],
      ['text', null],
    ]);
  });
});

describe('extractEmbeddedTargets', () => {
  const ctx = { planYear: 2023 };
  it.each([
    ['Incasso entrate tributarie/accertamenti (maggiore 50%)', t('maggiore 50%', { kind: 'percent', op: '>', value: 50 })],
    ['% di incasso (almeno il 10%)', t('almeno il 10%', { kind: 'percent', op: '>=', value: 10 })],
    ['n. segnalazioni di disservizio ricevute (meno di 10)', t('meno di 10', { kind: 'number', op: '<', value: 10 })],
    [
      'Tasso di presenza: n. servizi mensili (almeno n. 25 servizi mensili)',
      t('almeno n. 25 servizi mensili', { kind: 'number', op: '>=', value: 25, unit: 'servizi mensili' }),
    ],
    ['Affidare i lavori (milestone 31.05.2023)', t('milestone 31.05.2023', { kind: 'deadline', op: '=', date: '2023-05-31' })],
    [
      'Totale importo (l’obiettivo si considera raggiunto se l’importo degli accertamenti è almeno pari complessivamente a € 100.000)',
      t('l’obiettivo si considera raggiunto se l’importo degli accertamenti è almeno pari complessivamente a € 100.000', {
        kind: 'number',
        op: '>=',
        value: 100000,
        unit: 'euro',
      }),
    ],
  ])('reads the parenthesis of %s', (name, target) => {
    expect(extractEmbeddedTargets(name, ctx)).toEqual([target]);
  });

  it.each([
    ['n. pratiche istruite/ n. pratiche presentate almeno 20%', t('almeno 20%', { kind: 'percent', op: '>=', value: 20 })],
    [
      'Attivazione progetti di diurnato Almeno 50% delle richieste.',
      t('Almeno 50% delle richieste.', { kind: 'percent', op: '>=', value: 50 }),
    ],
    ['ammissione 50% richiedenti', t('50% richiedenti', { kind: 'percent', op: '=', value: 50 })],
    [
      'Ottemperanza al 100% dei dispositivi emanati dall’autorità giudiziaria.',
      t('100% dei dispositivi emanati dall’autorità giudiziaria.', { kind: 'percent', op: '=', value: 100 }),
    ],
    [
      'Rispetto del termine di 30 giorno entro cui effettuare i pagamenti',
      t('termine di 30 giorno entro cui effettuare i pagamenti', { kind: 'number', op: '<=', value: 30, unit: 'giorni' }),
    ],
  ])('reads the tail of %s', (name, target) => {
    expect(extractEmbeddedTargets(name, ctx)).toEqual([target]);
  });

  it.each([
    'costo del servizio / n. utenti (fini statistici)',
    'Controllo tributi comunali (IMU – TARI) annualità 2021',
    'Servizi informatici – utilizzo risorse (PNRR)',
    'Utilizzo fondi sistema educativo integrato 0-6 anni e fondi comunali',
    'Inserimento delle nuove pratiche in arrivo a partire dal 01/07/2024',
  ])('finds nothing in %s', (name) => {
    expect(extractEmbeddedTargets(name, ctx)).toEqual([]);
  });

  it('keeps the order of several embedded targets', () => {
    const got = extractEmbeddedTargets('Corsi (almeno 2 corsi) con esito almeno 80%', ctx);
    expect(got.map((x) => [x.raw, x.kind])).toEqual([
      ['almeno 2 corsi', 'number'],
      ['almeno 80%', 'percent'],
    ]);
  });
});

describe('indicator types', () => {
  it.each([
    ['Nr', 'numero'],
    ['Nr.', 'numero'],
    ['Numero', 'numero'],
    ['Quantità', 'numero'],
    ['Data', 'data'],
    ['Percentuale', 'percentuale'],
    ['%', 'percentuale'],
    ['si/no', 'si_no'],
    ['SI / NO', 'si_no'],
    ['Testo', 'testo'],
    ['Tempestività', null],
  ] as const)('Tipologia %s → %s', (text, type) => {
    expect(indicatorTypeFromTipologia(text)).toBe(type);
  });

  it('infers the type from the first target', () => {
    const of = (kind: TargetT['kind']) => inferIndicatorType([t('x', { kind }), t('y', { kind: 'text' })]);
    expect(of('deadline')).toBe('data');
    expect(of('percent')).toBe('percentuale');
    expect(of('number')).toBe('numero');
    expect(of('boolean')).toBe('si_no');
    expect(of('text')).toBe('testo');
    expect(inferIndicatorType([])).toBeNull();
  });
});
