/**
 * A plan goes into the database whole or not at all: its row, objectives,
 * indicators, targets and search terms (queued for the search index,
 * src/store/search-index.ts) are written in one transaction, so a crash,
 * a kill or a bad value halfway leaves no trace of it. The file's sha256 is unique,
 * which makes re-importing the same document a no-op unless it is forced.
 */
import { foldForMatch } from '../text/normalize.js';
import type { Plan, ValidPlan } from '../model/plan.js';
import { isBusy, type Store } from './db.js';
import { isPrepared, type PreparedPlan, preparePlan } from './prepare.js';

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

/**
 * Rows a multi-row INSERT carries: one statement per this many rows rather than
 * per row halves the calls into SQLite, a quarter of the time saving a plan
 * (bench/results.md); more rows per statement gained nothing measurable.
 */
const ROWS_PER_INSERT = 8;

/** An INSERT of 1 and of ROWS_PER_INSERT rows into `table`, fed rows of its columns. */
function batchInsert(db: Store, table: string, columns: string) {
  const width = columns.split(',').length;
  const row = `(${Array(width).fill('?').join(', ')})`;
  const sql = (rows: number) => `INSERT INTO ${table} (${columns}) VALUES ${Array(rows).fill(row).join(', ')}`;
  const one = db.prepare(sql(1));
  const many = db.prepare(sql(ROWS_PER_INSERT));
  // One parameter array, refilled: a plan's thousand rows would otherwise each leave garbage behind.
  const params: unknown[] = Array(width * ROWS_PER_INSERT);
  return (rows: readonly (readonly unknown[])[]): void => {
    let n = 0;
    for (; n + ROWS_PER_INSERT <= rows.length; n += ROWS_PER_INSERT) {
      for (let r = 0; r < ROWS_PER_INSERT; r++) {
        const values = rows[n + r]!;
        for (let c = 0; c < width; c++) params[r * width + c] = values[c];
      }
      many.run(params);
    }
    for (; n < rows.length; n++) one.run(rows[n]);
  };
}

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
    objectives: batchInsert(db, 'objectives',
      `key, plan, id, parent, level, code, title, description, area, missione_code, missione_name, missione_inferred,
       programma_code, programma_name, programma_inferred, theme, settore, servizio, years, responsible, weight,
       page, sheet, "row", ordinal, chain_missione_code, chain_settore`),
    indicators: batchInsert(db, 'indicators',
      `key, plan, id, objective, objective_key, name, type, baseline, actual, weight, responsible, page, sheet, "row", ordinal,
       chain_missione_code, chain_settore, deadline`),
    targets: batchInsert(db, 'targets',
      'indicator, ordinal, raw, year, kind, op, value_num, value_bool, date, unit'),
    nextKeys: db.prepare<[], { objective: number; indicator: number }>(
      `SELECT (SELECT coalesce(max(key), 0) + 1 FROM objectives) AS objective,
              (SELECT coalesce(max(key), 0) + 1 FROM indicators) AS indicator`,
    ),
    terms: batchInsert(db, 'search_queue', 'kind, key, terms'),
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

interface Chain {
  missione: number | null;
  settore: string | null;
}
const NO_CHAIN: Chain = { missione: null, settore: null };

/**
 * What each objective states, or failing that the nearest objective above it. An
 * unknown or circular parent ends the chain; SQLite's foreign keys refuse the first.
 */
function chainOf(plan: Plan): Map<string, Chain> {
  const byId = new Map(plan.objectives.map((o) => [o.id, o]));
  const chain = new Map<string, Chain>();
  const resolve = (id: string | null): Chain => {
    if (id === null) return NO_CHAIN;
    const known = chain.get(id);
    if (known) return known;
    const o = byId.get(id);
    if (!o) return NO_CHAIN;
    chain.set(id, NO_CHAIN);
    const above = resolve(o.parent);
    const own = { missione: o.context.missione?.code ?? above.missione, settore: o.context.settore ?? above.settore };
    chain.set(id, own);
    return own;
  };
  for (const o of plan.objectives) resolve(o.id);
  return chain;
}

/** The earliest date among an indicator's deadline targets. */
function earliestDeadline(targets: Plan['indicators'][number]['targets']): string | null {
  let earliest: string | null = null;
  for (const t of targets) if (t.kind === 'deadline' && t.date !== null && (earliest === null || t.date < earliest)) earliest = t.date;
  return earliest;
}

/*
 * Keys are assigned here, not by SQLite, so a plan's rows and their targets and
 * search terms go in as a few multi-row statements: the next key of each table is
 * one past its largest, read inside the plan's write transaction.
 */
function insertPlan(s: Statements, prepared: PreparedPlan, options: SaveOptions): void {
  const { plan } = prepared;
  const { source: src, ente } = plan;
  const planKey = Number(s.plan.run(
    plan.id, src.sha256, src.file, src.format, src.pages, src.envelope ?? null,
    ente.name, ente.istat, ente.name === null ? null : foldForMatch(ente.name), options.kind ?? null,
    plan.title, json(plan.years), plan.layout, json(plan.warnings), new Date().toISOString(), options.runId ?? null,
  ).lastInsertRowid);
  const chain = chainOf(plan);
  const next = s.nextKeys.get()!;
  const objectiveKeys = new Map(plan.objectives.map((o, ordinal) => [o.id, next.objective + ordinal]));
  // An unknown objective has no key: the NOT NULL constraint refuses the indicator.
  const objectiveKey = (id: string): number | null => objectiveKeys.get(id) ?? null;
  s.objectives(plan.objectives.map((o, ordinal) => {
    const { missione, programma, ...c } = o.context;
    const inherited = chain.get(o.id) ?? NO_CHAIN;
    return [
      next.objective + ordinal, planKey, o.id, o.parent, o.level, o.code, o.title, o.description, c.area,
      missione?.code ?? null, missione?.name ?? null, flag(missione?.inferred),
      programma?.code ?? null, programma?.name ?? null, flag(programma?.inferred),
      c.theme, c.settore, c.servizio, json(o.years), json(o.responsible), o.weight,
      o.source.page ?? null, o.source.sheet ?? null, o.source.row ?? null, ordinal, inherited.missione, inherited.settore,
    ];
  }));
  s.terms(prepared.objectiveTerms.map((terms, ordinal) => ['objective', next.objective + ordinal, terms]));
  const targets: unknown[][] = [];
  s.indicators(plan.indicators.map((i, ordinal) => {
    const key = next.indicator + ordinal;
    const inherited = chain.get(i.objective) ?? NO_CHAIN;
    i.targets.forEach((t, n) => targets.push([
      key, n, t.raw, t.year, t.kind, t.op,
      typeof t.value === 'number' ? t.value : null,
      typeof t.value === 'boolean' ? flag(t.value) : null,
      t.date, t.unit,
    ]));
    return [
      key, planKey, i.id, i.objective, objectiveKey(i.objective),
      i.name, i.type, i.baseline, i.actual, i.weight, json(i.responsible),
      i.source.page ?? null, i.source.sheet ?? null, i.source.row ?? null, ordinal,
      inherited.missione, inherited.settore, earliestDeadline(i.targets),
    ];
  }));
  s.targets(targets);
  s.terms(prepared.indicatorTerms.map((terms, ordinal) => ['indicator', next.indicator + ordinal, terms]));
}

/** A plan's rows, inside the caller's transaction. */
function saveOne(s: Statements, input: ValidPlan | PreparedPlan, options: SaveOptions): SaveResult {
  const prepared = isPrepared(input) ? input : preparePlan(input);
  const { plan } = prepared;
  const existing = s.existing.get(plan.source.sha256);
  if (existing && !options.force) {
    return { status: 'skipped', planId: existing.id, reason: `already imported as plan ${existing.id}` };
  }
  if (existing) s.remove.run(plan.source.sha256);
  const clash = s.sameId.get(plan.id);
  if (clash) throw new Error(`plan id ${plan.id} is already taken by ${clash.file}, a different file`);
  insertPlan(s, prepared, options);
  return {
    status: 'imported',
    planId: plan.id,
    objectives: plan.objectives.length,
    indicators: plan.indicators.length,
    replaced: existing !== undefined,
  };
}

/**
 * Saves a plan (`preparePlan` done, or done here) in one IMMEDIATE transaction.
 * The plan has passed the contract's schema already (`ValidPlan`); SQLite's own
 * constraints still refuse rows that break the schema's keys and checks. The same
 * sha256 already stored gives `skipped`, or, with `force`, replaces it. Throws on a
 * database error, having written nothing.
 */
export function savePlan(db: Store, input: ValidPlan | PreparedPlan, options: SaveOptions = {}): SaveResult {
  const s = statementsFor(db);
  return db.transaction(() => saveOne(s, input, options)).immediate();
}

export interface SaveItem {
  plan: ValidPlan | PreparedPlan;
  options?: SaveOptions;
}

/**
 * Saves several plans in one IMMEDIATE transaction: a commit writes every page the
 * transaction changed, and plans saved together share most of those pages (a fifth
 * of the time saving plans one per transaction, bench/results.md). Each plan is still
 * whole or absent: if any plan fails, the group is rolled back and each plan saved
 * on its own, so the others land and the failure is that plan's alone. Returns, per
 * item, its result or its error; throws only when the database is busy.
 */
export function savePlans(db: Store, items: readonly SaveItem[]): (SaveResult | Error)[] {
  const s = statementsFor(db);
  try {
    return db.transaction(() => items.map((item) => saveOne(s, item.plan, item.options ?? {}))).immediate();
  } catch (err) {
    if (isBusy(err)) throw err;
    if (items.length === 1) return [asError(err)];
    return items.map((item) => {
      try {
        return savePlan(db, item.plan, item.options);
      } catch (one) {
        if (isBusy(one)) throw one;
        return asError(one);
      }
    });
  }
}

const asError = (err: unknown): Error => (err instanceof Error ? err : new Error(String(err)));
