/**
 * `perfplan run PIPELINE`: the batch an analyst keeps in a file — a manifest naming
 * the plans, their ente and year, and the database — imported in one go, then a
 * glance at the result (the plans held and the next deadlines) so the run shows
 * what it produced.
 */
import type { Command } from 'commander';
import { loadManifest } from '../../pipeline/manifest.js';
import { indicators, listPlans, openStore, STORE_SETTINGS } from '../../store/index.js';
import { addImportOptions, type ImportFlags, runImport } from './import.js';
import { renderTable } from './output.js';
import { guarded } from './shared.js';
import { relaunchedWithV8Flags } from '../v8-relaunch.js';

export const RUN_SETTINGS = {
  /** deadline rows shown after a run: enough to see the data, short enough to read */
  exampleRows: 10,
} as const;

function examples(dbPath: string): string {
  const db = openStore(dbPath);
  try {
    const plans = renderTable(listPlans(db), ['id', 'ente', 'istat', 'years', 'layout', 'objectives', 'indicators', 'file']);
    const deadlines = indicators(db, { kind: 'deadline', limit: RUN_SETTINGS.exampleRows });
    return [
      '',
      '$ perfplan plans',
      plans,
      `$ perfplan indicators --kind deadline --limit ${RUN_SETTINGS.exampleRows}`,
      renderTable(deadlines, ['ente', 'indicator', 'targets', 'deadline']),
    ].join('\n');
  } finally {
    db.close();
  }
}

export function register(program: Command): void {
  const cmd = program
    .command('run')
    .description('import the files a pipeline manifest lists, then show what the database holds')
    .argument('<pipeline>', 'manifest, e.g. pipelines/samples.json')
    .option('--db <path>', `SQLite database (default: the manifest's "db", else ${STORE_SETTINGS.defaultPath})`)
    .option('--no-examples', 'print only the import summary');
  addImportOptions(cmd)
    .addHelpText('after', `
Manifest: { "name": "...", "db": "output/perfplan.sqlite", "concurrency": 2,
            "files": [ "fixtures/corpus/*/*.pdf",
                       { "path": "plans/avella.pdf", "ente": { "name": "Comune di Avella", "istat": "064007" },
                         "year": 2023, "kind": "piano_performance" } ] }
Paths are relative to the folder above the manifest's (the project root).

Examples:
  perfplan run pipelines/samples.json
  perfplan run pipelines/lombardia.json --db output/lombardia.sqlite --jobs 2`)
    .action(guarded('run', async (pipeline: string, opts: { db?: string; examples: boolean } & ImportFlags) => {
      if (await relaunchedWithV8Flags()) return;
      const manifest = loadManifest(pipeline);
      const dbPath = opts.db ?? manifest.db ?? STORE_SETTINGS.defaultPath;
      await runImport([pipeline], dbPath, { ...opts, jobs: opts.jobs ?? manifest.concurrency ?? undefined });
      if (opts.examples) process.stdout.write(examples(dbPath));
    }));
}
