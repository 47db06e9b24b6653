// natural ships no types for its per-language files, and importing its index instead
// would load every language and print a banner on stdout; so the files that the store
// (search terms) and the Missione matcher and classifier import one by one are typed here.
declare module 'natural/lib/natural/stemmers/porter_stemmer_it.js' {
  const stemmer: { stem(token: string): string };
  export default stemmer;
}
declare module 'natural/lib/natural/util/stopwords_it.js' {
  export const words: string[];
}
declare module 'natural/lib/natural/tokenizers/aggressive_tokenizer_it.js' {
  /** Splits on every non-word character (ASCII \W: accented letters split too, so fold first). */
  export default class AggressiveTokenizerIt {
    tokenize(text: string): string[];
  }
}
