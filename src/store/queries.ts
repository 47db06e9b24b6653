/**
 * The questions analysts ask of many plans at once: which plans we hold, which
 * objectives and indicators match an ente, a year, a Missione, a settore or some
 * words, which deadlines fall before a date. Filters become fixed SQL fragments
 * with bound parameters, combined with AND; nothing a user types is spliced in.
 */
import { foldForMatch } from '../text/normalize.js';
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

/** Where the plan's id, years and layout are in the query at hand: the plans table, or a view. */
const PLAN_TABLE = { id: 'p.id', years: 'p.years', layout: 'p.layout' } as const;
const VIEW = { id: 'plan_id', years: 'plan_years', layout: 'layout' } as const;

/**
 * Plan-level filters. A name or an ISTAT code picks a few plans, so the query starts
 * from them (`IN`); a year or a layout holds for a large share of plans, so it is
 * a test on the row's own columns, which leaves the planner free to walk plans in
 * ente order and stop at the page.
 */
function planFilters(where: Where, columns: typeof PLAN_TABLE | typeof VIEW, f: PlanFilters): void {
  if (f.ente !== undefined) {
    where.add(`${columns.id} IN (SELECT id FROM plans WHERE ente_key LIKE ? ESCAPE '\\')`, contains(foldForMatch(f.ente)));
  }
  if (f.istat !== undefined) where.add(`${columns.id} IN (SELECT id FROM plans WHERE ente_istat = ?)`, f.istat);
  if (f.year !== undefined) where.add(`EXISTS (SELECT 1 FROM json_each(${columns.years}) y WHERE y.value = ?)`, f.year);
  if (f.layout !== undefined) where.add(`${columns.layout} = ?`, oneOf(f.layout, LAYOUTS, 'layout'));
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

const ENTE_ORDER = 'ORDER BY ente COLLATE NOCASE, plan_id, ordinal';

/**
 * The rows of a view that pass `where`, by ente, plan and order in the plan; with a
 * limit, the first page only. The page's keys are chosen first, on the view's cheap
 * columns, and only its rows are then read whole: the targets and deadline of an
 * indicator are subqueries, and computing them for every match before keeping 100
 * made a broad filter cost seconds on thousands of plans.
 */
function inEnteOrder(
  db: Store, view: 'v_objectives' | 'v_indicators', key: 'objective_id' | 'indicator_id', where: Where, limit: number | undefined,
): QueryResult {
  if (limit === undefined) return run(db, `SELECT * FROM ${view} ${where.sql} ${ENTE_ORDER}`, where.params);
  /*
   * Materialized, and read first (CROSS JOIN): as an IN list SQLite chose the page
   * twice, once per objectives table of the view, and as a plain join it walked every
   * plan in ente order to find the page's rows.
   */
  return run(
    db,
    `WITH page AS MATERIALIZED (SELECT plan_id, ${key} FROM ${view} ${where.sql} ${ENTE_ORDER} LIMIT ?)
     SELECT v.* FROM page CROSS JOIN ${view} v ON v.plan_id = page.plan_id AND v.${key} = page.${key}
     ORDER BY v.ente COLLATE NOCASE, v.plan_id, v.ordinal`,
    [...where.params, limit],
  );
}

const PLAN_COLUMNS = `p.id, p.ente_name AS ente, p.ente_istat AS istat, p.title, p.years, p.layout, p.kind,
  p.file, p.format, p.pages,
  (SELECT count(*) FROM objectives o WHERE o.plan_id = p.id) AS objectives,
  (SELECT count(*) FROM indicators i WHERE i.plan_id = p.id) AS indicators,
  p.imported_at`;

export function listPlans(db: Store, filters: PlanFilters = {}): QueryResult {
  const where = new Where();
  planFilters(where, PLAN_TABLE, filters);
  return run(db, `SELECT ${PLAN_COLUMNS} FROM plans p ${where.sql} ORDER BY p.ente_key, p.years, p.file`, where.params);
}

export function objectives(db: Store, filters: ObjectiveFilters = {}): QueryResult {
  const where = new Where();
  planFilters(where, VIEW, filters);
  contextFilters(where, filters);
  if (filters.text !== undefined) {
    where.add(
      `(plan_id, objective_id) IN (SELECT plan_id, item FROM search_index WHERE search_index MATCH ? AND kind = 'objective')`,
      matchExpression(filters.text) ?? MATCH_NOTHING,
    );
  }
  return inEnteOrder(db, 'v_objectives', 'objective_id', where, filters.limit);
}

export function indicators(db: Store, filters: IndicatorFilters = {}): QueryResult {
  const where = new Where();
  planFilters(where, VIEW, filters);
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
    // The view's `deadline` is the earliest deadline target, so "on or before" is a test of it.
    where.add('deadline <= ?', filters.deadlineBefore);
  }
  if (filters.kind !== undefined) {
    /*
     * A scalar subquery, not EXISTS: SQLite turns an EXISTS into a join and, expecting
     * to probe every indicator, first builds a Bloom filter over the whole targets
     * table, which costs more than the page itself.
     */
    where.add(
      `(SELECT 1 FROM targets t WHERE t.plan_id = v_indicators.plan_id AND t.indicator = v_indicators.indicator_id
         AND t.kind = ? LIMIT 1) IS NOT NULL`,
      oneOf(filters.kind, TARGET_KINDS, 'target kind'),
    );
  }
  return inEnteOrder(db, 'v_indicators', 'indicator_id', where, filters.limit);
}

/**
 * Objectives and indicators whose text contains every word of `text`, whatever
 * its accents and inflection ("scuola" finds "Scuole"), best matches first.
 *
 * The matches are scored once, by rowid alone, and with a limit only those scoring
 * at least as well as the page's last (ties included, so the ente order among them
 * is kept) are read whole: a common word matches a tenth of the index, and reading
 * every match's row to keep fifty took a quarter of a second on 8,000 plans.
 */
export function search(db: Store, text: string, options: { limit?: number } = {}): QueryResult {
  const match = matchExpression(text);
  const limit = limitClause(options.limit);
  const page = options.limit === undefined
    ? { sql: '', params: [] }
    : { sql: 'WHERE m.score <= (SELECT max(score) FROM (SELECT score FROM m ORDER BY score LIMIT ?))', params: [options.limit] };
  return run(
    db,
    `WITH m AS MATERIALIZED (SELECT rowid AS r, bm25(search_index) AS score FROM search_index WHERE search_index MATCH ?)
     SELECT s.kind, s.plan_id, p.ente_name AS ente, s.item AS id,
       COALESCE(o.title, i.name) AS text,
       COALESCE(io.title, o.level) AS context,
       round(m.score, 3) AS rank
     FROM m
     JOIN search_index s ON s.rowid = m.r
     JOIN plans p ON p.id = s.plan_id
     LEFT JOIN objectives o ON s.kind = 'objective' AND o.plan_id = s.plan_id AND o.id = s.item
     LEFT JOIN indicators i ON s.kind = 'indicator' AND i.plan_id = s.plan_id AND i.id = s.item
     LEFT JOIN objectives io ON io.plan_id = i.plan_id AND io.id = i.objective
     ${page.sql}
     ORDER BY m.score, p.ente_key ${limit.sql}`,
    [match ?? MATCH_NOTHING, ...page.params, ...limit.params],
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
