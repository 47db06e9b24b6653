/**
 * Runs a phase of the bench in a child process of its own (see phases.ts for
 * why), optionally under V8's CPU profiler, and hands back its figures. The
 * machine may be shared (other containers on the same kernel): before a phase
 * starts, the harness waits a while for the others' load to drop, so that a busy
 * neighbour slows the figures as little as it can.
 */
import { fork } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';
import type { ChildReply } from './child.js';
import { machineCpu, otherLoad, type PhaseRequest, type PhaseResult } from './phases.js';
import { QUIET } from './settings.js';

/** Waits until the rest of the machine keeps fewer than QUIET.cores busy, or QUIET.maxWaitMs has passed. */
async function quietMachine(log: (line: string) => void): Promise<void> {
  const started = performance.now();
  for (;;) {
    const before = machineCpu();
    const at = performance.now();
    await sleep(QUIET.windowMs);
    // This process is idle while it waits, so all the load measured is the others'.
    const load = otherLoad(before, 0, performance.now() - at);
    if (load === null || load < QUIET.cores) return;
    if (performance.now() - started > QUIET.maxWaitMs) {
      log(`other work keeps ${load.toFixed(2)} cores busy; measuring anyway (see "other load" in the results)`);
      return;
    }
  }
}

const CHILD = new URL('./child.js', import.meta.url);

export interface PhaseOptions {
  /** write a .cpuprofile per thread into this folder */
  profileDir?: string;
  /** V8 flags the phase's process starts with (the perfplan command's, or none for V8's defaults) */
  v8Flags: readonly string[];
  log?: (line: string) => void;
}

function runChild(request: PhaseRequest, options: PhaseOptions): Promise<PhaseResult> {
  const { profileDir, v8Flags } = options;
  const execArgv = ['--expose-gc', ...v8Flags, ...(profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : [])];
  const child = fork(CHILD, [], { execArgv, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  return new Promise((resolve, reject) => {
    let reply: ChildReply | null = null;
    child.once('message', (message: ChildReply) => {
      reply = message;
    });
    child.once('error', reject);
    child.once('exit', (code, signal) => {
      if (reply?.ok) resolve(reply.result);
      else if (reply) reject(new Error(`bench phase ${request.phase} failed: ${reply.error}`));
      else reject(new Error(`bench phase ${request.phase} exited (${signal ?? code}) without its figures`));
    });
    child.send(request);
  });
}

/**
 * Runs a phase on a machine as quiet as it gets. A measured run that other work
 * slowed anyway (a neighbour started meanwhile) is run again, up to QUIET.reruns
 * times, and the run least disturbed is kept; a profiled run is kept as it is.
 */
export async function runPhase(request: PhaseRequest, options: PhaseOptions): Promise<PhaseResult> {
  const log = options.log ?? (() => undefined);
  let best: PhaseResult | null = null;
  for (let attempt = 0; ; attempt++) {
    await quietMachine(log);
    const result = await runChild(request, options);
    if (!best || (result.otherLoad ?? 0) < (best.otherLoad ?? 0)) best = result;
    if (options.profileDir || (best.otherLoad ?? 0) < QUIET.cores || attempt >= QUIET.reruns) return best;
    log(`other work kept ${(result.otherLoad ?? 0).toFixed(2)} cores busy during ${request.phase}; running it again`);
  }
}
