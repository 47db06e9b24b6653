/**
 * `perfplan import FILES…`: brings plans into the database — files, folders,
 * globs or manifests — with a progress bar, a summary, and an exit code that tells
 * a script whether any file failed. The options shared with `perfplan run` (limits,
 * concurrency, force) are declared here once.
 */
import type { Command } from 'commander';
import { formatSummary } from '../../pipeline/summary.js';
import { IMPORT_SETTINGS, importFiles, type ImportSummary } from '../../pipeline/import.js';
import { openStore } from '../../store/index.js';
import { relaunchedWithV8Flags } from '../v8-relaunch.js';
import { dbOption, type DbOptions, guarded, positiveNumber, wholeNumber } from './shared.js';

export interface ImportFlags {
  force?: boolean;
  jobs?: number;
  timeout: number;
  maxMemory: number;
  extractor?: string;
}

/** The options `import` and `run` share. */
export function addImportOptions(cmd: Command): Command {
  return cmd
    .option('--force', 're-import files already in the database, replacing their plans')
    .option('--jobs <n>', 'documents parsed at once (default: one per CPU core)', wholeNumber)
    .option('--timeout <seconds>', 'time limit per document', positiveNumber, IMPORT_SETTINGS.timeoutSeconds)
    .option('--max-memory <mb>', 'heap limit per parsing worker, in MB', positiveNumber, IMPORT_SETTINGS.maxMemoryMb)
    .option('--extractor <module>', 'a module exporting extract(file, options) to use instead of the built-in one');
}

/** Imports `inputs` into the database at `dbPath`, prints the summary, and flags failures in the exit code. */
export async function runImport(inputs: string[], dbPath: string, flags: ImportFlags): Promise<ImportSummary> {
  const db = openStore(dbPath);
  try {
    const summary = await importFiles(inputs, {
      db,
      force: flags.force,
      jobs: flags.jobs,
      timeoutSeconds: flags.timeout,
      maxMemoryMb: flags.maxMemory,
      extractorModule: flags.extractor,
    });
    process.stdout.write(formatSummary(summary));
    if (summary.failed > 0) process.exitCode = 1;
    return summary;
  } finally {
    db.close();
  }
}

export function register(program: Command): void {
  const cmd = program
    .command('import')
    .description('import plans (files, folders, globs or pipeline manifests) into the database')
    .argument('<inputs...>', 'files, folders, globs ("plans/**/*.pdf") or manifests (pipelines/*.json)')
    .addOption(dbOption());
  addImportOptions(cmd)
    .addHelpText('after', `
Files already imported (same sha256) are skipped unless --force. Each file is
parsed in a worker thread with the time and memory limits above; a file that
fails is reported with its reason and the exit code is 1, the others still import.

Examples:
  perfplan import plans/
  perfplan import "downloads/**/*.{pdf,docx,xlsx}" --jobs 4 --timeout 120
  perfplan import pipelines/samples.json --db output/test.sqlite`)
    .action(guarded('import', async (inputs: string[], opts: DbOptions & ImportFlags) => {
      if (await relaunchedWithV8Flags()) return;
      await runImport(inputs, opts.db, opts);
    }));
}
