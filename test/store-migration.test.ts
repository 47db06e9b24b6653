import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../src/store/migrations.js';
import { indicators, listPlans, loadPlan, objectives, openStore, search } from '../src/store/index.js';

/*
 * test/data/store/v2-three-plans.sqlite was written by perfplan at schema v2
 * (`perfplan import` of the 002 DOCX, h03 XLSX and s02 DOCX fixtures), before
 * migration 3 existed. Opening it must carry every row and every view row across.
 */
const V2 = 'test/data/store/v2-three-plans.sqlite';

let dir: string;
let path: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'perfplan-migrate-'));
  path = join(dir, 'old.sqlite');
  copyFileSync(V2, path);
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

type Rows = Record<string, unknown>[];
const readOld = (sql: string): Rows => {
  const db = new Database(path, { readonly: true });
  try {
    return db.prepare(sql).all() as Rows;
  } finally {
    db.close();
  }
};

describe('migration from schema v2', () => {
  it('starts from a v2 database', () => {
    expect(readOld('PRAGMA user_version')).toEqual([{ user_version: 2 }]);
  });

  it('keeps every row of the analyst views, value for value', () => {
    const order = 'ORDER BY plan_id, ordinal';
    const oldIndicators = readOld(`SELECT * FROM v_indicators ${order}`);
    const oldObjectives = readOld(`SELECT * FROM v_objectives ${order}`);
    expect(oldIndicators).toHaveLength(131);
    expect(oldObjectives).toHaveLength(56);
    const db = openStore(path);
    try {
      expect(db.pragma('user_version', { simple: true })).toBe(MIGRATIONS.at(-1)!.version);
      expect(db.prepare(`SELECT * FROM v_indicators ${order}`).all()).toEqual(oldIndicators);
      expect(db.prepare(`SELECT * FROM v_objectives ${order}`).all()).toEqual(oldObjectives);
    } finally {
      db.close();
    }
  });

  it('keeps each plan whole: its targets in order and its search terms', () => {
    const oldTargets = readOld('SELECT plan_id, indicator, ordinal, raw, kind, date FROM targets ORDER BY plan_id, indicator, ordinal');
    const oldHits = readOld(
      `SELECT plan_id, kind, item FROM search_index WHERE search_index MATCH '"personal"*' ORDER BY plan_id, kind, item`,
    );
    expect(oldHits.length).toBeGreaterThan(3);
    const db = openStore(path);
    try {
      const plans = listPlans(db).rows.map((r) => String(r.id));
      expect(plans).toHaveLength(3);
      const targets = plans.flatMap((id) => loadPlan(db, id)!.indicators.flatMap((i) =>
        i.targets.map((t, ordinal) => ({ plan_id: id, indicator: i.id, ordinal, raw: t.raw, kind: t.kind, date: t.date }))));
      const key = (r: Record<string, unknown>) => `${r.plan_id} ${r.indicator} ${String(r.ordinal).padStart(3, '0')}`;
      expect(targets.sort((a, b) => key(a).localeCompare(key(b)))).toEqual(
        [...oldTargets].sort((a, b) => key(a).localeCompare(key(b))),
      );
      const hits = search(db, 'personale').rows.map((r) => ({ plan_id: r.plan_id, kind: r.kind, item: r.id }));
      const sorted = (rows: Rows) => rows.map((r) => `${r.plan_id} ${r.kind} ${r.item}`).sort();
      expect(sorted(hits)).toEqual(sorted(oldHits));
    } finally {
      db.close();
    }
  });

  it('answers a filter on the inherited Missione as the v2 views did', () => {
    const oldByMissione = readOld(
      'SELECT plan_id, indicator_id, missione_code FROM v_indicators WHERE missione_code IS NOT NULL',
    );
    expect(new Set(oldByMissione.map((r) => r.missione_code)).size).toBeGreaterThan(3);
    const db = openStore(path);
    try {
      const codes = [...new Set(oldByMissione.map((r) => Number(r.missione_code)))];
      const found = codes.flatMap((missione) =>
        indicators(db, { missione }).rows.map((r) => ({ plan_id: r.plan_id, indicator_id: r.indicator_id, missione_code: missione })));
      const sorted = (rows: Rows) => rows.map((r) => `${r.plan_id} ${r.indicator_id} ${r.missione_code}`).sort();
      expect(sorted(found)).toEqual(sorted(oldByMissione));
      expect(objectives(db, { missione: 12 }).rows.length).toBeGreaterThan(0);
    } finally {
      db.close();
    }
  });
});
