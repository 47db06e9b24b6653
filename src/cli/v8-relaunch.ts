/**
 * A batch import runs best under V8_FLAGS (src/pipeline/v8-flags.ts), but they
 * slow down single-threaded work such as `extract`, which gains from V8's helper
 * threads on an idle core. V8 flags are fixed when node starts, so `import` and
 * `run` start node again with them when this process lacks them.
 */
import { spawn } from 'node:child_process';
import { realpathSync } from 'node:fs';
import { constants } from 'node:os';
import { extname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { V8_FLAGS } from '../pipeline/v8-flags.js';

/** The command's entry, beside this module (main.js in dist/, main.ts in the sources). */
const ENTRY = fileURLToPath(new URL(`./main${extname(fileURLToPath(import.meta.url))}`, import.meta.url));

/** Whether this process is the perfplan command itself, not a program (or a test) that runs its commands. */
function startedAsCommand(script: string | undefined): boolean {
  try {
    return script !== undefined && realpathSync(script) === realpathSync(ENTRY);
  } catch {
    return false;
  }
}

/** The arguments that start this command again under V8_FLAGS, or null when it already runs under them. */
export function relaunchArgs(execArgv: readonly string[], argv: readonly string[]): string[] | null {
  const missing = V8_FLAGS.filter((flag) => !execArgv.includes(flag));
  return missing.length ? [...execArgv, ...missing, ...argv.slice(1)] : null;
}

const SIGNALS = ['SIGINT', 'SIGTERM'] as const;

/**
 * Runs this command again in a node started with V8_FLAGS when this one was not,
 * and takes its exit code. True when it did: the caller has nothing left to do.
 * A program that runs the commands in its own process is left as it is.
 */
export async function relaunchedWithV8Flags(): Promise<boolean> {
  if (!startedAsCommand(process.argv[1])) return false;
  const args = relaunchArgs(process.execArgv, process.argv);
  if (!args) return false;
  const child = spawn(process.execPath, args, { stdio: 'inherit' });
  // Ctrl-C reaches the child from the terminal too; a signal sent to this process alone is passed on.
  const forward = (signal: NodeJS.Signals): void => {
    child.kill(signal);
  };
  for (const s of SIGNALS) process.on(s, forward);
  try {
    process.exitCode = await new Promise<number>((resolve, reject) => {
      child.once('error', reject);
      child.once('exit', (code, signal) => resolve(code ?? 128 + (signal ? constants.signals[signal] : 0)));
    });
  } finally {
    for (const s of SIGNALS) process.off(s, forward);
  }
  return true;
}
