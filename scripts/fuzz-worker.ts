/**
 * The fuzz harness's worker thread: runs the full extraction on one mutated
 * document at a time and says how it ended. A thrown Error is a rejection (the
 * importer would record its reason); anything else thrown is a crash. Deaths and
 * hangs are seen by the harness, which owns the thread.
 */
import { parentPort } from 'node:worker_threads';
import { extractBytes } from '../src/extract.js';

export interface FuzzTask {
  bytes: Uint8Array;
  name: string;
}
export type FuzzReply =
  | { kind: 'ready' }
  | { kind: 'extracted' }
  | { kind: 'rejected'; reason: string }
  | { kind: 'crash'; detail: string };

const port = parentPort;
if (!port) throw new Error('scripts/fuzz-worker runs only as a worker thread');

async function attempt(task: FuzzTask): Promise<FuzzReply> {
  try {
    await extractBytes(task.bytes, task.name);
    return { kind: 'extracted' };
  } catch (err) {
    if (!(err instanceof Error)) return { kind: 'crash', detail: `non-Error thrown: ${String(err)}` };
    const reason = (err as Error & { reason?: unknown }).reason;
    return { kind: 'rejected', reason: typeof reason === 'string' ? reason : err.message };
  }
}

port.on('message', (task: FuzzTask) => {
  void attempt(task).then((reply) => port.postMessage(reply));
});
port.postMessage({ kind: 'ready' } satisfies FuzzReply);
