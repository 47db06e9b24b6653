/**
 * Italian words as the Missione classifier and the search index both see them:
 * folded stop words, and natural's Italian Porter stemmer remembered per word. A
 * batch stems millions of words drawn from a vocabulary of a few tens of thousands;
 * the stemmer was a fifth of the time spent saving a plan, and a large share of
 * classifying its objectives.
 */
import stemmer from 'natural/lib/natural/stemmers/porter_stemmer_it.js';
import { words as italianStopwords } from 'natural/lib/natural/util/stopwords_it.js';
import { wordMemo } from './memo.js';
import { foldForMatch } from './normalize.js';

/** Folded like the text, so "è" and "piu" are stop words whichever way they are typed. */
const STOPWORDS = new Set(italianStopwords.map(foldForMatch));

/** Whether a folded word is an Italian stop word ("di", "della", "per"). */
export const isFoldedStopword = (word: string): boolean => STOPWORDS.has(word);

/** Words whose stems are remembered (see wordMemo). */
const STEM_MEMO_WORDS = 100_000;

/** The Porter stem of a folded word. */
export const porterStem = wordMemo(STEM_MEMO_WORDS, (word) => stemmer.stem(word));
