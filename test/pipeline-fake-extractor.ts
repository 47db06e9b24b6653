/**
 * A stand-in for src/extract.ts in the pipeline tests, loadable both in this thread
 * and in the worker threads. A test file's JSON tells it how to misbehave: hang,
 * spin, fail, eat memory, return an invalid plan, or take its time; otherwise it
 * builds a plan whose sha256 is the file's and notes the hints it was given.
 */
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import type { Plan } from '../src/model/plan.js';
import type { Hints } from '../src/pipeline/hints.js';
import { makePlan } from './store-plan-factory.js';

interface Behaviour {
  hang?: boolean;
  spin?: boolean;
  fail?: string;
  hog?: boolean;
  invalid?: boolean;
  sleepMs?: number;
  ente?: { name: string | null; istat: string | null };
  years?: number[];
}

export async function extract(file: string, options: { hints?: Hints } = {}): Promise<Plan> {
  const text = await readFile(file, 'utf8');
  const b = (text.startsWith('{') ? JSON.parse(text) : {}) as Behaviour;
  if (b.hang) return new Promise<Plan>(() => undefined);
  if (b.spin) for (;;);
  // Like src/extract.ts's ExtractError: the message names the file, `reason` does not.
  if (b.fail) throw Object.assign(new Error(`${basename(file)}: ${b.fail}`), { reason: b.fail });
  if (b.hog) {
    const hoard: number[][] = [];
    for (;;) hoard.push(new Array<number>(1_000_000).fill(hoard.length));
  }
  if (b.sleepMs) await new Promise((r) => setTimeout(r, b.sleepMs));
  const plan = makePlan({ content: text, file: basename(file), ente: b.ente, years: b.years });
  if (b.invalid) return { ...plan, layout: 'weird' as Plan['layout'] };
  return { ...plan, warnings: [`hints: ${JSON.stringify(options.hints ?? {})}`] };
}
