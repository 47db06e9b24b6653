/**
 * `perfplan score EXTRACTED.json --gold GOLD.json`: how well an extraction reads
 * its plans, against a hand-made gold export. A file that is not JSON or not the
 * export contract is named in the error, since a score against a broken file
 * would be silently wrong.
 */
import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { z } from 'zod';
import { PlanExport } from '../../model/plan.js';
import { formatReport, scoreExport } from '../../score/index.js';

async function readExport(file: string): Promise<PlanExport> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    throw new Error(`cannot read ${file}: ${e instanceof Error ? e.message : String(e)}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new Error(`${file} is not valid JSON: ${e instanceof Error ? e.message : String(e)}`);
  }
  const parsed = PlanExport.safeParse(json);
  if (!parsed.success) throw new Error(`${file} is not a perfplan/v1 export:\n${z.prettifyError(parsed.error)}`);
  return parsed.data;
}

export function register(program: Command): void {
  program
    .command('score')
    .description('compare an extracted export with a gold export: precision, recall, F1 and field accuracy')
    .argument('<extracted>', 'export JSON written by perfplan (extract or export)')
    .requiredOption('--gold <file>', 'the gold export JSON to compare with')
    .option('--json', 'print the report object as JSON instead of a table')
    .addHelpText('after', '\nExample:\n  perfplan score out.json --gold fixtures/corpus/002-allegato-h/gold.json')
    .action(async (extractedFile: string, opts: { gold: string; json?: boolean }) => {
      let extracted: PlanExport;
      let gold: PlanExport;
      try {
        [extracted, gold] = await Promise.all([readExport(extractedFile), readExport(opts.gold)]);
      } catch (e) {
        process.stderr.write(`perfplan score: ${e instanceof Error ? e.message : String(e)}\n`);
        process.exitCode = 1;
        return;
      }
      const report = scoreExport(extracted, gold);
      process.stdout.write(opts.json ? `${JSON.stringify(report, null, 2)}\n` : formatReport(report));
    });
}
