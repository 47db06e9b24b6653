/**
 * Words the layout broke across lines, rejoined. A word wider than its table column
 * is broken between two letters with no hyphen ("videosorveglianz" / "a"), and
 * joining the cell's lines with a space would print two non-words. Texts reach this
 * step with "\n" where a line ended; each break becomes nothing when the two pieces
 * make a known word (seen whole elsewhere in the document, or in the Italian
 * dictionary) and are not both words themselves, nothing after a printed hyphen
 * ("e-" / "mail" stays "e-mail"), and a single space otherwise. A reader that knows
 * a line cannot end in a broken word (it stops short, or a space glyph follows) says
 * so with a space before the "\n".
 *
 * It works on the document model, so any reader whose texts carry line breaks
 * (a PDF's, a DOCX's soft breaks) can use it.
 */
import type { Block, DocumentModel, Item } from '../document/model.js';
import { italianLexicon, type Lexicon } from './lexicon.js';
import { LAYOUT_SETTINGS, type RejoinSettings } from './settings.js';

/** Leading and trailing punctuation around a word ("(almeno", "norma)", "“ADAM”."). */
const EDGE_PUNCT = /^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu;
/** An elided article or preposition before the word proper ("dell'", "l’"). */
const ELISION = /^.*['’]/;

const CONSONANT_END = /[bcdfghlmnpqrstvz]$/i;
const VOWEL = /^[aeiouàèéìòù]$/i;

/**
 * After a printed hyphen the line carries on the compound when the next piece is
 * lower case after a lower-case word or a prefix ("e-" / "mail", "economica-" /
 * "finanziaria", "Co-" / "programmazione"), the hyphen follows a lone letter ("i-" /
 * "Cloud"), both pieces are capitals ("GES-" / "NET"), or both are capitalised words
 * (a double name: "Economico-" / "Finanziaria"). "privata-" / "SUAP", "precedenti-" /
 * "Adozione" and "Garibaldi-" / "parcheggio" were typed with a space after the hyphen.
 */
function hyphenGlues(head: string, tail: string, s: RejoinSettings): boolean {
  const h = core(head);
  const t = core(tail);
  const caps = (x: string) => /\p{Lu}/u.test(x) && x === x.toUpperCase();
  const capitalised = (x: string) => /^\p{Lu}\p{Ll}+$/u.test(x);
  const prefixLike = /^\p{Ll}/u.test(h) || h.length <= s.maxPrefixLength;
  return (prefixLike && /^\p{Ll}/u.test(t)) || /^\p{L}$/u.test(h) || (caps(h) && caps(t)) || (capitalised(h) && capitalised(t));
}

const core = (token: string) => token.replace(EDGE_PUNCT, '');
const PLAIN_WORD = /^\p{L}+$/u;
const lemma = (token: string) => (PLAIN_WORD.test(token) ? token : core(token).replace(ELISION, '')).toLowerCase();

/** What joins the parts of "tributarie/accertamenti" or "co-progettazione". */
const COMPOUND_JOINER = /[/\-–]/;

/** The lower-cased words a text prints whole: every token not at a line break. */
function addVocabulary(text: string, vocabulary: Set<string>): void {
  const lines = text.split('\n');
  lines.forEach((line, i) => {
    const tokens = line.split(/\s+/).filter(Boolean);
    tokens.forEach((t, k) => {
      const atBreak = (k === 0 && i > 0) || (k === tokens.length - 1 && i < lines.length - 1);
      if (atBreak) return;
      const word = lemma(t);
      if (!COMPOUND_JOINER.test(word)) vocabulary.add(word);
      else for (const part of word.split(COMPOUND_JOINER)) vocabulary.add(part);
    });
  });
}

const WHITE = /\s/;

/**
 * The `n`th word from the end of `line` (0: the last), read backwards from its end:
 * only the words at a break matter, and splitting every line whole cost more than
 * the rest of the rejoining.
 */
function wordFromEnd(line: string, n: number): string {
  let end = line.length;
  for (let k = 0; ; k++) {
    while (end > 0 && WHITE.test(line[end - 1]!)) end--;
    let start = end;
    while (start > 0 && !WHITE.test(line[start - 1]!)) start--;
    if (k === n || start === end) return line.slice(start, end);
    end = start;
  }
}

const FIRST_WORD = /^\s*(\S+)/;

class Rejoiner {
  constructor(
    private readonly lexicon: Lexicon,
    private readonly vocabulary: Set<string>,
    private readonly s: RejoinSettings,
  ) {}

  private known(word: string): boolean {
    return this.vocabulary.has(word) || this.lexicon.has(word);
  }

  /** Whether `head` (ending a line) and `tail` (starting the next) are one word broken by the layout. */
  private broken(head: string, tail: string): boolean {
    // Only the last part of "tributarie/accertam" or "co-progettazion" can be a broken word.
    const h = core(head).replace(ELISION, '').split(COMPOUND_JOINER).pop() ?? '';
    const t = core(tail);
    if (h.length < this.s.minHeadLength || !/\p{L}$/u.test(h) || !/^\p{L}/u.test(t)) return false;
    // Case must carry on: "VIDEOSORVEGLIANZ" / "A", "Contestazion" / "e"; not "del" / "Consiglio", "PNRR" / "e".
    const upperHead = h === h.toUpperCase();
    if (upperHead ? t !== t.toUpperCase() : /^\p{Lu}/u.test(t)) return false;
    const joined = (h + t).toLowerCase();
    const headWord = this.known(h.toLowerCase());
    if (!this.known(joined)) {
      // A word the dictionary lacks ("contrattualizzazion" / "e"): Italian words end in a
      // vowel, so a fragment ending in a consonant before a lone vowel is a broken word.
      return !headWord && h.length >= this.s.minUnknownHeadLength && CONSONANT_END.test(h) && VOWEL.test(t);
    }
    // Both pieces words ("per" / "i", "ordinari" / "a"): two words, unless the document
    // prints the joined word whole elsewhere.
    const bothWords = headWord && this.known(t.toLowerCase());
    return !bothWords || this.vocabulary.has(joined);
  }

  /** What goes where a line ended: "" (broken word, printed hyphen) or " ". */
  private joint(prevLine: string, nextLine: string, listDash: () => string): string {
    const head = wordFromEnd(prevLine, 0);
    const tail = FIRST_WORD.exec(nextLine)?.[1] ?? '';
    if (!head || !tail) return ' ';
    // A dash opening a list entry ("pa: -" / "Domanda"): as the text writes it elsewhere; glued by default
    // (documents mix both styles, so only the text itself is evidence).
    if (/^[-–]$/.test(head) && /[.:;]$/.test(wordFromEnd(prevLine, 1)) && /^\p{L}/u.test(tail)) return listDash();
    // Punctuation never opens a line unless a word was cut before it ("manutenzioni" / ",").
    if (/^[,.;:)\]»”’]/u.test(tail)) return '';
    // A printed hyphen inside a compound, or a short alternation after a slash, stays glued.
    if (/[\p{L}\p{N}]-$/u.test(head) && hyphenGlues(head, tail, this.s)) return '';
    if (/\p{L}\/$/u.test(head) && /^\p{L}{1,2}$/u.test(tail)) return '';
    if (/\s$/.test(prevLine)) return ' ';
    // A full line ending at a slash between capitals: a code too long for its column ("TRASV/" / "STRAT").
    if (/\p{Lu}\/$/u.test(head) && /^\p{Lu}+\b/u.test(tail) && head === head.toUpperCase()) return '';
    return this.broken(head, tail) ? '' : ' ';
  }

  text(text: string): string {
    if (!text.includes('\n')) return text.replace(/\s+/g, ' ').trim();
    const lines = text.split('\n');
    let listDash: string | undefined;
    const dashJoint = () => (listDash ??= new DashStyle().count(lines).joint());
    let out = lines[0]!;
    for (let i = 1; i < lines.length; i++) out = out.trimEnd() + this.joint(lines[i - 1]!, lines[i]!, dashJoint) + lines[i]!.trimStart();
    return out.replace(/\s+/g, ' ').trim();
  }
}

/**
 * How a text writes a dash opening a list entry after ":", ";" or ".": glued to its
 * word ("mancanti; -chiusura") or spaced ("interventi; - spargimento"), counted
 * inside lines, where no break hides the space.
 */
class DashStyle {
  glued = 0;
  spaced = 0;
  count(lines: string[]): this {
    for (const line of lines) {
      this.glued += line.match(/[.:;] [-–]\p{L}/gu)?.length ?? 0;
      this.spaced += line.match(/[.:;] [-–] \p{L}/gu)?.length ?? 0;
    }
    return this;
  }
  /** The joint this style asks for: glued unless the text spaces its dashes more often. */
  joint(): string {
    return this.spaced > this.glued ? ' ' : '';
  }
}

function* textsOf(block: Block): Iterable<string> {
  if (block.kind !== 'table') return yield block.text;
  yield* block.columns;
  for (const row of block.rows) for (const cell of row.cells) for (const item of cell?.items ?? []) yield item.text;
}

function mapTexts(block: Block, f: (text: string) => string): Block {
  if (block.kind !== 'table') return { ...block, text: f(block.text) };
  const item = (i: Item): Item => ({ ...i, text: f(i.text) });
  return {
    ...block,
    columns: block.columns.map(f),
    rows: block.rows.map((row) => ({
      ...row,
      cells: row.cells.map((cell) => (cell ? { ...cell, items: cell.items.map(item) } : null)),
    })),
  };
}

/** Rejoins broken words in every text of `model` with the given lexicon. */
export function rejoinWithLexicon(model: DocumentModel, lexicon: Lexicon, s: RejoinSettings = LAYOUT_SETTINGS.rejoin): DocumentModel {
  const vocabulary = new Set<string>();
  for (const block of model.blocks) for (const text of textsOf(block)) addVocabulary(text, vocabulary);
  const rejoiner = new Rejoiner(lexicon, vocabulary, s);
  return { ...model, blocks: model.blocks.map((b) => mapTexts(b, (t) => rejoiner.text(t))) };
}

/** Rejoins broken words in every text of `model`, with the Italian dictionary. */
export async function rejoinBrokenWords(model: DocumentModel, s: RejoinSettings = LAYOUT_SETTINGS.rejoin): Promise<DocumentModel> {
  return rejoinWithLexicon(model, await italianLexicon(), s);
}
