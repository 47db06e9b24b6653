/**
 * Runs perfplan commands in-process for the CLI tests: a fresh commander program
 * with this helper's commands registered, stdout and stderr captured, and the exit
 * code read (and reset) after each call.
 */
import { Command } from 'commander';
import { vi } from 'vitest';
import { register as registerExport } from '../src/cli/commands/export.js';
import { register as registerImport } from '../src/cli/commands/import.js';
import { register as registerIndicators } from '../src/cli/commands/indicators.js';
import { register as registerObjectives } from '../src/cli/commands/objectives.js';
import { register as registerPlans } from '../src/cli/commands/plans.js';
import { register as registerRun } from '../src/cli/commands/run.js';
import { register as registerSearch } from '../src/cli/commands/search.js';
import { register as registerShow } from '../src/cli/commands/show.js';
import { register as registerSql } from '../src/cli/commands/sql.js';

export interface CliResult {
  stdout: string;
  stderr: string;
  exitCode: number;
}

export async function perfplan(...args: string[]): Promise<CliResult> {
  const program = new Command().name('perfplan').exitOverride();
  for (const register of [
    registerImport, registerRun, registerPlans, registerShow, registerObjectives, registerIndicators,
    registerSearch, registerSql, registerExport,
  ]) register(program);
  let stdout = '';
  let stderr = '';
  const out = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => ((stdout += String(chunk)), true));
  const err = vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => ((stderr += String(chunk)), true));
  try {
    await program.parseAsync(args, { from: 'user' });
  } finally {
    out.mockRestore();
    err.mockRestore();
  }
  const exitCode = Number(process.exitCode ?? 0);
  process.exitCode = 0;
  return { stdout, stderr, exitCode };
}

/** RFC 4180 rows (enough for the tests: quoted fields with commas, quotes and line breaks). */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') (field += '"'), i++;
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') row.push(field), (field = '');
    else if (c === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      (row = []), (field = ''), i++;
    } else field += c;
  }
  return rows;
}
