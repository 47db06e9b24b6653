/**
 * An import of hundreds of plans runs for minutes, and the analyst wants to see it
 * move. On a terminal a progress bar shows counts and the time left; in a log
 * (CI, a pipe, a cron job) a bar would be noise, so each file gets one plain line.
 */
import { isAbsolute, relative } from 'node:path';
import cliProgress from 'cli-progress';
import type { FileOutcome } from '../store/import-log.js';

export type ProgressMode = 'auto' | 'bar' | 'lines' | 'none';

export interface Progress {
  start(total: number): void;
  update(outcome: FileOutcome): void;
  stop(): void;
}

type Stream = NodeJS.WritableStream & { isTTY?: boolean };

/** Paths under the working directory are shown relative to it: shorter lines, same meaning. */
export function displayPath(path: string): string {
  const rel = relative(process.cwd(), path);
  return rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel : path;
}

const BAR_FORMAT =
  '{bar} {value}/{total} | imported {imported} skipped {skipped} failed {failed} | ETA {eta_formatted} | {file}';

function barProgress(stream: Stream): Progress {
  const bar = new cliProgress.SingleBar(
    { format: BAR_FORMAT, stream, hideCursor: true, etaBuffer: 20 },
    cliProgress.Presets.shades_classic,
  );
  const counts = { imported: 0, skipped: 0, failed: 0, file: '' };
  return {
    start: (total) => bar.start(total, 0, counts),
    update: (o) => {
      counts[o.status] += 1;
      bar.increment(1, { ...counts, file: o.path.split(/[\\/]/).pop() ?? '' });
    },
    stop: () => bar.stop(),
  };
}

function lineProgress(stream: Stream): Progress {
  let total = 0;
  let done = 0;
  return {
    start: (n) => {
      total = n;
    },
    update: (o) => {
      done += 1;
      const detail = o.status === 'imported'
        ? `${o.objectives} objectives, ${o.indicators} indicators, ${Math.round(o.ms)} ms`
        : o.reason;
      stream.write(`[${done}/${total}] ${o.status} ${displayPath(o.path)}${detail ? ` (${detail})` : ''}\n`);
    },
    stop: () => undefined,
  };
}

const silent: Progress = { start: () => undefined, update: () => undefined, stop: () => undefined };

export function createProgress(mode: ProgressMode, stream: Stream): Progress {
  if (mode === 'none') return silent;
  if (mode === 'bar' || (mode === 'auto' && stream.isTTY)) return barProgress(stream);
  return lineProgress(stream);
}
