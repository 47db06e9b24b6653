/**
 * bench/results.md: every figure of one run with the machine it ran on, in tables
 * a reader can check against the targets of issue 7, and what the profiles of the
 * missed targets show. The same text goes to stdout.
 */
import type { Corpus } from './corpus.js';
import { LONG_SHEET_SOURCE, type LongSheet } from './long-sheet.js';
import type { PhaseResult, SlowQuery } from './phases.js';
import type { ProfileSummary } from './profile.js';
import { IMPORT_SETTINGS } from '../pipeline/import.js';
import { SEARCH_INDEX_EVERY_PLANS } from '../store/search-index.js';
import { QUERY_FAMILIES } from './queries.js';
import { QUERY_PAGE_ROWS, QUIET, RSS_SAMPLE_MS, RUNS_IN_TURNS, type BenchSize } from './settings.js';

export interface Machine {
  cpu: string;
  cores: number;
  memoryGb: number;
  node: string;
  /** V8 flags the import and insert phases ran with */
  v8Flags: readonly string[];
  os: string;
  date: string;
}

export interface Throughput {
  label: string;
  result: PhaseResult;
  /** PDF pages of the documents read (for the floor and PDF runs, every page read) */
  pages: number;
  documents: number;
  /** pages/s and docs/s are compared with the floor's */
  comparable: boolean;
}

export interface TargetCheck {
  target: string;
  figure: string;
  met: boolean;
}

export interface ProfileReport {
  /** the target missed */
  target: string;
  /** what ran under the profiler */
  run: string;
  summaries: ProfileSummary[];
}

export interface BenchReport {
  size: BenchSize;
  machine: Machine;
  corpus: Corpus;
  jobs: number;
  throughput: Throughput[];
  /** the long workbook and its single-threaded extraction */
  longSheet: LongSheet & { result: PhaseResult };
  importRuns: { label: string; result: PhaseResult }[];
  insert: PhaseResult;
  queries: PhaseResult;
  targets: TargetCheck[];
  profiles: ProfileReport[];
  command: string;
}

const fixed = (n: number, digits = 1): string =>
  n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
const int = (n: number): string => Math.round(n).toLocaleString('en-US');
const pct = (n: number): string => `${fixed(n * 100, 1)}%`;
const otherLoad = (r: PhaseResult): string => (r.otherLoad === null ? '–' : fixed(r.otherLoad, 2));

/** Other load above this many cores is worth a warning: it slows a phase measurably. */
const NOTABLE_OTHER_LOAD = 0.25;

function table(header: string[], rows: string[][]): string[] {
  return [`| ${header.join(' | ')} |`, `| ${header.map(() => '---').join(' | ')} |`, ...rows.map((r) => `| ${r.join(' | ')} |`)];
}

function corpusSection(c: Corpus): string[] {
  const count = (format: string): number => c.files.filter((f) => f.format === format).length;
  const pages = c.files.reduce((n, f) => n + (f.pages ?? 0), 0);
  const fixtures = new Set(c.files.map((f) => f.fixture)).size;
  const differing = c.verification.filter((v) => !v.same);
  return [
    '## Corpus',
    '',
    `${int(c.files.length)} documents (${int(count('pdf'))} PDF with ${int(pages)} pages, ${int(count('docx'))} DOCX, ` +
      `${int(count('xlsx'))} XLSX) made from the ${fixtures} fixture documents of \`fixtures/corpus/*/\`: ` +
      `${c.copies.pdf} copies of each PDF, ${c.copies.office} of each DOCX/XLSX, in \`bench/corpus/\` (git-ignored)` +
      `${c.reused ? ', reused from an earlier run (same manifest)' : ''}.`,
    '',
    'Copies, not concatenations: each copy is its fixture byte for byte plus a mark no reader looks at — a',
    'comment line after the PDF\'s final `%%EOF`, or a ZIP archive comment in the DOCX/XLSX end record — so each',
    'has its own sha256 (the importer would skip a repeat) and the same content. Checked on this run by extracting',
    `each fixture and its first copy: ${differing.length === 0 ? 'every pair gave the same plan (or the same error)' : `${differing.length} pair(s) differ: ${differing.map((d) => d.fixture).join(', ')}`}.`,
    '',
    ...table(['fixture', 'what extract gives (original = copy)'], c.verification.map((v) => [
      `\`${v.fixture}\``, `${v.same ? '' : '**differs** — '}${v.outcome}`,
    ])),
  ];
}

function throughputSection(rows: Throughput[], jobs: number): string[] {
  const floor = rows.find((r) => r.comparable);
  const pagesPerS = (r: Throughput): number => r.pages / (r.result.wallMs / 1000);
  const docsPerS = (r: Throughput): number => r.documents / (r.result.wallMs / 1000);
  const ratio = (value: number, base: number | undefined, applies: boolean): string =>
    applies && base ? `${fixed(value / base, 2)}×` : '–';
  return [
    '## Throughput and memory',
    '',
    ...table(
      ['run', 'documents', 'PDF pages', 'time (s)', 'pages/s', '× floor', 'docs/s', '× floor', 'CPU cores busy', 'other load (cores)', 'peak RSS sampled (MB)', 'peak RSS maxRSS (MB)', '× floor'],
      rows.map((r) => [
        r.label,
        int(r.documents),
        r.pages ? int(r.pages) : '–',
        fixed(r.result.wallMs / 1000),
        r.pages ? fixed(pagesPerS(r)) : '–',
        ratio(pagesPerS(r), floor && pagesPerS(floor), r.pages > 0),
        fixed(docsPerS(r)),
        ratio(docsPerS(r), floor && docsPerS(floor), r.comparable),
        fixed(r.result.cpuMs / r.result.wallMs, 2),
        otherLoad(r.result),
        int(r.result.sampledRssMb),
        int(r.result.maxRssMb),
        ratio(r.result.maxRssMb, floor?.result.maxRssMb, true),
      ]),
    ),
    '',
    '- **floor**: pdfjs-dist alone — `getOperatorList` + `getTextContent` on every page of every PDF, opened by',
    '  perfplan\'s own `openPdf` (same loading options) and released page by page as the reader does; one thread.',
    '  pdfjs is loaded as perfplan loads it (`src/readers/pdf/pdfjs.ts`, with the native `Array.prototype.push` its',
    '  legacy build replaces put back), so the floor is pdfjs at its fastest here, not pdfjs as shipped.',
    '- **extract**: `extract(path)` from `src/extract.ts`, in process, one document after the other, one thread.',
    `- **import**: \`importFiles\` of the whole corpus folder (PDF, DOCX and XLSX) into a fresh database, with the`,
    `  pipeline's worker pool (${jobs} workers = \`os.availableParallelism()\`, then 1). Its pages/s divides the PDF`,
    '  pages by the time of the whole import, DOCX/XLSX included, so it understates the PDF rate.',
    '- CPU cores busy: user + system CPU time of every thread of the process ÷ wall time. Other load: cores the',
    '  rest of the machine kept busy meanwhile (from /proc/stat): other processes slow a run down by about that much.',
    `  Before each run the bench waits up to ${QUIET.maxWaitMs / 1000} s for that load to fall below ${QUIET.cores} cores,`,
    `  and runs again (up to ${QUIET.reruns} times) a run it still disturbed, keeping the least disturbed one.`,
    `- The floor and the PDF extract, and the two imports, run in turns, ${RUNS_IN_TURNS} times each; each row is the`,
    '  fastest of its runs. This VM\'s speed drifts by up to a third from minute to minute with no load that',
    '  /proc/stat shows, and ratios of runs made side by side drift much less.',
    `- Peak RSS: "sampled" reads \`process.memoryUsage().rss\` every ${RSS_SAMPLE_MS} ms (and after each imported file);`,
    '  "maxRSS" is `process.resourceUsage().maxRSS`, the kernel\'s peak for the whole process, worker threads',
    '  included. Each run is a process of its own, so each peak is that run\'s alone.',
  ];
}

function importMemorySection(runs: { label: string; result: PhaseResult }[]): string[] {
  const points = [0.1, 0.25, 0.5, 0.75, 1];
  const at = (timeline: number[], p: number): string =>
    timeline.length ? int(timeline[Math.max(0, Math.ceil(p * timeline.length) - 1)]!) : '–';
  return [
    '### Import memory along the batch',
    '',
    'Resident memory (MB) when 10 %, 25 %, 50 %, 75 % and all of the files were done: flat means memory does not',
    'grow with the batch (files are streamed, not held).',
    '',
    ...table(
      ['run', ...points.map((p) => `${p * 100}%`), 'main-thread utilisation', 'failed files'],
      runs.map(({ label, result }) => [
        label,
        ...points.map((p) => at(result.rssTimeline ?? [], p)),
        pct(result.figures.mainThreadUtilisation ?? 0),
        int(result.failures.length),
      ]),
    ),
  ];
}

/** Seconds the writing thread spent for the insert: saving, moving queued search terms, statistics. */
export const insertWriterSeconds = (f: Record<string, number>): number =>
  ((f.saveMs ?? 0) + (f.indexMs ?? 0) + (f.statisticsMs ?? 0)) / 1000;

function longSheetSection(l: BenchReport['longSheet']): string[] {
  const r = l.result;
  const seconds = r.wallMs / 1000;
  const outcome = r.failures[0] ? `failed: ${r.failures[0].reason}` : `${int(r.figures.objectives ?? 0)} objectives, ${int(r.figures.indicators ?? 0)} indicators`;
  return [
    '## A long workbook',
    '',
    `One sheet of ${int(l.rows)} rows: the data rows of \`${LONG_SHEET_SOURCE}\` ${int(l.copies)} times under its title`,
    'and header, extracted in one thread (`extract`, as the PDF row above). Reading a table must stay linear in',
    'its rows: a national run meets workbooks of thousands of rows.',
    '',
    ...table(['rows', 'what extract gives', 'time (s)', 'rows/s', 'peak RSS maxRSS (MB)'], [
      [int(l.rows), outcome, fixed(seconds), int(l.rows / seconds), int(r.maxRssMb)],
    ]),
  ];
}

function insertSection(r: PhaseResult): string[] {
  const f = r.figures;
  const rows = f.indicators ?? 0;
  const seconds = insertWriterSeconds(f);
  return [
    '## Insert',
    '',
    `${int(f.plans ?? 0)} synthetic plans saved into a fresh database — the import's own`,
    `save path: plans committed ${int(IMPORT_SETTINGS.saveGroups.plans)} to an IMMEDIATE transaction (\`savePlans\`), each with its objectives, indicators, targets and queued search terms;`,
    `the queue moved into the FTS5 indexes every ${int(SEARCH_INDEX_EVERY_PLANS)} plans and at the end, then the planner statistics`,
    'refreshed, as an import does. The time to beat is the writing thread\'s: saving + indexing + statistics.',
    'Validating each plan against the contract and stemming its words (`preparePlan`) is timed apart: an import',
    'does it in the worker threads, beside the extraction, not on the thread that writes.',
    '',
    ...table(
      ['indicator rows', 'objective rows', 'target rows', 'savePlans (s)', 'search indexing (s)', 'statistics (s)',
        'writer total (s)', 'indicator rows/s', 'validating + stemming (s)', 'generating the plans (s)', 'other load (cores)',
        'peak RSS maxRSS (MB)'],
      [[int(rows), int(f.objectives ?? 0), int(f.targets ?? 0), fixed((f.saveMs ?? 0) / 1000, 2),
        fixed((f.indexMs ?? 0) / 1000, 2), fixed((f.statisticsMs ?? 0) / 1000, 2), fixed(seconds, 2), int(rows / seconds),
        fixed((f.prepareMs ?? 0) / 1000, 2), fixed((f.generateMs ?? 0) / 1000, 2), otherLoad(r), int(r.maxRssMb)]],
    ),
  ];
}

function querySection(r: PhaseResult): string[] {
  return [
    '## Analyst queries',
    '',
    `On the ${int(r.figures.plans ?? 0)} synthetic plans of the insert (real comuni, words of the Programmi of D.Lgs. 118/2011).`,
    `\`objectives\` and \`indicators\` with 1–3 filters drawn from ente (whole name or first word), year, Missione, text`,
    `(1–2 words), and for indicators deadline-before and target kind, each asking for the first ${QUERY_PAGE_ROWS} rows`,
    '(`--limit`); `search` with 1–2 words and its default limit. Timed on one open connection, as the store\'s',
    `functions the commands call; the same seeded mix on every run. Other load meanwhile: ${otherLoad(r)} cores.`,
    '',
    ...table(
      ['query', 'runs', 'p50 (ms)', 'p95 (ms)', 'max (ms)', 'median rows', 'slowest'],
      QUERY_FAMILIES.map((family) => {
        const l = r.latency?.[family];
        return l
          ? [family, int(l.count), fixed(l.p50, 2), fixed(l.p95, 2), fixed(l.max, 2), int(l.rows), `\`${l.slowest}\``]
          : [family, '–', '–', '–', '–', '–', '–'];
      }),
    ),
    ...slowQuerySection(r.slowQueries ?? []),
  ];
}

function slowQuerySection(slow: SlowQuery[]): string[] {
  if (slow.length === 0) return [];
  const out = ['', '### The slowest queries and how SQLite ran them', ''];
  for (const q of slow) {
    out.push(`\`${q.query}\` — ${fixed(q.ms, 1)} ms, ${int(q.rows)} rows:`, '', '```', ...q.plan, '```', '');
  }
  return out;
}

function targetSection(targets: TargetCheck[]): string[] {
  return [
    '## Targets (issue 7)',
    '',
    ...table(['target', 'this run', 'met'], targets.map((t) => [t.target, t.figure, t.met ? 'yes' : '**no**'])),
  ];
}

/** The profile in one sentence: the library's share, perfplan's own, the collector's. */
function reading(s: ProfileSummary): string {
  const share = (test: (area: string) => boolean): number =>
    s.areas.filter((a) => test(a.area)).reduce((n, a) => n + a.share, 0);
  const own = s.areas.filter((a) => a.area.startsWith('src/'));
  const pdfjs = share((a) => a === 'pdfjs-dist');
  const parts = [
    ...(pdfjs > 0 ? [`pdfjs-dist ${pct(pdfjs)}`] : []),
    `perfplan's own code ${pct(share((a) => a.startsWith('src/')))}` +
      (own.length ? ` (most in ${own.slice(0, 3).map((a) => `${a.area} ${pct(a.share)}`).join(', ')})` : ''),
    `garbage collection ${pct(share((a) => a === '(garbage collector)'))}`,
  ];
  return `${parts.join('; ')}.`;
}

function profileSection(profiles: ProfileReport[]): string[] {
  if (profiles.length === 0) return [];
  const out = [
    '## Profiles of the missed targets',
    '',
    'Self time per function and per area of the code. Time inside a native call (a SQLite statement, zlib) counts as',
    'self time of the JavaScript function that made it: `(anonymous) dist/store/save.js:…` rows are mostly SQLite.',
    '',
  ];
  for (const p of profiles) {
    out.push(`### ${p.target}`, '', `Profiled: ${p.run} (\`node --cpu-prof\`, self time).`, '');
    for (const s of p.summaries) {
      out.push(`${s.threads}, ${fixed(s.totalMs / 1000, 2)} s sampled: ${reading(s)} By area:`, '');
      out.push(...table(['area', 'self (ms)', 'share'], s.areas.slice(0, 10).map((a) => [a.area, int(a.ms), pct(a.share)])));
      out.push('', 'Top functions:', '');
      out.push(...table(['function', 'where', 'self (ms)', 'share'], s.functions.map((f) => [
        `\`${f.name}\``, f.where ? `\`${f.where}\`` : '', int(f.ms), pct(f.share),
      ])));
      out.push('');
    }
  }
  return out;
}

/** A note for each phase that shared the machine with enough other work to slow it. */
function contention(r: BenchReport): string[] {
  const phases: [string, PhaseResult][] = [
    ...r.throughput.map((t): [string, PhaseResult] => [t.label, t.result]),
    ['insert', r.insert],
    ['queries', r.queries],
  ];
  return phases
    .filter(([, p]) => (p.otherLoad ?? 0) > NOTABLE_OTHER_LOAD)
    .map(([label, p]) => `- ${label}: other work kept ${fixed(p.otherLoad ?? 0, 2)} of the ${r.machine.cores} cores busy meanwhile; its figures are slowed by it.`);
}

export function renderReport(r: BenchReport, extraNotes: string[]): string {
  const m = r.machine;
  const notes = [...contention(r), ...extraNotes];
  return [
    `# perfplan benchmark${r.size.name === 'quick' ? ' (quick smoke run: small corpus, not the committed figures)' : ''}`,
    '',
    `Written by \`${r.command}\` on ${m.date}. Every figure below comes from this one run.`,
    '',
    ...table(['machine', ''], [
      ['CPU', `${m.cpu} × ${m.cores}`],
      ['memory', `${fixed(m.memoryGb)} GB`],
      ['OS', m.os],
      ['Node', m.node],
      ['V8 flags of the import and insert phases', m.v8Flags.length ? m.v8Flags.map((f) => `\`${f}\``).join(' ') : "none (V8's defaults)"],
      ['V8 flags of the floor, extract and query phases', "none (V8's defaults), as `perfplan extract` and the queries run"],
    ]),
    '',
    ...targetSection(r.targets),
    '',
    ...corpusSection(r.corpus),
    '',
    ...throughputSection(r.throughput, r.jobs),
    '',
    ...longSheetSection(r.longSheet),
    '',
    ...importMemorySection(r.importRuns),
    '',
    ...insertSection(r.insert),
    '',
    ...querySection(r.queries),
    '',
    ...profileSection(r.profiles),
    ...(notes.length ? ['## Notes', '', ...notes, ''] : []),
    '## Reproduce',
    '',
    '```sh',
    r.command,
    '```',
    '',
  ].join('\n');
}
