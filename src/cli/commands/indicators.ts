/**
 * `perfplan indicators`: one row per indicator with its objective chain, ente,
 * Missione, settore and targets, filtered like `objectives` and also by deadline
 * and target kind — "which indicators are due by June, in which comuni".
 */
import type { Command } from 'commander';
import { indicators } from '../../store/index.js';
import { registerFilteredQuery } from './shared.js';

export function register(program: Command): void {
  registerFilteredQuery(program, {
    name: 'indicators',
    description: 'list indicators with their objective chain and targets, with filters',
    scope: 'indicators',
    tableColumns: ['ente', 'plan_id', 'indicator_id', 'esecutivo', 'indicator', 'targets', 'deadline', 'missione_code', 'settore'],
    examples: [
      'indicators --deadline-before 2024-06-30',
      'indicators --kind percent --missione 1 --format json',
      'indicators --istat 016008 --text "entrate tributarie" --format csv > entrate.csv',
    ],
    query: indicators,
  });
}
