/**
 * Analysts type "scuola" and expect "scuole", type "attivita" and expect "attività".
 * SQLite's FTS5 folds accents but does not know Italian inflection, so the index
 * holds a stemmed, accent-folded copy of each text and queries go through the very
 * same treatment. Two stemmers side by side: natural's Italian Porter stemmer
 * conflates verb and derived forms but splits some plurals ("telecamera" →
 * "telecamer", "telecamere" → "telecam"); a light stemmer that only drops the
 * gender/number ending (as Savoy's does) joins those, so a word matches if either agrees.
 */
import stemmer from 'natural/lib/natural/stemmers/porter_stemmer_it.js';
import { words as italianStopwords } from 'natural/lib/natural/util/stopwords_it.js';
import { foldForMatch } from '../text/normalize.js';
import { wordMemo } from '../text/memo.js';

const WORD = /[\p{L}\p{N}]+/gu;

/** Folded like the text, so "è" and "piu" are stop words whichever way they are typed. */
const STOPWORDS = new Set(italianStopwords.map(foldForMatch));

/** A word a search leaves out when the query has others ("di", "della", "per"). */
export const isStopword = (word: string): boolean => STOPWORDS.has(foldForMatch(word));

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

/**
 * Words remembered with their stems: a batch stems millions of words drawn from a
 * vocabulary of a few tens of thousands, and the Porter stemmer was a fifth of the
 * time spent saving a plan.
 */
const STEM_MEMO_WORDS = 100_000;

/** The distinct stems of one folded word. */
const stems = wordMemo(STEM_MEMO_WORDS, (word): readonly string[] => [...new Set([stemmer.stem(word), lightStem(word)])]);

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
  const content = words.filter((word) => !STOPWORDS.has(word));
  const kept = content.length > 0 ? content : words;
  if (kept.length === 0) return null;
  const phrase = (stem: string): string => `"${stem.replaceAll('"', '""')}"*`;
  return kept.map((word) => `(${stems(word).map(phrase).join(' OR ')})`).join(' AND ');
}
