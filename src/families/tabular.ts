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
import { DEFAULT_INTERPRET_SETTINGS, interpretTable, type TableReading } from './table/interpret.js';
import { foldForMatch } from '../text/normalize.js';

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

/**
 * Sections that restate the performance objectives for another purpose (a PIAO's
 * anti-corruption "raccordo" with the performance objectives): their rows repeat
 * objectives already read and must not count twice.
 */
const RESTATEMENT_SECTION = /corruzion|trasparenz|raccordo|rischi/i;

function dropRestated(reading: TableReading, seen: Set<string>, heading: string, warnings: string[]): TableReading {
  const objectives = reading.objectives.filter((o) => !seen.has(foldForMatch(o.title)));
  const dropped = reading.objectives.length - objectives.length;
  if (dropped === 0) return reading;
  warnings.push(`${dropped} objectives restated under "${heading.slice(0, 80)}" were already read from the performance section; kept once`);
  const keep = new Set(objectives);
  const closed = (o: ObjectiveDraft | null): boolean => o === null || (keep.has(o) && closed(o.parent));
  return {
    objectives: objectives.filter((o) => closed(o.parent)),
    indicators: reading.indicators.filter((i) => keep.has(i.objective)),
    warnings: reading.warnings,
  };
}

const RESPONSIBLE_LINE = /^responsabil[ei]\w*\s*[:\-–]\s*(.+)$/i;

/**
 * Rows above a sheet's header often state what holds for the whole table: the unit
 * ("Settore Finanziario") and who answers for it ("Responsabile: Dott.ssa …").
 */
function preambleFacts(preamble: string[], section: SectionContext): { section: SectionContext; responsible: string | null } {
  let ctx = section;
  let responsible: string | null = null;
  for (const line of preamble) {
    const resp = RESPONSIBLE_LINE.exec(line);
    if (resp) {
      responsible = resp[1]!.trim();
      continue;
    }
    const meaning = classifyHeading(line);
    if (meaning?.kind === 'area' || meaning?.kind === 'missione') ctx = applyHeading(ctx, meaning);
  }
  return { section: ctx, responsible };
}

export function readTables(doc: DocumentModel): TabularReading {
  const out: TabularReading = { objectives: [], indicators: [], warnings: [], layouts: new Map(), preamble: [], planTables: new Set() };
  let section: SectionContext = emptySection();
  let previous: LocatedTable | null = null;
  let seenPlanTable = false;
  let lastHeading = '';
  const seenTitles = new Set<string>();
  for (const block of doc.blocks) {
    if (block.kind !== 'table') {
      const text = block.text;
      if (block.kind === 'heading' || block.bold) lastHeading = text;
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
    if (!located.meanings.some((m) => m?.role === 'objective')) continue;
    if (!seenPlanTable) out.preamble.push(...located.preamble);
    seenPlanTable = true;
    previous = located;
    out.planTables.add(block);
    const layout = classifyTable(located);
    const above = preambleFacts(located.preamble, section);
    const reading = interpretTable(located, above.section, { ...DEFAULT_INTERPRET_SETTINGS, themeLabels: layout === 'missione_table' });
    if (above.responsible) reading.objectives.filter((o) => o.responsible.length === 0).forEach((o) => (o.responsible = [above.responsible!]));
    const kept = RESTATEMENT_SECTION.test(lastHeading) ? dropRestated(reading, seenTitles, lastHeading, out.warnings) : reading;
    kept.objectives.forEach((o) => seenTitles.add(foldForMatch(o.title)));
    out.objectives.push(...kept.objectives);
    out.indicators.push(...kept.indicators);
    out.warnings.push(...reading.warnings);
    out.layouts.set(layout, (out.layouts.get(layout) ?? 0) + reading.objectives.length);
  }
  return out;
}
