/**
 * Every command opens the same SQLite file, sometimes while an import is writing to
 * it. WAL lets readers work during a write, the busy timeout makes a second writer
 * wait instead of failing, and foreign keys keep objectives, indicators and
 * targets from outliving their plan. A batch commits thousands of transactions (a
 * plan, or a group of them, each), so a commit's cost is paid thousands of times: in WAL mode `synchronous = NORMAL` syncs
 * the disk at checkpoints rather than at every commit (a fifth of the time saving
 * plans, bench/results.md). The database stays consistent through any crash; a
 * power cut can lose the last plans committed before it, which a re-run of the
 * import brings back.
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { migrate } from './migrations.js';

export type Store = Database.Database;

export const STORE_SETTINGS = {
  /** where the CLI keeps its database unless --db says otherwise */
  defaultPath: 'output/perfplan.sqlite',
  /**
   * How long a writer waits for another process's transaction. A plan's insert
   * takes milliseconds, but two importers may queue several; half a minute covers
   * that without hanging forever on a stuck process.
   */
  busyTimeoutMs: 30_000,
  /** see the module comment: one disk sync per checkpoint rather than per saved plan */
  synchronous: 'NORMAL',
  /**
   * WAL pages written before SQLite copies them back into the database (SQLite's
   * default is 1,000, 4 MB). A batch rewrites the same few pages at the end of each
   * table and index plan after plan; a 40 MB log copies each of them back once per
   * checkpoint instead of ten times, 5–7% of the time saving plans (bench/results.md).
   */
  walAutocheckpointPages: 10_000,
} as const;

/** Another connection holds the database past the busy timeout: worth trying again later. */
export const isBusy = (err: unknown): boolean => {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' && /^SQLITE_(BUSY|LOCKED)/.test(code);
};

export interface OpenOptions {
  /** open an existing database without the right to change it (`perfplan sql`) */
  readonly?: boolean;
}

export function openStore(path: string, options: OpenOptions = {}): Store {
  if (options.readonly) {
    const db = new Database(path, { readonly: true, fileMustExist: true, timeout: STORE_SETTINGS.busyTimeoutMs });
    db.pragma('foreign_keys = ON');
    return db;
  }
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const db = new Database(path, { timeout: STORE_SETTINGS.busyTimeoutMs });
  db.pragma('journal_mode = WAL');
  db.pragma(`synchronous = ${STORE_SETTINGS.synchronous}`);
  db.pragma(`wal_autocheckpoint = ${STORE_SETTINGS.walAutocheckpointPages}`);
  db.pragma('foreign_keys = ON');
  migrate(db);
  return db;
}

/**
 * Refreshes the statistics SQLite's query planner chooses indexes by, after a batch
 * has changed the tables. Without them the analyst queries on thousands of plans
 * sort every match instead of walking plans in ente order and stopping at the page
 * (bench/results.md); `PRAGMA optimize` analyzes only tables never analyzed or much
 * changed since, with a bounded sample, so it takes milliseconds.
 */
export function refreshStatistics(db: Store): void {
  db.pragma('optimize');
}
