/**
 * Is this an Italian word? Rejoining a word the layout broke across lines needs to
 * know whether "videosorveglianza" is a word and "videosorveglianz" is not. nspell
 * answers by expanding every stem of the Hunspell dictionary with every affix up
 * front, which for dictionary-it takes minutes; this lookup instead strips the
 * affixes from the word asked about (as Hunspell itself does) and checks the stem and
 * its flags: loading is one pass over the files (~150 ms, once per process), a
 * lookup a few map probes, and answers are remembered.
 *
 * Covered: SFX and PFX rules with conditions and their cross product, which is all
 * dictionary-it uses; compounding and continuation classes are not (it has none).
 */

import { wordMemo } from '../text/memo.js';

interface Affix {
  flag: string;
  strip: string;
  add: string;
  /** condition on the stem, anchored at its end (SFX) or start (PFX) */
  cond: RegExp;
  cross: boolean;
}

/** Words whose answer is remembered (see wordMemo). */
const ANSWER_MEMO_WORDS = 100_000;

export interface Lexicon {
  has(word: string): boolean;
}

function parseAffixes(aff: string): { sfx: Map<string, Affix[]>; pfx: Map<string, Affix[]> } {
  const sfx = new Map<string, Affix[]>();
  const pfx = new Map<string, Affix[]>();
  const cross = new Map<string, boolean>();
  for (const raw of aff.split('\n')) {
    const f = raw.trim().split(/\s+/);
    const kind = f[0];
    if (kind !== 'SFX' && kind !== 'PFX') continue;
    const flag = f[1]!;
    if (f.length === 4 && (f[2] === 'Y' || f[2] === 'N')) {
      cross.set(kind + flag, f[2] === 'Y');
      continue;
    }
    if (f.length < 5) continue;
    const strip = f[2] === '0' ? '' : f[2]!;
    const add = f[3] === '0' ? '' : f[3]!.split('/')[0]!;
    const condition = f[4] === '.' ? '' : f[4]!;
    const cond = kind === 'SFX' ? new RegExp(`${condition}$`) : new RegExp(`^${condition}`);
    const table = kind === 'SFX' ? sfx : pfx;
    const list = table.get(add) ?? [];
    list.push({ flag, strip, add, cond, cross: cross.get(kind + flag) ?? false });
    table.set(add, list);
  }
  return { sfx, pfx };
}

function parseStems(dic: string): Map<string, string> {
  const stems = new Map<string, string>();
  const lines = dic.split('\n');
  for (let i = 1; i < lines.length; i++) {
    const entry = lines[i]!.trim().split(/\s/)[0];
    if (!entry || entry.startsWith('/')) continue;
    const slash = entry.indexOf('/');
    const word = slash < 0 ? entry : entry.slice(0, slash);
    const flags = slash < 0 ? '' : entry.slice(slash + 1);
    stems.set(word, (stems.get(word) ?? '') + flags);
  }
  return stems;
}

/** A lexicon from Hunspell `.aff` and `.dic` texts. */
export function hunspellLexicon(aff: string, dic: string): Lexicon {
  const { sfx, pfx } = parseAffixes(aff);
  const stems = parseStems(dic);
  const longest = (m: Map<string, Affix[]>) => Math.max(0, ...[...m.keys()].map((k) => k.length));
  const maxSfx = longest(sfx);
  const maxPfx = longest(pfx);

  const stemHas = (stem: string, flag: string | null) => {
    const flags = stems.get(stem);
    return flags !== undefined && (flag === null || flags.includes(flag));
  };
  const bySuffix = (word: string, needCross: boolean) => {
    for (let k = 0; k <= Math.min(maxSfx, word.length - 1); k++) {
      for (const a of sfx.get(word.slice(word.length - k)) ?? []) {
        if (needCross && !a.cross) continue;
        const stem = word.slice(0, word.length - k) + a.strip;
        if (a.cond.test(stem) && stemHas(stem, a.flag)) return true;
      }
    }
    return false;
  };
  const lookup = (word: string) => {
    if (stemHas(word, null) || bySuffix(word, false)) return true;
    for (let k = 1; k <= Math.min(maxPfx, word.length - 1); k++) {
      for (const a of pfx.get(word.slice(0, k)) ?? []) {
        const stem = a.strip + word.slice(k);
        if (!a.cond.test(stem)) continue;
        if (stemHas(stem, a.flag)) return true;
        if (a.cross && bySuffix(stem, true)) return true;
      }
    }
    return false;
  };
  // The dictionary spells elisions with the ASCII apostrophe; documents mostly with ’.
  const has = wordMemo(ANSWER_MEMO_WORDS, (word) => {
    const lower = word.replace(/’/g, "'").toLowerCase();
    const plain = word.replace(/’/g, "'");
    return lookup(plain) || (lower !== plain && lookup(lower)) || lookup(lower.charAt(0).toUpperCase() + lower.slice(1));
  });
  return { has: (word) => !!word && has(word) };
}

let italian: Promise<Lexicon> | null = null;

/** The Italian lexicon of dictionary-it, loaded on first use and kept for the process. */
export function italianLexicon(): Promise<Lexicon> {
  italian ??= import('dictionary-it').then(({ default: d }) => {
    const text = (b: Uint8Array) => new TextDecoder('utf-8').decode(b);
    return hunspellLexicon(text(d.aff), text(d.dic));
  });
  return italian;
}
