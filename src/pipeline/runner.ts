/**
 * The importer asks for a plan and needs an answer within a time limit, whatever
 * the document does. A runner hides where the extractor runs: in worker threads
 * (the default, which can be killed) or in this thread (an injected function, for
 * tests and embedding, which can only be abandoned when it overruns).
 */
import type { PreparedPlan } from '../store/prepare.js';
import { type Extractor, finishPlan, type Hints } from './hints.js';

export interface ExtractRunner {
  /** the extractor's answer with the hints applied, validated (`finishPlan`) */
  run(file: string, hints: Hints): Promise<PreparedPlan>;
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
            try {
              resolvePlan(finishPlan(plan, hints));
            } catch (err) {
              reject(err instanceof Error ? err : new Error(String(err)));
            }
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
