/**
 * Where a paragraph starts when no white says so, read from the words either side
 * of a line break. A PDF keeps no paragraph marks: a cell's paragraphs show as a gap,
 * a bullet, an indent or a line that ends early, and two paragraphs set one under the
 * other without spacing, the first of which happened to fill its last line, show as
 * none of these. A reader still sees the break in the words: "… D.Lgs. 231/2002" /
 * "Approvazione del rendiconto …" is a finished item and a new one, "… del Comune di"
 * / "Como" one sentence going on. This module says what the words say; cells.ts and
 * borderless.ts weigh it with what the geometry says.
 *
 * The cues are deliberately narrow. In real plans a wrapped line starts with a
 * capital often (names: "Regione" / "Lombardia", "Polizia" / "Locale"; sentences:
 * "… famiglie." / "Assicurare il …"), so a capital alone proves nothing; what is read
 * here is a capital or a number after a line that could end an item (a finished
 * sentence, a number, a lower-case content word), never after a function word, a
 * joining mark or a capitalised word that a name may go on from.
 */

/**
 * Words after which an Italian sentence cannot stop: articles, prepositions (simple
 * and joined with the article), conjunctions and relatives, and the nouns that
 * announce a place name ("via" / "Risorgimento").
 */
const FUNCTION_WORDS = new Set(
  [
    'il lo la i gli le l un uno una',
    'di a da in con su per tra fra',
    'del dello della dei degli delle al allo alla ai agli alle dal dallo dalla dai dagli dalle',
    'nel nello nella nei negli nelle sul sullo sulla sui sugli sulle col coi',
    'e ed o od né ne ma che cui se come quale quali sia anche oppure ovvero ossia non più',
    'via viale piazza piazzale corso largo vicolo località frazione',
  ]
    .join(' ')
    .split(' '),
);

/**
 * A full stop that does not end a sentence: after a short word ("n.", "art.",
 * "dell’art.", "L."), a few longer abbreviations, or dotted initials ("D.Lgs.",
 * "AA.GG.", "S.U.A.P.").
 */
const ABBREVIATION = /(?:^|[\s(’'])(?:\p{L}{1,3}|ecc|pag|dott|rif|\p{L}+(?:\.\p{L}+)+)\.$/u;

/** `text` ends a sentence ("… regionale."), not an abbreviation ("n.", "ecc.", "D.Lgs."). */
export const endsSentence = (text: string): boolean => /[.!?]$/.test(text) && !ABBREVIATION.test(text);

/** A number, date, percentage or range as printed: "2023", "30/04/2024", "50%", "2019-2021". */
const NUMBER = /^\d[\d.,/%°-]*$/u;
/** A capitalised word: a capital then a lower-case letter ("Approvazione", not "ANPR" nor "(Area"). */
const CAPITALISED = /^\p{Lu}\p{Ll}/u;
/** A lower-case word, possibly with an apostrophe inside ("dell’ente") but not elided ("dell’"). */
const LOWER_WORD = /^\p{Ll}(?:[\p{Ll}'’]*\p{Ll})?$/u;
/** A word set in capitals or with an initial capital, nothing after it ("Locale", "AAGG", "Covid-19"). */
const NAME_WORD = /^\p{Lu}[\p{L}\p{N}'’-]*$/u;

/** How a line's last word leaves its sentence. */
type LineEnd =
  /** a sentence end, a closing bracket, ";" or ":" */
  | 'closed'
  | 'number'
  /** a lower-case word that may end a phrase ("… di accertamento") */
  | 'content'
  /** a capitalised or upper-case word: an item may end here, or a name go on ("Polizia" / "Locale") */
  | 'name'
  /** nothing can stop here: a function word, an elision, a joining mark, an abbreviation */
  | 'open';

function lineEnd(word: string): LineEnd {
  if (/[;:)!?]$/.test(word)) return 'closed';
  if (word.endsWith('.')) return endsSentence(word) ? 'closed' : 'open';
  if (NUMBER.test(word)) return 'number';
  if (LOWER_WORD.test(word)) return FUNCTION_WORDS.has(word) ? 'open' : 'content';
  return NAME_WORD.test(word) ? 'name' : 'open';
}

/** Nothing can stop after `word`: a function word, an elision, a joining mark, an abbreviation. */
export const endsOpen = (word: string): boolean => lineEnd(word) === 'open';

/** The last words of `text`, last first. */
const lastWords = (text: string): string[] => text.trim().split(/\s+/).reverse();

/**
 * A list of values, one a line: a number after a line ending in one ("2023" /
 * "2024", "entro il 30/04/2024" / "31/12/2024"). Not where the line sets numbers
 * side by side ("8 9 2" / "1 1 1"): its paragraph runs them with spaces, so a break
 * between two says nothing.
 */
export function numberAfterNumber(before: string, first: string): boolean {
  const [last = '', previous = ''] = lastWords(before);
  return /^\d/.test(first) && lineEnd(last) === 'number' && !NUMBER.test(previous);
}

/**
 * A capitalised word after a line that could end an item: a finished sentence, a
 * number, a lower-case content word ("… D.Lgs. 231/2002" / "Approvazione", "… di
 * accertamento" / "Attivazione", "… scala 1-5)" / "Tempo").
 */
export function capitalAfterEnd(before: string, first: string): boolean {
  const end = lineEnd(lastWords(before)[0] ?? '');
  return CAPITALISED.test(first) && end !== 'open' && end !== 'name';
}

/**
 * The capitalised word that opened an earlier item of the cell opening a line again,
 * after a line that could end ("Area Finanziaria" / "Area Socio culturale"): a list of
 * parallel entries. A function word or joining mark before it ("Responsabile di" /
 * "Area") keeps the line in its sentence.
 */
export function repeatsHead(heads: ReadonlySet<string>, before: string, first: string): boolean {
  return CAPITALISED.test(first) && heads.has(first) && !endsOpen(lastWords(before)[0] ?? '');
}
