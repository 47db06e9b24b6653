/**
 * At the end of a batch the analyst needs three answers at a glance: what came in,
 * what was already there, and what failed and why — with every failure named, since
 * a failed file is one they must look at.
 */
import type { ImportSummary } from './import.js';
import { displayPath } from './progress.js';

export function formatSummary(s: ImportSummary): string {
  const lines = [
    `Import run ${s.runId}: ${s.files.length} file(s) in ${(s.ms / 1000).toFixed(1)} s`,
    `  imported ${s.imported} (${s.objectives} objectives, ${s.indicators} indicators added)`,
    `  skipped  ${s.skipped}${s.skipped > 0 ? ' (already in the database)' : ''}`,
    `  failed   ${s.failed}`,
  ];
  for (const f of s.files) if (f.status === 'failed') lines.push(`    ${displayPath(f.path)}: ${f.reason}`);
  for (const note of s.notes) lines.push(`  note: ${note}`);
  return `${lines.join('\n')}\n`;
}
