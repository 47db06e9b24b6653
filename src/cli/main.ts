#!/usr/bin/env node
/**
 * The `perfplan` command line: thin commands over the library (extract, import,
 * query, export, score). Each command lives in its own module under commands/ and
 * registers itself here.
 */
import { Command } from 'commander';
import { register as registerExtract } from './commands/extract.js';
import { register as registerScore } from './commands/score.js';

const program = new Command()
  .name('perfplan')
  .description('Extract objectives and indicators from Italian performance plans (PDF, DOCX, XLSX) into SQLite')
  .version('0.1.0')
  .showHelpAfterError();

for (const register of [registerExtract, registerScore]) register(program);

await program.parseAsync(process.argv);
