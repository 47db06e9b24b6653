/**
 * Real downloads are damaged in ways no fixture anticipates: bytes flipped,
 * files cut short, ZIP entries or directories mangled, junk spliced into a PDF.
 * The fuzzer takes the fixture documents, mutates them deterministically from a
 * seed, runs the full extraction on each in a worker thread with a time limit, and
 * sorts the outcomes: extracted, rejected with a reason, crash (anything thrown
 * that is not an Error, an uncaught error, a dead worker) or hang. Crashes and
 * hangs make the exit code non-zero; their inputs can be saved to be replayed.
 *
 *   npm run fuzz -- --count 300 --seconds 120 [--seed 1] [--timeout 20000] [--workers 4] [--save output/fuzz]
 */
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { basename, extname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { Worker } from 'node:worker_threads';
import { entryData, readZipDirectory } from '../src/readers/input/zip.js';
import type { FuzzReply, FuzzTask } from './fuzz-worker.js';

export interface FuzzSettings {
  /** mutations to try */
  count: number;
  /** no new mutation starts after this many seconds */
  seconds: number;
  seed: number;
  /** a document still running after this is a hang, and its worker is killed */
  documentTimeoutMs: number;
  /** how long a fresh worker may take to load the extractor */
  workerStartMs: number;
  /** worker threads running mutations side by side */
  workers: number;
  /** V8 old-generation heap of each worker: a document that needs more is a crash */
  workerHeapMb: number;
  /** where the inputs of crashes and hangs are written, to replay them; none when null */
  saveDir: string | null;
  /** the documents to mutate */
  corpus: string[];
}

const ROOT = resolve(fileURLToPath(new URL('..', import.meta.url)));
/** Where fixture documents live: every fixtures/corpus/<fixture>/ and test/data (recursively). */
const CORPUS_ROOTS = [join(ROOT, 'fixtures', 'corpus'), join(ROOT, 'test', 'data')];
const CORPUS_EXTENSIONS = new Set(['.pdf', '.docx', '.xlsx', '.xls', '.ods', '.csv', '.p7m']);

/** Bytes flipped at most by one "flip" mutation. */
const MAX_FLIPS = 16;
/** The end of a file where "tail" flips land: a PDF's xref table and trailer. */
const TAIL_BYTES = 1024;
/** Random bytes spliced in at most by one "insert" mutation. */
const MAX_INSERT_BYTES = 64;

/** Fixture documents under the corpus roots, in a stable order. */
export function corpusFiles(roots: string[] = CORPUS_ROOTS): string[] {
  const walk = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
      const path = join(dir, e.name);
      if (e.isDirectory()) return walk(path);
      return CORPUS_EXTENSIONS.has(extname(e.name).toLowerCase()) && statSync(path).size > 0 ? [path] : [];
    });
  return roots.flatMap((r) => {
    try {
      return walk(r);
    } catch {
      return []; // a root not built yet
    }
  }).sort();
}

export const DEFAULT_FUZZ_SETTINGS: FuzzSettings = {
  count: 300,
  seconds: 120,
  seed: 1,
  documentTimeoutMs: 20_000,
  workerStartMs: 60_000,
  workers: Math.max(1, Math.min(4, availableParallelism() - 1)),
  workerHeapMb: 1024,
  saveDir: null,
  corpus: [],
};

// ---- deterministic mutations ----

type Random = () => number;

/** mulberry32: small, fast, and the same everywhere for a seed. */
function prng(seed: number): Random {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const below = (random: Random, n: number): number => Math.floor(random() * n);

const MUTATIONS = ['flip', 'truncate', 'insert', 'tail', 'zip-entry', 'zip-directory'] as const;
export type Mutation = (typeof MUTATIONS)[number];
const ZIP_ONLY: Mutation[] = ['zip-entry', 'zip-directory'];

function flipIn(bytes: Uint8Array, start: number, end: number, count: number, random: Random): Uint8Array {
  const out = Uint8Array.from(bytes);
  for (let i = 0; i < count && end > start; i++) out[start + below(random, end - start)]! ^= 1 + below(random, 255);
  return out;
}

function isZip(bytes: Uint8Array): boolean {
  try {
    return bytes[0] === 0x50 && bytes[1] === 0x4b && readZipDirectory(bytes).entries.length > 0;
  } catch {
    return false;
  }
}

function mutate(bytes: Uint8Array, mutation: Mutation, random: Random): Uint8Array {
  switch (mutation) {
    case 'flip':
      return flipIn(bytes, 0, bytes.length, 1 + below(random, MAX_FLIPS), random);
    case 'truncate':
      return bytes.slice(0, below(random, bytes.length));
    case 'insert': {
      const at = below(random, bytes.length);
      const junk = Uint8Array.from({ length: 1 + below(random, MAX_INSERT_BYTES) }, () => below(random, 256));
      return Buffer.concat([bytes.subarray(0, at), junk, bytes.subarray(at)]);
    }
    case 'tail':
      return flipIn(bytes, Math.max(0, bytes.length - TAIL_BYTES), bytes.length, 1 + below(random, 4), random);
    case 'zip-entry': {
      const entries = readZipDirectory(bytes).entries.filter((e) => e.compressedSize > 0);
      const entry = entries[below(random, entries.length)]!;
      const { start, end } = entryData(bytes, entry);
      return flipIn(bytes, start, end, 1 + below(random, 8), random);
    }
    case 'zip-directory':
      return flipIn(bytes, readZipDirectory(bytes).start, bytes.length, 1 + below(random, 4), random);
  }
}

interface FuzzCase {
  index: number;
  source: string;
  mutation: Mutation;
  bytes: Uint8Array;
}

/** Mutation `index` of the run with `seed`: the same case every time. */
function fuzzCase(sources: { path: string; bytes: Uint8Array }[], seed: number, index: number): FuzzCase {
  const random = prng(Math.imul(seed, 0x9e3779b1) ^ Math.imul(index + 1, 0x85ebca6b));
  const source = sources[below(random, sources.length)]!;
  const kinds = MUTATIONS.filter((m) => isZip(source.bytes) || !ZIP_ONLY.includes(m));
  const mutation = kinds[below(random, kinds.length)]!;
  return { index, source: source.path, mutation, bytes: mutate(source.bytes, mutation, random) };
}

// ---- running ----

export type Outcome = 'extracted' | 'rejected' | 'crash' | 'hang';
const OUTCOMES: Outcome[] = ['extracted', 'rejected', 'crash', 'hang'];

export interface FuzzResult {
  index: number;
  source: string;
  mutation: Mutation;
  outcome: Outcome;
  /** the rejection's reason, or what the crash or hang was */
  detail: string;
  ms: number;
}

/** The worker thread's entry: a JavaScript bootstrap that loads tsx, then fuzz-worker.ts. */
const WORKER_ENTRY = new URL('./fuzz-thread.mjs', import.meta.url);

const describeDeath = (err: Error & { code?: string }, heapMb: number): string =>
  err.code === 'ERR_WORKER_OUT_OF_MEMORY' ? `out of memory (${heapMb} MB heap)` : `uncaught: ${err.stack ?? err.message}`;

/** One worker thread, replaced whenever a document kills it or hangs in it. */
class Lane {
  private worker: Worker | null = null;
  private busy = false;
  /** the result of the document run last: a death after its answer is its crash */
  previous: FuzzResult | null = null;

  constructor(private readonly settings: FuzzSettings) {}

  private start(): Promise<Worker> {
    const worker = new Worker(WORKER_ENTRY, {
      resourceLimits: { maxOldGenerationSizeMb: this.settings.workerHeapMb },
    });
    worker.on('error', (err) => this.diedIdle(worker, describeDeath(err, this.settings.workerHeapMb)));
    worker.on('exit', (code) => this.diedIdle(worker, `worker died (exit code ${code})`));
    return new Promise((resolveReady, reject) => {
      const timer = setTimeout(() => {
        void worker.terminate();
        reject(new Error(`the fuzz worker did not start within ${this.settings.workerStartMs} ms`));
      }, this.settings.workerStartMs);
      worker.once('message', () => {
        clearTimeout(timer);
        resolveReady(worker);
      });
      worker.once('error', (err) => {
        clearTimeout(timer);
        reject(new Error(`the fuzz worker failed to start: ${err.message}`));
      });
    });
  }

  /** A worker that dies between documents (an error left running by the last one): that document crashed. */
  private diedIdle(worker: Worker, detail: string): void {
    if (this.busy || this.worker !== worker) return; // a death during a run is the run's; a killed worker is ours
    this.worker = null;
    if (this.previous && this.previous.outcome !== 'crash') {
      this.previous.outcome = 'crash';
      this.previous.detail = `after its answer: ${detail}`;
    }
  }

  async run(task: FuzzTask): Promise<{ outcome: Outcome; detail: string }> {
    this.worker ??= await this.start();
    const worker = this.worker;
    const { documentTimeoutMs, workerHeapMb } = this.settings;
    this.busy = true;
    return new Promise((resolveRun) => {
      const done = (result: { outcome: Outcome; detail: string }, killed: boolean): void => {
        clearTimeout(timer);
        worker.off('message', onMessage).off('error', onError).off('exit', onExit);
        this.busy = false;
        if (killed) {
          this.worker = null;
          void worker.terminate();
        }
        resolveRun(result);
      };
      const onMessage = (reply: FuzzReply): void => {
        if (reply.kind === 'extracted') done({ outcome: 'extracted', detail: '' }, false);
        else if (reply.kind === 'rejected') done({ outcome: 'rejected', detail: reply.reason }, false);
        else if (reply.kind === 'crash') done({ outcome: 'crash', detail: reply.detail }, false);
      };
      const onError = (err: Error & { code?: string }): void => done({ outcome: 'crash', detail: describeDeath(err, workerHeapMb) }, true);
      const onExit = (code: number): void => done({ outcome: 'crash', detail: `worker died (exit code ${code})` }, true);
      const timer = setTimeout(() => done({ outcome: 'hang', detail: `no answer within ${documentTimeoutMs} ms` }, true), documentTimeoutMs);
      worker.on('message', onMessage).on('error', onError).on('exit', onExit);
      worker.postMessage(task);
    });
  }

  async close(): Promise<void> {
    const worker = this.worker;
    this.worker = null;
    await worker?.terminate();
  }
}

/** Runs up to `count` mutations (fewer if `seconds` run out); results in index order. */
export async function runFuzz(settings: FuzzSettings, onResult?: (r: FuzzResult) => void): Promise<FuzzResult[]> {
  const sources = settings.corpus.map((path) => ({ path, bytes: readFileSync(path) }));
  if (sources.length === 0) throw new Error('no documents to mutate: build the fixtures (npm run fixtures:build) or pass files');
  const deadline = Date.now() + settings.seconds * 1000;
  const results: FuzzResult[] = [];
  let next = 0;
  const lanes = Array.from({ length: settings.workers }, () => new Lane(settings));
  await Promise.all(
    lanes.map(async (lane) => {
      try {
        while (next < settings.count && Date.now() < deadline) {
          const c = fuzzCase(sources, settings.seed, next++);
          const started = Date.now();
          const { outcome, detail } = await lane.run({ bytes: c.bytes, name: basename(c.source) });
          const result: FuzzResult = { index: c.index, source: c.source, mutation: c.mutation, outcome, detail, ms: Date.now() - started };
          lane.previous = result;
          if (settings.saveDir && (outcome === 'crash' || outcome === 'hang')) {
            mkdirSync(settings.saveDir, { recursive: true });
            writeFileSync(join(settings.saveDir, `${c.index}-${outcome}-${basename(c.source)}`), c.bytes);
          }
          results.push(result);
          onResult?.(result);
        }
      } finally {
        await lane.close();
      }
    }),
  );
  return results.sort((a, b) => a.index - b.index);
}

// ---- reporting ----

/**
 * Reasons that are a JavaScript engine's words for a bug in a parser, not a
 * description of what is wrong with the file: the reader should catch these and
 * say "a damaged spreadsheet" instead.
 */
export const UNCLEAR_REASON =
  /Cannot read propert|Cannot set propert|is not a function|is not iterable|is not defined|undefined is not|Cannot destructure|Maximum call stack|Invalid array length|^\s*$/;

/** Outcomes by mutation, the crashes and hangs one by one, and the commonest rejection reasons. */
export function summarize(results: FuzzResult[], seed: number): string {
  const pad = (s: string | number, n: number): string => String(s).padStart(n);
  const lines = [`${'mutation'.padEnd(14)}${OUTCOMES.map((o) => pad(o, 11)).join('')}${pad('total', 8)}`];
  const row = (label: string, rs: FuzzResult[]): string =>
    `${label.padEnd(14)}${OUTCOMES.map((o) => pad(rs.filter((r) => r.outcome === o).length, 11)).join('')}${pad(rs.length, 8)}`;
  for (const m of MUTATIONS) {
    const rs = results.filter((r) => r.mutation === m);
    if (rs.length > 0) lines.push(row(m, rs));
  }
  lines.push(row('all', results));
  for (const r of results.filter((x) => x.outcome === 'crash' || x.outcome === 'hang')) {
    lines.push(`${r.outcome.toUpperCase()} #${r.index} (--seed ${seed}) ${r.mutation} of ${r.source}: ${r.detail.split('\n').slice(0, 4).join(' | ')}`);
  }
  const reasons = new Map<string, number>();
  for (const r of results.filter((x) => x.outcome === 'rejected')) {
    const key = r.detail.replace(/"[^"]*"/g, '"…"').replace(/\b\d+\b/g, 'N').slice(0, 100);
    reasons.set(key, (reasons.get(key) ?? 0) + 1);
  }
  const unclear = results.filter((r) => r.outcome === 'rejected' && UNCLEAR_REASON.test(r.detail)).length;
  if (unclear > 0) lines.push(`${unclear} rejections give a JavaScript error as their reason, not what is wrong with the file`);
  if (reasons.size > 0) lines.push('rejection reasons (quoted names as "…", numbers as N):');
  for (const [reason, n] of [...reasons].sort((a, b) => b[1] - a[1])) lines.push(`${pad(n, 6)}  ${reason}`);
  return lines.join('\n');
}

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      count: { type: 'string' },
      seconds: { type: 'string' },
      seed: { type: 'string' },
      timeout: { type: 'string' },
      workers: { type: 'string' },
      save: { type: 'string', default: join(ROOT, 'output', 'fuzz') },
    },
  });
  const number = (v: string | undefined, fallback: number): number => (v === undefined ? fallback : Number(v));
  const d = DEFAULT_FUZZ_SETTINGS;
  const settings: FuzzSettings = {
    ...d,
    count: number(values.count, d.count),
    seconds: number(values.seconds, d.seconds),
    seed: number(values.seed, d.seed),
    documentTimeoutMs: number(values.timeout, d.documentTimeoutMs),
    workers: number(values.workers, d.workers),
    saveDir: values.save ?? null,
    corpus: positionals.length > 0 ? positionals.map((p) => resolve(p)) : corpusFiles(),
  };
  console.log(`fuzzing ${settings.corpus.length} documents: up to ${settings.count} mutations in ${settings.seconds} s, seed ${settings.seed}, ${settings.workers} workers`);
  const results = await runFuzz(settings, (r) => {
    if (r.outcome === 'crash' || r.outcome === 'hang') console.log(`#${r.index} ${r.outcome}: ${r.detail.split('\n')[0]}`);
  });
  console.log(summarize(results, settings.seed));
  const bad = results.filter((r) => r.outcome === 'crash' || r.outcome === 'hang').length;
  if (results.length < settings.count) console.log(`time ran out after ${results.length} of ${settings.count} mutations`);
  if (bad > 0 && settings.saveDir) console.log(`inputs of crashes and hangs saved in ${settings.saveDir}`);
  process.exitCode = bad > 0 ? 1 : 0;
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  main().catch((err: unknown) => {
    console.error(err);
    process.exitCode = 2;
  });
}
