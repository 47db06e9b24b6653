/**
 * The held-out fixtures (`fixtures/sources/heldout/`, built by
 * `fixtures/build/synthetic/heldout.ts`): every committed `gold.json` follows the
 * contract, describes the files beside it, is still what its hand-written source
 * says, and quotes only texts the document prints. Reads committed files only, so
 * LibreOffice is not needed.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { PlanExport } from '../src/model/plan.js';
import { readPdfText } from '../fixtures/build/pdf/read.js';
import {
  heldoutGoldBody,
  heldoutPdfProblems,
  heldoutProblems,
  heldoutWarnings,
  loadHeldoutSources,
} from '../fixtures/build/synthetic/heldout.js';

const CORPUS = fileURLToPath(new URL('../fixtures/corpus/', import.meta.url));
const sources = loadHeldoutSources();

const REQUIRED = ['h01-strategico-operativo', 'h02-schede-box', 'h03-peg-multisheet', 'h04-regolamento-smvp'];

it('has a source for every held-out shape', () => {
  expect(sources.map((s) => s.id)).toEqual(expect.arrayContaining(REQUIRED));
});

it('notices gold text that the document or its PDF does not print', () => {
  const src = structuredClone(sources.find((s) => s.document.format === 'docx' && s.objectives.length > 0)!);
  const typo = (src.objectives[0]!.title += ' (refuso)');
  expect(heldoutProblems(src)).toEqual([`${src.id}: the document does not print "${typo}"`]);
  expect(heldoutPdfProblems(src, [])).toContain(`${src.id}: the PDF does not show "${typo}"`);
});

it('notices a workbook context that the sheet does not print above the objective', () => {
  const src = structuredClone(sources.find((s) => s.document.format === 'xlsx')!);
  const o = src.objectives[0]!;
  o.context.area = 'Settore Inesistente';
  expect(heldoutProblems(src)).toEqual([
    `${src.id}: sheet ${o.source.sheet} down to row ${o.source.row} does not print "Settore Inesistente"`,
  ]);
});

describe.each(sources.map((s) => [s.id, s] as const))('held-out fixture %s', (id, src) => {
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
      expect(body).toEqual(heldoutGoldBody(src));
      expect(warnings).toEqual(heldoutWarnings(src));
    }
  });

  it('quotes only texts the document prints', async () => {
    expect(heldoutProblems(src)).toEqual([]);
    const pdf = gold().plans.find((p) => p.source.format === 'pdf');
    if (pdf === undefined) return;
    const text = await readPdfText(readFileSync(join(dir, pdf.source.file)));
    expect(heldoutPdfProblems(src, text.lines.map((l) => l.text))).toEqual([]);
    expect(pdf.source.pages).toBe(text.pages);
  });

  it('holds as many objectives and indicators as its source lists', () => {
    // counted on the source's own nesting, apart from the gold derivation
    const objectives = src.objectives.flatMap((o) => [o, ...o.children]);
    const indicators = objectives.reduce((n, o) => n + o.indicators.length, 0);
    for (const plan of gold().plans) {
      expect({ objectives: plan.objectives.length, indicators: plan.indicators.length }).toEqual({
        objectives: objectives.length,
        indicators,
      });
    }
  });

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

  it('hangs every indicator on an existing objective and every child on a shallower parent', () => {
    const depth = { strategico: 0, operativo: 1, esecutivo: 2 } as const;
    for (const plan of gold().plans) {
      const byId = new Map(plan.objectives.map((o) => [o.id, o]));
      for (const ind of plan.indicators) expect(byId.has(ind.objective), ind.id).toBe(true);
      for (const o of plan.objectives) {
        if (o.parent === null) continue;
        const parent = byId.get(o.parent);
        expect(parent, o.id).toBeDefined();
        expect(depth[o.level], o.id).toBeGreaterThan(depth[parent!.level]);
      }
    }
  });
});
