/**
 * The analyst's questions, as the bench asks them of the synthetic database: the
 * `objectives` and `indicators` commands with one to three filters drawn from
 * those the CLI offers (ente, year, Missione, words; for indicators also a deadline
 * and a target kind), and `search` with one or two words. Values come from what
 * the synthetic plans hold, so queries find rows, and hang together as an
 * analyst's do: words that carry meaning (not "della"), a deadline in the year
 * asked about. Each query asks for the first page of rows (`--limit`), as an
 * analyst reading a screen does; searches use the command's own default limit.
 */
import { SEARCH_SETTINGS } from '../cli/commands/search.js';
import { TARGET_KINDS } from '../model/plan.js';
import { indicators, objectives, search, type IndicatorFilters, type Store } from '../store/index.js';
import { isStopword } from '../store/search-terms.js';
import type { Random } from './random.js';
import { QUERY_PAGE_ROWS } from './settings.js';
import { SYNTHETIC_KEYWORDS, SYNTHETIC_MISSIONI, SYNTHETIC_YEARS } from './synthetic.js';

export const QUERY_FAMILIES = ['objectives', 'indicators', 'search'] as const;
export type QueryFamily = (typeof QUERY_FAMILIES)[number];

export interface BenchQuery {
  family: QueryFamily;
  filters: IndicatorFilters;
  /** the words of a search */
  text: string;
}

export interface Latency {
  count: number;
  p50: number;
  p95: number;
  max: number;
  /** median rows returned */
  rows: number;
  /** the slowest query, as filters */
  slowest: string;
}

/** Shorter words are glue or abbreviations ("via", "IMU"), not what analysts look for. */
const MIN_QUERY_WORD = 4;


const FILTERS = {
  objectives: ['ente', 'year', 'missione', 'text'],
  indicators: ['ente', 'year', 'missione', 'text', 'deadlineBefore', 'kind'],
} as const;
type FilterName = (typeof FILTERS)['indicators'][number];

const QUERY_WORDS = [...new Set(SYNTHETIC_KEYWORDS.flatMap((k) => k.split(/[\s']+/)))]
  .filter((w) => w.length >= MIN_QUERY_WORD && !isStopword(w));

function words(random: Random): string {
  return Array.from({ length: random.int(1, 2) }, () => random.pick(QUERY_WORDS)).join(' ');
}

function filterValue(random: Random, name: FilterName, enti: readonly string[], year: number): IndicatorFilters {
  switch (name) {
    case 'ente': {
      // A whole name, or its first word as analysts shorten it ("alzano").
      const ente = random.pick(enti);
      return { ente: random.chance(0.5) ? ente : (ente.split(/[\s']/)[0] ?? ente) };
    }
    case 'year':
      return { year };
    case 'missione':
      return { missione: random.pick(SYNTHETIC_MISSIONI) };
    case 'text':
      return { text: words(random) };
    case 'deadlineBefore':
      return { deadlineBefore: `${year}-${String(random.int(1, 12)).padStart(2, '0')}-28` };
    case 'kind':
      return { kind: random.pick(TARGET_KINDS) };
  }
}

/** `count` queries of each family over plans of the comuni `enti`. */
export function queryMix(random: Random, count: number, enti: readonly string[]): BenchQuery[] {
  const queries: BenchQuery[] = [];
  for (let n = 0; n < count; n++) {
    for (const family of ['objectives', 'indicators'] as const) {
      const pool: FilterName[] = [...FILTERS[family]];
      const names = Array.from({ length: random.int(1, 3) }, () => pool.splice(random.int(0, pool.length - 1), 1)[0]!);
      // One year of interest per question: the plans of 2024 and what falls due in 2024.
      const year = random.int(...SYNTHETIC_YEARS);
      const filters: IndicatorFilters = Object.assign(
        { limit: QUERY_PAGE_ROWS },
        ...names.map((f) => filterValue(random, f, enti, year)),
      );
      queries.push({ family, filters, text: '' });
    }
    queries.push({ family: 'search', filters: {}, text: words(random) });
  }
  return queries;
}

/** Runs one query the way the CLI command does; returns the rows it gave. */
export function runQuery(db: Store, q: BenchQuery): number {
  switch (q.family) {
    case 'objectives':
      return objectives(db, q.filters).rows.length;
    case 'indicators':
      return indicators(db, q.filters).rows.length;
    case 'search':
      return search(db, q.text, { limit: SEARCH_SETTINGS.defaultLimit }).rows.length;
  }
}

/**
 * SQLite's plan for the statements a query runs, as an indented tree: what to read
 * when a query is slow, since a CPU profile only shows the time inside SQLite. The
 * statements are caught on their way to the database, as the store prepares them.
 */
export function queryPlan(db: Store, q: BenchQuery): string[] {
  const ran: { sql: string; params: unknown[] }[] = [];
  const watched = new Proxy(db, {
    get(target, property) {
      if (property !== 'prepare') {
        const value: unknown = Reflect.get(target, property, target);
        return typeof value === 'function' ? value.bind(target) : value;
      }
      return (sql: string) => {
        const statement = target.prepare(sql);
        return new Proxy(statement, {
          get(s, p) {
            if (p === 'all') {
              return (...params: unknown[]) => {
                ran.push({ sql, params });
                return s.all(...params);
              };
            }
            const value: unknown = Reflect.get(s, p, s);
            return typeof value === 'function' ? value.bind(s) : value;
          },
        });
      };
    },
  });
  runQuery(watched, q);
  return ran.flatMap(({ sql, params }) => {
    const rows = db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as { id: number; parent: number; detail: string }[];
    const depth = new Map<number, number>([[0, 0]]);
    return rows.map((r) => {
      const d = (depth.get(r.parent) ?? 0) + 1;
      depth.set(r.id, d);
      return `${'  '.repeat(d - 1)}${r.detail}`;
    });
  });
}

export const describeQuery = (q: BenchQuery): string =>
  q.family === 'search' ? `search "${q.text}"` : `${q.family} ${JSON.stringify(q.filters)}`;

/** p50 / p95 / max of the timings (ms) of one family. */
export function latencyOf(runs: { ms: number; rows: number; query: BenchQuery }[]): Latency {
  const byTime = [...runs].sort((a, b) => a.ms - b.ms);
  const rows = runs.map((r) => r.rows).sort((a, b) => a - b);
  const at = (p: number): number => byTime[Math.min(byTime.length - 1, Math.ceil(p * byTime.length) - 1)]?.ms ?? 0;
  const slowest = byTime.at(-1);
  return {
    count: runs.length,
    p50: at(0.5),
    p95: at(0.95),
    max: slowest?.ms ?? 0,
    rows: rows[Math.floor(rows.length / 2)] ?? 0,
    slowest: slowest ? describeQuery(slowest.query) : '',
  };
}
