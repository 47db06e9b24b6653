/**
 * The importer asks for a plan and needs an answer within a time limit, whatever
 * the document does. A runner hides where the extractor runs: in worker threads
 * (the default, which can be killed) or in this thread (an injected function, for
 * tests and embedding, which can only be abandoned when it overruns).
 */
import type { Extractor, Hints } from './hints.js';

export interface ExtractRunner {
  /** the extractor's raw answer; the caller validates it */
  run(file: string, hints: Hints): Promise<unknown>;
  close(): Promise<void>;
}

export const timeoutMessage = (ms: number): string => `timeout after ${Math.round(ms / 100) / 10} s`;

/** Runs an injected extractor here; a call that overruns is reported, not stopped. */
export function inProcessRunner(extract: Extractor, timeoutMs: number): ExtractRunner {
  return {
    run(file, hints) {
      return new Promise((resolvePlan, reject) => {
        const timer = setTimeout(() => reject(new Error(timeoutMessage(timeoutMs))), timeoutMs);
        extract(file, { hints }).then(
          (plan) => {
            clearTimeout(timer);
            resolvePlan(plan);
          },
          (err: unknown) => {
            clearTimeout(timer);
            reject(err instanceof Error ? err : new Error(String(err)));
          },
        );
      });
    },
    close: async () => undefined,
  };
}
