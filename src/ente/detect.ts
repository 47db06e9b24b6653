/**
 * A plan rarely states its ente in a field: the comune shows up in a cover line, a
 * letterhead or a running header ("COMUNE DI AVELLA", "Città di Pinerolo"), while
 * other comuni appear inside sentences ("in collaborazione con il Comune di Como").
 * So only a "Comune di …" phrase that opens its line counts, its name must be a
 * real comune, and the first such comune wins unless another clearly dominates.
 */
import { normalizeSpace } from '../text/normalize.js';
import { foldForMatch } from '../text/normalize.js';
import { type Comune, findComuni, nameKey } from './comuni.js';

export interface DetectedEnte {
  /** the phrase as the document prints it, first time ("COMUNE DI AVELLA", "Città di Pinerolo") */
  name: string;
  /** null when the name is shared by two comuni and the text does not say the province */
  istat: string | null;
}

export const DETECT_SETTINGS = {
  /**
   * The longest Italian names have six words ("Castrocaro Terme e Terra del Sole",
   * "San Casciano in Val di Pesa"); a longer run after "Comune di" is a sentence.
   */
  maxNameWords: 6,
  /**
   * A comune mentioned later wins over the first one only when it appears more than
   * this many times as often: a running header repeats the issuer on every page,
   * while a first-page mention of a partner comune is usually a one-off.
   */
  outnumberFactor: 2,
} as const;

/** "Comune di", "COMUNE DEL", "Città di", "CITTA' DI", "Comune d'" … before a name. */
const ENTE_PHRASE = /\b(?:comune|citt(?:à|a['’]?)|municipio)\s+(?:(?:di|del|della|dei|degli|delle)\b|d['’])\s*/giu;

/**
 * What may precede the phrase on its line for it to name the issuer: nothing (a
 * heading, a letterhead) or the article of a self-introduction ("Il Comune di
 * Alzano Lombardo adotta …"). Anything else is a sentence mentioning a partner.
 */
const ISSUER_LINE_START = /^\s*(?:il\s+)?$/iu;

/** Punctuation that ends a name inside a line ("Comune di Avella (AV)", "…, Settore"). */
const NAME_END = /[,.;:()[\]"«»|\u2013\u2014]|\s-\s/u;

/** Province hints for the names two comuni share: "(BG)" or "Provincia di Bergamo". */
const PROVINCE_SIGLA = /\(([A-Z]{2})\)/g;
const PROVINCE_NAME = /\bprovincia\s+di\s+([\p{L}' -]+)/giu;

interface Mention {
  candidates: Comune[];
  /** the phrase and the name as printed, spaces collapsed */
  printed: string;
  order: number;
}

/** The words that follow a "Comune di" phrase: the rest of its line, or the next line. */
function nameWords(after: string): string[] {
  const trimmed = after.replace(/^[ \t]*\r?\n?/, '');
  const line = trimmed.split(/\r?\n/, 1)[0] ?? '';
  const cut = line.split(NAME_END, 1)[0] ?? '';
  return cut.split(/\s+/).filter(Boolean).slice(0, DETECT_SETTINGS.maxNameWords);
}

/** The longest run of leading words that is a comune's name, and the comuni it names. */
function longestComune(words: string[]): { name: string; comuni: Comune[] } | null {
  for (let n = words.length; n > 0; n--) {
    const name = words.slice(0, n).join(' ');
    const comuni = findComuni(name);
    if (comuni.length > 0) return { name, comuni };
  }
  return null;
}

function provinceHints(texts: string[]): string[] {
  const hints: string[] = [];
  for (const text of texts) {
    for (const m of text.matchAll(PROVINCE_SIGLA)) hints.push(m[1] ?? '');
    for (const m of text.matchAll(PROVINCE_NAME)) {
      hints.push(...nameWords(m[1] ?? '').map((_, i, words) => words.slice(0, i + 1).join(' ')));
    }
  }
  return hints.filter(Boolean).map(nameKey);
}

function mentions(texts: string[]): Mention[] {
  const found: Mention[] = [];
  for (const text of texts) {
    for (const m of text.matchAll(ENTE_PHRASE)) {
      const at = m.index ?? 0;
      if (!ISSUER_LINE_START.test(text.slice(text.lastIndexOf('\n', at - 1) + 1, at))) continue;
      const named = longestComune(nameWords(text.slice(at + m[0].length)));
      if (named) {
        const phrase = normalizeSpace(m[0]);
        // An elided "d'" joins the name as printed: "Comune d'Aosta".
        const printed = /['’]$/.test(phrase) ? `${phrase}${named.name}` : `${phrase} ${named.name}`;
        found.push({ candidates: named.comuni, printed, order: found.length });
      }
    }
  }
  return found;
}

/**
 * The ente that issued a document, from its texts in reading order (pages, headers,
 * paragraphs), or null when no "Comune di …" phrase names a real comune.
 */
export function detectEnte(texts: string[]): DetectedEnte | null {
  const all = mentions(texts);
  if (all.length === 0) return null;
  const byName = new Map<string, { candidates: Comune[]; printed: string; count: number; first: number }>();
  for (const m of all) {
    const key = foldForMatch(m.candidates[0]?.name ?? '');
    const entry = byName.get(key) ?? { candidates: m.candidates, printed: m.printed, count: 0, first: m.order };
    entry.count += 1;
    byName.set(key, entry);
  }
  const ranked = [...byName.values()].sort((a, b) => a.first - b.first);
  const first = ranked[0];
  if (!first) return null;
  const dominant = ranked.find((e) => e.count > first.count * DETECT_SETTINGS.outnumberFactor) ?? first;
  const chosen = pickByProvince(dominant.candidates, provinceHints(texts));
  return { name: dominant.printed, istat: chosen?.istat ?? null };
}

function pickByProvince(candidates: Comune[], hints: string[]): Comune | null {
  if (candidates.length === 1) return candidates[0] ?? null;
  const matching = candidates.filter((c) =>
    hints.some((h) => h === nameKey(c.province) || h === nameKey(c.provinceName)),
  );
  return matching.length === 1 ? (matching[0] ?? null) : null;
}
