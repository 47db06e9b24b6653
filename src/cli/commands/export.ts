/**
 * `perfplan export`: the database's plans for other tools — JSON as the public
 * contract (perfplan/v1), CSV with one row per indicator, XLSX with one sheet per
 * table — optionally only the plans matching the usual filters.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { type Command, Option } from 'commander';
import { exportCsv, exportJson, exportXlsx } from '../../store/index.js';
import { addFilters, dbOption, type DbOptions, type FilterOptions, guarded, toFilters, withDb } from './shared.js';

const EXPORT_FORMATS = ['json', 'csv', 'xlsx'] as const;
type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** A workbook is binary: it goes to a file, here unless --out says where. */
const DEFAULT_XLSX_PATH = 'output/perfplan.xlsx';

export function register(program: Command): void {
  const cmd = program
    .command('export')
    .description('export plans as contract JSON, CSV (one row per indicator) or XLSX (one sheet per table)')
    .addOption(dbOption())
    .addOption(new Option('--format <format>', 'export format').choices(EXPORT_FORMATS).default('json'))
    .option('--out <file>', `write to this file instead of standard output (xlsx: default ${DEFAULT_XLSX_PATH})`);
  addFilters(cmd, 'plans')
    .addHelpText('after', `
Examples:
  perfplan export > plans.json
  perfplan export --format csv --ente alzano --out alzano-indicators.csv
  perfplan export --format xlsx --out perfplan.xlsx`)
    .action(guarded('export', (opts: DbOptions & FilterOptions & { format: ExportFormat; out?: string }) => {
      const filters = toFilters(opts);
      const data = withDb(opts.db, (db): string | Buffer => {
        if (opts.format === 'xlsx') return exportXlsx(db, filters);
        if (opts.format === 'csv') return exportCsv(db, filters);
        return `${JSON.stringify(exportJson(db, filters), null, 2)}\n`;
      });
      const out = opts.out ?? (opts.format === 'xlsx' ? DEFAULT_XLSX_PATH : undefined);
      if (out === undefined) {
        process.stdout.write(data);
        return;
      }
      mkdirSync(dirname(out), { recursive: true });
      writeFileSync(out, data);
      process.stderr.write(`perfplan export: wrote ${out}\n`);
    }));
}
