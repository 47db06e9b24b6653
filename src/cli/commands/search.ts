/**
 * `perfplan search TEXT`: objectives and indicators containing some words, across
 * every plan, whatever their accents and inflection ("scuola" finds "Scuole"), the
 * best matches first.
 */
import type { Command } from 'commander';
import { search } from '../../store/index.js';
import { render } from './output.js';
import { dbOption, type DbOptions, formatOption, type FormatOptions, guarded, wholeNumber, withDb } from './shared.js';

const TABLE_COLUMNS = ['kind', 'ente', 'plan_id', 'id', 'text', 'context'];

export const SEARCH_SETTINGS = {
  /** rows shown unless --limit says otherwise: a screenful of the best matches */
  defaultLimit: 50,
} as const;

export function register(program: Command): void {
  program
    .command('search')
    .description('full-text search over objectives and indicators (accents and plurals ignored)')
    .argument('<text...>', 'words to find, all of them')
    .addOption(dbOption())
    .addOption(formatOption())
    .option('--limit <n>', 'at most this many results', wholeNumber, SEARCH_SETTINGS.defaultLimit)
    .addHelpText('after', `
Examples:
  perfplan search videosorveglianza
  perfplan search scuola mensa --format json
  perfplan search "attivita produttive" --limit 10`)
    .action(guarded('search', (words: string[], opts: DbOptions & FormatOptions & { limit: number }) => {
      const result = withDb(opts.db, (db) => search(db, words.join(' '), { limit: opts.limit }));
      process.stdout.write(render(result, opts.format, TABLE_COLUMNS));
    }));
}
