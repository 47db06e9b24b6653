/**
 * What `npm run bench` measures and against what, in one place: the size of the
 * corpus and of the synthetic database (a full run and a quick smoke run), the
 * targets of issue 7, and where the bench keeps its files. The corpus, databases
 * and profiles live under bench/corpus/ (git-ignored); only bench/results.md,
 * written by a full run, is committed.
 */
import { fileURLToPath } from 'node:url';

/** The project root: dist/bench/ (or src/bench/) is two levels below it. */
export const ROOT = fileURLToPath(new URL('../../', import.meta.url));

export interface BenchSize {
  name: 'full' | 'quick';
  /** PDF pages the corpus holds at least (copies of the fixture PDFs) */
  pdfPages: number;
  /** documents the corpus holds at least */
  documents: number;
  /** copies of each DOCX/XLSX fixture */
  officeCopies: number;
  /** synthetic plans inserted, then queried */
  syntheticPlans: number;
  indicatorsPerPlan: number;
  /** timed runs of each analyst query family (objectives, indicators, search) */
  queriesPerFamily: number;
  /** PDF pages the profiling re-runs read (a slice of the corpus is enough to rank functions) */
  profilePages: number;
  /** synthetic plans the profiling re-run of the insert saves */
  profilePlans: number;
  /** times the long workbook repeats the data rows of the 003 fixture's sheet (195 rows each) */
  longSheetCopies: number;
}

export const FULL: BenchSize = {
  name: 'full',
  pdfPages: 5_000,
  documents: 300,
  officeCopies: 20,
  syntheticPlans: 8_000,
  indicatorsPerPlan: 125,
  queriesPerFamily: 250,
  profilePages: 600,
  profilePlans: 1_000,
  longSheetCopies: 300,
};

/** `npm run bench -- --quick`: every phase on a small scale, in about a minute. */
export const QUICK: BenchSize = {
  name: 'quick',
  pdfPages: 120,
  documents: 30,
  officeCopies: 2,
  syntheticPlans: 400,
  indicatorsPerPlan: 125,
  queriesPerFamily: 50,
  profilePages: 60,
  profilePlans: 100,
  longSheetCopies: 20,
};

/** The targets of issue 7. */
export const TARGETS = {
  /** single-threaded extraction pages/s ÷ the floor's pages/s, at least */
  extractToFloor: 0.7,
  /** import throughput with every core ÷ with one worker, at least */
  importSpeedup: 1.7,
  /** peak resident memory of the whole import, below (MB) */
  peakRssMb: 500,
  /** seconds to insert the 1,000,000 indicator rows, below */
  insertSeconds: 20,
  /** p95 latency of each analyst query family, below (ms) */
  queryP95Ms: 50,
} as const;

export const PATHS = {
  fixtures: 'fixtures/corpus',
  /** everything the bench writes that is not committed; one folder per size */
  work: 'bench/corpus',
  results: 'bench/results.md',
} as const;

/** Rows each objectives/indicators query asks for: the first page an analyst reads. */
export const QUERY_PAGE_ROWS = 100;

/**
 * A quiet machine: the rest of it keeps fewer than `cores` busy. Before a phase the
 * bench waits at most `maxWaitMs` for it (sampling over `windowMs`); a phase that
 * other work disturbed anyway is run again, at most `reruns` times, keeping the
 * least disturbed run. The other load is reported beside each figure.
 */
export const QUIET = { cores: 0.25, windowMs: 2_000, maxWaitMs: 60_000, reruns: 2 } as const;

/** Runs of each of two phases compared by a ratio (floor/extract, 2 workers/1 worker), taken in turns; the fastest counts. */
export const RUNS_IN_TURNS = 2;

/** How often the memory sampler reads the resident set size. */
export const RSS_SAMPLE_MS = 100;

/** Seed of the synthetic plans and of the query mix: the same figures mean the same work. */
export const SEED = 7;
