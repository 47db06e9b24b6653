/**
 * `perfplan sql "SELECT …"`: any question the other commands do not ask, in SQL,
 * over the tables and the v_indicators / v_objectives views, on a read-only
 * connection so nothing typed here can change the data.
 */
import type { Command } from 'commander';
import { runReadOnlySql } from '../../store/index.js';
import { render } from './output.js';
import { dbOption, type DbOptions, formatOption, type FormatOptions, guarded } from './shared.js';

export function register(program: Command): void {
  program
    .command('sql')
    .description('run a read-only SQL query (tables: plans, objectives, indicators, targets; views: v_indicators, v_objectives)')
    .argument('<query>', 'one SELECT statement')
    .addOption(dbOption())
    .addOption(formatOption())
    .addHelpText('after', `
Examples:
  perfplan sql "SELECT ente, count(*) AS n FROM v_indicators GROUP BY ente ORDER BY n DESC"
  perfplan sql "SELECT missione_code, missione_name, count(*) FROM v_objectives GROUP BY 1, 2" --format csv
  perfplan sql "SELECT * FROM import_files WHERE status = 'failed'" --format json
  perfplan sql "SELECT p.ente_name, count(*) FROM targets t JOIN indicators i ON i.key = t.indicator
                JOIN plans p ON p.pk = i.plan WHERE t.kind = 'deadline' GROUP BY 1"

The views use the contract's ids; the tables join on integer keys (objectives.plan and
indicators.plan = plans.pk, indicators.objective_key = objectives.key,
targets.indicator = indicators.key).`)
    .action(guarded('sql', (query: string, opts: DbOptions & FormatOptions) => {
      process.stdout.write(render(runReadOnlySql(opts.db, query), opts.format));
    }));
}
