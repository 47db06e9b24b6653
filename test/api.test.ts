/**
 * The two public faces of extraction: `perfplan extract FILE` prints the export
 * contract of a document with no database, and programs get the same plan from
 * `import { extract } from 'perfplan'` (the built package, as a user imports it).
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { PlanExport } from '../src/model/plan.js';

const FILE = 'fixtures/corpus/002-allegato-h/002-allegato-h.docx';
const built = existsSync('dist/cli/main.js');

describe.skipIf(!built)('perfplan extract and the library API (built package)', () => {
  it('prints the contract JSON of one document', () => {
    const out = execFileSync(process.execPath, ['dist/cli/main.js', 'extract', FILE], { encoding: 'utf8' });
    const exported = PlanExport.parse(JSON.parse(out));
    expect(exported.plans).toHaveLength(1);
    const plan = exported.plans[0]!;
    expect(plan.layout).toBe('allegato_h');
    expect(plan.objectives).toHaveLength(41);
    expect(plan.indicators).toHaveLength(88);
  });

  it('names the file and the reason, with a non-zero exit, for a file it cannot read', () => {
    let status = 0;
    let stderr = '';
    try {
      execFileSync(process.execPath, ['dist/cli/main.js', 'extract', 'README.md'], { encoding: 'utf8', stdio: 'pipe' });
    } catch (e) {
      const err = e as { status: number; stderr: string };
      status = err.status;
      stderr = err.stderr;
    }
    expect(status).not.toBe(0);
    expect(stderr).toMatch(/README\.md: /);
  });

  it("gives programs the same plan through import('perfplan')", () => {
    const script = `const { extract } = await import('perfplan'); const p = await extract(${JSON.stringify(FILE)}); console.log(JSON.stringify([p.objectives.length, p.indicators.length, p.layout]));`;
    const out = execFileSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' });
    expect(JSON.parse(out)).toEqual([41, 88, 'allegato_h']);
  });
});
