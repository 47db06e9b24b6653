/**
 * Parsing a PDF or a large workbook is CPU-heavy and can hang or blow up on a
 * hostile file. Each worker thread runs the extractor on one document at a time,
 * away from the main thread that writes to the database, so the pool can kill it
 * on a timeout or let it die of its memory limit without losing the batch.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { failureReason } from './failure.js';
import type { PreparedPlan } from '../store/prepare.js';
import { type Extractor, finishPlan, type Hints } from './hints.js';

export interface WorkerTask {
  file: string;
  hints: Hints;
}
export type WorkerReply = { ok: true; plan: PreparedPlan } | { ok: false; error: string };

interface WorkerSetup {
  /** URL of the module whose `extract` export does the work */
  extractorModule: string;
}

const port = parentPort;
if (!port) throw new Error('src/pipeline/worker runs only as a worker thread');

const { extractorModule } = workerData as WorkerSetup;
const extractor: Promise<Extractor> = import(extractorModule).then((mod: { extract?: unknown }) => {
  if (typeof mod.extract !== 'function') throw new Error(`${extractorModule} exports no extract function`);
  return mod.extract as Extractor;
});
// Marked as handled here; every task awaits it and reports a failed load itself.
extractor.catch(() => undefined);

async function answer(task: WorkerTask): Promise<WorkerReply> {
  try {
    const extract = await extractor;
    return { ok: true, plan: finishPlan(await extract(task.file, { hints: task.hints }), task.hints) };
  } catch (err) {
    return { ok: false, error: failureReason(err) };
  }
}

// The pool sends the next document before this one is done: parse them one at a time, in order.
let previous: Promise<void> = Promise.resolve();
port.on('message', (task: WorkerTask) => {
  previous = previous.then(async () => port.postMessage(await answer(task)));
});
