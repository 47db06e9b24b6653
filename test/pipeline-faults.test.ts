import { type ChildProcess, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { importFiles } from '../src/pipeline/import.js';
import { openStore } from '../src/store/index.js';
import { extract } from './pipeline-fake-extractor.js';

let root: string;
let dbPath: string;
let folder: string;

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'perfplan-faults-'));
  dbPath = join(root, 'perfplan.sqlite');
  folder = join(root, 'plans');
  mkdirSync(folder);
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

function docs(n: number, behaviour: object): void {
  for (let i = 0; i < n; i++) writeFileSync(join(folder, `${String(i).padStart(2, '0')}.pdf`), JSON.stringify({ ...behaviour, i }));
}

function child(): ChildProcess {
  return spawn(process.execPath, ['--import', 'tsx', join(import.meta.dirname, 'pipeline-child.ts'), dbPath, folder], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
}

const exited = (p: ChildProcess): Promise<number | null> =>
  new Promise((resolve) => p.on('exit', (code) => resolve(code)));

function stats(): { plans: number; distinct: number; runs: { finished: string | null }[]; integrity: string } {
  const db = openStore(dbPath);
  try {
    return {
      plans: (db.prepare('SELECT count(*) AS n FROM plans').get() as { n: number }).n,
      distinct: (db.prepare('SELECT count(DISTINCT sha256) AS n FROM plans').get() as { n: number }).n,
      runs: db.prepare('SELECT finished FROM import_runs ORDER BY id').all() as { finished: string | null }[],
      integrity: String(db.pragma('integrity_check', { simple: true })),
    };
  } finally {
    db.close();
  }
}

describe('faults', () => {
  it('completes after the importer is killed mid-batch, without duplicates or half-written plans', async () => {
    docs(12, { sleepMs: 250 });
    const first = child();
    const done = exited(first);
    for (let polls = 0; ; polls++) {
      await new Promise((r) => setTimeout(r, 100));
      let plans = 0;
      try {
        plans = stats().plans;
      } catch {
        // the child may not have created the schema yet
      }
      if (plans >= 3 || polls > 300) break;
    }
    first.kill('SIGKILL');
    expect(await done).toBeNull();
    const killed = stats();
    expect(killed.plans).toBeGreaterThanOrEqual(3);
    expect(killed.plans).toBeLessThan(12);
    expect(killed.runs).toEqual([{ finished: null }]);

    const db = openStore(dbPath);
    const rerun = await importFiles([folder], { db, extract, progress: 'none' });
    db.close();
    expect(rerun).toMatchObject({ imported: 12 - killed.plans, skipped: killed.plans, failed: 0 });
    const after = stats();
    expect(after).toMatchObject({ plans: 12, distinct: 12, integrity: 'ok' });
    const db2 = openStore(dbPath);
    const orphans = db2.prepare(
      `SELECT (SELECT count(*) FROM objectives WHERE plan NOT IN (SELECT pk FROM plans))
            + (SELECT count(*) FROM indicators WHERE plan NOT IN (SELECT pk FROM plans))
            + (SELECT count(*) FROM objectives_fts_docsize WHERE id NOT IN (SELECT key FROM objectives))
            + (SELECT count(*) FROM indicators_fts_docsize WHERE id NOT IN (SELECT key FROM indicators)) AS n`,
    ).get() as { n: number };
    expect(db2.prepare('SELECT count(*) AS n FROM objectives').get()).toEqual({ n: 48 });
    db2.close();
    expect(orphans.n).toBe(0);
  });

  it('lets two importers write to the same database at once without losing anything', async () => {
    docs(8, { sleepMs: 20 });
    const [a, b] = [child(), child()];
    let errors = '';
    for (const p of [a, b]) p.stderr?.on('data', (d) => (errors += String(d)));
    expect(await Promise.all([exited(a), exited(b)])).toEqual([0, 0]);
    expect(errors).toBe('');
    const db = openStore(dbPath);
    const outcomes = db.prepare('SELECT status, count(*) AS n FROM import_files GROUP BY status ORDER BY status').all();
    db.close();
    expect(outcomes).toEqual([
      { status: 'imported', n: 8 },
      { status: 'skipped', n: 8 },
    ]);
    expect(stats()).toMatchObject({ plans: 8, distinct: 8, integrity: 'ok' });
  });
});
