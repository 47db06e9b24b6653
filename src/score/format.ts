/**
 * The score as a person reads it at a terminal: one table of precision, recall
 * and F1, then every field's accuracy with its correct ⁄ compared counts, so a
 * 100% over three pairs is not mistaken for 100% over three hundred.
 */
import type { Detection, PlanScore, Rate, ScoreReport, Scores } from './report.js';

const pct = (x: number | null): string => (x === null ? '–' : `${(x * 100).toFixed(1)}%`);

function table(rows: string[][]): string[] {
  const widths = (rows[0] ?? []).map((_, c) => Math.max(...rows.map((r) => (r[c] ?? '').length)));
  return rows.map((r) => r.map((cell, c) => (c === 0 ? cell.padEnd(widths[c] ?? 0) : cell.padStart(widths[c] ?? 0))).join('  ').trimEnd());
}

function detectionRows(s: Scores): string[][] {
  const row = (name: string, d: Detection) => [name, String(d.gold), String(d.extracted), String(d.matched), pct(d.precision), pct(d.recall), pct(d.f1)];
  return [
    ['', 'gold', 'extracted', 'matched', 'precision', 'recall', 'F1'],
    row('objectives', s.objectives),
    row('indicators', s.indicators),
    row('attached indicators', s.attachedIndicators),
  ];
}

function rateRows(title: string, rates: Record<string, Rate>): string[][] {
  return [
    [title, 'correct/compared', 'accuracy'],
    ...Object.entries(rates).map(([name, r]) => [`  ${name}`, `${r.correct}/${r.compared}`, pct(r.accuracy)]),
  ];
}

function planLine(p: PlanScore): string {
  const name = p.gold?.file ?? p.extracted?.file ?? '?';
  const how = p.pairedBy ? `paired by ${p.pairedBy}` : p.gold ? 'no extracted plan' : 'no gold plan';
  return `  ${name} (${how}): objectives F1 ${pct(p.objectives.f1)}, indicators F1 ${pct(p.indicators.f1)}, attached F1 ${pct(p.attachedIndicators.f1)}`;
}

export function formatReport(report: ScoreReport): string {
  const t = report.total;
  const lines = [
    `Plans: ${report.plans.length}`,
    ...report.plans.map(planLine),
    '',
    ...table(detectionRows(t)),
    '',
    ...table([...rateRows('objective fields', t.objectiveFields), ...rateRows('indicator fields', t.indicatorFields), ...rateRows('targets', t.targets)]),
  ];
  return `${lines.join('\n')}\n`;
}
