/**
 * The work of saving a plan that needs no database: its search terms (stemming
 * every word). An import does it in the worker thread that extracted the plan, so
 * the one thread writing the database only writes; a plan saved on its own is
 * prepared on the spot.
 */
import type { ValidPlan } from '../model/plan.js';
import { searchTerms } from './search-terms.js';

export interface PreparedPlan {
  readonly plan: ValidPlan;
  /** per objective, in order: the stems of its title and description */
  readonly objectiveTerms: readonly string[];
  /** per indicator, in order: the stems of its name */
  readonly indicatorTerms: readonly string[];
}

const terms = (text: string): string => searchTerms(text).join(' ');

export function preparePlan(plan: ValidPlan): PreparedPlan {
  return {
    plan,
    objectiveTerms: plan.objectives.map((o) => terms(o.description === null ? o.title : `${o.title} ${o.description}`)),
    indicatorTerms: plan.indicators.map((i) => terms(i.name)),
  };
}

export const isPrepared = (input: ValidPlan | PreparedPlan): input is PreparedPlan => 'objectiveTerms' in input;
