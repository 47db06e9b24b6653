/**
 * Search terms are saved with their plan into `search_queue` and moved into the
 * FTS5 indexes in bulk. An FTS5 table flushes a new segment, and merges older ones,
 * at every transaction that writes to it: one plan per transaction made that a
 * quarter of the time saving a plan, while a thousand plans' terms go in at once in
 * a fraction of a second (bench/results.md). A query that searches text first moves
 * whatever is queued, so it never misses a saved plan.
 */
import type { Store } from './db.js';

/**
 * Plans a batch saves between two moves of the queue: bounds the queue, and the
 * work a search during a long import finds waiting.
 */
export const SEARCH_INDEX_EVERY_PLANS = 500;

const statements = new WeakMap<Store, { pending: () => boolean; move: () => number }>();

function statementsFor(db: Store) {
  let s = statements.get(db);
  if (!s) {
    const pending = db.prepare('SELECT EXISTS (SELECT 1 FROM search_queue) AS queued').pluck();
    const objectives = db.prepare(
      `INSERT INTO objectives_fts (rowid, terms) SELECT key, terms FROM search_queue WHERE kind = 'objective'`,
    );
    const indicators = db.prepare(
      `INSERT INTO indicators_fts (rowid, terms) SELECT key, terms FROM search_queue WHERE kind = 'indicator'`,
    );
    const clear = db.prepare('DELETE FROM search_queue');
    const move = db.transaction(() => {
      objectives.run();
      indicators.run();
      return clear.run().changes;
    });
    s = { pending: () => pending.get() === 1, move: () => move.immediate() };
    statements.set(db, s);
  }
  return s;
}

/** Moves every queued term into the search indexes, in one transaction; returns how many items. */
export function indexQueuedTerms(db: Store): number {
  return statementsFor(db).move();
}

/**
 * Before a text query: moves the queue if anything waits in it. A read-only
 * connection cannot, and searches what is indexed.
 */
export function ensureSearchable(db: Store): void {
  if (db.readonly) return;
  const s = statementsFor(db);
  if (s.pending()) s.move();
}
