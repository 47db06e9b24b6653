/**
 * What a manifest knows about a file that the file may not say: the ente, the year,
 * the kind of document. The extractor receives these hints; the importer applies
 * them again to the plan it gets back, so a hint wins over whatever the document
 * says, and a name without a code is resolved to its ISTAT code.
 */
import { resolveIstat } from '../ente/index.js';
import { type Plan, ValidPlan } from '../model/plan.js';
import { type PreparedPlan, preparePlan } from '../store/prepare.js';

export interface Hints {
  ente?: { name: string | null; istat: string | null };
  year?: number;
  kind?: string;
}

/** The extractor's signature (src/extract.ts): a file in, a contract plan out. */
export type Extractor = (file: string, options?: { hints?: Hints }) => Promise<Plan>;

/** The plan with the hints laid over it; the year fills an empty horizon only, never replaces one. */
function applyHints(plan: Plan, hints: Hints): Plan {
  const name = hints.ente?.name ?? plan.ente.name;
  const hintedIstat = hints.ente?.istat ?? null;
  const istat = hintedIstat ?? (hints.ente?.name ? null : plan.ente.istat) ?? (name ? resolveIstat(name) : null);
  const years = plan.years.length === 0 && hints.year !== undefined ? [hints.year] : plan.years;
  return { ...plan, ente: { name, istat }, years };
}

/**
 * What the importer stores: the extractor's answer checked against the contract,
 * with the hints laid over it, prepared for the store. Runs where the extractor ran
 * (a worker thread), so validation and stemming are spread over the cores instead
 * of queueing on the one thread that writes the database.
 */
export function finishPlan(raw: unknown, hints: Hints): PreparedPlan {
  return preparePlan(ValidPlan.parse(applyHints(ValidPlan.parse(raw), hints)));
}
