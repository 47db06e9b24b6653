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
import { ensureSearchable } from './search-index.js';
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

/**
 * Plan-level filters, on the plans table as `p`. A name or an ISTAT code picks a few
 * plans; a year or a layout holds for a large share of them, and the planner is
 * free to walk plans in ente order and stop at the page.
 */
function planFilters(where: Where, f: PlanFilters): void {
  if (f.ente !== undefined) where.add(`p.ente_key LIKE ? ESCAPE '\\'`, contains(foldForMatch(f.ente)));
  if (f.istat !== undefined) where.add('p.ente_istat = ?', f.istat);
  if (f.year !== undefined) where.add('EXISTS (SELECT 1 FROM json_each(p.years) y WHERE y.value = ?)', f.year);
  if (f.layout !== undefined) where.add('p.layout = ?', oneOf(f.layout, LAYOUTS, 'layout'));
}

/** Filters on the Missione and settore an objective or indicator (alias `row`) states or inherits. */
function chainFilters(where: Where, row: 'o' | 'i', f: ObjectiveFilters): void {
  if (f.missione !== undefined) where.add(`${row}.chain_missione_code = ?`, f.missione);
  if (f.settore !== undefined) where.add(`${row}.chain_settore LIKE ? ESCAPE '\\'`, contains(f.settore));
}

/** The keys of the objectives (or indicators) whose search terms match `text`. */
const matching = (table: 'objectives_fts' | 'indicators_fts'): string => `SELECT rowid FROM ${table} WHERE ${table} MATCH ?`;
const matchOf = (text: string): string => matchExpression(text) ?? MATCH_NOTHING;

/**
 * How a page filtered by text is best found, from how much the text matches
 * (FTS5 counts its matches in milliseconds). Reading the matches and sorting them all
 * costs about as many rows as match; walking the items in ente order and testing
 * each costs about limit ÷ (share that matches) rows. Walking wins when that share
 * exceeds √(limit ÷ rows): a common word ("servizio") matches a tenth of a million
 * indicators, and sorting them all took a third of a second (bench/results.md).
 * SQLite's planner cannot see inside an FTS5 match to make this choice itself.
 */
const walkInEnteOrder = (matches: number, rows: number, limit: number): boolean => matches * matches > limit * rows;

/** About how many rows a table holds: keys are handed out one after the other. */
const sizeOf = (db: Store, table: 'objectives' | 'indicators'): number =>
  db.prepare(`SELECT coalesce(max(key), 0) FROM ${table}`).pluck().get() as number;

const countMatches = (db: Store, table: 'objectives_fts' | 'indicators_fts', match: string): number =>
  db.prepare(`SELECT count(*) FROM ${table} WHERE ${table} MATCH ?`).pluck().get(match) as number;

/** `walkInEnteOrder` for indicators: an indicator matches by its name or by its objective's words. */
function walkIndicators(db: Store, match: string, limit: number): boolean {
  const rows = sizeOf(db, 'indicators');
  // Each objective matched brings its indicators: as many as there are per objective, on average.
  const perObjective = rows / Math.max(1, sizeOf(db, 'objectives'));
  const matches = countMatches(db, 'indicators_fts', match) + countMatches(db, 'objectives_fts', match) * perObjective;
  return walkInEnteOrder(matches, rows, limit);
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

/**
 * The rows of a view whose keys pass `where`, by ente, plan and order in the plan;
 * with a limit, the first page only. The page's keys are chosen first, on the base
 * tables' own columns (the filters read stored columns, never the view's
 * subqueries), and only its rows are then read whole from the view.
 */
function inEnteOrder(
  db: Store, kind: 'objective' | 'indicator', where: Where, limit: number | undefined,
): QueryResult {
  const [table, row, view] = kind === 'objective'
    ? ['objectives', 'o', 'v_objectives'] as const
    : ['indicators', 'i', 'v_indicators'] as const;
  const limited = limitClause(limit);
  /*
   * Materialized, and read first (CROSS JOIN): as an IN list SQLite chose the page
   * twice, and as a plain join it walked every plan in ente order to find its rows.
   */
  return run(
    db,
    `WITH page AS MATERIALIZED (
       SELECT p.id AS plan_id, ${row}.id AS item FROM plans p JOIN ${table} ${row} ON ${row}.plan = p.pk
       ${where.sql} ORDER BY p.ente_name COLLATE NOCASE, p.id, ${row}.ordinal ${limited.sql})
     SELECT v.* FROM page CROSS JOIN ${view} v ON v.plan_id = page.plan_id AND v.${kind}_id = page.item
     ORDER BY v.ente COLLATE NOCASE, v.plan_id, v.ordinal`,
    [...where.params, ...limited.params],
  );
}

const PLAN_COLUMNS = `p.id, p.ente_name AS ente, p.ente_istat AS istat, p.title, p.years, p.layout, p.kind,
  p.file, p.format, p.pages,
  (SELECT count(*) FROM objectives o WHERE o.plan = p.pk) AS objectives,
  (SELECT count(*) FROM indicators i WHERE i.plan = p.pk) AS indicators,
  p.imported_at`;

export function listPlans(db: Store, filters: PlanFilters = {}): QueryResult {
  const where = new Where();
  planFilters(where, filters);
  return run(db, `SELECT ${PLAN_COLUMNS} FROM plans p ${where.sql} ORDER BY p.ente_key, p.years, p.file`, where.params);
}

export function objectives(db: Store, filters: ObjectiveFilters = {}): QueryResult {
  const where = new Where();
  planFilters(where, filters);
  chainFilters(where, 'o', filters);
  if (filters.text !== undefined) {
    ensureSearchable(db);
    const match = matchOf(filters.text);
    // A unary + keeps SQLite from reading the matches by key: it walks and tests instead.
    const walk = filters.limit !== undefined
      && walkInEnteOrder(countMatches(db, 'objectives_fts', match), sizeOf(db, 'objectives'), filters.limit) ? '+' : '';
    where.add(`${walk}o.key IN (${matching('objectives_fts')})`, match);
  }
  return inEnteOrder(db, 'objective', where, filters.limit);
}

export function indicators(db: Store, filters: IndicatorFilters = {}): QueryResult {
  const where = new Where();
  planFilters(where, filters);
  chainFilters(where, 'i', filters);
  if (filters.text !== undefined) {
    // An indicator matches by its own name or by the objective it measures.
    ensureSearchable(db);
    const match = matchOf(filters.text);
    const walk = filters.limit !== undefined && walkIndicators(db, match, filters.limit) ? '+' : '';
    where.add(
      `(${walk}i.key IN (${matching('indicators_fts')}) OR ${walk}i.objective_key IN (${matching('objectives_fts')}))`,
      match,
      match,
    );
  }
  if (filters.deadlineBefore !== undefined) {
    if (!ISO_DATE.test(filters.deadlineBefore)) {
      throw new Error(`deadline must be a date as YYYY-MM-DD, not "${filters.deadlineBefore}"`);
    }
    // `deadline` is the earliest deadline target, so "on or before" is a test of it.
    where.add('i.deadline <= ?', filters.deadlineBefore);
  }
  if (filters.kind !== undefined) {
    /*
     * A scalar subquery, not EXISTS: SQLite turns an EXISTS into a join and, expecting
     * to probe every indicator, first builds a Bloom filter over the whole targets
     * table, which costs more than the page itself.
     */
    where.add(
      '(SELECT 1 FROM targets t WHERE t.indicator = i.key AND t.kind = ? LIMIT 1) IS NOT NULL',
      oneOf(filters.kind, TARGET_KINDS, 'target kind'),
    );
  }
  return inEnteOrder(db, 'indicator', where, filters.limit);
}

/**
 * Objectives and indicators whose text contains every word of `text`, whatever
 * its accents and inflection ("scuola" finds "Scuole"), best matches first.
 *
 * The matches are scored once, by key alone, and with a limit only those scoring
 * at least as well as the page's last (ties included, so the ente order among them
 * is kept) are read whole: a common word matches a tenth of the index, and reading
 * every match's row to keep fifty took a quarter of a second on 8,000 plans.
 * Objectives and indicators are two indexes, each scored on its own.
 */
export function search(db: Store, text: string, options: { limit?: number } = {}): QueryResult {
  ensureSearchable(db);
  const match = matchOf(text);
  const limit = limitClause(options.limit);
  const page = options.limit === undefined
    ? { sql: '', params: [] }
    : { sql: 'WHERE m.score <= (SELECT max(score) FROM (SELECT score FROM m ORDER BY score LIMIT ?))', params: [options.limit] };
  return run(
    db,
    `WITH m AS MATERIALIZED (
       SELECT 'objective' AS kind, rowid AS key, bm25(objectives_fts) AS score FROM objectives_fts WHERE objectives_fts MATCH ?
       UNION ALL
       SELECT 'indicator', rowid, bm25(indicators_fts) FROM indicators_fts WHERE indicators_fts MATCH ?)
     SELECT m.kind, p.id AS plan_id, p.ente_name AS ente, COALESCE(o.id, i.id) AS id,
       COALESCE(o.title, i.name) AS text,
       COALESCE(io.title, o.level) AS context,
       round(m.score, 3) AS rank
     FROM m
     LEFT JOIN objectives o ON m.kind = 'objective' AND o.key = m.key
     LEFT JOIN indicators i ON m.kind = 'indicator' AND i.key = m.key
     LEFT JOIN objectives io ON io.plan = i.plan AND io.id = i.objective
     JOIN plans p ON p.pk = COALESCE(o.plan, i.plan)
     ${page.sql}
     ORDER BY m.score, p.ente_key ${limit.sql}`,
    [match, match, ...page.params, ...limit.params],
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
