import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { globToRegExp } from '../src/pipeline/glob.js';
import { importFiles, type ImportOptions } from '../src/pipeline/import.js';
import { resolveInputs } from '../src/pipeline/inputs.js';
import { formatSummary } from '../src/pipeline/summary.js';
import { listPlans, loadPlan, openStore, type Store } from '../src/store/index.js';
import { extract } from './pipeline-fake-extractor.js';

let root: string;
let db: Store;

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'perfplan-pipeline-'));
  db = openStore(join(root, 'output', 'perfplan.sqlite'));
});
afterEach(() => {
  db.close();
  rmSync(root, { recursive: true, force: true });
});

/** Writes a fake document (JSON read by the fake extractor) under the temp root. */
function doc(rel: string, behaviour: object = {}): string {
  const path = join(root, rel);
  mkdirSync(join(path, '..'), { recursive: true });
  writeFileSync(path, JSON.stringify({ ...behaviour, name: rel }));
  return path;
}

const inProcess = (extra: Partial<ImportOptions> = {}): ImportOptions => ({
  db, extract, progress: 'none', cwd: root, jobs: 2, ...extra,
});

const rows = (sql: string, ...params: unknown[]) => db.prepare(sql).all(...params) as Record<string, unknown>[];
const count = (table: string) => (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;

describe('importFiles', () => {
  it('imports a folder, and importing it again is a no-op', async () => {
    doc('plans/a.pdf');
    doc('plans/sub/b.docx');
    doc('plans/notes.txt');
    doc('plans/~$b.docx');
    const first = await importFiles(['plans'], inProcess());
    expect(first).toMatchObject({ imported: 2, skipped: 0, failed: 0, objectives: 8, indicators: 6 });
    const second = await importFiles(['plans'], inProcess());
    expect(second).toMatchObject({ imported: 0, skipped: 2, failed: 0, objectives: 0 });
    expect(second.files.every((f) => f.reason?.startsWith('already imported as plan'))).toBe(true);
    expect(count('plans')).toBe(2);
    expect(count('objectives')).toBe(8);
    expect(rows('SELECT status, count(*) AS n FROM import_files GROUP BY status ORDER BY status')).toEqual([
      { status: 'imported', n: 2 },
      { status: 'skipped', n: 2 },
    ]);
    const runs = rows('SELECT finished, counts FROM import_runs ORDER BY id');
    expect(runs).toHaveLength(2);
    expect(JSON.parse(String(runs[1]?.counts))).toMatchObject({ skipped: 2 });
  });

  it('re-imports with force, replacing instead of duplicating', async () => {
    doc('a.pdf');
    await importFiles(['a.pdf'], inProcess());
    const forced = await importFiles(['a.pdf'], inProcess({ force: true }));
    expect(forced).toMatchObject({ imported: 1, skipped: 0 });
    expect(count('plans')).toBe(1);
    expect(count('indicators')).toBe(3);
    expect(count('objectives_fts_docsize') + count('indicators_fts_docsize')).toBe(7);
  });

  it('keeps going past bad files and records each failure with its reason', async () => {
    doc('batch/1-good.pdf', { ente: { name: 'Comune di Avella', istat: '064007' } });
    doc('batch/2-broken.pdf', { fail: 'no text layer in 2-broken.pdf' });
    doc('batch/3-invalid.pdf', { invalid: true });
    doc('batch/4-good.pdf');
    const summary = await importFiles(['batch', 'batch/missing.pdf'], inProcess());
    expect(summary).toMatchObject({ imported: 2, failed: 3 });
    const failed = Object.fromEntries(
      rows("SELECT path, reason FROM import_files WHERE status = 'failed'").map((r) => [
        String(r.path).split('/').pop(), r.reason,
      ]),
    );
    expect(failed).toEqual({
      '2-broken.pdf': 'no text layer in 2-broken.pdf',
      '3-invalid.pdf': expect.stringMatching(/^the extractor returned an invalid plan: layout: /),
      'missing.pdf': 'no such file',
    });
    expect(formatSummary(summary)).toMatch(/failed {3}3\n.*2-broken\.pdf: no text layer/s);
    expect(count('plans')).toBe(2);
  });

  it('applies manifest hints, resolves paths from the project root, and reads the ente elsewhere', async () => {
    doc('docs/avella.pdf', { ente: { name: null, istat: null }, years: [] });
    doc('docs/melzo.pdf', { ente: { name: 'Comune di Melzo', istat: null } });
    doc('docs/other/alzano.xlsx');
    mkdirSync(join(root, 'pipelines'));
    const manifest = join(root, 'pipelines', 'test.json');
    writeFileSync(manifest, JSON.stringify({
      name: 'test',
      files: [
        { path: 'docs/avella.pdf', ente: { name: 'Comune di Avella' }, year: 2024, kind: 'piano_performance' },
        'docs/**/*.{pdf,xlsx}',
      ],
    }));
    const summary = await importFiles([manifest], inProcess({ cwd: tmpdir() }));
    expect(summary).toMatchObject({ imported: 3, failed: 0 });
    const plans = rows('SELECT file, ente_name, ente_istat, kind, years, warnings FROM plans ORDER BY file');
    expect(plans.map((p) => [p.file, p.ente_name, p.ente_istat, p.kind, p.years])).toEqual([
      ['alzano.xlsx', 'Comune di Alzano Lombardo', '016008', null, '[2023,2024,2025]'],
      ['avella.pdf', 'Comune di Avella', '064007', 'piano_performance', '[2024]'],
      ['melzo.pdf', 'Comune di Melzo', '015142', null, '[2023,2024,2025]'],
    ]);
    expect(String(plans[1]?.warnings)).toContain('\\"ente\\":{\\"name\\":\\"Comune di Avella\\",\\"istat\\":null}');
    expect(String(plans[1]?.warnings)).toContain('\\"year\\":2024');
  });

  it('rejects an invalid manifest with the field at fault', async () => {
    mkdirSync(join(root, 'pipelines'));
    const manifest = join(root, 'pipelines', 'bad.json');
    writeFileSync(manifest, JSON.stringify({ name: 'bad', files: [{ path: 'x.pdf', ente: { istat: '12' } }] }));
    await expect(importFiles([manifest], inProcess())).rejects.toThrow(/files\.0\.ente\.istat: an ISTAT code has six digits/);
  });

  it('notes a glob that matches nothing', async () => {
    const summary = await importFiles(['nothing/**/*.pdf'], inProcess());
    expect(summary.files).toEqual([]);
    expect(summary.notes).toEqual(['nothing/**/*.pdf matched no files']);
  });

  it('prints one plain line per file when not on a terminal', async () => {
    doc('a.pdf');
    doc('b.pdf', { fail: 'broken' });
    let out = '';
    const stream = Object.assign(new (await import('node:stream')).Writable({
      write(chunk, _enc, done) {
        out += String(chunk);
        done();
      },
    }), { isTTY: false });
    await importFiles(['a.pdf', 'b.pdf'], inProcess({ progress: 'auto', progressStream: stream, jobs: 1 }));
    // Lines come as files finish: a failure at once, an imported plan when its group is committed.
    const lines = out.trimEnd().split('\n');
    expect(lines.map((l) => l.slice(0, 6))).toEqual(['[1/2] ', '[2/2] ']);
    expect(lines.map((l) => l.slice(6)).sort()).toEqual([
      expect.stringMatching(/^failed .*b\.pdf \(broken\)$/),
      expect.stringMatching(/^imported .*a\.pdf \(4 objectives, 3 indicators, \d+ ms\)$/),
    ]);
  });

  it('gives up on a document that overruns the time limit in this thread', async () => {
    doc('slow.pdf', { hang: true });
    const summary = await importFiles(['slow.pdf'], inProcess({ timeoutSeconds: 0.2 }));
    expect(summary.files[0]?.reason).toBe('timeout after 0.2 s');
  });
});

describe('worker threads', () => {
  const fakeModule = pathToFileURL(join(import.meta.dirname, 'pipeline-fake-extractor.ts')).href;
  const inWorkers = (extra: Partial<ImportOptions> = {}): ImportOptions => ({
    db, extractorModule: fakeModule, progress: 'none', cwd: root, jobs: 1, ...extra,
  });

  it('terminates a document that hangs, respawns, and imports the rest', async () => {
    doc('w/1.pdf');
    doc('w/2-spins.pdf', { spin: true });
    doc('w/3-hangs.pdf', { hang: true });
    doc('w/4.pdf');
    const summary = await importFiles(['w'], inWorkers({ timeoutSeconds: 2 }));
    expect(summary.files.map((f) => [f.path.split('/').pop(), f.status, f.reason])).toEqual([
      ['1.pdf', 'imported', null],
      ['2-spins.pdf', 'failed', 'timeout after 2 s'],
      ['3-hangs.pdf', 'failed', 'timeout after 2 s'],
      ['4.pdf', 'imported', null],
    ]);
    const plan = loadPlan(db, String(listPlans(db).rows[0]?.id));
    expect(plan?.objectives).toHaveLength(4);
  });

  it('fails a document over the memory limit alone', async () => {
    doc('m/1-hog.pdf', { hog: true });
    doc('m/2.pdf');
    const summary = await importFiles(['m'], inWorkers({ maxMemoryMb: 64, timeoutSeconds: 30 }));
    expect(summary.files.map((f) => f.status)).toEqual(['failed', 'imported']);
    expect(summary.files[0]?.reason).toMatch(/out of memory \(over the 64 MB limit\)/);
  });

  it('reports an extractor module that cannot be used', async () => {
    doc('x.pdf');
    const summary = await importFiles(['x.pdf'], inWorkers({ extractorModule: pathToFileURL(join(root, 'none.js')).href }));
    expect(summary.failed).toBe(1);
    expect(summary.files[0]?.reason).toMatch(/Cannot find module|ERR_MODULE_NOT_FOUND|none\.js/);
  });
});

describe('inputs', () => {
  it('matches *, **, ? and {a,b}', () => {
    const re = globToRegExp('corpus/*/*.{pdf,docx}');
    expect(re.test('corpus/000-x/000-x.pdf')).toBe(true);
    expect(re.test('corpus/000-x/000-x.docx')).toBe(true);
    expect(re.test('corpus/000-x/000-x.xlsx')).toBe(false);
    expect(re.test('corpus/a/b/c.pdf')).toBe(false);
    const deep = globToRegExp('a/**/*.pdf');
    expect(['a/x.pdf', 'a/b/x.pdf', 'a/b/c/x.pdf'].every((p) => deep.test(p))).toBe(true);
    expect(globToRegExp('a/?.pdf').test('a/1.pdf')).toBe(true);
    expect(globToRegExp('a/(x).pdf').test('a/(x).pdf')).toBe(true);
  });

  it('lists each file once, in the order given', () => {
    doc('p/a.pdf');
    doc('p/b.pdf');
    const { jobs } = resolveInputs(['p/b.pdf', 'p', 'p/*.pdf'], root);
    expect(jobs.map((j) => j.path.split('/').pop())).toEqual(['b.pdf', 'a.pdf']);
  });
});
