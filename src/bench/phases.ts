/**
 * The measured work, one phase per child process (see harness.ts): a process of
 * its own gives each phase a clean heap, a cold JIT like a real run's, and a
 * process-wide peak RSS (getrusage) that is that phase's alone — worker threads
 * live in the process, so an import's peak covers them. Each phase loads only the
 * modules it needs, so the floor's memory is pdfjs's alone.
 */
import { existsSync, readFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { readFile, rm } from 'node:fs/promises';
import { Writable } from 'node:stream';
import type { SaveItem } from '../store/save.js';
import { failureReason } from '../pipeline/failure.js';
import { asBytes } from './corpus.js';
import type { Latency, QueryFamily } from './queries.js';
import { RSS_SAMPLE_MS, SEED } from './settings.js';

export type PhaseRequest =
  /** pdfjs's own text content and operator list of every page, nothing else */
  | { phase: 'floor'; files: string[] }
  /** perfplan's extract(), in this thread, one file after the other */
  | { phase: 'extract'; files: string[] }
  /** importFiles into a fresh database with `jobs` workers */
  | { phase: 'import'; inputs: string[]; db: string; jobs: number }
  /** synthetic plans saved through savePlans, in the import's groups, into a fresh database */
  | { phase: 'insert'; db: string; plans: number; indicatorsPerPlan: number }
  /** the analyst query mix on the database the insert phase wrote */
  | { phase: 'queries'; db: string; perFamily: number };

export interface Failure {
  path: string;
  reason: string;
}

export interface PhaseResult {
  wallMs: number;
  /** user + system CPU of every thread of the process */
  cpuMs: number;
  /** highest resident set size the sampler saw (MB) */
  sampledRssMb: number;
  /** the process's peak resident set size as the kernel counts it (MB) */
  maxRssMb: number;
  documents: number;
  pages: number;
  failures: Failure[];
  /** phase-specific figures (rows inserted, main-thread utilisation, …) */
  figures: Record<string, number>;
  /** import: resident memory (MB) after each finished file, in order */
  rssTimeline?: number[];
  /** queries: latencies per family */
  latency?: Partial<Record<QueryFamily, Latency>>;
  /** queries: the slowest ones, with SQLite's plan for them */
  slowQueries?: SlowQuery[];
  /**
   * CPU cores busy with other work on the machine meanwhile (other processes,
   * other containers on the same kernel): above a few tenths, the figures of this
   * phase are slowed by it. Null where /proc/stat cannot be read.
   */
  otherLoad: number | null;
}

export interface SlowQuery {
  query: string;
  ms: number;
  rows: number;
  plan: string[];
}

/** Slowest queries whose plans the report shows. */
const SLOW_QUERIES_SHOWN = 5;

const MB = 1024 * 1024;
const rssMb = (): number => process.memoryUsage.rss() / MB;


async function removeDatabase(path: string): Promise<void> {
  for (const suffix of ['', '-wal', '-shm']) await rm(`${path}${suffix}`, { force: true });
}

type Work = Pick<PhaseResult, 'documents' | 'pages' | 'failures' | 'figures'> & Partial<PhaseResult>;

async function floor(files: string[]): Promise<Work> {
  const { openPdf } = await import('../readers/pdf/open.js');
  const { AnnotationMode } = await import('../readers/pdf/pdfjs.js');
  const work: Work = { documents: 0, pages: 0, failures: [], figures: {} };
  for (const path of files) {
    try {
      // What src/readers/pdf/read-page.ts asks of pdfjs, page by page, and releases the same way.
      const doc = await openPdf(asBytes(await readFile(path)));
      try {
        for (let n = 1; n <= doc.numPages; n++) {
          const page = await doc.getPage(n);
          try {
            await page.getOperatorList({ annotationMode: AnnotationMode.DISABLE });
            await page.getTextContent();
          } finally {
            page.cleanup();
          }
        }
        work.pages += doc.numPages;
        work.documents += 1;
      } finally {
        await doc.destroy();
      }
    } catch (err) {
      work.failures.push({ path, reason: failureReason(err) });
    }
  }
  return work;
}

async function extractAll(files: string[]): Promise<Work> {
  const { extract } = await import('../extract.js');
  const work: Work = { documents: 0, pages: 0, failures: [], figures: {} };
  let objectives = 0;
  let indicators = 0;
  for (const path of files) {
    try {
      const plan = await extract(path);
      work.documents += 1;
      work.pages += plan.source.pages ?? 0;
      objectives += plan.objectives.length;
      indicators += plan.indicators.length;
    } catch (err) {
      work.failures.push({ path, reason: failureReason(err) });
    }
  }
  return { ...work, figures: { objectives, indicators } };
}

async function importAll(inputs: string[], dbPath: string, jobs: number): Promise<Work> {
  const { importFiles } = await import('../pipeline/import.js');
  const { openStore } = await import('../store/index.js');
  await removeDatabase(dbPath);
  const db = openStore(dbPath);
  // One progress line per finished file: the moment to read the resident memory.
  const rssTimeline: number[] = [];
  const progressStream = new Writable({
    write(_chunk, _encoding, done) {
      rssTimeline.push(rssMb());
      done();
    },
  });
  const before = performance.eventLoopUtilization();
  try {
    const summary = await importFiles(inputs, { db, jobs, progress: 'lines', progressStream });
    return {
      documents: summary.imported,
      pages: 0,
      failures: summary.files.filter((f) => f.status !== 'imported').map((f) => ({ path: f.path, reason: f.reason ?? f.status })),
      figures: {
        objectives: summary.objectives,
        indicators: summary.indicators,
        mainThreadUtilisation: performance.eventLoopUtilization(before).utilization,
      },
      rssTimeline,
    };
  } finally {
    db.close();
  }
}

async function insertSynthetic(dbPath: string, plans: number, indicatorsPerPlan: number): Promise<Work> {
  const { indexQueuedTerms, openStore, preparePlan, refreshStatistics, savePlans, SEARCH_INDEX_EVERY_PLANS } = await import('../store/index.js');
  const { IMPORT_SETTINGS } = await import('../pipeline/import.js');
  const { comuni, syntheticPlan } = await import('./synthetic.js');
  const { ValidPlan } = await import('../model/plan.js');
  const { seeded } = await import('./random.js');
  await removeDatabase(dbPath);
  const db = openStore(dbPath);
  const random = seeded(SEED);
  const enti = comuni();
  const figures = {
    saveMs: 0, indexMs: 0, prepareMs: 0, generateMs: 0, statisticsMs: 0, plans: 0, objectives: 0, indicators: 0, targets: 0,
  };
  let sinceIndexed = 0;
  // As an import does (src/pipeline/import.ts): plans committed in groups, queued search terms moved every so many plans.
  const save = (group: SaveItem[]): void => {
    const start = performance.now();
    const failed = savePlans(db, group).find((r) => r instanceof Error);
    if (failed) throw failed;
    const saved = performance.now();
    figures.saveMs += saved - start;
    sinceIndexed += group.length;
    if (sinceIndexed >= SEARCH_INDEX_EVERY_PLANS) {
      sinceIndexed = 0;
      indexQueuedTerms(db);
      figures.indexMs += performance.now() - saved;
    }
  };
  try {
    let group: SaveItem[] = [];
    for (let n = 0; n < plans; n++) {
      const made = performance.now();
      const raw = syntheticPlan(random, n, enti[n % enti.length]!, indicatorsPerPlan);
      // An import validates and prepares plans in its worker threads, beside the extraction; timed apart.
      const preparing = performance.now();
      const prepared = preparePlan(ValidPlan.parse(raw));
      figures.prepareMs += performance.now() - preparing;
      figures.generateMs += preparing - made;
      const { plan } = prepared;
      figures.plans += 1;
      figures.objectives += plan.objectives.length;
      figures.indicators += plan.indicators.length;
      figures.targets += plan.indicators.reduce((k, i) => k + i.targets.length, 0);
      group.push({ plan: prepared });
      if (group.length === IMPORT_SETTINGS.saveGroups.plans) {
        save(group);
        group = [];
      }
    }
    if (group.length > 0) save(group);
    // What an import does when its batch is in.
    const start = performance.now();
    indexQueuedTerms(db);
    const indexed = performance.now();
    figures.indexMs += indexed - start;
    refreshStatistics(db);
    figures.statisticsMs = performance.now() - indexed;
  } finally {
    db.close();
  }
  return { documents: 0, pages: 0, failures: [], figures };
}

async function runQueries(dbPath: string, perFamily: number): Promise<Work> {
  const { openStore } = await import('../store/index.js');
  const { QUERY_FAMILIES, describeQuery, latencyOf, queryMix, queryPlan, runQuery } = await import('./queries.js');
  const { seeded } = await import('./random.js');
  if (!existsSync(dbPath)) throw new Error(`no database at ${dbPath}: the insert phase writes it`);
  const db = openStore(dbPath);
  try {
    const enti = db.prepare<[], { name: string }>(
      `SELECT DISTINCT replace(ente_name, 'Comune di ', '') AS name FROM plans WHERE ente_name IS NOT NULL`,
    ).all().map((r) => r.name);
    const timed = queryMix(seeded(SEED + 1), perFamily, enti).map((query) => {
      const start = performance.now();
      const rows = runQuery(db, query);
      return { query, rows, ms: performance.now() - start };
    });
    const latency = Object.fromEntries(
      QUERY_FAMILIES.map((family) => [family, latencyOf(timed.filter((t) => t.query.family === family))]),
    );
    const slowQueries = [...timed].sort((a, b) => b.ms - a.ms).slice(0, SLOW_QUERIES_SHOWN).map((t) => ({
      query: describeQuery(t.query), ms: t.ms, rows: t.rows, plan: queryPlan(db, t.query),
    }));
    const plans = db.prepare<[], { n: number }>('SELECT count(*) AS n FROM plans').get()?.n ?? 0;
    return { documents: 0, pages: 0, failures: [], figures: { plans }, latency, slowQueries };
  } finally {
    db.close();
  }
}

function work(request: PhaseRequest): Promise<Work> {
  switch (request.phase) {
    case 'floor':
      return floor(request.files);
    case 'extract':
      return extractAll(request.files);
    case 'import':
      return importAll(request.inputs, request.db, request.jobs);
    case 'insert':
      return insertSynthetic(request.db, request.plans, request.indicatorsPerPlan);
    case 'queries':
      return runQueries(request.db, request.perFamily);
  }
}

/** The machine's busy and total CPU time so far (jiffies, all cores), or null off Linux. */
export function machineCpu(): { busy: number; total: number } | null {
  try {
    const fields = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1).map(Number);
    const total = fields.reduce((n, v) => n + v, 0);
    // user nice system idle iowait …: idle and iowait are the time no one used.
    return { busy: total - (fields[3] ?? 0) - (fields[4] ?? 0), total };
  } catch {
    return null;
  }
}

/** Cores the rest of the machine kept busy between `before` and now, besides `ownCpuMs` of this process. */
export function otherLoad(before: ReturnType<typeof machineCpu>, ownCpuMs: number, wallMs: number): number | null {
  const after = machineCpu();
  if (!before || !after || after.total === before.total) return null;
  const busyCores = ((after.busy - before.busy) / (after.total - before.total)) * cpus().length;
  return Math.max(0, busyCores - ownCpuMs / wallMs);
}

/** Runs one phase in this process, with its wall time, CPU time and memory peaks. */
export async function runPhaseHere(request: PhaseRequest): Promise<PhaseResult> {
  let sampled = rssMb();
  const sampler = setInterval(() => {
    sampled = Math.max(sampled, rssMb());
  }, RSS_SAMPLE_MS);
  const cpu = process.cpuUsage();
  const machine = machineCpu();
  const start = performance.now();
  try {
    const done = await work(request);
    const wallMs = performance.now() - start;
    const used = process.cpuUsage(cpu);
    sampled = Math.max(sampled, rssMb(), ...(done.rssTimeline ?? []));
    const cpuMs = (used.user + used.system) / 1000;
    return {
      ...done,
      wallMs,
      cpuMs,
      otherLoad: otherLoad(machine, cpuMs, wallMs),
      sampledRssMb: sampled,
      maxRssMb: (process.resourceUsage().maxRSS * 1024) / MB,
    };
  } finally {
    clearInterval(sampler);
  }
}
