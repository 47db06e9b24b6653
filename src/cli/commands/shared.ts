/**
 * The query commands share their vocabulary: `--db`, `--format`, and the same
 * filters (ente, ISTAT code, year, Missione, settore, layout, words). Declaring and
 * parsing them once keeps `perfplan objectives --help` and `perfplan indicators
 * --help` saying the same thing, and reports errors the same way everywhere.
 */
import { existsSync } from 'node:fs';
import { type Command, InvalidArgumentError, Option } from 'commander';
import { LAYOUTS, TARGET_KINDS } from '../../model/plan.js';
import { type IndicatorFilters, openStore, type QueryResult, STORE_SETTINGS, type Store } from '../../store/index.js';
import { OUTPUT_FORMATS, type OutputFormat, render } from './output.js';

export interface DbOptions {
  db: string;
}
export interface FormatOptions {
  format: OutputFormat;
}
export interface FilterOptions {
  ente?: string;
  istat?: string;
  year?: number;
  missione?: number;
  settore?: string;
  layout?: string;
  text?: string;
  limit?: number;
  deadlineBefore?: string;
  kind?: string;
}

export function wholeNumber(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new InvalidArgumentError('expected a whole number');
  return n;
}

export function positiveNumber(value: string): number {
  const n = Number(value);
  if (!(n > 0)) throw new InvalidArgumentError('expected a positive number');
  return n;
}

export const dbOption = (): Option =>
  new Option('--db <path>', 'SQLite database').default(STORE_SETTINGS.defaultPath);

export const formatOption = (): Option =>
  new Option('--format <format>', 'output format').choices(OUTPUT_FORMATS).default('table');

/** Plan filters, plus objective filters when `scope` asks, plus indicator filters. */
export function addFilters(cmd: Command, scope: 'plans' | 'objectives' | 'indicators'): Command {
  cmd
    .option('--ente <text>', 'part of the ente name, accents and case ignored')
    .option('--istat <code>', 'ISTAT code of the comune (6 digits)')
    .option('--year <year>', 'a year of the plan', wholeNumber)
    .addOption(new Option('--layout <layout>', 'document layout').choices(LAYOUTS));
  if (scope === 'plans') return cmd;
  cmd
    .option('--missione <code>', 'Missione code (D.Lgs. 118/2011), e.g. 3', wholeNumber)
    .option('--settore <text>', 'part of the settore name')
    .option('--text <words>', 'words in the text, accents and inflection ignored')
    .option('--limit <n>', 'at most this many rows', wholeNumber);
  if (scope === 'objectives') return cmd;
  return cmd
    .option('--deadline-before <YYYY-MM-DD>', 'with a deadline target on or before this date')
    .addOption(new Option('--kind <kind>', 'with a target of this kind').choices(TARGET_KINDS));
}

export function toFilters(o: FilterOptions): IndicatorFilters {
  const entries = Object.entries({
    ente: o.ente, istat: o.istat, year: o.year, layout: o.layout, missione: o.missione, settore: o.settore,
    text: o.text, limit: o.limit, deadlineBefore: o.deadlineBefore, kind: o.kind,
  }).filter(([, v]) => v !== undefined);
  return Object.fromEntries(entries) as IndicatorFilters;
}

/** The database a query command reads; a missing file is an error, not a new empty database. */
export function openExisting(path: string): Store {
  if (!existsSync(path)) throw new Error(`no database at ${path}: import plans first (perfplan import FILES --db ${path})`);
  return openStore(path);
}

/**
 * Wraps a command's action so that an error prints as "perfplan NAME: message" and
 * sets a failing exit code, like every perfplan command, instead of a stack trace.
 */
export function guarded<A extends unknown[]>(name: string, action: (...args: A) => Promise<void> | void) {
  return async (...args: A): Promise<void> => {
    try {
      await action(...args);
    } catch (err) {
      process.stderr.write(`perfplan ${name}: ${err instanceof Error ? err.message : String(err)}\n`);
      process.exitCode = 1;
    }
  };
}

/** Runs `fn` on the database at `path` and closes it whatever happens. */
export function withDb<T>(path: string, fn: (db: Store) => T): T {
  const db = openExisting(path);
  try {
    return fn(db);
  } finally {
    db.close();
  }
}

export interface FilteredQuery {
  name: string;
  description: string;
  scope: 'plans' | 'objectives' | 'indicators';
  /** the columns a table shows; csv and json carry them all */
  tableColumns: readonly string[];
  /** example command lines for --help, without the leading "perfplan " */
  examples: readonly string[];
  query(db: Store, filters: IndicatorFilters): QueryResult;
}

/** A command that runs one filtered query and prints it as table, csv or json. */
export function registerFilteredQuery(program: Command, spec: FilteredQuery): void {
  const cmd = program.command(spec.name).description(spec.description).addOption(dbOption()).addOption(formatOption());
  addFilters(cmd, spec.scope)
    .addHelpText('after', `\nExamples:\n${spec.examples.map((e) => `  perfplan ${e}`).join('\n')}`)
    .action(guarded(spec.name, (opts: DbOptions & FormatOptions & FilterOptions) => {
      const result = withDb(opts.db, (db) => spec.query(db, toFilters(opts)));
      process.stdout.write(render(result, opts.format, spec.tableColumns));
    }));
}
