/**
 * Every comune names its columns its own way: "Obiettivo esecutivo: PEG – piano
 * performance", "Descrizione obiettivo", "KPI", "Livello atteso", "Pesatura settore",
 * "Centro di responsabilità". This module maps a header text to the field of the
 * contract it feeds, from Italian synonyms and their abbreviations, so the table
 * reader works on roles, not on the words of one document.
 */
import { foldForMatch } from '../text/normalize.js';
import type { Level } from './draft.js';

export type ColumnRole =
  | 'objective'
  | 'description'
  | 'indicator'
  | 'target'
  | 'deadline'
  | 'type'
  | 'actual'
  | 'baseline'
  | 'weight'
  | 'responsible'
  | 'settore'
  | 'servizio'
  | 'area'
  | 'missione'
  | 'programma'
  | 'years'
  | 'code'
  | 'phase'
  | 'ignore';

export interface ColumnMeaning {
  role: ColumnRole;
  /** for objective columns: the level the header names, if it names one */
  level?: Level;
}

interface Rule {
  role: ColumnRole;
  /** matched against the folded header (lower case, no accents); first rule that matches wins */
  pattern: RegExp;
  level?: Level;
}

/**
 * Order matters: specific phrases before the words they contain ("valore atteso"
 * before "valore", "descrizione fase" before "descrizione obiettivo", "resp. settore"
 * before "settore", "obiettivo strategico" before "obiettivo").
 */
const RULES: Rule[] = [
  { role: 'code', pattern: /^(n\.?|nr\.?|n°|#|num\.?)$/ },
  { role: 'indicator', pattern: /^indicator/ },
  { role: 'objective', pattern: /^(descrizione|titolo|denominazione) (dell'? ?)?obiettiv/ },
  { role: 'code', pattern: /^(cod(ice)?\.?|id|numero obiettivo|n\.? obiettivo)\b/ },
  { role: 'objective', pattern: /obiettiv\w* strategic/, level: 'strategico' },
  { role: 'objective', pattern: /obiettiv\w* operativ/, level: 'operativo' },
  { role: 'objective', pattern: /obiettiv\w* (esecutiv|gestional|di performance|peg|specific)/, level: 'esecutivo' },
  { role: 'weight', pattern: /\b(peso|pesatura|ponderazione)\b/ },
  // "Settore responsabile" names the unit, which is then also the responsible one.
  { role: 'settore', pattern: /^(settore|servizio|ufficio|struttura|area) (responsabile|competente)/ },
  { role: 'actual', pattern: /valore (effettivo|consuntivo|raggiunto|rilevato)|risultato (raggiunto|conseguito)|consuntivo/ },
  { role: 'baseline', pattern: /valore di partenza|baseline|valore iniziale|situazione di partenza|valore storico/ },
  { role: 'target', pattern: /valore atteso|livello atteso|risultato atteso|valore obiettivo|valore target|target|atteso|risultato programmato/ },
  { role: 'deadline', pattern: /scadenza|tempistic|termine|tempi di realizzazione|cronoprogramma|data prevista/ },
  { role: 'type', pattern: /tipologia|tipo (di )?(valore|indicatore)|unita di misura/ },
  { role: 'phase', pattern: /^(descrizione )?fas[ei]\b|^attivita\b|^azioni\b/ },
  { role: 'indicator', pattern: /indicator|\bkpi\b|\bmisur[ae]\b|parametr/ },
  { role: 'responsible', pattern: /resp\.?\s*(del\s*)?settore|responsabil|referent|dirigent|centro di (responsabilita|costo)|incaricat|struttura (competente|responsabile)|^p\.?o\.?$/ },
  { role: 'programma', pattern: /programm/ },
  { role: 'missione', pattern: /missione|missioni/ },
  { role: 'servizio', pattern: /servizio|ufficio|uffici/ },
  { role: 'settore', pattern: /settore|settori|struttura|unita organizzativ|direzione/ },
  { role: 'area', pattern: /^area\b|^aree\b/ },
  { role: 'years', pattern: /^(anni|anno|annualita|periodo|triennio|esercizio)\b/ },
  { role: 'description', pattern: /finalita|descrizione|contenuto|risultati attesi|note|motivazione/ },
  { role: 'objective', pattern: /obiettiv|^azione|^progetto/ },
];

/** The "Sigla servizio /ufficio" column is a code, not a name: it must not overwrite the servizio name. */
const SERVICE_CODE = /^sigla\b/;

export function mapHeader(text: string): ColumnMeaning | null {
  const f = foldForMatch(text).replace(/[:;]/g, ' ').replace(/\s+/g, ' ').trim();
  if (!f) return null;
  if (SERVICE_CODE.test(f)) return { role: 'ignore' };
  for (const r of RULES) {
    if (r.pattern.test(f)) return r.level ? { role: r.role, level: r.level } : { role: r.role };
  }
  return null;
}

/** How strongly a row looks like a header: the number of cells that name a known role. */
export function headerScore(texts: string[]): number {
  let score = 0;
  for (const t of texts) {
    if (!t || t.length > 160) continue;
    const m = mapHeader(t);
    if (m && m.role !== 'ignore') score++;
  }
  return score;
}
