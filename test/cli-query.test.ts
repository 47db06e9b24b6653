import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as XLSX from 'xlsx';
import { PlanExport, ValidPlan } from '../src/model/plan.js';
import { openStore, savePlan } from '../src/store/index.js';
import { parseCsv, perfplan } from './cli-query-helpers.js';
import { makePlan } from './store-plan-factory.js';

let dir: string;
let db: string;
const alzano = makePlan();
const avella = makePlan({ content: 'avella', ente: { name: 'Città di Avella', istat: '064007' }, years: [2024], layout: 'allegato_h' });

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'perfplan-cli-'));
  db = join(dir, 'perfplan.sqlite');
  const store = openStore(db);
  savePlan(store, ValidPlan.parse(alzano));
  savePlan(store, ValidPlan.parse(avella));
  store.close();
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const json = (text: string) => JSON.parse(text) as Record<string, unknown>[];

describe('query commands in each format', () => {
  it('plans', async () => {
    const table = await perfplan('plans', '--db', db);
    expect(table.stdout).toMatch(/^id\s+ente\s+istat\s+years\s+layout\s+objectives\s+indicators\s+file\n-+/);
    expect(table.stdout).toContain('Comune di Alzano Lombardo');
    expect(table.stdout).toContain('2023; 2024; 2025');
    expect(table.stdout).toMatch(/\(2 rows\)\n$/);
    const csv = parseCsv((await perfplan('plans', '--db', db, '--format', 'csv', '--ente', 'citta')).stdout);
    expect(csv[0]).toContain('imported_at');
    expect(csv.slice(1).map((r) => r[2])).toEqual(['064007']);
    const rows = json((await perfplan('plans', '--db', db, '--format', 'json', '--year', '2025')).stdout);
    expect(rows.map((r) => r.istat)).toEqual(['016008']);
    expect(rows[0]?.years).toEqual([2023, 2024, 2025]);
  });

  it('show', async () => {
    const table = await perfplan('show', alzano.id.slice(0, 8), '--db', db);
    expect(table.stdout).toContain(`Plan ${alzano.id}  Comune di Alzano Lombardo (ISTAT 016008)`);
    expect(table.stdout).toContain('  [operativo] Potenziare la Videosorveglianza del territorio  (Missione 3)');
    expect(table.stdout).toContain('        • Telecamere installate (almeno n. 25 servizi mensili)  → almeno n. 25 servizi mensili | 2023: Entro il 12/06/2023');
    const plan = JSON.parse((await perfplan('show', alzano.id, '--db', db, '--format', 'json')).stdout) as unknown;
    expect(plan).toStrictEqual(alzano);
    const csv = parseCsv((await perfplan('show', alzano.id, '--db', db, '--format', 'csv')).stdout);
    expect(csv.slice(1).map((r) => r[1])).toEqual(['i1', 'i2', 'i3']);
    const missing = await perfplan('show', 'ffff', '--db', db);
    expect(missing).toMatchObject({ exitCode: 1, stdout: '' });
    expect(missing.stderr).toBe('perfplan show: no plan with id ffff (see perfplan plans)\n');
  });

  it('objectives', async () => {
    const table = await perfplan('objectives', '--db', db, '--missione', '3', '--istat', '016008');
    expect(table.stdout).toContain('SICUREZZA URBANA');
    expect(table.stdout).toMatch(/\(3 rows\)\n$/);
    const csv = parseCsv((await perfplan('objectives', '--db', db, '--format', 'csv', '--settore', 'finanz')).stdout);
    expect(csv.slice(1).map((r) => r[4])).toEqual(['Efficienza della macchina comunale', 'Efficienza della macchina comunale']);
    const rows = json((await perfplan('objectives', '--db', db, '--format', 'json', '--text', 'attivita', '--layout', 'allegato_h')).stdout);
    expect(rows.map((r) => [r.istat, r.objective_id])).toEqual([['064007', 'o2']]);
  });

  it('indicators', async () => {
    const table = await perfplan('indicators', '--db', db, '--deadline-before', '2023-12-31');
    expect(table.stdout).toMatch(/^ente\s+plan_id\s+indicator_id\s+esecutivo\s+indicator\s+targets\s+deadline/);
    expect(table.stdout).toMatch(/\(2 rows\)\n$/);
    const csv = parseCsv((await perfplan('indicators', '--db', db, '--format', 'csv', '--kind', 'percent', '--ente', 'ALZANO')).stdout);
    expect(csv).toHaveLength(2);
    expect(csv[1]?.[2]).toBe('Incasso entrate tributarie/accertamenti (maggiore 50%)');
    const rows = json((await perfplan('indicators', '--db', db, '--format', 'json', '--text', 'scuole', '--year', '2024', '--limit', '1')).stdout);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ strategico: 'SICUREZZA URBANA', istat: '064007' });
    const bad = await perfplan('indicators', '--db', db, '--deadline-before', 'June');
    expect(bad.exitCode).toBe(1);
    expect(bad.stderr).toContain('YYYY-MM-DD');
  });

  it('search', async () => {
    const table = await perfplan('search', 'videosorveglianza', '--db', db);
    expect(table.stdout).toMatch(/^kind\s+ente\s+plan_id\s+id\s+text\s+context/);
    expect(table.stdout).toMatch(/\(4 rows\)\n$/);
    const csv = parseCsv((await perfplan('search', 'telecamera', '--db', db, '--format', 'csv')).stdout);
    expect(new Set(csv.slice(1).map((r) => r[3]))).toEqual(new Set(['o3', 'i1']));
    const rows = json((await perfplan('search', 'ATTIVITÀ', '--db', db, '--format', 'json', '--limit', '1')).stdout);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ kind: 'objective', id: 'o2' });
  });

  it('sql', async () => {
    const query = 'SELECT ente, count(*) AS n FROM v_indicators GROUP BY ente ORDER BY ente';
    expect((await perfplan('sql', query, '--db', db)).stdout).toMatch(/^ente\s+n\n-+\s+-\nCittà di Avella\s+3\nComune di Alzano Lombardo\s+3\n\(2 rows\)\n$/);
    expect((await perfplan('sql', query, '--db', db, '--format', 'csv')).stdout).toBe('ente,n\r\nCittà di Avella,3\r\nComune di Alzano Lombardo,3\r\n');
    expect(json((await perfplan('sql', query, '--db', db, '--format', 'json')).stdout)).toEqual([
      { ente: 'Città di Avella', n: 3 },
      { ente: 'Comune di Alzano Lombardo', n: 3 },
    ]);
  });

  it('sql refuses writes', async () => {
    const refused = await perfplan('sql', 'DELETE FROM plans', '--db', db);
    expect(refused.exitCode).toBe(1);
    expect(refused.stderr).toMatch(/^perfplan sql: .*read-only/);
    expect(json((await perfplan('sql', 'SELECT count(*) AS n FROM plans', '--db', db, '--format', 'json')).stdout)).toEqual([{ n: 2 }]);
  });

  it('says so when the database does not exist', async () => {
    const missing = join(dir, 'none.sqlite');
    const result = await perfplan('plans', '--db', missing);
    expect(result.exitCode).toBe(1);
    expect(result.stderr).toContain(`no database at ${missing}`);
  });
});

describe('export', () => {
  it('json is the contract', async () => {
    const out = PlanExport.parse(JSON.parse((await perfplan('export', '--db', db)).stdout));
    expect(out.plans.map((p) => p.id).sort()).toEqual([alzano.id, avella.id].sort());
  });

  it('csv has one row per indicator, filtered', async () => {
    const rows = parseCsv((await perfplan('export', '--db', db, '--format', 'csv', '--istat', '064007')).stdout);
    expect(rows).toHaveLength(4);
    expect(rows[0]?.slice(0, 3)).toEqual(['plan_id', 'indicator_id', 'indicator']);
  });

  it('xlsx goes to a file with one sheet per table', async () => {
    const out = join(dir, 'sub', 'plans.xlsx');
    const result = await perfplan('export', '--db', db, '--format', 'xlsx', '--out', out);
    expect(result.stderr).toBe(`perfplan export: wrote ${out}\n`);
    const book = XLSX.read(readFileSync(out), { type: 'buffer' });
    expect(book.SheetNames).toEqual(['plans', 'objectives', 'indicators', 'targets']);
  });
});
