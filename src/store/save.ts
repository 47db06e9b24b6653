/**
 * A plan goes into the database whole or not at all: its row, objectives,
 * indicators, targets and search terms are written in one transaction, so a crash,
 * a kill or a bad value halfway leaves no trace of it. The file's sha256 is unique,
 * which makes re-importing the same document a no-op unless it is forced.
 */
import { foldForMatch } from '../text/normalize.js';
import { type CodeName, Plan, type SourceRef } from '../model/plan.js';
import type { Store } from './db.js';
import { searchTerms } from './search-terms.js';

export interface SaveOptions {
  /** replace a plan already imported from the same bytes */
  force?: boolean;
  /** the import run that brought the plan in, if any */
  runId?: number | null;
  /** the document kind a manifest gave ("piano_performance"); the contract has no field for it */
  kind?: string | null;
}

export type SaveResult =
  | { status: 'imported'; planId: string; objectives: number; indicators: number; replaced: boolean }
  | { status: 'skipped'; planId: string; reason: string };

const json = (value: unknown): string => JSON.stringify(value);
const flag = (value: boolean | undefined): number | null => (value === undefined ? null : value ? 1 : 0);
const codeName = (c: CodeName | null): [number | null, string | null, number | null] =>
  c ? [c.code, c.name, flag(c.inferred)] : [null, null, null];
const source = (s: SourceRef): [number | null, string | null, number | null] => [
  s.page ?? null,
  s.sheet ?? null,
  s.row ?? null,
];

function statements(db: Store) {
  return {
    existing: db.prepare<[string], { id: string }>('SELECT id FROM plans WHERE sha256 = ?'),
    sameId: db.prepare<[string], { file: string }>('SELECT file FROM plans WHERE id = ?'),
    remove: db.prepare<[string]>('DELETE FROM plans WHERE sha256 = ?'),
    plan: db.prepare(
      `INSERT INTO plans (id, sha256, file, format, pages, envelope, ente_name, ente_istat, ente_key, kind,
         title, years, layout, warnings, imported_at, import_run)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    objective: db.prepare(
      `INSERT INTO objectives (plan_id, id, parent, level, code, title, description, area,
         missione_code, missione_name, missione_inferred, programma_code, programma_name, programma_inferred,
         theme, settore, servizio, years, responsible, weight, page, sheet, "row", ordinal)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    indicator: db.prepare(
      `INSERT INTO indicators (plan_id, id, objective, name, type, baseline, actual, weight, responsible,
         page, sheet, "row", ordinal)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    target: db.prepare(
      `INSERT INTO targets (plan_id, indicator, ordinal, raw, year, kind, op, value_num, value_bool, date, unit)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    search: db.prepare('INSERT INTO search_index (terms, plan_id, kind, item) VALUES (?, ?, ?, ?)'),
  };
}

type Statements = ReturnType<typeof statements>;
const prepared = new WeakMap<Store, Statements>();

function statementsFor(db: Store): Statements {
  let s = prepared.get(db);
  if (!s) {
    s = statements(db);
    prepared.set(db, s);
  }
  return s;
}

function insertPlan(s: Statements, plan: Plan, options: SaveOptions): void {
  const { source: src, ente } = plan;
  s.plan.run(
    plan.id, src.sha256, src.file, src.format, src.pages, src.envelope ?? null,
    ente.name, ente.istat, ente.name === null ? null : foldForMatch(ente.name), options.kind ?? null,
    plan.title, json(plan.years), plan.layout, json(plan.warnings), new Date().toISOString(), options.runId ?? null,
  );
  plan.objectives.forEach((o, ordinal) => {
    const c = o.context;
    s.objective.run(
      plan.id, o.id, o.parent, o.level, o.code, o.title, o.description, c.area,
      ...codeName(c.missione), ...codeName(c.programma), c.theme, c.settore, c.servizio,
      json(o.years), json(o.responsible), o.weight, ...source(o.source), ordinal,
    );
    const text = [o.title, o.description].filter((t) => t !== null).join(' ');
    s.search.run(searchTerms(text).join(' '), plan.id, 'objective', o.id);
  });
  plan.indicators.forEach((i, ordinal) => {
    s.indicator.run(
      plan.id, i.id, i.objective, i.name, i.type, i.baseline, i.actual, i.weight, json(i.responsible),
      ...source(i.source), ordinal,
    );
    i.targets.forEach((t, n) => {
      s.target.run(
        plan.id, i.id, n, t.raw, t.year, t.kind, t.op,
        typeof t.value === 'number' ? t.value : null,
        typeof t.value === 'boolean' ? flag(t.value) : null,
        t.date, t.unit,
      );
    });
    s.search.run(searchTerms(i.name).join(' '), plan.id, 'indicator', i.id);
  });
}

/**
 * Saves a plan (validated against the contract first) in one IMMEDIATE transaction.
 * The same sha256 already stored gives `skipped`, or, with `force`, replaces it.
 * Throws on an invalid plan or a database error, having written nothing.
 */
export function savePlan(db: Store, input: Plan, options: SaveOptions = {}): SaveResult {
  const plan = Plan.parse(input);
  const s = statementsFor(db);
  return db
    .transaction((): SaveResult => {
      const existing = s.existing.get(plan.source.sha256);
      if (existing && !options.force) {
        return { status: 'skipped', planId: existing.id, reason: `already imported as plan ${existing.id}` };
      }
      if (existing) s.remove.run(plan.source.sha256);
      const clash = s.sameId.get(plan.id);
      if (clash) throw new Error(`plan id ${plan.id} is already taken by ${clash.file}, a different file`);
      insertPlan(s, plan, options);
      return {
        status: 'imported',
        planId: plan.id,
        objectives: plan.objectives.length,
        indicators: plan.indicators.length,
        replaced: existing !== undefined,
      };
    })
    .immediate();
}
