import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { listPlans, openStore } from '../src/store/index.js';
import { perfplan } from './cli-query-helpers.js';

const extractor = join(import.meta.dirname, 'pipeline-fake-extractor.ts');
let root: string;

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'perfplan-cli-import-'));
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

function doc(rel: string, behaviour: object = {}): string {
  const path = join(root, rel);
  mkdirSync(join(path, '..'), { recursive: true });
  writeFileSync(path, JSON.stringify({ ...behaviour, rel }));
  return path;
}

describe('perfplan import', () => {
  it('imports a batch past a failing file, exits 1, and skips what it has on the next run', async () => {
    doc('plans/1.pdf');
    doc('plans/2.pdf', { fail: 'encrypted PDF: a password is needed' });
    doc('plans/3.docx');
    const db = join(root, 'out', 'p.sqlite');
    const args = ['import', join(root, 'plans'), '--db', db, '--extractor', extractor, '--jobs', '1'];
    const first = await perfplan(...args);
    expect(first.exitCode).toBe(1);
    expect(first.stdout).toMatch(/imported 2 \(8 objectives, 6 indicators added\)/);
    expect(first.stdout).toContain(`${join(root, 'plans', '2.pdf')}: encrypted PDF: a password is needed`);
    expect(first.stderr).toMatch(/\[3\/3\]/);
    const again = await perfplan(...args);
    expect(again.stdout).toMatch(/imported 0 .*\n {2}skipped {2}2 \(already in the database\)\n {2}failed {3}1/);
    const forced = await perfplan(...args, '--force');
    expect(forced.stdout).toMatch(/imported 2 /);
    const store = openStore(db);
    expect(listPlans(store).rows).toHaveLength(2);
    store.close();
  });

  it('rejects bad option values', async () => {
    await expect(perfplan('import', 'x.pdf', '--timeout', '-1')).rejects.toThrow(/positive number/);
  });
});

describe('perfplan run', () => {
  it('imports a manifest into its own database, with hints, and shows the result', async () => {
    doc('docs/avella.pdf', { ente: { name: null, istat: null } });
    doc('docs/alzano.xlsx');
    mkdirSync(join(root, 'pipelines'));
    const manifest = join(root, 'pipelines', 'mine.json');
    writeFileSync(manifest, JSON.stringify({
      name: 'mine',
      db: 'output/mine.sqlite',
      concurrency: 1,
      files: [{ path: 'docs/avella.pdf', ente: { name: 'AVELLA' }, year: 2023 }, 'docs/*.xlsx'],
    }));
    const result = await perfplan('run', manifest, '--extractor', extractor);
    expect(result.exitCode).toBe(0);
    expect(existsSync(join(root, 'output', 'mine.sqlite'))).toBe(true);
    expect(result.stdout).toMatch(/imported 2 /);
    expect(result.stdout).toContain('$ perfplan plans');
    expect(result.stdout).toMatch(/AVELLA\s+064007/);
    expect(result.stdout).toContain('$ perfplan indicators --kind deadline --limit 10');
    expect(result.stdout).toContain('2023-06-12');
    const quiet = await perfplan('run', manifest, '--extractor', extractor, '--no-examples');
    expect(quiet.stdout).not.toContain('$ perfplan plans');
    expect(quiet.stdout).toMatch(/skipped {2}2/);
  });

  it('reports a broken manifest', async () => {
    const manifest = join(root, 'broken.json');
    writeFileSync(manifest, '{ "name": "x" ');
    const result = await perfplan('run', manifest);
    expect(result.exitCode).toBe(1);
    expect(result.stderr).toMatch(/^perfplan run: cannot read manifest/);
  });
});
