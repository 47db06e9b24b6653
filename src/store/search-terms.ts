/**
 * Analysts type "scuola" and expect "scuole", type "attivita" and expect "attività".
 * SQLite's FTS5 folds accents but does not know Italian inflection, so the index
 * holds a stemmed, accent-folded copy of each text and queries go through the very
 * same treatment. Two stemmers side by side: natural's Italian Porter stemmer
 * conflates verb and derived forms but splits some plurals ("telecamera" →
 * "telecamer", "telecamere" → "telecam"); a light stemmer that only drops the
 * gender/number ending (as Savoy's does) joins those, so a word matches if either agrees.
 */
import { isFoldedStopword, porterStem } from '../text/italian.js';
import { foldForMatch } from '../text/normalize.js';

const WORD = /[\p{L}\p{N}]+/gu;

/** A word a search leaves out when the query has others ("di", "della", "per"). */
export const isStopword = (word: string): boolean => isFoldedStopword(foldForMatch(word));

/**
 * Words shorter than this keep their ending in the light stemmer: in "casa"/"case"
 * or "via"/"vie" the ending is too much of the word to drop safely (Porter still
 * handles them).
 */
const LIGHT_STEM_MIN_LENGTH = 6;

/** scuola/scuole → scuol, ufficio/uffici → uffic, banca/banche → banc. */
function lightStem(word: string): string {
  if (word.length < LIGHT_STEM_MIN_LENGTH) return word;
  const last = word.at(-1);
  const before = word.at(-2) ?? '';
  if (last === 'e' || last === 'i') return word.slice(0, before === 'i' || before === 'h' ? -2 : -1);
  if (last === 'a' || last === 'o') return word.slice(0, before === 'i' ? -2 : -1);
  return word;
}

/** The distinct stems of one folded word. */
function stems(word: string): string[] {
  const porter = porterStem(word);
  const light = lightStem(word);
  return porter === light ? [porter] : [porter, light];
}

/** The stems of a text's words, in order: what the FTS5 index stores. */
export function searchTerms(text: string): string[] {
  return (foldForMatch(text).match(WORD) ?? []).flatMap(stems);
}

/**
 * An FTS5 query that needs every word of `text`, a word matching when either of
 * its stems starts an indexed term ("sorveglia" also finds "sorveglianza"); null
 * when the text has no words. Stop words are dropped unless the query is nothing
 * else: "piano di sviluppo" must not require a "di" in the objective's title.
 */
export function matchExpression(text: string): string | null {
  const words = [...new Set(foldForMatch(text).match(WORD) ?? [])];
  const content = words.filter((word) => !isFoldedStopword(word));
  const kept = content.length > 0 ? content : words;
  if (kept.length === 0) return null;
  const phrase = (stem: string): string => `"${stem.replaceAll('"', '""')}"*`;
  return kept.map((word) => `(${stems(word).map(phrase).join(' OR ')})`).join(' AND ');
}
