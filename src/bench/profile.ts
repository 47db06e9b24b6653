/**
 * Where the time goes, from V8's CPU profiles (`node --cpu-prof`, one .cpuprofile
 * per thread): the functions with the most self time, and self time by area of the
 * code (pdfjs, perfplan's layout, SQLite, the garbage collector …), the two views
 * that say whether a phase is slow in its own code or in a library's. Lines are
 * those of the compiled dist/*.js the profile saw (function names are the sources').
 */
import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ROOT } from './settings.js';

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
}

interface CpuProfile {
  nodes: { id: number; callFrame: CallFrame }[];
  samples: number[];
  timeDeltas: number[];
}

export interface HotSpot {
  name: string;
  /** file:line, or the V8 pseudo-frame */
  where: string;
  ms: number;
  /** of the threads' total sampled time */
  share: number;
}

export interface ProfileSummary {
  /** which threads: "main thread", "2 worker threads" */
  threads: string;
  totalMs: number;
  functions: HotSpot[];
  areas: { area: string; ms: number; share: number }[];
}

/** How many functions a summary lists. */
const TOP_FUNCTIONS = 15;

/** V8's frames that are not functions: time outside JavaScript. */
const PSEUDO_FRAMES = new Set(['(garbage collector)', '(program)', '(idle)', '(root)']);

/** The source file a frame's script stands for, relative to the project root. */
function sourceOf(url: string): string {
  if (!url) return '';
  if (url.startsWith('node:')) return url;
  const path = url.startsWith('file:') ? fileURLToPath(url) : url;
  const rel = relative(ROOT, path);
  return rel.startsWith('..') ? path : rel;
}

/** The area a source file belongs to: a package, a src/ folder, Node itself. */
function areaOf(source: string, name: string): string {
  if (PSEUDO_FRAMES.has(name)) return name;
  if (!source) return '(native: V8 builtins, SQLite, …)';
  if (source.startsWith('node:')) return 'node';
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(source);
  if (pkg) return pkg[1]!;
  // dist/readers/pdf/… → src/readers/pdf: the folders the lead assigns work by.
  const folder = /^dist\/([^/]+(?:\/(?:pdf|docx|xlsx|input))?)/.exec(source);
  return folder ? `src/${folder[1]}` : source;
}

async function readProfile(path: string): Promise<CpuProfile> {
  return JSON.parse(await readFile(path, 'utf8')) as CpuProfile;
}

/** Self time of the frames of `profiles` (all threads together). */
function summarise(profiles: CpuProfile[], threads: string): ProfileSummary {
  const functions = new Map<string, HotSpot>();
  const areas = new Map<string, number>();
  let totalMs = 0;
  for (const profile of profiles) {
    const frames = new Map(profile.nodes.map((n) => [n.id, n.callFrame]));
    profile.samples.forEach((id, i) => {
      const frame = frames.get(id);
      const ms = (profile.timeDeltas[i] ?? 0) / 1000;
      if (!frame || frame.functionName === '(idle)') return;
      totalMs += ms;
      const source = sourceOf(frame.url);
      const name = frame.functionName || '(anonymous)';
      const where = source ? `${source}:${frame.lineNumber + 1}` : '';
      const key = `${name} ${where}`;
      const spot = functions.get(key) ?? { name, where, ms: 0, share: 0 };
      spot.ms += ms;
      functions.set(key, spot);
      const area = areaOf(source, name);
      areas.set(area, (areas.get(area) ?? 0) + ms);
    });
  }
  const share = (ms: number): number => (totalMs > 0 ? ms / totalMs : 0);
  return {
    threads,
    totalMs,
    functions: [...functions.values()]
      .sort((a, b) => b.ms - a.ms)
      .slice(0, TOP_FUNCTIONS)
      .map((f) => ({ ...f, share: share(f.ms) })),
    areas: [...areas.entries()].sort((a, b) => b[1] - a[1]).map(([area, ms]) => ({ area, ms, share: share(ms) })),
  };
}

/**
 * The profiles a run wrote into `dir`, summarised per kind of thread: the main
 * thread on its own, worker threads together. Node names each file
 * CPU.<date>.<time>.<pid>.<thread id>.<seq>.cpuprofile; the main thread is id 0.
 */
export async function summariseProfiles(dir: string): Promise<ProfileSummary[]> {
  const files = (await readdir(dir)).filter((f) => f.endsWith('.cpuprofile'));
  const isMain = (f: string): boolean => f.split('.')[4] === '0';
  const main = files.filter(isMain);
  const workers = files.filter((f) => !isMain(f));
  const out: ProfileSummary[] = [];
  if (main.length) out.push(summarise(await Promise.all(main.map((f) => readProfile(join(dir, f)))), 'main thread'));
  if (workers.length) {
    const profiles = await Promise.all(workers.map((f) => readProfile(join(dir, f))));
    out.push(summarise(profiles, `${workers.length} worker thread${workers.length > 1 ? 's' : ''}`));
  }
  return out;
}
