/**
 * The Italian words that turn a value into a target: comparisons ("almeno",
 * "non superiore a"), time limits ("entro", "fino al", "a partire dal"), the
 * little words that sit between a comparison and its value ("almeno pari
 * complessivamente a € 100.000"), the words that end a unit, and the names of acts
 * whose numbers and dates are references, not targets. `fixtures/TARGETS.md` is
 * the authority for which phrase gives which operator.
 */
import type { Target } from '../model/plan.js';

export type Op = NonNullable<Target['op']>;

/** What may follow a phrase: a date, a quantity, or only a duration ("in 7 gg."). */
type Takes = 'date' | 'value' | 'duration';

interface OpPhrase {
  words: string[];
  op: Op;
  takes: Takes[];
  /**
   * In an indicator's name the phrase gives the scope of what is measured, not a
   * target: "Inserimento delle nuove pratiche in arrivo a partire dal 01/07/2024".
   */
  scopeInNames?: true;
}

const VALUE: Takes[] = ['value'];
const DATE: Takes[] = ['date'];
const DATE_OR_VALUE: Takes[] = ['date', 'value'];

const phrase = (text: string, op: Op, takes: Takes[]): OpPhrase => ({ words: text.split(' '), op, takes });

/** Longest first, so "minore o uguale" wins over "minore" and "non oltre" over "oltre". */
const OP_PHRASES: OpPhrase[] = [
  ...['almeno', 'minimo', 'come minimo', 'non inferiore', 'non inferiori', 'non meno', 'pari o superiore'].map((w) =>
    phrase(w, '>=', VALUE),
  ),
  ...['maggiore o uguale', 'maggiori o uguali', 'superiore o uguale', 'superiori o uguali', '≥', '> ='].map((w) =>
    phrase(w, '>=', VALUE),
  ),
  ...['maggiore', 'maggiori', 'superiore', 'superiori', 'più', 'oltre', '>'].map((w) => phrase(w, '>', VALUE)),
  ...['meno', 'inferiore', 'inferiori', 'minore', 'minori', '<'].map((w) => phrase(w, '<', VALUE)),
  ...['non superiore', 'non superiori', 'minore o uguale', 'minori o uguali', 'inferiore o uguale', 'al massimo'].map(
    (w) => phrase(w, '<=', VALUE),
  ),
  ...['massimo', 'max', '≤', '< ='].map((w) => phrase(w, '<=', VALUE)),
  ...['entro e non oltre', 'non oltre', 'entro', 'fino'].map((w) => phrase(w, '<=', DATE_OR_VALUE)),
  phrase('in', '<=', ['duration']),
  // A time limit stated as a term: "Rispetto del termine di 30 giorni entro cui effettuare i pagamenti".
  ...['termine', 'termini', 'tempo massimo'].map((w) => phrase(w, '<=', ['duration'])),
  ...['dal', 'dalla', 'a partire da', 'a partire dal', 'a partire dalla', 'a decorrere da', 'a decorrere dal'].map(
    (w): OpPhrase => ({ ...phrase(w, '>=', DATE), scopeInNames: true }),
  ),
  ...['milestone eu', 'milestone ue', 'milestone'].map((w) => phrase(w, '=', DATE)),
  // A stated value with no comparison: "Raggiungimento di N. 24 controlli", "pari a 100".
  ...['raggiungimento', 'pari'].map((w) => phrase(w, '=', VALUE)),
].sort((a, b) => b.words.length - a.words.length);

/** The phrases by their first word, longest first: a token is tried only against the phrases it can open. */
export const OP_PHRASES_BY_FIRST_WORD = new Map<string, OpPhrase[]>();
for (const p of OP_PHRASES) {
  const first = p.words[0]!;
  OP_PHRASES_BY_FIRST_WORD.set(first, [...(OP_PHRASES_BY_FIRST_WORD.get(first) ?? []), p]);
}

/** Closes a "dal <date>" range: "dal 14/02/2023 al 31/12/2023". */
export const RANGE_END_WORDS = new Set(['al', 'alla']);

/** Opens a range of two values: "tra l'80% e il 90%". */
export const RANGE_WORDS = new Set(['tra', 'fra']);
export const RANGE_JOINERS = new Set(['e', 'ed']);

/**
 * Articles, prepositions and "n." that may stand between a phrase and its value.
 * "pari" and "complessivamente" come from "almeno pari complessivamente a € 100.000".
 */
export const FILLERS = new Set([
  'il', 'lo', 'la', 'i', 'gli', 'le', "l'",
  'a', 'ad', 'al', 'allo', 'alla', 'ai', 'agli', 'alle', "all'",
  'di', 'del', 'dello', 'della', 'dei', 'degli', 'delle', "dell'", "d'",
  'pari', 'complessivamente', 'n', 'nr', 'num', 'numero',
]);

/**
 * At most this many fillers between a phrase and its value. Four is what the
 * longest printed case needs ("almeno | pari complessivamente a € | 100.000");
 * a larger gap would let "almeno" reach a number of another clause.
 */
export const MAX_FILLER_TOKENS = 4;

/** "n." / "nr." / "n°" before a count. */
export const COUNT_ABBREVIATIONS = new Set(['n', 'nr', 'num']);

/** A percentage after "su" is the base of a ratio ("100% riscontri su 100% segnalazioni"). */
export const RATIO_BASE_WORDS = new Set(['su', 'sul', 'sulla', 'sui']);

/** Prepositions, articles and conjunctions: a unit ends before them (TARGETS.md, `unit`). */
export const UNIT_STOP_WORDS = new Set([
  ...FILLERS,
  'da', 'dal', 'dallo', 'dalla', 'dai', 'dagli', 'dalle', "dall'",
  'in', 'nel', 'nello', 'nella', 'nei', 'negli', 'nelle', "nell'",
  'con', 'col', 'coi', 'su', 'sul', 'sullo', 'sulla', 'sui', 'sugli', 'sulle', "sull'",
  'per', 'tra', 'fra', 'entro', 'fino', 'verso', 'oltre', 'presso', 'durante', 'mediante',
  'e', 'ed', 'o', 'od', 'ma', 'che', 'se', 'oppure', 'né', 'non',
]);

/** A unit is a noun phrase; longer runs are prose, not a unit. */
export const MAX_UNIT_WORDS = 4;

/** Day-count units, normalized to "giorni" (TARGETS.md). */
export const DAY_UNITS = new Set(['gg', 'giorni', 'giorno']);
/** Units that make a value a duration ("in 7 gg.", "entro 3 mesi"). */
export const DURATION_UNITS = new Set([...DAY_UNITS, 'mesi', 'mese', 'settimane', 'settimana', 'ore']);

export const CURRENCY_WORDS = new Set(['€', 'euro']);
export const PERCENT_WORDS = ['per', 'cento'];

export const YES_NO: Record<string, boolean> = { si: true, 'sì': true, no: false };

/**
 * Acts cited in a target ("DGC n. 32 in data 24/02/2023", "D.L. n. 19 del
 * 02/03/2024", "Art. 79 CCNL 2019/2021"): their numbers and dates identify a
 * document and are never targets.
 */
export const ACT_WORDS = new Set([
  'dgc', 'dcc', 'dgr', 'd.g.c', 'd.c.c', 'delibera', 'deliberazione', 'determina', 'determinazione',
  'decreto', 'legge', 'art', 'artt', 'dl', 'd.l', 'dlgs', 'd.lgs', 'l.r', 'lr', 'dpr', 'd.p.r', 'dpcm',
  'circolare', 'ordinanza', 'ccnl', 'comma', 'commi',
]);
/** Words that may continue an act reference after its name ("n.", "del", "in data"). */
export const ACT_REFERENCE_WORDS = new Set(['n', 'nr', 'del', 'dd', 'in', 'data', 'c']);

export const MONTHS: Record<string, number> = {
  gennaio: 1,
  febbraio: 2,
  marzo: 3,
  aprile: 4,
  maggio: 5,
  giugno: 6,
  luglio: 7,
  agosto: 8,
  settembre: 9,
  ottobre: 10,
  novembre: 11,
  dicembre: 12,
};

/** "primo semestre" → first half; also ordinals written as numbers or Roman numerals. */
export const PERIOD_ORDINALS: Record<string, number> = {
  primo: 1, secondo: 2, terzo: 3, quarto: 4,
  i: 1, ii: 2, iii: 3, iv: 4,
};
/** Months in a period: a "semestre" ends at 06-30 / 12-31, a "trimestre" every third month. */
export const PERIOD_MONTHS: Record<string, number> = { semestre: 6, trimestre: 3, quadrimestre: 4, bimestre: 2 };

export const YEAR_WORDS = new Set(['anno']);
export const END_WORDS = new Set(['fine']);
