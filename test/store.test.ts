import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as XLSX from 'xlsx';
import { Plan, PlanExport, ValidPlan } from '../src/model/plan.js';
import { MIGRATIONS } from '../src/store/migrations.js';
import {
  exportCsv, exportJson, exportXlsx, indexQueuedTerms, indicators, listPlans, loadPlan, objectives, openStore, runReadOnlySql,
  savePlan, savePlans, search, showPlan, type SaveOptions, type Store,
} from '../src/store/index.js';
import { makePlan } from './store-plan-factory.js';

const SCHEMA_VERSION = MIGRATIONS.at(-1)!.version;

let dir: string;
let dbPath: string;
let db: Store;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'perfplan-store-'));
  dbPath = join(dir, 'nested', 'perfplan.sqlite');
  db = openStore(dbPath);
});
afterEach(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

const save = (plan: Plan, options?: SaveOptions) => savePlan(db, ValidPlan.parse(plan), options);

const count = (table: string): number =>
  (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;

describe('openStore', () => {
  it('creates the schema with WAL, foreign keys and the migration version', () => {
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    const names = (db.prepare("SELECT name FROM sqlite_master WHERE type IN ('table','view')").all() as { name: string }[])
      .map((r) => r.name);
    for (const t of ['plans', 'objectives', 'indicators', 'targets', 'import_runs', 'import_files', 'objectives_fts', 'indicators_fts',
      'v_indicators', 'v_objectives', 'v_objective_context']) {
      expect(names).toContain(t);
    }
  });

  it('reopens an existing database without migrating it again', () => {
    save(makePlan());
    db.close();
    db = openStore(dbPath);
    expect(listPlans(db).rows).toHaveLength(1);
  });

  it('refuses a database made by a newer perfplan', () => {
    db.pragma('user_version = 99');
    db.close();
    expect(() => openStore(dbPath)).toThrow(/newer than this perfplan/);
    db = openStore(':memory:');
  });
});

describe('savePlan and loadPlan', () => {
  it('round-trips a plan exactly', () => {
    const plan = makePlan();
    expect(save(plan)).toMatchObject({ status: 'imported', objectives: 4, indicators: 3, replaced: false });
    const loaded = loadPlan(db, plan.id);
    expect(loaded).toStrictEqual(Plan.parse(plan));
  });

  it('keeps the envelope and a plan with no objectives', () => {
    const plan = { ...makePlan({ content: 'empty' }), objectives: [], indicators: [], title: null, years: [] };
    plan.source = { ...plan.source, envelope: 'plan.pdf.p7m', pages: null };
    save(plan);
    expect(loadPlan(db, plan.id)).toStrictEqual(plan);
  });

  it('returns null for an unknown plan', () => {
    expect(loadPlan(db, 'nope')).toBeNull();
  });

  it('skips the same sha256 unless forced, and force replaces without duplicating', () => {
    const plan = makePlan();
    save(plan);
    expect(save(plan)).toMatchObject({ status: 'skipped', planId: plan.id });
    const changed = { ...plan, title: 'Piano rivisto' };
    expect(save(changed, { force: true })).toMatchObject({ status: 'imported', replaced: true });
    expect(count('plans')).toBe(1);
    expect(count('objectives')).toBe(4);
    expect(count('targets')).toBe(5);
    // The replaced plan's queued search terms went with it: 4 objectives and 3 indicators wait.
    expect(count('search_queue')).toBe(7);
    expect(loadPlan(db, plan.id)?.title).toBe('Piano rivisto');
  });

  it('moves queued search terms into the index in bulk, and drops them with their plan', () => {
    const searchable = () => count('objectives_fts_docsize') + count('indicators_fts_docsize');
    const plan = makePlan();
    save(plan);
    expect([count('search_queue'), searchable()]).toEqual([7, 0]);
    expect(indexQueuedTerms(db)).toBe(7);
    expect([count('search_queue'), searchable()]).toEqual([0, 7]);
    save({ ...plan, title: 'Piano rivisto' }, { force: true });
    expect([count('search_queue'), searchable()]).toEqual([7, 0]);
    // A search moves what waits before it looks.
    expect(search(db, 'videosorveglianza').rows.length).toBeGreaterThan(0);
    expect([count('search_queue'), searchable()]).toEqual([0, 7]);
  });

  it('never half-writes a plan when an insert fails midway', () => {
    db.exec(`CREATE TRIGGER boom BEFORE INSERT ON targets WHEN new.raw = 'BOOM'
             BEGIN SELECT RAISE(ABORT, 'boom'); END`);
    const plan = makePlan();
    const last = plan.indicators[2]!;
    plan.indicators[2] = { ...last, targets: [...last.targets, { ...last.targets[0]!, raw: 'BOOM' }] };
    expect(() => save(plan)).toThrow(/boom/);
    for (const t of ['plans', 'objectives', 'indicators', 'targets', 'search_queue']) {
      expect(count(t)).toBe(0);
    }
  });

  it('saves a group of plans in one transaction, and a failing plan alone when one fails', () => {
    const plans = ['a', 'b', 'c'].map((content) => ValidPlan.parse(makePlan({ content, file: `${content}.pdf` })));
    const good = savePlans(db, plans.slice(0, 2).map((plan) => ({ plan })));
    expect(good.map((r) => (r instanceof Error ? r.message : r.status))).toEqual(['imported', 'imported']);
    // c is fine; the broken plan makes the group roll back, then each plan is saved on its own.
    const broken = { ...plans[2]!, id: 'ffffffffffffffff', source: { ...plans[2]!.source, sha256: 'f'.repeat(64) } };
    broken.indicators = [{ ...broken.indicators[0]!, objective: 'o99' }];
    const mixed = savePlans(db, [{ plan: plans[2]! }, { plan: broken as ValidPlan }, { plan: plans[0]! }]);
    expect(mixed.map((r) => (r instanceof Error ? r.message : r.status))).toEqual([
      'imported', 'NOT NULL constraint failed: indicators.objective_key', 'skipped',
    ]);
    expect(count('plans')).toBe(3);
    expect(count('indicators')).toBe(9);
  });

  it('refuses a different file whose plan id is taken', () => {
    const plan = makePlan();
    save(plan);
    const other = makePlan({ content: 'other', file: 'other.pdf' });
    expect(() => save({ ...other, id: plan.id })).toThrow(`plan id ${plan.id} is already taken by plan.pdf`);
    expect(count('plans')).toBe(1);
  });

  it('leaves validation to the schema, and SQLite still refuses a plan whose keys do not hold', () => {
    const plan = makePlan();
    plan.indicators[0] = { ...plan.indicators[0]!, objective: 'o99' };
    expect(() => ValidPlan.parse(plan)).toThrow(/unknown objective o99/);
    expect(() => savePlan(db, plan as ValidPlan)).toThrow(/NOT NULL constraint failed: indicators.objective_key/);
    expect(count('plans')).toBe(0);
  });
});

describe('full-text search', () => {
  beforeEach(() => {
    save(makePlan());
  });

  it('ignores case: "videosorveglianza" finds "Videosorveglianza"', () => {
    const hits = search(db, 'videosorveglianza').rows.map((r) => `${r.kind}:${r.id}`);
    expect(hits).toEqual(expect.arrayContaining(['objective:o2', 'indicator:i2']));
  });

  it('ignores inflection: "scuola" finds "scuole", "telecamera" finds "telecamere"', () => {
    expect(search(db, 'scuola').rows.map((r) => r.id)).toEqual(['o3']);
    expect(search(db, 'telecamera').rows.map((r) => r.id)).toEqual(expect.arrayContaining(['o3', 'i1']));
  });

  it('ignores accents both ways: "attivita" finds "attività", "città" finds nothing wrongly', () => {
    expect(search(db, 'attivita').rows.map((r) => r.id)).toEqual(['o2']);
    expect(search(db, 'ATTIVITÀ di controllo').rows.map((r) => r.id)).toEqual(['o2']);
    expect(search(db, 'città').rows).toEqual([]);
  });

  it('requires every word and tolerates punctuation-only queries', () => {
    expect(search(db, 'videosorveglianza collaudo').rows.map((r) => r.id)).toEqual(['i2']);
    expect(search(db, '?!').rows).toEqual([]);
    expect(search(db, 'scuole"; DROP TABLE plans; --').rows).toEqual([]);
    expect(count('plans')).toBe(1);
  });
});

describe('queries', () => {
  beforeEach(() => {
    save(makePlan());
    save(makePlan({
      content: 'avella', ente: { name: 'Città di Avella', istat: '064007' }, years: [2024], layout: 'allegato_h',
    }));
  });

  it('lists plans with counts', () => {
    const { rows, columns } = listPlans(db);
    expect(columns).toContain('ente');
    expect(rows.map((r) => r.ente)).toEqual(['Città di Avella', 'Comune di Alzano Lombardo']);
    expect(rows[1]).toMatchObject({ objectives: 4, indicators: 3, years: [2023, 2024, 2025] });
  });

  it('filters by ente ignoring accents and case, by istat, year and layout', () => {
    expect(listPlans(db, { ente: 'CITTA' }).rows.map((r) => r.istat)).toEqual(['064007']);
    expect(listPlans(db, { ente: 'alzano lomb' }).rows.map((r) => r.istat)).toEqual(['016008']);
    expect(listPlans(db, { ente: '%' }).rows).toEqual([]);
    expect(indicators(db, { istat: '064007' }).rows).toHaveLength(3);
    expect(objectives(db, { year: 2025 }).rows.every((r) => r.istat === '016008')).toBe(true);
    expect(objectives(db, { layout: 'allegato_h' }).rows).toHaveLength(4);
    expect(() => objectives(db, { layout: 'nope' })).toThrow(/unknown layout/);
  });

  it('gives each indicator its objective chain and inherited context', () => {
    const i1 = indicators(db, { istat: '016008' }).rows.find((r) => r.indicator_id === 'i1');
    expect(i1).toMatchObject({
      esecutivo: 'Installare telecamere presso le scuole comunali',
      operativo: 'Potenziare la Videosorveglianza del territorio',
      strategico: 'SICUREZZA URBANA',
      missione_code: 3,
      programma_code: 1,
      settore: 'Polizia Locale',
      target_kind: 'number',
      deadline: '2023-06-12',
      targets: 'almeno n. 25 servizi mensili | 2023: Entro il 12/06/2023',
      responsible: ['Polizia Locale'],
      plan_years: [2023, 2024, 2025],
    });
  });

  it('filters indicators by missione, settore, text, deadline and target kind', () => {
    const ids = (rows: Record<string, unknown>[]) => rows.map((r) => `${r.istat}:${r.indicator_id}`);
    expect(ids(indicators(db, { istat: '016008', missione: 1 }).rows)).toEqual(['016008:i3']);
    expect(ids(indicators(db, { istat: '016008', settore: 'polizia' }).rows)).toEqual(['016008:i1', '016008:i2']);
    expect(ids(indicators(db, { istat: '016008', text: 'scuola' }).rows)).toEqual(['016008:i1', '016008:i2']);
    expect(ids(indicators(db, { deadlineBefore: '2023-12-31' }).rows)).toEqual(['064007:i1', '016008:i1']);
    expect(ids(indicators(db, { istat: '064007', kind: 'boolean' }).rows)).toEqual(['064007:i2']);
    expect(indicators(db, { limit: 2 }).rows).toHaveLength(2);
    expect(() => indicators(db, { deadlineBefore: '31/12/2023' })).toThrow(/YYYY-MM-DD/);
    expect(() => indicators(db, { kind: 'soon' })).toThrow(/unknown target kind/);
  });

  it('finds the same page of a text filter whether it walks the plans or reads the matches', () => {
    // Without a limit the matches are read and sorted; a page of one row, matched by most
    // of these few rows, is found by walking the plans in ente order (src/store/queries.ts).
    const key = (r: Record<string, unknown>) => `${r.plan_id}:${r.indicator_id ?? r.objective_id}`;
    for (const text of ['scuola', 'telecamere', 'videosorveglianza', 'servizi']) {
      const all = indicators(db, { text }).rows.map(key);
      expect(all.length, text).toBeGreaterThan(0);
      expect(indicators(db, { text, limit: 1 }).rows.map(key)).toEqual(all.slice(0, 1));
      const objectiveRows = objectives(db, { text }).rows.map(key);
      expect(objectives(db, { text, limit: 1 }).rows.map(key)).toEqual(objectiveRows.slice(0, 1));
    }
  });

  it('shows one plan by an id prefix', () => {
    const id = String(listPlans(db, { istat: '064007' }).rows[0]?.id);
    const detail = showPlan(db, id.slice(0, 6));
    expect(detail?.plan.id).toBe(id);
    expect(detail?.objectives.rows).toHaveLength(4);
    expect(detail?.indicators.rows).toHaveLength(3);
    expect(showPlan(db, 'zzzz')).toBeNull();
  });
});

describe('runReadOnlySql', () => {
  beforeEach(() => {
    save(makePlan());
  });

  it('answers a SELECT', () => {
    const result = runReadOnlySql(dbPath, 'SELECT count(*) AS n FROM v_indicators');
    expect(result).toEqual({ columns: ['n'], rows: [{ n: 3 }] });
  });

  it('refuses writes with a clear error and changes nothing', () => {
    for (const sql of ['DELETE FROM plans', 'DROP TABLE plans', 'CREATE TABLE x (a)', 'PRAGMA user_version = 7']) {
      expect(() => runReadOnlySql(dbPath, sql)).toThrow(/read-only/);
    }
    expect(count('plans')).toBe(1);
    expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
  });

  it('fails clearly on a missing database', () => {
    expect(() => runReadOnlySql(join(dir, 'missing.sqlite'), 'SELECT 1')).toThrow();
  });
});

describe('exports', () => {
  beforeEach(() => {
    save(makePlan());
    save(makePlan({ content: 'b', ente: { name: 'Comune di Avella', istat: '064007' } }));
  });

  it('writes the JSON contract', () => {
    const out = exportJson(db);
    expect(PlanExport.parse(JSON.parse(JSON.stringify(out)))).toStrictEqual(out);
    expect(out.plans).toHaveLength(2);
    expect(exportJson(db, { istat: '064007' }).plans.map((p) => p.ente.istat)).toEqual(['064007']);
  });

  it('writes RFC 4180 CSV, one row per indicator', () => {
    const quoted = makePlan({ content: 'quoted', ente: { name: 'Comune di Melzo', istat: '015142' } });
    quoted.indicators[1] = { ...quoted.indicators[1]!, name: 'Pratiche "SUAP", evase\nin tempo' };
    save(quoted);
    const csv = exportCsv(db, { istat: '015142' });
    const lines = csv.split('\r\n');
    expect(lines[0]?.startsWith('plan_id,indicator_id,indicator,')).toBe(true);
    expect(csv).toContain('"Pratiche ""SUAP"", evase\nin tempo"');
    expect(csv).toContain(',"Servizi istituzionali, generali e di gestione",');
    expect(csv).toContain(',Polizia Locale,');
    expect(csv.endsWith('\r\n')).toBe(true);
    expect(lines.filter((l) => /^[0-9a-f]{16},i\d,/.test(l))).toHaveLength(3);
  });

  it('writes an XLSX workbook with one sheet per table', () => {
    const book = XLSX.read(exportXlsx(db), { type: 'buffer' });
    expect(book.SheetNames).toEqual(['plans', 'objectives', 'indicators', 'targets']);
    const rows = (name: string) => XLSX.utils.sheet_to_json(book.Sheets[name]!).length;
    expect([rows('plans'), rows('objectives'), rows('indicators'), rows('targets')]).toEqual([2, 8, 6, 10]);
  });
});
