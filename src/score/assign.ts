/**
 * Objectives and indicators must be matched one to one, and with repeated titles
 * the first-come pairing is often not the one a person would make. This module
 * makes a global assignment: every candidate pair carries a combined score, and
 * pairs are taken best first, each side at most once.
 */

export interface Candidate {
  gold: string;
  extracted: string;
  score: number;
  /** document positions, to make ties deterministic: earlier pairs first */
  goldOrder: number;
  extractedOrder: number;
}

/** Greedy best-first assignment; adds to `matched` (gold id → extracted id) and `taken` (extracted ids). */
export function assignGreedy(candidates: Candidate[], matched: Map<string, string>, taken: Set<string>): void {
  const ordered = [...candidates].sort(
    (a, b) => b.score - a.score || a.goldOrder - b.goldOrder || a.extractedOrder - b.extractedOrder,
  );
  for (const c of ordered) {
    if (matched.has(c.gold) || taken.has(c.extracted)) continue;
    matched.set(c.gold, c.extracted);
    taken.add(c.extracted);
  }
}

/** Nearness of two relative positions in their documents, 1 for the same place. */
export function orderNearness(goldIndex: number, goldCount: number, extractedIndex: number, extractedCount: number): number {
  const rel = (i: number, n: number) => (n > 1 ? i / (n - 1) : 0);
  return 1 - Math.abs(rel(goldIndex, goldCount) - rel(extractedIndex, extractedCount));
}
