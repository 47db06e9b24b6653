/**
 * `perfplan show PLAN`: one plan as a reader would skim it — its ente, years and
 * source, then the objectives as a tree with their indicators and targets — or,
 * with --format json, exactly as the export contract writes it.
 */
import type { Command } from 'commander';
import { cellText, loadPlan, type Row, showPlan } from '../../store/index.js';
import { render } from './output.js';
import { dbOption, type DbOptions, formatOption, type FormatOptions, guarded, withDb } from './shared.js';

const INDENT: Record<string, string> = { strategico: '', operativo: '  ', esecutivo: '    ' };

function tree(plan: Row, objectives: Row[], indicators: Row[]): string {
  const lines = [
    `Plan ${cellText(plan.id)}  ${cellText(plan.ente) || '(ente unknown)'}${plan.istat ? ` (ISTAT ${cellText(plan.istat)})` : ''}`,
    `  title:  ${cellText(plan.title) || '-'}`,
    `  years:  ${cellText(plan.years) || '-'}   layout: ${cellText(plan.layout)}   kind: ${cellText(plan.kind) || '-'}`,
    `  source: ${cellText(plan.file)} (${cellText(plan.format)}, ${plan.pages ?? '?'} pages) sha256 ${cellText(plan.sha256)}`,
    `  ${cellText(plan.objectives)} objectives, ${cellText(plan.indicators)} indicators`,
    '',
  ];
  for (const o of objectives) {
    // Single-level layouts have only esecutivo objectives: no need to indent them under nothing.
    const pad = o.parent_id === null ? '' : (INDENT[String(o.level)] ?? '');
    const code = o.code ? `${cellText(o.code)} ` : '';
    const context = [o.missione_code ? `Missione ${cellText(o.missione_code)}` : '', cellText(o.settore)].filter(Boolean);
    lines.push(`${pad}[${cellText(o.level)}] ${code}${cellText(o.title)}${context.length ? `  (${context.join(', ')})` : ''}`);
    for (const i of indicators.filter((i) => i.objective_id === o.objective_id)) {
      lines.push(`${pad}    • ${cellText(i.indicator)}${i.targets ? `  → ${cellText(i.targets)}` : ''}`);
    }
  }
  for (const w of (plan.warnings as string[] | undefined) ?? []) lines.push(`warning: ${w}`);
  return `${lines.join('\n')}\n`;
}

export function register(program: Command): void {
  program
    .command('show')
    .description('show one plan: its objectives as a tree, with indicators and targets')
    .argument('<plan>', 'plan id, or its first characters')
    .addOption(dbOption())
    .addOption(formatOption())
    .addHelpText('after', `
  --format json prints the plan as the export contract; csv prints its indicators.

Examples:
  perfplan show 9f2c
  perfplan show 9f2c41d07a1b22e0 --format json > plan.json`)
    .action(guarded('show', (id: string, opts: DbOptions & FormatOptions) => {
      const text = withDb(opts.db, (db) => {
        const detail = showPlan(db, id);
        if (!detail) throw new Error(`no plan with id ${id} (see perfplan plans)`);
        if (opts.format === 'json') return `${JSON.stringify(loadPlan(db, String(detail.plan.id)), null, 2)}\n`;
        if (opts.format === 'csv') return render(detail.indicators, 'csv');
        return tree(detail.plan, detail.objectives.rows, detail.indicators.rows);
      });
      process.stdout.write(text);
    }));
}
