/**
 * `perfplan extract FILE`: the contract JSON of one document, with no database, for
 * looking at what the extractor reads before importing anything.
 */
import type { Command } from 'commander';
import { extract } from '../../extract.js';
import { SCHEMA_ID } from '../../model/plan.js';

export function register(program: Command): void {
  program
    .command('extract')
    .description('print the plan JSON (export contract) of one or more documents, without a database')
    .argument('<files...>', 'PDF, DOCX or XLSX plans')
    .option('--year <year>', 'the plan year, when the document does not say', (v) => Number(v))
    .option('--compact', 'one line of JSON instead of indented')
    .addHelpText('after', '\nExamples:\n  perfplan extract fixtures/corpus/002-allegato-h/002-allegato-h.pdf\n  perfplan extract plan.docx --compact | jq ".plans[0].objectives | length"')
    .action(async (files: string[], opts: { year?: number; compact?: boolean }) => {
      const plans = [];
      for (const f of files) {
        try {
          plans.push(await extract(f, { hints: opts.year ? { year: opts.year } : {} }));
        } catch (e) {
          process.stderr.write(`perfplan extract: ${e instanceof Error ? e.message : String(e)}\n`);
          process.exitCode = 1;
        }
      }
      process.stdout.write(JSON.stringify({ schema: SCHEMA_ID, plans }, null, opts.compact ? undefined : 2) + '\n');
    });
}
