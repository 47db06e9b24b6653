/**
 * `npm run bench` (`npm run bench -- --quick` for a smoke run; `-- --v8-defaults` for
 * the same run under node's default V8 flags instead of V8_FLAGS): issue 7's figures
 * from one run on this machine. It builds (or reuses) a corpus of copies of the
 * fixtures, then measures on the same files the floor (pdfjs alone), perfplan's
 * single-threaded extraction (and that of one long workbook, for scale), and the
 * import with every core and with one worker;
 * then the insert of a million indicator rows and the analyst queries on 8,000
 * synthetic plans. Each target missed is profiled with `--cpu-prof`. The figures
 * go to bench/results.md (a quick or --v8-defaults run writes under bench/corpus/
 * instead) and to stdout.
 */
import { cpus, availableParallelism, arch, release, totalmem, type } from 'node:os';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import { prepareCorpus, type CorpusFile } from './corpus.js';
import { writeLongSheet } from './long-sheet.js';
import { type PhaseOptions, runPhase } from './harness.js';
import { V8_FLAGS } from '../pipeline/v8-flags.js';
import type { PhaseRequest, PhaseResult } from './phases.js';
import { summariseProfiles } from './profile.js';
import { QUERY_FAMILIES } from './queries.js';
import { insertWriterSeconds, renderReport, type BenchReport, type ProfileReport, type TargetCheck, type Throughput } from './report.js';
import { FULL, PATHS, QUICK, ROOT, RUNS_IN_TURNS, TARGETS, type BenchSize } from './settings.js';

/** Indicator rows the insert target speaks of. */
const TARGET_INSERT_ROWS = 1_000_000;

const log = (line: string): void => {
  process.stderr.write(`bench: ${line}\n`);
};

const perSecond = (count: number, r: PhaseResult): number => count / (r.wallMs / 1000);

/** Every n-th file, so a profiled run reads about `pages` PDF pages of the same mix as the corpus. */
function slice(files: CorpusFile[], pages: number): CorpusFile[] {
  const total = files.reduce((n, f) => n + (f.pages ?? 0), 0);
  const step = Math.max(1, Math.floor(total / pages));
  return files.filter((_, i) => i % step === 0);
}

const pagesOf = (files: CorpusFile[], failed: Set<string>): number =>
  files.reduce((n, f) => n + (failed.has(f.path) ? 0 : (f.pages ?? 0)), 0);

async function profile(work: string, name: string, request: PhaseRequest, v8Flags: readonly string[]): Promise<ProfileReport['summaries']> {
  const dir = join(work, 'profiles', name);
  await rm(dir, { recursive: true, force: true });
  await mkdir(dir, { recursive: true });
  log(`profiling ${name} (${relative(ROOT, dir)})`);
  await runPhase(request, { profileDir: dir, log, v8Flags });
  return summariseProfiles(dir);
}

/**
 * Two phases whose ratio is a target, run in turns (a, b, a, b, …) and each kept at its
 * fastest run: this machine's speed drifts by up to a third from minute to minute with
 * nothing else running on it that /proc/stat can see, and a ratio of runs made side
 * by side, each at its best, drifts much less than one of single runs.
 */
async function fasterInTurns(a: PhaseRequest, b: PhaseRequest, options: PhaseOptions): Promise<[PhaseResult, PhaseResult]> {
  const runs: [PhaseResult[], PhaseResult[]] = [[], []];
  for (let turn = 0; turn < RUNS_IN_TURNS; turn++) {
    runs[0].push(await runPhase(a, options));
    runs[1].push(await runPhase(b, options));
  }
  const fastest = (results: PhaseResult[]): PhaseResult => results.reduce((x, y) => (y.wallMs < x.wallMs ? y : x));
  return [fastest(runs[0]), fastest(runs[1])];
}

async function main(): Promise<void> {
  const size: BenchSize = process.argv.includes('--quick') ? QUICK : FULL;
  // The import and the insert run as `perfplan import` runs them, under V8_FLAGS; the single-threaded
  // phases as `perfplan extract` and the queries run, under node's defaults. `--v8-defaults` runs all
  // of them under the defaults: the figures before V8_FLAGS.
  const v8Defaults = process.argv.includes('--v8-defaults');
  const v8Flags: readonly string[] = v8Defaults ? [] : V8_FLAGS;
  const batch: PhaseOptions = { log, v8Flags };
  const single: PhaseOptions = { log, v8Flags: [] };
  const options = [...(size.name === 'quick' ? ['--quick'] : []), ...(v8Defaults ? ['--v8-defaults'] : [])];
  const command = `npm run bench${options.length ? ` -- ${options.join(' ')}` : ''}`;
  const work = resolve(ROOT, PATHS.work, size.name);
  const jobs = availableParallelism();
  const machine = {
    cpu: cpus()[0]?.model.trim() ?? 'unknown',
    cores: cpus().length,
    memoryGb: totalmem() / 1024 ** 3,
    node: process.version,
    v8Flags,
    os: `${type()} ${release()} ${arch()}`,
    date: new Date().toISOString(),
  };

  const corpus = await prepareCorpus(size, log);
  const pdfs = corpus.files.filter((f) => f.format === 'pdf');
  const office = corpus.files.filter((f) => f.format !== 'pdf');
  const pdfPages = pagesOf(pdfs, new Set());
  const importDb = join(work, 'import.sqlite');
  const syntheticDb = join(work, 'synthetic.sqlite');

  log(`floor and extract, in turns: pdfjs, then perfplan over ${pdfs.length} PDFs, ${pdfPages} pages`);
  const [floor, extractPdf] = await fasterInTurns(
    { phase: 'floor', files: pdfs.map((f) => f.path) },
    { phase: 'extract', files: pdfs.map((f) => f.path) },
    single,
  );
  log(`extract: ${office.length} DOCX/XLSX, single-threaded`);
  const extractOffice = await runPhase({ phase: 'extract', files: office.map((f) => f.path) }, single);
  const longSheet = await writeLongSheet(size.longSheetCopies, work);
  log(`extract: a workbook of ${longSheet.rows} rows, single-threaded`);
  const longSheetRun = await runPhase({ phase: 'extract', files: [longSheet.path] }, single);
  log(`import, in turns: the whole corpus with ${jobs} workers, then with 1 worker`);
  const [importAll, importOne] = await fasterInTurns(
    { phase: 'import', inputs: [corpus.dir], db: importDb, jobs },
    { phase: 'import', inputs: [corpus.dir], db: importDb, jobs: 1 },
    batch,
  );
  log(`insert: ${size.syntheticPlans} synthetic plans × ${size.indicatorsPerPlan} indicators`);
  const insert = await runPhase({
    phase: 'insert', db: syntheticDb, plans: size.syntheticPlans, indicatorsPerPlan: size.indicatorsPerPlan,
  }, batch);
  log(`queries: ${size.queriesPerFamily} of each family`);
  const queries = await runPhase({ phase: 'queries', db: syntheticDb, perFamily: size.queriesPerFamily }, single);

  const importedPages = (r: PhaseResult): number => pagesOf(pdfs, new Set(r.failures.map((f) => f.path)));
  const throughput: Throughput[] = [
    { label: 'floor: pdfjs only, 1 thread', result: floor, pages: floor.pages, documents: floor.documents, comparable: true },
    { label: 'extract PDF, 1 thread', result: extractPdf, pages: extractPdf.pages, documents: extractPdf.documents, comparable: true },
    { label: 'extract DOCX/XLSX, 1 thread', result: extractOffice, pages: 0, documents: extractOffice.documents, comparable: false },
    { label: `import, ${jobs} workers`, result: importAll, pages: importedPages(importAll), documents: importAll.documents, comparable: false },
    { label: 'import, 1 worker', result: importOne, pages: importedPages(importOne), documents: importOne.documents, comparable: false },
  ];

  const extractRatio = perSecond(extractPdf.pages, extractPdf) / perSecond(floor.pages, floor);
  const speedup = perSecond(importAll.documents, importAll) / perSecond(importOne.documents, importOne);
  const insertRows = insert.figures.indicators ?? 0;
  const insertSeconds = insertWriterSeconds(insert.figures) * (TARGET_INSERT_ROWS / Math.max(1, insertRows));
  const scaled = insertRows === TARGET_INSERT_ROWS ? '' : ` (scaled from ${insertRows.toLocaleString('en-US')} rows)`;
  const extractProfile = async (): Promise<ProfileReport> => {
    const files = slice(pdfs, size.profilePages);
    return {
      target: 'Single-thread extraction vs the floor',
      run: `extract of ${files.length} PDFs (${pagesOf(files, new Set())} pages), one thread`,
      summaries: await profile(work, 'extract', { phase: 'extract', files: files.map((f) => f.path) }, single.v8Flags),
    };
  };
  const importProfile = async (): Promise<ProfileReport> => {
    const files = slice(corpus.files, size.profilePages);
    return {
      target: 'Import speed-up with every core',
      run: `import of ${files.length} corpus files with ${jobs} workers`,
      summaries: await profile(work, 'import', {
        phase: 'import', inputs: files.map((f) => f.path), db: join(work, 'profile-import.sqlite'), jobs,
      }, batch.v8Flags),
    };
  };
  const insertProfile = async (): Promise<ProfileReport> => ({
    target: 'Inserting indicator rows',
    run: `insert of ${size.profilePlans} synthetic plans`,
    summaries: await profile(work, 'insert', {
      phase: 'insert', db: join(work, 'profile-insert.sqlite'), plans: size.profilePlans, indicatorsPerPlan: size.indicatorsPerPlan,
    }, batch.v8Flags),
  });
  const queryProfile = async (): Promise<ProfileReport> => ({
    target: 'Query latency',
    run: 'the query mix on the synthetic database (the plans of the slowest queries are under "Analyst queries")',
    summaries: await profile(work, 'queries', { phase: 'queries', db: syntheticDb, perFamily: size.queriesPerFamily }, single.v8Flags),
  });

  /** Each target with the profiled run that looks into it when it is missed (the query families share one). */
  const targets: (TargetCheck & { profile?: () => Promise<ProfileReport> })[] = [
    {
      target: `single-thread extraction ≥ ${TARGETS.extractToFloor * 100}% of the floor's pages/s`,
      figure: `${(extractRatio * 100).toFixed(1)}%`,
      met: extractRatio >= TARGETS.extractToFloor,
      profile: extractProfile,
    },
    {
      target: `import with ${jobs} workers ≥ ${TARGETS.importSpeedup}× the single-worker throughput`,
      figure: `${speedup.toFixed(2)}×`,
      met: speedup >= TARGETS.importSpeedup,
      profile: importProfile,
    },
    {
      target: `peak RSS of the whole import (${jobs} workers) < ${TARGETS.peakRssMb} MB`,
      figure: `${Math.round(importAll.maxRssMb)} MB`,
      met: importAll.maxRssMb < TARGETS.peakRssMb,
    },
    {
      target: `${TARGET_INSERT_ROWS.toLocaleString('en-US')} indicator rows inserted in < ${TARGETS.insertSeconds} s`,
      figure: `${insertSeconds.toFixed(1)} s${scaled}`,
      met: insertSeconds < TARGETS.insertSeconds,
      profile: insertProfile,
    },
    ...QUERY_FAMILIES.map((family) => {
      const p95 = queries.latency?.[family]?.p95 ?? Infinity;
      return {
        target: `\`${family}\` p95 < ${TARGETS.queryP95Ms} ms on ${(queries.figures.plans ?? 0).toLocaleString('en-US')} plans`,
        figure: `${p95.toFixed(1)} ms`,
        met: p95 < TARGETS.queryP95Ms,
        profile: queryProfile,
      };
    }),
  ];

  const profiles: ProfileReport[] = [];
  const profiled = new Set<() => Promise<ProfileReport>>();
  for (const t of targets) {
    if (t.met || !t.profile || profiled.has(t.profile)) continue;
    profiled.add(t.profile);
    profiles.push(await t.profile());
  }

  const notes = [...floor.failures, ...extractPdf.failures, ...extractOffice.failures, ...longSheetRun.failures, ...importAll.failures]
    .slice(0, 10)
    .map((f) => `- failed: \`${relative(ROOT, f.path)}\`: ${f.reason}`);
  const report: BenchReport = {
    size, machine, corpus, jobs, throughput,
    longSheet: { ...longSheet, result: longSheetRun },
    importRuns: [{ label: `import, ${jobs} workers`, result: importAll }, { label: 'import, 1 worker', result: importOne }],
    insert, queries,
    targets: targets.map(({ target, figure, met }) => ({ target, figure, met })),
    profiles, command,
  };
  const text = renderReport(report, notes);
  // Only a full run as the command runs is the committed figures; the others land beside the corpus.
  const out = size.name === 'full' && !v8Defaults ? resolve(ROOT, PATHS.results) : join(work, v8Defaults ? 'results-v8-defaults.md' : 'results.md');
  await writeFile(out, text);
  process.stdout.write(text);
  log(`wrote ${relative(ROOT, out)}`);
}

await main();
