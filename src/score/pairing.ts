/**
 * An export may hold several plans, and the extracted and gold files need not
 * list them in the same order or under the same ids. Plans are paired by the
 * source file's sha256, else by its file name, else, when each export holds a
 * single plan, with each other.
 */
import type { Plan } from '../model/plan.js';

export type PairedBy = 'sha256' | 'file' | 'single';

export interface PlanPairing {
  pairs: { gold: Plan; extracted: Plan; by: PairedBy }[];
  unpairedGold: Plan[];
  unpairedExtracted: Plan[];
}

export function pairPlans(extracted: Plan[], gold: Plan[]): PlanPairing {
  const pairs: PlanPairing['pairs'] = [];
  const freeGold = new Set(gold);
  const freeExtracted = new Set(extracted);
  const pairOn = (by: PairedBy, key: (p: Plan) => string) => {
    for (const g of [...freeGold]) {
      const e = [...freeExtracted].find((x) => key(x) === key(g));
      if (!e) continue;
      pairs.push({ gold: g, extracted: e, by });
      freeGold.delete(g);
      freeExtracted.delete(e);
    }
  };
  pairOn('sha256', (p) => p.source.sha256);
  pairOn('file', (p) => p.source.file);
  const [onlyGold] = gold;
  const [onlyExtracted] = extracted;
  if (gold.length === 1 && extracted.length === 1 && onlyGold && onlyExtracted && pairs.length === 0) {
    pairs.push({ gold: onlyGold, extracted: onlyExtracted, by: 'single' });
    freeGold.clear();
    freeExtracted.clear();
  }
  return { pairs, unpairedGold: [...freeGold], unpairedExtracted: [...freeExtracted] };
}
