/**
 * The Missione catalogue matcher and the Missione classifier both compare texts by
 * their meaningful Italian words: "Diritti sociali, politiche sociali e famiglie"
 * must meet "famiglia", "ATTIVITA'" must meet "attività", and "e", "del", "alla"
 * must carry no weight. This module reduces a text to those words' stems.
 */
import AggressiveTokenizerIt from 'natural/lib/natural/tokenizers/aggressive_tokenizer_it.js';
import { isFoldedStopword, porterStem } from '../text/italian.js';
import { foldForMatch } from '../text/normalize.js';

const tokenizer = new AggressiveTokenizerIt();

/** Tokens that carry no topic: digits ("2023", "01"), single letters left by elisions. */
const NOT_A_WORD = /^(?:\d+|.)$/;

/**
 * The stems of a text's content words, in order. The text is folded first: natural's
 * Italian tokenizer splits on ASCII non-word characters, so "attività" would lose its
 * last letter, and the apostrophe look-alikes would not split "dell’ambiente".
 */
export function contentStems(text: string): string[] {
  return tokenizer
    .tokenize(foldForMatch(text))
    .filter((token) => !isFoldedStopword(token) && !NOT_A_WORD.test(token))
    .map(porterStem);
}
