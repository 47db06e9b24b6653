/**
 * Hundreds of files go through an import, and the analyst needs to know later what
 * happened to each: imported, skipped as already present, or failed and why. Runs
 * and per-file outcomes are rows, written as the batch goes, so a run killed
 * halfway still shows what it did, and the next run can skip what is already in.
 */
import type { Store } from './db.js';

export type FileStatus = 'imported' | 'skipped' | 'failed';

export interface FileOutcome {
  path: string;
  sha256: string | null;
  status: FileStatus;
  /** why it was skipped or failed; null when imported */
  reason: string | null;
  planId: string | null;
  objectives: number;
  indicators: number;
  ms: number;
}

export interface RunCounts {
  imported: number;
  skipped: number;
  failed: number;
  objectives: number;
  indicators: number;
}

export function startRun(db: Store, args: unknown): number {
  const info = db
    .prepare('INSERT INTO import_runs (started, args) VALUES (?, ?)')
    .run(new Date().toISOString(), JSON.stringify(args));
  return Number(info.lastInsertRowid);
}

export function finishRun(db: Store, runId: number, counts: RunCounts): void {
  db.prepare('UPDATE import_runs SET finished = ?, counts = ? WHERE id = ?')
    .run(new Date().toISOString(), JSON.stringify(counts), runId);
}

export function recordFile(db: Store, runId: number, o: FileOutcome): void {
  db.prepare(
    `INSERT INTO import_files (run, path, sha256, status, reason, plan_id, objectives, indicators, ms)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(runId, o.path, o.sha256, o.status, o.reason, o.planId, o.objectives, o.indicators, Math.round(o.ms));
}

/**
 * The plan already imported from a file with these bytes, if any: either the plan's
 * own sha256, or a file that an earlier run imported under another digest (a
 * signed envelope whose plan carries the digest of the document inside it).
 */
export function importedPlanFor(db: Store, sha256: string): string | null {
  const row = db
    .prepare<[string, string], { id: string }>(
      `SELECT id FROM plans WHERE sha256 = ?
       UNION ALL
       SELECT p.id FROM import_files f JOIN plans p ON p.id = f.plan_id WHERE f.sha256 = ? AND f.status = 'imported'
       LIMIT 1`,
    )
    .get(sha256, sha256);
  return row?.id ?? null;
}
