/**
 * Which extracted objective is which gold objective, and likewise for
 * indicators. Titles are matched exactly (after normalization) first, then
 * fuzzily; where several candidates share a title, as transversal objectives
 * repeated under every settore do, their context, their parents' match, their
 * objectives' match and their place in the document decide, as a person would.
 */
import type { Indicator, Objective } from '../model/plan.js';
import { assignGreedy, orderNearness, type Candidate } from './assign.js';
import { normalizeText, similarityAtLeast } from './normalize.js';
import { SCORE_SETTINGS } from './settings.js';

interface MatchSpec<T> {
  id(item: T): string;
  text(item: T): string;
  /** what an exact match must share besides its text (an objective's level) */
  sameKind(gold: T, extracted: T): boolean;
  /** context, parent or attachment evidence, added to the text similarity */
  bonus(gold: T, extracted: T, matched: ReadonlyMap<string, string>): number;
  /** gold items of lower rounds are matched first, so later rounds can rely on their matches */
  round(gold: T): number;
}

/** Gold id → extracted id: exact texts first, then fuzzy ones, each stage round by round. */
function matchByText<T>(gold: T[], extracted: T[], spec: MatchSpec<T>): Map<string, string> {
  const matched = new Map<string, string>();
  const taken = new Set<string>();
  const goldText = gold.map((g) => normalizeText(spec.text(g)));
  const extractedText = extracted.map((e) => normalizeText(spec.text(e)));
  const rounds = [...new Set(gold.map((g) => spec.round(g)))].sort((a, b) => a - b);
  for (const stage of ['exact', 'fuzzy'] as const) {
    for (const round of rounds) {
      const candidates: Candidate[] = [];
      gold.forEach((g, gi) => {
        if (spec.round(g) !== round || matched.has(spec.id(g))) return;
        extracted.forEach((e, ei) => {
          if (taken.has(spec.id(e))) return;
          const [gt, et] = [goldText[gi] as string, extractedText[ei] as string];
          const similarity =
            stage === 'exact'
              ? Number(gt === et && spec.sameKind(g, e))
              : similarityAtLeast(gt, et, SCORE_SETTINGS.fuzzyMinSimilarity);
          if (similarity === 0) return;
          const order = orderNearness(gi, gold.length, ei, extracted.length);
          candidates.push({
            gold: spec.id(g),
            extracted: spec.id(e),
            score: similarity + spec.bonus(g, e, matched) + SCORE_SETTINGS.orderWeight * order,
            goldOrder: gi,
            extractedOrder: ei,
          });
        });
      });
      assignGreedy(candidates, matched, taken);
    }
  }
  return matched;
}

/** The context fields that place an objective in its document. */
function contextKeys(o: Objective): (string | number | null)[] {
  const c = o.context;
  const text = (s: string | null | undefined) => (s ? normalizeText(s) : null);
  return [
    text(c.area),
    c.missione?.code ?? null,
    text(c.missione?.name),
    c.programma?.code ?? null,
    text(c.theme),
    text(c.settore),
    text(c.servizio),
  ];
}

/** Share of context fields on which two context key lists agree (both empty counts as agreeing). */
function agreement(g: (string | number | null)[], e: (string | number | null)[]): number {
  return g.filter((v, i) => v === e[i]).length / g.length;
}

/** Nesting depth: parents (rounds before) are matched before their children. */
function depths(objectives: Objective[]): Map<string, number> {
  const parent = new Map(objectives.map((o) => [o.id, o.parent]));
  const depth = new Map<string, number>();
  for (const o of objectives) {
    let d = 0;
    const seen = new Set<string>([o.id]);
    for (let p = o.parent; p !== null && p !== undefined && !seen.has(p); p = parent.get(p) ?? null) {
      seen.add(p);
      d++;
    }
    depth.set(o.id, d);
  }
  return depth;
}

/** Gold objective id → extracted objective id. */
export function matchObjectives(gold: Objective[], extracted: Objective[]): Map<string, string> {
  const depth = depths(gold);
  const context = new Map([...gold, ...extracted].map((o) => [o, contextKeys(o)]));
  return matchByText(gold, extracted, {
    id: (o) => o.id,
    text: (o) => o.title,
    sameKind: (g, e) => g.level === e.level,
    round: (g) => depth.get(g.id) ?? 0,
    bonus: (g, e, matched) => {
      const parentAgrees = g.parent === null ? e.parent === null : matched.get(g.parent) === e.parent;
      return SCORE_SETTINGS.contextWeight * agreement(context.get(g) ?? [], context.get(e) ?? []) + SCORE_SETTINGS.parentWeight * Number(parentAgrees);
    },
  });
}

/** Whether an extracted indicator hangs on the match of the gold indicator's objective. */
export function isAttached(gold: Indicator, extracted: Indicator, objectiveMatch: ReadonlyMap<string, string>): boolean {
  return objectiveMatch.get(gold.objective) === extracted.objective;
}

/** Gold indicator id → extracted indicator id, preferring pairs whose objectives match. */
export function matchIndicators(
  gold: Indicator[],
  extracted: Indicator[],
  objectiveMatch: ReadonlyMap<string, string>,
): Map<string, string> {
  return matchByText(gold, extracted, {
    id: (i) => i.id,
    text: (i) => i.name,
    sameKind: () => true,
    round: () => 0,
    bonus: (g, e) => SCORE_SETTINGS.attachedWeight * Number(isAttached(g, e, objectiveMatch)),
  });
}
