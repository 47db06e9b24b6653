/**
 * Importing hundreds of plans from many comuni: each file is hashed, skipped if
 * its bytes are already in, parsed off the main thread under time and memory
 * limits, checked against the contract and saved in its own transaction by this
 * thread, the only writer. Every outcome, including every failure with its reason,
 * is a row of the run, so one bad file never stops a batch and a killed batch can
 * simply be run again.
 */
import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import PQueue from 'p-queue';
import { isBusy, refreshStatistics, type Store } from '../store/db.js';
import { indexQueuedTerms, SEARCH_INDEX_EVERY_PLANS } from '../store/search-index.js';
import {
  type FileOutcome, finishRun, importedPlanFor, recordFile, type RunCounts, startRun,
} from '../store/import-log.js';
import type { PreparedPlan } from '../store/prepare.js';
import type { SaveResult } from '../store/save.js';
import { failureReason } from './failure.js';
import { fileSha256 } from './hash.js';
import type { Extractor } from './hints.js';
import { type FileJob, resolveInputs } from './inputs.js';
import { createProgress, type ProgressMode } from './progress.js';
import { type ExtractRunner, inProcessRunner } from './runner.js';
import { SaveGroups } from './save-groups.js';
import { WorkerPool } from './worker-pool.js';

export const IMPORT_SETTINGS = {
  /**
   * Per-document time limit. Readable plans take seconds even at a hundred pages;
   * a parser still busy after five minutes is stuck on the file, not slow, and the
   * margin covers a slow machine running one worker per core.
   */
  timeoutSeconds: 300,
  /**
   * Per-worker heap limit (old generation). A decompression bomb or a runaway
   * parser crosses it quickly, and with one worker per core a batch then stays
   * within a small machine's memory instead of taking it all. Plans stay far below
   * it: a 330-page PDF plan peaked at 80 MB of heap, and a 58,800-row workbook
   * extracted within it. V8 also derives from this limit how far a heap may grow
   * past its live data before a full collection (its heap controller's growing
   * factor): at 1,024 MB the 2-worker import of 3,924 files peaked at 496–506 MB of
   * RSS, at 384 MB at 447–456 MB, at the same speed (docs/performance.md).
   */
  maxMemoryMb: 384,
  /**
   * Per-worker young generation (V8's nursery, where a document's short-lived
   * objects are born). Left to V8, each worker's grew to about 50 MB; at 16 MB
   * the 2-worker import's peak resident memory fell by 30–50 MB with no loss of
   * speed (most of a document's objects die within a page).
   */
  youngMemoryMb: 16,
  /** Write retries when another process holds the database beyond the busy timeout. */
  busyRetries: 3,
  /** Pause before a write retry; doubled each time. */
  busyRetryDelayMs: 500,
  /**
   * Documents sent to each worker beyond the one it parses. When a worker hands
   * back a plan, this thread may be busy saving others; a document already in the
   * worker's hands keeps it parsing meanwhile instead of waiting for this thread.
   * Only file paths wait, and a document's time limit starts when the one before
   * it is done.
   */
  queuedPerWorker: 1,
  /**
   * Plans committed together (src/pipeline/save-groups.ts): 10–50 per transaction cut
   * the time saving plans by a fifth; a plan waits at most a quarter of a second for
   * company, so a slow batch still shows each file soon after it is read.
   */
  saveGroups: { plans: 16, afterMs: 250 },
  /** The lead's extractor, run in the workers unless another is given. */
  defaultExtractorModule: new URL('../extract.js', import.meta.url).href,
} as const;

export interface ImportOptions {
  db: Store;
  /** replace plans already imported from the same bytes */
  force?: boolean;
  /** documents parsed at once; default one per core */
  jobs?: number;
  timeoutSeconds?: number;
  maxMemoryMb?: number;
  /** an extractor to run in this thread (tests, embedding) instead of worker threads */
  extract?: Extractor;
  /** file: URL or path of a module exporting `extract`, run in worker threads */
  extractorModule?: string;
  progress?: ProgressMode;
  progressStream?: NodeJS.WritableStream & { isTTY?: boolean };
  /** where relative inputs are resolved; default the current directory */
  cwd?: string;
}

export interface ImportSummary extends RunCounts {
  runId: number;
  files: FileOutcome[];
  /** inputs that gave no file */
  notes: string[];
  ms: number;
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Runs a write, retrying while another process keeps the database locked past the busy timeout. */
async function write<T>(fn: () => T): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return fn();
    } catch (err) {
      if (!isBusy(err) || attempt >= IMPORT_SETTINGS.busyRetries) throw err;
      await sleep(IMPORT_SETTINGS.busyRetryDelayMs * 2 ** attempt);
    }
  }
}

const toModuleUrl = (module: string): string =>
  module.startsWith('file:') ? module : pathToFileURL(resolve(module)).href;

function createRunner(options: ImportOptions, jobs: number): ExtractRunner {
  const timeoutMs = (options.timeoutSeconds ?? IMPORT_SETTINGS.timeoutSeconds) * 1000;
  if (options.extract) return inProcessRunner(options.extract, timeoutMs);
  return new WorkerPool({
    size: jobs,
    extractorModule: toModuleUrl(options.extractorModule ?? IMPORT_SETTINGS.defaultExtractorModule),
    timeoutMs,
    maxOldGenerationSizeMb: options.maxMemoryMb ?? IMPORT_SETTINGS.maxMemoryMb,
    maxYoungGenerationSizeMb: IMPORT_SETTINGS.youngMemoryMb,
    tasksAhead: IMPORT_SETTINGS.queuedPerWorker,
  });
}

/** A file's outcome, or its plan waiting to be saved with the outcome to complete. */
type Step = { outcome: FileOutcome; plan?: PreparedPlan };

async function importOne(job: FileJob, options: ImportOptions, runner: ExtractRunner): Promise<Step> {
  const outcome: FileOutcome = {
    path: job.path, sha256: null, status: 'failed', reason: null, planId: null, objectives: 0, indicators: 0, ms: 0,
  };
  try {
    outcome.sha256 = await fileSha256(job.path);
    const known = options.force ? null : importedPlanFor(options.db, outcome.sha256);
    if (known) {
      Object.assign(outcome, { status: 'skipped', reason: `already imported as plan ${known}`, planId: known });
      return { outcome };
    }
    return { outcome, plan: await runner.run(job.path, job.hints) };
  } catch (err) {
    outcome.reason = failureReason(err);
    return { outcome };
  }
}

function applySaved(outcome: FileOutcome, saved: SaveResult | Error): void {
  if (saved instanceof Error) outcome.reason = failureReason(saved);
  else if (saved.status === 'skipped') Object.assign(outcome, { status: 'skipped', reason: saved.reason, planId: saved.planId });
  else {
    Object.assign(outcome, { status: 'imported', planId: saved.planId, objectives: saved.objectives, indicators: saved.indicators });
  }
}

/**
 * Imports files, folders, globs and manifests into the store and returns what
 * happened to each file. It never throws for a bad file: look at `failed`.
 */
export async function importFiles(inputs: string[], options: ImportOptions): Promise<ImportSummary> {
  const started = performance.now();
  const { jobs, notes } = resolveInputs(inputs, options.cwd ?? process.cwd());
  const concurrency = Math.max(1, options.jobs ?? availableParallelism());
  const runId = await write(() => startRun(options.db, { inputs, force: !!options.force, jobs: concurrency }));
  const progress = createProgress(options.progress ?? 'auto', options.progressStream ?? process.stderr);
  const runner = createRunner(options, concurrency);
  const files: FileOutcome[] = [];
  progress.start(jobs.length);
  try {
    // An in-process extractor runs on this thread: queuing ahead would only run more at once.
    const queue = new PQueue({ concurrency: options.extract ? concurrency : concurrency * (1 + IMPORT_SETTINGS.queuedPerWorker) });
    let sinceIndexed = 0;
    const finish = async (outcome: FileOutcome, started: number): Promise<void> => {
      outcome.ms = performance.now() - started;
      await write(() => recordFile(options.db, runId, outcome));
      if (outcome.status === 'imported' && ++sinceIndexed >= SEARCH_INDEX_EVERY_PLANS) {
        sinceIndexed = 0;
        await write(() => indexQueuedTerms(options.db));
      }
      files.push(outcome);
      progress.update(outcome);
    };
    const groups = new SaveGroups(options.db, IMPORT_SETTINGS.saveGroups, write);
    for (const job of jobs) {
      void queue.add(async () => {
        const started = performance.now();
        const { outcome, plan } = await importOne(job, options, runner);
        if (!plan) return finish(outcome, started);
        // The queue moves on to the next file; the outcome is recorded once the plan's group is committed.
        groups.add({ plan, options: { force: options.force, runId, kind: job.hints.kind ?? null } }, (saved) => {
          applySaved(outcome, saved);
          return finish(outcome, started);
        });
      });
    }
    await queue.onIdle();
    await groups.flush();
  } finally {
    progress.stop();
    await runner.close();
  }
  const order = new Map(jobs.map((j, i) => [j.path, i]));
  files.sort((a, b) => (order.get(a.path) ?? 0) - (order.get(b.path) ?? 0));
  const counts: RunCounts = {
    imported: files.filter((f) => f.status === 'imported').length,
    skipped: files.filter((f) => f.status === 'skipped').length,
    failed: files.filter((f) => f.status === 'failed').length,
    objectives: files.reduce((n, f) => n + f.objectives, 0),
    indicators: files.reduce((n, f) => n + f.indicators, 0),
  };
  await write(() => finishRun(options.db, runId, counts));
  if (counts.imported > 0) {
    await write(() => indexQueuedTerms(options.db));
    await write(() => refreshStatistics(options.db));
  }
  return { runId, files, notes, ms: performance.now() - started, ...counts };
}
