/**
 * The questions analysts ask of many plans at once: which plans we hold, which
 * objectives and indicators match an ente, a year, a Missione, a settore or some
 * words, which deadlines fall before a date. Filters become fixed SQL fragments
 * with bound parameters, combined with AND; nothing a user types is spliced in.
 */
import { foldKey } from '../ente/fold.js';
import { LAYOUTS, TARGET_KINDS } from '../model/plan.js';
import type { Row } from './csv.js';
import type { Store } from './db.js';
import { matchExpression } from './search-terms.js';

export interface QueryResult {
  columns: string[];
  rows: Row[];
}

export interface PlanFilters {
  /** part of the ente's name, accents and case ignored ("alzano", "Citta") */
  ente?: string;
  istat?: string;
  /** a year of the plan's horizon */
  year?: number;
  layout?: string;
}

export interface ObjectiveFilters extends PlanFilters {
  /** Missione code (D.Lgs. 118/2011), stated on the objective or one above it */
  missione?: number;
  /** part of the settore, case ignored */
  settore?: string;
  /** words, matched like `search` (accents and inflection ignored) */
  text?: string;
  limit?: number;
}

export interface IndicatorFilters extends ObjectiveFilters {
  /** YYYY-MM-DD: keep indicators with a deadline target on or before it */
  deadlineBefore?: string;
  /** keep indicators with a target of this kind */
  kind?: string;
}

/** Columns holding JSON lists, returned as arrays. */
const JSON_COLUMNS = new Set(['years', 'plan_years', 'responsible', 'warnings']);

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** An FTS5 query (the empty phrase) that matches no row: text made only of punctuation. */
const MATCH_NOTHING = '""';

class Where {
  readonly fragments: string[] = [];
  readonly params: unknown[] = [];

  add(fragment: string, ...params: unknown[]): void {
    this.fragments.push(fragment);
    this.params.push(...params);
  }

  get sql(): string {
    return this.fragments.length > 0 ? `WHERE ${this.fragments.join(' AND ')}` : '';
  }
}

/** The user's own % and _ taken literally in a LIKE pattern (ESCAPE '\'). */
const escapeLike = (text: string): string => text.replace(/[\\%_]/g, (c) => `\\${c}`);
const contains = (text: string): string => `%${escapeLike(text)}%`;

function oneOf<T extends string>(value: string, allowed: readonly T[], what: string): T {
  if (!(allowed as readonly string[]).includes(value)) {
    throw new Error(`unknown ${what} "${value}": use one of ${allowed.join(', ')}`);
  }
  return value as T;
}

/** Plan-level filters, on whichever column holds the plan id in the query at hand. */
function planFilters(where: Where, idColumn: 'p.id' | 'plan_id', f: PlanFilters): void {
  if (f.ente !== undefined) {
    where.add(`${idColumn} IN (SELECT id FROM plans WHERE ente_key LIKE ? ESCAPE '\\')`, contains(foldKey(f.ente)));
  }
  if (f.istat !== undefined) where.add(`${idColumn} IN (SELECT id FROM plans WHERE ente_istat = ?)`, f.istat);
  if (f.year !== undefined) {
    where.add(`${idColumn} IN (SELECT pp.id FROM plans pp, json_each(pp.years) y WHERE y.value = ?)`, f.year);
  }
  if (f.layout !== undefined) {
    where.add(`${idColumn} IN (SELECT id FROM plans WHERE layout = ?)`, oneOf(f.layout, LAYOUTS, 'layout'));
  }
}

function contextFilters(where: Where, f: ObjectiveFilters): void {
  if (f.missione !== undefined) where.add('missione_code = ?', f.missione);
  if (f.settore !== undefined) where.add(`settore LIKE ? ESCAPE '\\'`, contains(f.settore));
}

const limitClause = (limit: number | undefined): { sql: string; params: unknown[] } =>
  limit === undefined ? { sql: '', params: [] } : { sql: 'LIMIT ?', params: [limit] };

function run(db: Store, sql: string, params: unknown[]): QueryResult {
  const stmt = db.prepare(sql);
  const columns = stmt.columns().map((c) => c.name);
  const rows = (stmt.all(...params) as Row[]).map((row) => {
    for (const c of columns) {
      const v = row[c];
      if (JSON_COLUMNS.has(c) && typeof v === 'string') row[c] = JSON.parse(v) as unknown;
    }
    return row;
  });
  return { columns, rows };
}

const PLAN_COLUMNS = `p.id, p.ente_name AS ente, p.ente_istat AS istat, p.title, p.years, p.layout, p.kind,
  p.file, p.format, p.pages,
  (SELECT count(*) FROM objectives o WHERE o.plan_id = p.id) AS objectives,
  (SELECT count(*) FROM indicators i WHERE i.plan_id = p.id) AS indicators,
  p.imported_at`;

export function listPlans(db: Store, filters: PlanFilters = {}): QueryResult {
  const where = new Where();
  planFilters(where, 'p.id', filters);
  return run(db, `SELECT ${PLAN_COLUMNS} FROM plans p ${where.sql} ORDER BY p.ente_key, p.years, p.file`, where.params);
}

export function objectives(db: Store, filters: ObjectiveFilters = {}): QueryResult {
  const where = new Where();
  planFilters(where, 'plan_id', filters);
  contextFilters(where, filters);
  if (filters.text !== undefined) {
    where.add(
      `(plan_id, objective_id) IN (SELECT plan_id, item FROM search_index WHERE search_index MATCH ? AND kind = 'objective')`,
      matchExpression(filters.text) ?? MATCH_NOTHING,
    );
  }
  const limit = limitClause(filters.limit);
  return run(
    db,
    `SELECT * FROM v_objectives ${where.sql} ORDER BY ente COLLATE NOCASE, plan_id, ordinal ${limit.sql}`,
    [...where.params, ...limit.params],
  );
}

export function indicators(db: Store, filters: IndicatorFilters = {}): QueryResult {
  const where = new Where();
  planFilters(where, 'plan_id', filters);
  contextFilters(where, filters);
  if (filters.text !== undefined) {
    // An indicator matches by its own name or by the objective it measures.
    const match = matchExpression(filters.text) ?? MATCH_NOTHING;
    where.add(
      `((plan_id, indicator_id) IN (SELECT plan_id, item FROM search_index WHERE search_index MATCH ? AND kind = 'indicator')
        OR (plan_id, objective_id) IN (SELECT plan_id, item FROM search_index WHERE search_index MATCH ? AND kind = 'objective'))`,
      match,
      match,
    );
  }
  if (filters.deadlineBefore !== undefined) {
    if (!ISO_DATE.test(filters.deadlineBefore)) {
      throw new Error(`deadline must be a date as YYYY-MM-DD, not "${filters.deadlineBefore}"`);
    }
    where.add(
      `EXISTS (SELECT 1 FROM targets t WHERE t.plan_id = v_indicators.plan_id AND t.indicator = v_indicators.indicator_id
         AND t.kind = 'deadline' AND t.date <= ?)`,
      filters.deadlineBefore,
    );
  }
  if (filters.kind !== undefined) {
    where.add(
      `EXISTS (SELECT 1 FROM targets t WHERE t.plan_id = v_indicators.plan_id AND t.indicator = v_indicators.indicator_id
         AND t.kind = ?)`,
      oneOf(filters.kind, TARGET_KINDS, 'target kind'),
    );
  }
  const limit = limitClause(filters.limit);
  return run(
    db,
    `SELECT * FROM v_indicators ${where.sql} ORDER BY ente COLLATE NOCASE, plan_id, ordinal ${limit.sql}`,
    [...where.params, ...limit.params],
  );
}

/**
 * Objectives and indicators whose text contains every word of `text`, whatever
 * its accents and inflection ("scuola" finds "Scuole"), best matches first.
 */
export function search(db: Store, text: string, options: { limit?: number } = {}): QueryResult {
  const match = matchExpression(text);
  const limit = limitClause(options.limit);
  return run(
    db,
    `SELECT s.kind, s.plan_id, p.ente_name AS ente, s.item AS id,
       COALESCE(o.title, i.name) AS text,
       COALESCE(io.title, o.level) AS context,
       round(bm25(search_index), 3) AS rank
     FROM search_index s
     JOIN plans p ON p.id = s.plan_id
     LEFT JOIN objectives o ON s.kind = 'objective' AND o.plan_id = s.plan_id AND o.id = s.item
     LEFT JOIN indicators i ON s.kind = 'indicator' AND i.plan_id = s.plan_id AND i.id = s.item
     LEFT JOIN objectives io ON io.plan_id = i.plan_id AND io.id = i.objective
     WHERE search_index MATCH ?
     ORDER BY bm25(search_index), p.ente_key ${limit.sql}`,
    [match ?? MATCH_NOTHING, ...limit.params],
  );
}

/**
 * The id of the plan named by a full id or an unambiguous prefix of it (ids are
 * hex digests, so analysts type the first few characters), or null.
 */
export function resolvePlanId(db: Store, idOrPrefix: string): string | null {
  const exact = db.prepare<[string], { id: string }>('SELECT id FROM plans WHERE id = ?').get(idOrPrefix);
  if (exact) return exact.id;
  const matches = db
    .prepare<[string], { id: string }>(`SELECT id FROM plans WHERE id LIKE ? ESCAPE '\\' LIMIT 2`)
    .all(`${escapeLike(idOrPrefix)}%`);
  if (matches.length > 1) throw new Error(`"${idOrPrefix}" is the start of several plan ids: type more of it`);
  return matches[0]?.id ?? null;
}

export interface PlanDetail {
  plan: Row;
  objectives: QueryResult;
  indicators: QueryResult;
}

/** One plan's summary row with its objectives and indicators, or null. */
export function showPlan(db: Store, idOrPrefix: string): PlanDetail | null {
  const id = resolvePlanId(db, idOrPrefix);
  if (id === null) return null;
  const plan = run(db, `SELECT ${PLAN_COLUMNS}, p.sha256, p.warnings FROM plans p WHERE p.id = ?`, [id]).rows[0];
  if (!plan) return null;
  const byPlan = (view: 'v_objectives' | 'v_indicators'): QueryResult =>
    run(db, `SELECT * FROM ${view} WHERE plan_id = ? ORDER BY ordinal`, [id]);
  return { plan, objectives: byPlan('v_objectives'), indicators: byPlan('v_indicators') };
}
