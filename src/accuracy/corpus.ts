/**
 * The accuracy of the extractor on the fixture corpus: every document listed in a
 * fixture's gold.json is extracted afresh and scored against its gold, so the
 * figures the README quotes and the regression ratchet come from one place.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { extract } from '../extract.js';
import { PlanExport, SCHEMA_ID, type Plan } from '../model/plan.js';
import { scoreExport, type Scores } from '../score/index.js';

export interface DocumentScore {
  fixture: string;
  file: string;
  format: string;
  scores: Scores | null;
  /** why the document could not be extracted, when it could not */
  error: string | null;
  extracted: Plan | null;
}

export const DEFAULT_CORPUS = 'fixtures/corpus';

export async function goldFiles(root: string = DEFAULT_CORPUS): Promise<{ fixture: string; dir: string; gold: PlanExport }[]> {
  const out = [];
  for (const fixture of (await readdir(root)).sort()) {
    const dir = join(root, fixture);
    let text: string;
    try {
      text = await readFile(join(dir, 'gold.json'), 'utf8');
    } catch {
      continue;
    }
    out.push({ fixture, dir, gold: PlanExport.parse(JSON.parse(text)) });
  }
  return out;
}

export async function scoreCorpus(root: string = DEFAULT_CORPUS): Promise<DocumentScore[]> {
  const rows: DocumentScore[] = [];
  for (const { fixture, dir, gold } of await goldFiles(root)) {
    for (const goldPlan of gold.plans) {
      const row: DocumentScore = { fixture, file: goldPlan.source.file, format: goldPlan.source.format, scores: null, error: null, extracted: null };
      try {
        row.extracted = await extract(join(dir, goldPlan.source.file));
        const report = scoreExport({ schema: SCHEMA_ID, plans: [row.extracted] }, { schema: SCHEMA_ID, plans: [goldPlan] });
        row.scores = report.total;
      } catch (e) {
        row.error = e instanceof Error ? e.message : String(e);
      }
      rows.push(row);
    }
  }
  return rows;
}

/**
 * The figures the ratchet keeps for one document, all "higher is better". A
 * document whose gold holds no objectives scores `noInventedObjectives` instead of
 * precision and recall: 1 when nothing was extracted, 0 otherwise.
 */
export function figuresOf(s: Scores): Record<string, number> {
  const f: Record<string, number> = {};
  const put = (k: string, v: number | null): void => {
    if (v !== null) f[k] = Math.round(v * 10_000) / 10_000;
  };
  if (s.objectives.gold === 0) {
    put('noInventedObjectives', s.objectives.extracted === 0 ? 1 : 0);
  } else {
    put('objectives.precision', s.objectives.precision);
    put('objectives.recall', s.objectives.recall);
  }
  if (s.indicators.gold > 0) {
    put('indicators.precision', s.indicators.precision);
    put('indicators.recall', s.indicators.recall);
    put('attached.recall', s.attachedIndicators.recall);
  }
  for (const [k, r] of Object.entries(s.objectiveFields)) put(`objective.${k}`, r.accuracy);
  for (const [k, r] of Object.entries(s.indicatorFields)) put(`indicator.${k}`, r.accuracy);
  for (const [k, r] of Object.entries(s.targets)) put(`target.${k}`, r.accuracy);
  return f;
}
