/**
 * The same title reaches the gold and the extractor with different typography:
 * typographic or straight apostrophes, en dashes or hyphens, compatibility forms,
 * line breaks, upper or lower case. Comparisons go through one normal form, and
 * near-misses through a similarity ratio, so that the score measures reading, not
 * typography. Accents are kept: "attivita" for "attività" is an extraction error.
 */
import { normalizeSpace } from '../text/normalize.js';

const QUOTES = /[\u2018\u2019\u201A\u201B\u2032\u00B4\u0060\u02BC\u201C\u201D\u201E\u00AB\u00BB"]/g;
const DASHES = /[\u2010\u2011\u2012\u2013\u2014\u2015\u2212]/g;

/** NFKC, case-folded, quotes and dashes unified, white space collapsed. */
export function normalizeText(text: string): string {
  return normalizeSpace(text.normalize('NFKC').toLowerCase().replace(QUOTES, "'").replace(DASHES, '-'));
}

/** Characters bucketed by code unit: collisions only weaken the bound below, never break it. */
const BUCKETS = 256;
const bag = new Int32Array(BUCKETS);

/** Characters the two texts share, as multisets: no alignment can match more of them. */
function sharedCharacters(a: string, b: string): number {
  bag.fill(0);
  for (let i = 0; i < a.length; i++) {
    const k = a.charCodeAt(i) % BUCKETS;
    bag[k] = (bag[k] as number) + 1;
  }
  let shared = 0;
  for (let i = 0; i < b.length; i++) {
    const k = b.charCodeAt(i) % BUCKETS;
    const left = bag[k] as number;
    if (left > 0) {
      bag[k] = left - 1;
      shared++;
    }
  }
  return shared;
}

/**
 * Edit distance, or `max + 1` as soon as it must exceed `max`. Only the diagonal
 * band |i − j| ≤ max can hold a path that cheap (Ukkonen), so each row costs
 * O(max) instead of O(length).
 */
function boundedDistance(a: string, b: string, max: number): number {
  const over = max + 1;
  let prev = new Int32Array(b.length + 2).fill(over);
  let cur = new Int32Array(b.length + 2).fill(over);
  for (let j = 0; j <= Math.min(b.length, max); j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    const lo = Math.max(1, i - max);
    const hi = Math.min(b.length, i + max);
    cur[lo - 1] = lo === 1 && i <= max ? i : over;
    let rowMin = cur[lo - 1] as number;
    for (let j = lo; j <= hi; j++) {
      const substitution = (prev[j - 1] as number) + (a[i - 1] === b[j - 1] ? 0 : 1);
      const v = Math.min(substitution, (prev[j] as number) + 1, (cur[j - 1] as number) + 1, over);
      cur[j] = v;
      if (v < rowMin) rowMin = v;
    }
    cur[hi + 1] = over;
    if (rowMin > max) return over;
    [prev, cur] = [cur, prev];
  }
  return Math.min(prev[b.length] as number, over);
}

/**
 * The Levenshtein ratio (1 − edit distance ⁄ length of the longer text) when it
 * reaches `atLeast`, else 0. Cheap bounds (length difference, shared characters)
 * reject most pairs of a plan before any alignment is computed.
 */
export function similarityAtLeast(a: string, b: string, atLeast: number): number {
  const longer = Math.max(a.length, b.length);
  if (longer === 0) return 1;
  const max = Math.floor((1 - atLeast) * longer + 1e-9);
  if (longer - sharedCharacters(a, b) > max) return 0;
  const distance = boundedDistance(a, b, max);
  return distance > max ? 0 : 1 - distance / longer;
}
