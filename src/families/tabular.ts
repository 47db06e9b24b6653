/**
 * Walks a document in reading order, carrying the context that headings set (area,
 * Missione, theme) down to the tables under them, and reads every table that has an
 * objective column. A table with no header of its own that follows a plan table with
 * the same number of columns is its continuation (Word users split long tables; PDF
 * pages cut them).
 */
import { cellText, type DocumentModel, type Table } from '../document/model.js';
import type { Layout } from '../model/plan.js';
import { applyHeading, classifyHeading, emptySection, type SectionContext } from './context.js';
import type { IndicatorDraft, ObjectiveDraft } from './draft.js';
import { locateHeader, type LocatedTable } from './header.js';
import { classifyTable } from './kinds.js';
import { DEFAULT_INTERPRET_SETTINGS, interpretTable } from './table/interpret.js';

export interface TabularReading {
  objectives: ObjectiveDraft[];
  indicators: IndicatorDraft[];
  warnings: string[];
  /** objectives read per layout, to name the plan's layout */
  layouts: Map<Layout, number>;
  /** texts above the first plan table (titles, ente) */
  preamble: string[];
  /** the tables read as plan tables */
  planTables: Set<Table>;
}

/** A heading above the first table that names the document itself, not a theme of its objectives. */
const PLAN_TITLE = /\b(piano|allegato|peg|piao|performance|relazione|documento)\b/i;

function continuation(table: Table, previous: LocatedTable | null): LocatedTable | null {
  if (!previous) return null;
  const width = table.rows.reduce((w, r) => Math.max(w, r.cells.length), 0);
  if (width !== previous.labels.length) return null;
  return { ...previous, table, body: table.rows, preamble: [] };
}

export function readTables(doc: DocumentModel): TabularReading {
  const out: TabularReading = { objectives: [], indicators: [], warnings: [], layouts: new Map(), preamble: [], planTables: new Set() };
  let section: SectionContext = emptySection();
  let previous: LocatedTable | null = null;
  let seenPlanTable = false;
  for (const block of doc.blocks) {
    if (block.kind !== 'table') {
      const text = block.text;
      if (!seenPlanTable) out.preamble.push(text);
      const looksLikeHeading = block.kind === 'heading' || /^missione\s*\d/i.test(text) || (block.bold && text.length < 100);
      const meaning = looksLikeHeading ? classifyHeading(text) : null;
      const isPlanTitle = !seenPlanTable && meaning?.kind === 'theme' && PLAN_TITLE.test(text);
      if (meaning && !isPlanTitle) section = applyHeading(section, meaning);
      continue;
    }
    const located: LocatedTable | null = locateHeader(block) ?? continuation(block, previous);
    if (!located) {
      if (!seenPlanTable) out.preamble.push(...block.rows.slice(0, 3).flatMap((r) => r.cells.map((c) => cellText(c)).filter(Boolean)));
      continue;
    }
    if (!seenPlanTable) out.preamble.push(...located.preamble);
    seenPlanTable = true;
    previous = located;
    const layout = classifyTable(located);
    if (!located.meanings.some((m) => m?.role === 'objective')) continue;
    out.planTables.add(block);
    const reading = interpretTable(located, section, { ...DEFAULT_INTERPRET_SETTINGS, themeLabels: layout === 'missione_table' });
    out.objectives.push(...reading.objectives);
    out.indicators.push(...reading.indicators);
    out.warnings.push(...reading.warnings);
    out.layouts.set(layout, (out.layouts.get(layout) ?? 0) + reading.objectives.length);
  }
  return out;
}
