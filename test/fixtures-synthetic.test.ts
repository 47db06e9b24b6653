/**
 * The synthetic fixtures (`fixtures/build/synthetic/`): every committed `gold.json`
 * follows the contract, describes the files beside it, is still what its hand-written
 * source says, and quotes only texts the document prints. Reads committed files only,
 * so LibreOffice is not needed.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { PlanExport } from '../src/model/plan.js';
import { readPdfText } from '../fixtures/build/pdf/read.js';
import { goldBody, goldProblems, goldWarnings, pdfProblems } from '../fixtures/build/synthetic/gold.js';
import { loadSyntheticSources } from '../fixtures/build/synthetic/schema.js';

const CORPUS = fileURLToPath(new URL('../fixtures/corpus/', import.meta.url));
const sources = loadSyntheticSources();

const REQUIRED = [
  's01-missione-programma',
  's02-schede-obiettivo',
  's03-generic-kpi',
  's04-delibera',
  's05-indicatori-bilancio',
  's06-piao-rinvio',
  's07-piao-doppio',
  's08-xlsx-generic',
];

it('has a source for every required synthetic shape', () => {
  expect(sources.map((s) => s.id)).toEqual(expect.arrayContaining(REQUIRED));
});

it('notices gold text that the document or its PDF does not print', () => {
  const src = structuredClone(sources.find((s) => s.document.format === 'docx' && s.objectives.length > 0)!);
  const typo = (src.objectives[0]!.title += ' (refuso)');
  expect(goldProblems(src)).toEqual([`${src.id}: the document does not print "${typo}"`]);
  expect(pdfProblems(src, [])).toContain(`${src.id}: the PDF does not show "${typo}"`);
});

describe.each(sources.map((s) => [s.id, s] as const))('synthetic fixture %s', (id, src) => {
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
      expect(body).toEqual(goldBody(src));
      expect(warnings).toEqual(goldWarnings(src));
    }
  });

  it('quotes only texts the document prints', async () => {
    expect(goldProblems(src)).toEqual([]);
    const pdf = gold().plans.find((p) => p.source.format === 'pdf');
    if (pdf === undefined) return;
    const text = await readPdfText(readFileSync(join(dir, pdf.source.file)));
    expect(pdfProblems(src, text.lines.map((l) => l.text))).toEqual([]);
    expect(pdf.source.pages).toBe(text.pages);
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

  it('hangs every indicator on an existing objective', () => {
    for (const plan of gold().plans) {
      const ids = new Set(plan.objectives.map((o) => o.id));
      for (const ind of plan.indicators) expect(ids.has(ind.objective), ind.id).toBe(true);
    }
  });
});
