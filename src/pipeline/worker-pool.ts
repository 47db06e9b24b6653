/**
 * One hostile document must not take the batch down with it: a parser stuck in a
 * loop, or one that eats all memory. The pool keeps up to N worker threads, each
 * with a heap limit, gives each one document at a time, terminates a worker that
 * overruns its time limit and replaces any worker that dies, failing only the
 * document it was working on.
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

export class WorkerPool implements ExtractRunner {
  private readonly idle: Worker[] = [];
  private readonly waiting: Pending[] = [];
  private live = 0;
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
    await Promise.all(this.idle.splice(0).map((w) => w.terminate()));
  }

  private spawn(): Worker {
    this.live += 1;
    const { script, eval: isScript } = workerScript();
    return new Worker(script, {
      eval: isScript,
      workerData: { extractorModule: this.options.extractorModule },
      resourceLimits: { maxOldGenerationSizeMb: this.options.maxOldGenerationSizeMb },
    });
  }

  private dispatch(): void {
    while (this.waiting.length > 0) {
      const worker = this.idle.pop() ?? (this.live < this.options.size ? this.spawn() : null);
      if (!worker) return;
      const next = this.waiting.shift();
      if (next) this.execute(worker, next);
    }
  }

  private execute(worker: Worker, pending: Pending): void {
    const { timeoutMs, maxOldGenerationSizeMb } = this.options;
    let settled = false;
    const finish = (outcome: { plan: PreparedPlan } | { error: Error }, workerUsable: boolean): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      worker.off('message', onMessage).off('error', onError).off('exit', onExit);
      if (workerUsable && !this.closed) this.idle.push(worker);
      else {
        this.live -= 1;
        void worker.terminate();
      }
      if ('error' in outcome) pending.reject(outcome.error);
      else pending.resolve(outcome.plan);
      this.dispatch();
    };
    const onMessage = (reply: WorkerReply): void =>
      finish(reply.ok ? { plan: reply.plan } : { error: new Error(reply.error) }, true);
    const onError = (err: Error & { code?: string }): void =>
      finish(
        {
          error: err.code === 'ERR_WORKER_OUT_OF_MEMORY'
            ? new Error(`out of memory (over the ${maxOldGenerationSizeMb} MB limit)`)
            : err,
        },
        false,
      );
    const onExit = (code: number): void => finish({ error: new Error(`worker exited with code ${code}`) }, false);
    const timer = setTimeout(() => finish({ error: new Error(timeoutMessage(timeoutMs)) }, false), timeoutMs);
    worker.on('message', onMessage).on('error', onError).on('exit', onExit);
    worker.postMessage(pending.task);
  }
}
