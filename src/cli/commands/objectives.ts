/**
 * `perfplan objectives`: objectives across every imported plan, filtered by ente,
 * year, Missione, settore, layout or words, with the context each inherits — the
 * comparison across comuni that one plan alone cannot give.
 */
import type { Command } from 'commander';
import { objectives } from '../../store/index.js';
import { registerFilteredQuery } from './shared.js';

export function register(program: Command): void {
  registerFilteredQuery(program, {
    name: 'objectives',
    description: 'list objectives of the imported plans, with filters',
    scope: 'objectives',
    tableColumns: ['ente', 'plan_id', 'objective_id', 'level', 'code', 'title', 'missione_code', 'settore', 'indicators'],
    examples: [
      'objectives --missione 3 --year 2023',
      'objectives --text "videosorveglianza" --ente "alzano"',
      'objectives --settore finanziario --format csv > finanziario.csv',
    ],
    query: objectives,
  });
}
