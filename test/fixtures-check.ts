/**
 * The tests the synthetic and the held-out fixtures share (`fixtures-synthetic.test.ts`,
 * `fixtures-heldout.test.ts`): both kinds are rendered by the same tooling, so each
 * committed fixture is checked the same way, through its kind's `GoldRules`: its
 * `gold.json` follows the contract, describes the files beside it, is still what its
 * hand-written source says, and quotes only texts the document prints. Reads committed
 * files only, so LibreOffice is not needed.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { PlanExport } from '../src/model/plan.js';
import { readPdfText } from '../fixtures/build/pdf/read.js';
import type { GoldRules } from '../fixtures/build/synthetic/gold.js';

const CORPUS = fileURLToPath(new URL('../fixtures/corpus/', import.meta.url));

/** What the shared tests read of a hand-written source. */
interface CheckedSource {
  id: string;
  notAPlan: string | null;
  document: { format: 'docx' | 'xlsx' };
  objectives: { title: string }[];
}

/** A typo in a docx source's first objective title must be caught in the document and in its PDF. */
export function checkTyposNoticed<S extends CheckedSource>(sources: S[], gold: GoldRules<S>): void {
  it('notices gold text that the document or its PDF does not print', () => {
    const src = structuredClone(sources.find((s) => s.document.format === 'docx' && s.objectives.length > 0)!);
    const typo = (src.objectives[0]!.title += ' (refuso)');
    expect(gold.problems(src)).toEqual([`${src.id}: the document does not print "${typo}"`]);
    expect(gold.pdfProblems(src, [])).toContain(`${src.id}: the PDF does not show "${typo}"`);
  });
}

export interface FixtureChecks<S> {
  /** the describe title, with `%s` for the fixture id */
  title: string;
  sources: S[];
  gold: GoldRules<S>;
  /** registers a kind's own tests for one fixture, after the content checks */
  more?: (src: S, gold: () => PlanExport) => void;
  /** objectives may have parents: the last test then checks that each parent exists and is shallower */
  nested?: boolean;
}

/** Registers, for each source, a describe block checking its committed fixture in `fixtures/corpus/<id>/`. */
export function checkCommittedFixtures<S extends CheckedSource>(checks: FixtureChecks<S>): void {
  const { gold: rules, nested = false } = checks;
  describe.each(checks.sources.map((s) => [s.id, s] as const))(checks.title, (id, src) => {
    const dir = join(CORPUS, id);
    const gold = (): PlanExport => PlanExport.parse(JSON.parse(readFileSync(join(dir, 'gold.json'), 'utf8')));

    it('has a gold.json in the contract, one plan per rendered file', () => {
      const formats = gold().plans.map((p) => p.source.format);
      expect(formats).toEqual(src.document.format === 'docx' ? ['docx', 'pdf'] : ['xlsx']);
    });

    it('names files that exist, with their sha256 and plan id', () => {
      for (const plan of gold().plans) {
        const file = join(dir, plan.source.file);
        expect(existsSync(file), file).toBe(true);
        const sha = createHash('sha256').update(readFileSync(file)).digest('hex');
        expect(plan.source.sha256).toBe(sha);
        expect(plan.id).toBe(sha.slice(0, 16));
      }
    });

    it('is still what the hand-written source says', () => {
      for (const { id: _id, source: _source, warnings, ...body } of gold().plans) {
        expect(body).toEqual(rules.body(src));
        expect(warnings).toEqual(rules.warnings(src));
      }
    });

    it('quotes only texts the document prints', async () => {
      expect(rules.problems(src)).toEqual([]);
      const pdf = gold().plans.find((p) => p.source.format === 'pdf');
      if (pdf === undefined) return;
      const text = await readPdfText(readFileSync(join(dir, pdf.source.file)));
      expect(rules.pdfProblems(src, text.lines.map((l) => l.text))).toEqual([]);
      expect(pdf.source.pages).toBe(text.pages);
    });

    checks.more?.(src, gold);

    it(src.notAPlan === null ? 'has objectives' : 'has zero objectives and says why', () => {
      for (const plan of gold().plans) {
        if (src.notAPlan === null) {
          expect(plan.objectives.length).toBeGreaterThan(0);
        } else {
          expect(plan.objectives).toEqual([]);
          expect(plan.indicators).toEqual([]);
          expect(plan.warnings).toEqual([src.notAPlan]);
        }
      }
    });

    const hangs = 'hangs every indicator on an existing objective';
    it(nested ? `${hangs} and every child on a shallower parent` : hangs, () => {
      const depth = { strategico: 0, operativo: 1, esecutivo: 2 } as const;
      for (const plan of gold().plans) {
        const byId = new Map(plan.objectives.map((o) => [o.id, o]));
        for (const ind of plan.indicators) expect(byId.has(ind.objective), ind.id).toBe(true);
        if (!nested) continue;
        for (const o of plan.objectives) {
          if (o.parent === null) continue;
          const parent = byId.get(o.parent);
          expect(parent, o.id).toBeDefined();
          expect(depth[o.level], o.id).toBeGreaterThan(depth[parent!.level]);
        }
      }
    });
  });
}
