/**
 * One hostile document must not take the batch down with it: a parser stuck in a
 * loop, or one that eats all memory. The pool keeps up to N worker threads, each
 * with a heap limit, gives each one document to parse and the next to start on,
 * terminates a worker that overruns its time limit and replaces any worker that
 * dies, failing only the document it was working on.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { extname } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { PreparedPlan } from '../store/prepare.js';
import type { Hints } from './hints.js';
import { type ExtractRunner, timeoutMessage } from './runner.js';
import type { WorkerReply, WorkerTask } from './worker.js';

export interface PoolOptions {
  size: number;
  /** URL (file:) of the module exporting `extract` */
  extractorModule: string;
  timeoutMs: number;
  /** V8 old-generation heap limit of each worker */
  maxOldGenerationSizeMb: number;
  /** V8 young-generation size of each worker */
  maxYoungGenerationSizeMb: number;
  /** documents sent to a busy worker beyond the one it parses */
  tasksAhead: number;
}

interface Pending {
  task: WorkerTask;
  resolve(plan: PreparedPlan): void;
  reject(err: Error): void;
}

/*
 * The worker's entry sits beside this file: worker.js in dist/, worker.ts when the
 * sources run through tsx or vitest. A TypeScript entry needs tsx's loader inside
 * the thread, and Node 20 ignores `--import tsx` in a worker's execArgv, so such a
 * worker starts from a two-line script that registers tsx and then imports it.
 */
const HERE = import.meta.url;
const SOURCE_EXT = extname(fileURLToPath(HERE));
const WORKER_ENTRY = new URL(`./worker${SOURCE_EXT}`, HERE);

interface TsxPackage {
  exports: { './esm/api': { import: { default: string } } };
}

function workerScript(): { script: string | URL; eval: boolean } {
  if (SOURCE_EXT !== '.ts') return { script: WORKER_ENTRY, eval: false };
  // The ESM build of tsx's register API, found through its package exports (vitest has no import.meta.resolve).
  const manifest = createRequire(HERE).resolve('tsx/package.json');
  const tsx = JSON.parse(readFileSync(manifest, 'utf8')) as TsxPackage;
  const api = new URL(tsx.exports['./esm/api'].import.default, pathToFileURL(manifest)).href;
  return {
    script: `import(${JSON.stringify(api)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(WORKER_ENTRY.href)}); });`,
    eval: true,
  };
}

/** A live worker and the tasks it has been sent, in order: the first is the one it is parsing. */
interface Slot {
  worker: Worker;
  tasks: Pending[];
  /** the time limit of the first task */
  timer: NodeJS.Timeout | null;
  /** what killed the worker, told before its exit */
  error: Error | null;
}

export class WorkerPool implements ExtractRunner {
  private readonly slots = new Set<Slot>();
  private readonly waiting: Pending[] = [];
  private closed = false;

  constructor(private readonly options: PoolOptions) {}

  run(file: string, hints: Hints): Promise<PreparedPlan> {
    if (this.closed) return Promise.reject(new Error('the worker pool is closed'));
    return new Promise((resolve, reject) => {
      this.waiting.push({ task: { file, hints }, resolve, reject });
      this.dispatch();
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const p of this.waiting.splice(0)) p.reject(new Error('the worker pool is closed'));
    const slots = [...this.slots];
    this.slots.clear();
    for (const slot of slots) {
      if (slot.timer) clearTimeout(slot.timer);
      for (const p of slot.tasks.splice(0)) p.reject(new Error('the worker pool is closed'));
    }
    await Promise.all(slots.map((slot) => slot.worker.terminate()));
  }

  private spawn(): Slot {
    const { script, eval: isScript } = workerScript();
    const worker = new Worker(script, {
      eval: isScript,
      workerData: { extractorModule: this.options.extractorModule },
      resourceLimits: {
        maxOldGenerationSizeMb: this.options.maxOldGenerationSizeMb,
        maxYoungGenerationSizeMb: this.options.maxYoungGenerationSizeMb,
      },
    });
    const slot: Slot = { worker, tasks: [], timer: null, error: null };
    const { maxOldGenerationSizeMb } = this.options;
    worker.on('message', (reply: WorkerReply) => this.replied(slot, reply));
    // An error is followed by the exit; only then have all the worker's replies been delivered.
    worker.on('error', (err: Error & { code?: string }) => {
      slot.error ??= err.code === 'ERR_WORKER_OUT_OF_MEMORY'
        ? new Error(`out of memory (over the ${maxOldGenerationSizeMb} MB limit)`)
        : err;
    });
    worker.on('exit', (code) => this.lost(slot, slot.error ?? new Error(`worker exited with code ${code}`)));
    this.slots.add(slot);
    return slot;
  }

  /**
   * Gives waiting documents to idle workers first, then to new ones, then one
   * ahead to each busy worker: it starts that one as soon as it has replied,
   * without waiting for this thread, which may be busy saving.
   */
  private dispatch(): void {
    const depth = 1 + this.options.tasksAhead;
    for (const limit of [1, depth]) {
      while (this.waiting.length > 0) {
        const slot = [...this.slots].find((s) => s.tasks.length < limit)
          ?? (this.slots.size < this.options.size ? this.spawn() : null);
        if (!slot) break;
        this.send(slot, this.waiting.shift()!);
      }
    }
  }

  private send(slot: Slot, pending: Pending): void {
    slot.tasks.push(pending);
    slot.worker.postMessage(pending.task);
    if (slot.tasks.length === 1) this.startTimer(slot);
  }

  /*
   * The worker parses its tasks one after the other, so a task's time starts when
   * this thread learns that the one before it is done, which is never before the
   * worker starts it: a document gets at least its full time limit.
   */
  private startTimer(slot: Slot): void {
    const { timeoutMs } = this.options;
    slot.timer = setTimeout(() => this.lost(slot, new Error(timeoutMessage(timeoutMs))), timeoutMs);
  }

  private replied(slot: Slot, reply: WorkerReply): void {
    if (!this.slots.has(slot)) return;
    const done = slot.tasks.shift();
    if (slot.timer) clearTimeout(slot.timer);
    slot.timer = null;
    if (slot.tasks.length > 0) this.startTimer(slot);
    if (reply.ok) done?.resolve(reply.plan);
    else done?.reject(new Error(reply.error));
    this.dispatch();
  }

  /**
   * The worker is gone or stuck: the document it was parsing fails with the reason,
   * and the ones sent ahead, which it never started, go back to the head of the line.
   * Node delivers a worker's last replies before its exit, so the first task left is
   * the one that was running.
   */
  private lost(slot: Slot, reason: Error): void {
    if (!this.slots.delete(slot)) return;
    if (slot.timer) clearTimeout(slot.timer);
    void slot.worker.terminate();
    const [running, ...unstarted] = slot.tasks.splice(0);
    this.waiting.unshift(...unstarted);
    running?.reject(reason);
    if (!this.closed) this.dispatch();
  }
}
