/**
 * The entry of a bench child process (started by harness.ts): it receives one
 * phase to run, runs it, sends back the figures and exits, so the next phase
 * starts from a fresh process.
 */
import { runPhaseHere, type PhaseRequest } from './phases.js';

export type ChildReply = { ok: true; result: Awaited<ReturnType<typeof runPhaseHere>> } | { ok: false; error: string };

const send = (reply: ChildReply): Promise<void> =>
  new Promise((resolve) => {
    if (!process.send) throw new Error('src/bench/child runs only as a child process of the bench');
    process.send(reply, () => resolve());
  });

process.once('message', (request: PhaseRequest) => {
  runPhaseHere(request)
    .then(
      (result) => send({ ok: true, result }),
      (err: unknown) => send({ ok: false, error: err instanceof Error ? (err.stack ?? err.message) : String(err) }),
    )
    // exit() rather than waiting for the loop to drain: a profiled run writes its profile on exit either way.
    .finally(() => process.exit(0));
});
