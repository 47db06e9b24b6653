/**
 * Turns an extractor's draft into the contract: stable ids in document order,
 * parents by id, every target text read by the one target parser (column targets
 * and the ones written inside an indicator's name), indicator types from the
 * Tipologia column or, failing that, from the targets. The result is validated with
 * the zod schema, so nothing that breaks the contract leaves the extractor.
 */
import type { DocumentSource } from '../document/model.js';
import type { IndicatorDraft, ObjectiveDraft, PlanDraft } from '../families/draft.js';
import { inferMissingMissioni } from './infer-missione.js';
import { ValidPlan, type Ente, type Indicator, type Objective, type Target } from '../model/plan.js';
import { extractEmbeddedTargets, indicatorTypeFromTipologia, inferIndicatorType, parseTargetText } from '../targets/index.js';

/** Plan ids are the first 16 hex digits of the file's sha256: stable across imports and machines. */
const PLAN_ID_HEX_DIGITS = 16;

const planIdOf = (sha256: string): string => sha256.slice(0, PLAN_ID_HEX_DIGITS);

/**
 * Column targets first; a target written inside the indicator's name is added
 * unless the columns already state one of its kind (names often repeat their target:
 * "… tempi medi di pagamento minore o uguale a zero" beside "Minore o uguale a zero").
 */
function targetsOf(ind: IndicatorDraft, planYear: number | null): Target[] {
  const columnHint = ind.tipologia ? indicatorTypeFromTipologia(ind.tipologia) : null;
  const fromColumns = [
    ...ind.targets,
    ...ind.targetTexts.flatMap((t) =>
      parseTargetText(t.text, { planYear: t.year ?? planYear, columnHint: t.hint ?? columnHint }).map((x) =>
        t.year !== undefined && x.year === null ? { ...x, year: t.year } : x,
      ),
    ),
  ];
  const stated = new Set(fromColumns.map((t) => t.kind));
  const embedded = extractEmbeddedTargets(ind.name, { planYear }).filter((t) => !stated.has(t.kind));
  return [...fromColumns, ...embedded];
}

export function assemblePlan(draft: PlanDraft, source: DocumentSource, ente: Ente, warnings: string[]): ValidPlan {
  inferMissingMissioni(draft.objectives);
  const ids = new Map<ObjectiveDraft, string>();
  draft.objectives.forEach((o, i) => ids.set(o, `o${i + 1}`));
  const planYear = draft.years.length > 0 ? draft.years[0]! : null;
  const objectives: Objective[] = draft.objectives.map((o) => ({
    id: ids.get(o)!,
    parent: o.parent ? (ids.get(o.parent) ?? null) : null,
    level: o.level,
    code: o.code,
    title: o.title,
    description: o.description,
    context: o.context,
    years: o.years,
    responsible: o.responsible,
    weight: o.weight,
    source: o.source,
  }));
  const indicators: Indicator[] = draft.indicators.map((ind, i) => {
    const targets = targetsOf(ind, planYear);
    const fromColumn = ind.tipologia ? indicatorTypeFromTipologia(ind.tipologia) : null;
    return {
      id: `i${i + 1}`,
      objective: ids.get(ind.objective)!,
      name: ind.name,
      type: fromColumn ?? inferIndicatorType(targets),
      targets,
      baseline: ind.baseline,
      actual: ind.actual,
      weight: ind.weight,
      responsible: ind.responsible,
      source: ind.source,
    };
  });
  return ValidPlan.parse({
    id: planIdOf(source.sha256),
    source: {
      file: source.file,
      sha256: source.sha256,
      format: source.format,
      pages: source.pages,
      ...(source.envelope ? { envelope: source.envelope } : {}),
    },
    ente,
    title: draft.title,
    years: draft.years,
    layout: draft.layout,
    objectives,
    indicators,
    warnings: [...warnings, ...draft.warnings],
  });
}
