/**
 * The normalized plan model: the zod twin of `shared/spec/plan-export.md` (v1).
 *
 * Every stage after the extractors speaks this model, and `perfplan export
 * --format json` writes it verbatim. A field the document does not state is
 * `null` (or `[]` for lists), never an empty string, so the schemas below
 * refuse empty strings where the contract wants `null`.
 */
import { z } from 'zod';

/** Text that is present: the contract never stores "" for "absent". */
const Text = z.string().min(1);

export const LEVELS = ['strategico', 'operativo', 'esecutivo'] as const;
export const LAYOUTS = ['missione_table', 'allegato_h', 'spreadsheet', 'generic'] as const;
export const INDICATOR_TYPES = ['data', 'percentuale', 'numero', 'si_no', 'testo'] as const;
export const TARGET_KINDS = ['deadline', 'percent', 'number', 'boolean', 'text'] as const;
export const TARGET_OPS = ['<', '<=', '=', '>=', '>'] as const;
export const FORMATS = ['pdf', 'docx', 'xlsx', 'xls', 'ods', 'csv', 'doc', 'odt', 'rtf'] as const;

export type Level = (typeof LEVELS)[number];
export type Layout = (typeof LAYOUTS)[number];
export type IndicatorType = (typeof INDICATOR_TYPES)[number];
export type TargetKind = (typeof TARGET_KINDS)[number];

export const SourceRef = z.object({
  page: z.number().int().positive().optional(),
  sheet: Text.optional(),
  row: z.number().int().positive().optional(),
});
export type SourceRef = z.infer<typeof SourceRef>;

export const CodeName = z.object({
  code: z.number().int().nonnegative().nullable(),
  name: Text.nullable(),
  /** true when read from the objective's words by the classifier, not from the document */
  inferred: z.boolean().optional(),
});
export type CodeName = z.infer<typeof CodeName>;

export const Context = z.object({
  area: Text.nullable(),
  missione: CodeName.nullable(),
  programma: CodeName.nullable(),
  theme: Text.nullable(),
  settore: Text.nullable(),
  servizio: Text.nullable(),
});
export type Context = z.infer<typeof Context>;

export const Objective = z.object({
  id: Text,
  parent: Text.nullable(),
  level: z.enum(LEVELS),
  code: Text.nullable(),
  title: Text,
  description: Text.nullable(),
  context: Context,
  years: z.array(z.number().int()),
  responsible: z.array(Text),
  weight: z.number().nullable(),
  source: SourceRef,
});
export type Objective = z.infer<typeof Objective>;

export const Target = z.object({
  raw: Text,
  year: z.number().int().nullable(),
  kind: z.enum(TARGET_KINDS),
  op: z.enum(TARGET_OPS).nullable(),
  value: z.union([z.number(), z.boolean()]).nullable(),
  date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).nullable(),
  unit: Text.nullable(),
});
export type Target = z.infer<typeof Target>;

export const Indicator = z.object({
  id: Text,
  objective: Text,
  name: Text,
  type: z.enum(INDICATOR_TYPES).nullable(),
  targets: z.array(Target),
  baseline: Text.nullable(),
  actual: Text.nullable(),
  weight: z.number().nullable(),
  responsible: z.array(Text),
  source: SourceRef,
});
export type Indicator = z.infer<typeof Indicator>;

export const PlanSource = z.object({
  file: Text,
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  format: z.enum(FORMATS),
  pages: z.number().int().nonnegative().nullable(),
  /** the signed envelope (.p7m) the document was unwrapped from, if any */
  envelope: Text.optional(),
});
export type PlanSource = z.infer<typeof PlanSource>;

export const Ente = z.object({ name: Text.nullable(), istat: z.string().regex(/^\d{6}$/).nullable() });
export type Ente = z.infer<typeof Ente>;

export const Plan = z
  .object({
    id: Text,
    source: PlanSource,
    ente: Ente,
    title: Text.nullable(),
    years: z.array(z.number().int()),
    layout: z.enum(LAYOUTS),
    objectives: z.array(Objective),
    indicators: z.array(Indicator),
    warnings: z.array(Text),
  })
  .superRefine((plan, ctx) => {
    // Referential integrity: the scorer and the store both rely on it.
    const ids = new Set<string>();
    for (const o of plan.objectives) {
      if (ids.has(o.id)) ctx.addIssue({ code: 'custom', message: `duplicate objective id ${o.id}` });
      ids.add(o.id);
    }
    for (const o of plan.objectives) {
      if (o.parent !== null && !ids.has(o.parent)) {
        ctx.addIssue({ code: 'custom', message: `objective ${o.id} has unknown parent ${o.parent}` });
      }
    }
    const indIds = new Set<string>();
    for (const i of plan.indicators) {
      if (indIds.has(i.id)) ctx.addIssue({ code: 'custom', message: `duplicate indicator id ${i.id}` });
      indIds.add(i.id);
      if (!ids.has(i.objective)) {
        ctx.addIssue({ code: 'custom', message: `indicator ${i.id} points to unknown objective ${i.objective}` });
      }
    }
  });
export type Plan = z.infer<typeof Plan>;

/**
 * A plan that has passed the schema. The store writes only these: validating is the
 * job of whoever builds the plan (the extractor, in the import's worker threads),
 * not of the one thread that writes the database, so a batch pays for it once and
 * in parallel. Raw JSON becomes one through `ValidPlan.parse`.
 */
export const ValidPlan = Plan.brand<'ValidPlan'>();
export type ValidPlan = z.infer<typeof ValidPlan>;

export const SCHEMA_ID = 'perfplan/v1';

export const PlanExport = z.object({ schema: z.literal(SCHEMA_ID), plans: z.array(Plan) });
export type PlanExport = z.infer<typeof PlanExport>;

export const emptyContext = (): Context => ({
  area: null,
  missione: null,
  programma: null,
  theme: null,
  settore: null,
  servizio: null,
});
