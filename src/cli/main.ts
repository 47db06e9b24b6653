#!/usr/bin/env node
/**
 * The `perfplan` command line: thin commands over the library (extract, import,
 * query, export, score). Each command lives in its own module under commands/ and
 * registers itself here.
 */
import { Command } from 'commander';
import { register as exportCmd } from './commands/export.js';
import { register as extractCmd } from './commands/extract.js';
import { register as importCmd } from './commands/import.js';
import { register as indicatorsCmd } from './commands/indicators.js';
import { register as objectivesCmd } from './commands/objectives.js';
import { register as plansCmd } from './commands/plans.js';
import { register as runCmd } from './commands/run.js';
import { register as scoreCmd } from './commands/score.js';
import { register as searchCmd } from './commands/search.js';
import { register as showCmd } from './commands/show.js';
import { register as sqlCmd } from './commands/sql.js';

const program = new Command()
  .name('perfplan')
  .description('Extract objectives and indicators from Italian performance plans (PDF, DOCX, XLSX) into SQLite')
  .version('0.1.0')
  .showHelpAfterError();

const commands = [runCmd, importCmd, extractCmd, plansCmd, showCmd, objectivesCmd, indicatorsCmd, searchCmd, sqlCmd, exportCmd, scoreCmd];
for (const register of commands) register(program);

await program.parseAsync(process.argv);
