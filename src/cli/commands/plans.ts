/**
 * `perfplan plans`: which plans the database holds — ente, ISTAT code, years,
 * layout and how many objectives and indicators each gave — to see what an import
 * brought in and to pick plan ids for `perfplan show`.
 */
import type { Command } from 'commander';
import { listPlans } from '../../store/index.js';
import { registerFilteredQuery } from './shared.js';

export function register(program: Command): void {
  registerFilteredQuery(program, {
    name: 'plans',
    description: 'list the imported plans',
    scope: 'plans',
    tableColumns: ['id', 'ente', 'istat', 'years', 'layout', 'objectives', 'indicators', 'file'],
    examples: [
      'plans',
      'plans --ente "alzano" --format json',
      'plans --year 2024 --layout allegato_h --format csv > plans.csv',
    ],
    query: listPlans,
  });
}
