/**
 * From a document model to a plan draft: every recognizer reads what it can (plan
 * tables of any family, objective cards), the plan's layout is the family that gave
 * the most objectives, and a document where nothing was found says why instead of
 * inventing objectives.
 */
import type { DocumentModel } from '../document/model.js';
import type { Layout } from '../model/plan.js';
import { parseYears } from './cell-values.js';
import type { PlanDraft } from './draft.js';
import { readCards } from './cards.js';
import { whyNoObjectives } from './not-a-plan.js';
import { readTables } from './tabular.js';

/** A title longer than this is a paragraph of prose, not the plan's title. */
const MAX_TITLE_CHARS = 160;
const TITLE_WORDS = /\b(piano|allegato|peg|piao|performance|obiettivi)\b/i;
const AREA_LINE = /^(area|settore|servizio|missione)\b/i;

function planTitle(preamble: string[]): string | null {
  const t = preamble.find((p) => p.length <= MAX_TITLE_CHARS && TITLE_WORDS.test(p) && !AREA_LINE.test(p));
  return t ?? null;
}

function planYears(title: string | null, preamble: string[]): number[] {
  const fromTitle = title ? parseYears(title) : [];
  if (fromTitle.length > 0) return fromTitle;
  for (const p of preamble) {
    if (p.length > MAX_TITLE_CHARS) continue;
    const ys = parseYears(p);
    if (ys.length > 0) return ys;
  }
  return [];
}

export function extractDraft(doc: DocumentModel): PlanDraft {
  const tables = readTables(doc);
  const cards = readCards(doc, (t) => tables.planTables.has(t));
  let layout: Layout = 'generic';
  let best = 0;
  for (const [l, n] of tables.layouts) {
    if (n > best) {
      layout = l;
      best = n;
    }
  }
  const title = planTitle(tables.preamble);
  const warnings = [...tables.warnings];
  const objectives = [...tables.objectives, ...cards.objectives];
  const indicators = [...tables.indicators, ...cards.indicators];
  if (objectives.length === 0) warnings.push(whyNoObjectives(doc));
  return {
    layout,
    title,
    years: planYears(title, tables.preamble),
    objectives,
    indicators,
    warnings,
    texts: tables.preamble,
  };
}
