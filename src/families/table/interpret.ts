/**
 * Reads the objectives and indicators of one plan table whose columns have roles.
 * The same rules serve every tabular family, because plans differ in their words
 * far more than in their structure: objective columns nest from strategic to
 * executive, a cell spanning rows owns what lies beside it, several executive
 * objectives in one cell each take the indicators that start level with them, and a
 * row cell (years, settore, responsible, weight) belongs to the objectives that lie
 * within it, or else to the row's indicators (`shared/spec/plan-export.md`).
 */
import type { Cell, Item } from '../../document/model.js';
import type { IndicatorType } from '../../model/plan.js';
import { emptyContext } from '../../model/plan.js';
import { normalizeSpace } from '../../text/normalize.js';
import { parseYears, parseWeight, splitCode, splitUpperLabel } from '../cell-values.js';
import type { ColumnMeaning, ColumnRole } from '../columns.js';
import { parseCodedName, parseMissionePrefix, type SectionContext } from '../context.js';
import { newIndicator, type IndicatorDraft, type Level, type ObjectiveDraft } from '../draft.js';
import type { LocatedTable } from '../header.js';
import { buildSpans, hasText, type Span } from './spans.js';

export interface InterpretSettings {
  /**
   * How far (in the reader's vertical unit, PDF points) an indicator may start
   * above the objective it belongs to and still be "level with" it: baselines of
   * two cells in one row differ by a point or two when fonts differ.
   */
  levelTolerance: number;
  /** Split an upper-case label off the top objective cell as its theme ("CULTURA Investire …"). */
  themeLabels: boolean;
}

export const DEFAULT_INTERPRET_SETTINGS: InterpretSettings = { levelTolerance: 3, themeLabels: true };

export interface TableReading {
  objectives: ObjectiveDraft[];
  indicators: IndicatorDraft[];
  warnings: string[];
}

const LEVEL_ORDER: Record<Level, number> = { strategico: 0, operativo: 1, esecutivo: 2 };
const DEFAULT_LEVELS: Record<number, Level[]> = {
  1: ['esecutivo'],
  2: ['operativo', 'esecutivo'],
  3: ['strategico', 'operativo', 'esecutivo'],
};

interface ObjectiveColumn {
  col: number;
  level: Level;
}

/** Objective columns from the shallowest to the leaf, with the level each stands for. */
function objectiveColumns(meanings: (ColumnMeaning | null)[]): ObjectiveColumn[] {
  const cols = meanings.flatMap((m, col) => (m?.role === 'objective' ? [{ col, level: m.level }] : []));
  // A single objective column is a single-level layout: its objectives are executive, whatever the header calls them.
  if (cols.length === 1) return [{ col: cols[0]!.col, level: 'esecutivo' }];
  const defaults = DEFAULT_LEVELS[Math.min(cols.length, 3)] ?? [];
  const placed = cols.map((c, i) => ({ col: c.col, level: c.level ?? defaults[Math.min(i, defaults.length - 1)] ?? 'esecutivo' }));
  return placed.sort((a, b) => LEVEL_ORDER[a.level] - LEVEL_ORDER[b.level] || a.col - b.col);
}

const rolesOf = (meanings: (ColumnMeaning | null)[], ...roles: ColumnRole[]): number[] =>
  meanings.flatMap((m, i) => (m && roles.includes(m.role) ? [i] : []));

const textOf = (items: Item[]): string => normalizeSpace(items.map((i) => i.text).join(' '));

/** The candidate whose item starts last at or above `top`; the first one when none does. */
function besideOf<T extends { top?: number; row: number }>(cands: T[], row: number, top: number | undefined, tol: number): T | null {
  if (cands.length === 0) return null;
  let best: T | null = null;
  for (const c of cands) {
    const above = c.row < row || (c.row === row && (top === undefined || c.top === undefined || c.top <= top + tol));
    if (above) best = c;
  }
  return best ?? cands[0]!;
}

export function interpretTable(
  located: LocatedTable,
  section: SectionContext,
  settings: InterpretSettings = DEFAULT_INTERPRET_SETTINGS,
): TableReading {
  const { body, meanings } = located;
  const warnings: string[] = [];
  const tol = Math.max(settings.levelTolerance, located.table.positionTolerance ?? 0);
  const objCols = objectiveColumns(meanings);
  const leaf = objCols[objCols.length - 1];
  if (!leaf) return { objectives: [], indicators: [], warnings };
  const leading = meanings.flatMap((m, i) => (i < leaf.col && m && m.role !== 'objective' ? [i] : []));
  const grid = buildSpans(body, { objectives: objCols.map((o) => o.col), leading });

  const spansByCol = new Map<number, Span[]>();
  const spansOf = (col: number): Span[] => {
    let spans = spansByCol.get(col);
    if (!spans) spansByCol.set(col, (spans = distinctSpans(grid, col)));
    return spans;
  };

  const objectives: ObjectiveDraft[] = [];
  const bySpan = new Map<Span, { objective: ObjectiveDraft; top?: number; row: number }[]>();
  const codeCol = rolesOf(meanings, 'code')[0];

  // 1. Objectives, row by row, shallow to deep: document order, parents first.
  body.forEach((row, r) => {
    let parent: ObjectiveDraft | null = null;
    for (const oc of objCols) {
      const span = grid[r]![oc.col];
      if (hasText(span) && span.start === r) {
        const made = makeObjectives(span, oc, oc === leaf, parent, section, settings);
        const code = codeCol !== undefined && grid[r]![codeCol]?.start === r ? textOf(grid[r]![codeCol]!.cell.items) : '';
        if (code && made.length === 1 && !made[0]!.objective.code) made[0]!.objective.code = code;
        made.forEach((m) => objectives.push(m.objective));
        bySpan.set(span, made.map((m) => ({ ...m, row: r })));
      }
      const here = span ? bySpan.get(span) : undefined;
      if (here && here.length > 0) parent = here[here.length - 1]!.objective;
    }
  });

  // Per objective column, shallow to deep, its spans that made objectives (top to bottom).
  const objectiveSpans = objCols.map((oc) => spansOf(oc.col).filter((s) => bySpan.has(s)));
  const ordinal = new Map(objectives.map((o, i) => [o, i]));
  const leafSpanAt = (r: number): Span | null => {
    const s = grid[r]![leaf.col];
    if (s && bySpan.has(s)) return s;
    for (let k = objCols.length - 2; k >= 0; k--) {
      const up = grid[r]![objCols[k]!.col];
      if (up && bySpan.has(up)) return up;
    }
    return null;
  };

  // 2. Indicators: each item of an indicator cell, beside the objective it starts level with.
  const indicators: IndicatorDraft[] = [];
  const indicatorRows: { indicator: IndicatorDraft; row: number; top?: number }[] = [];
  const indCol = rolesOf(meanings, 'indicator')[0] ?? rolesOf(meanings, 'phase')[0];
  if (indCol !== undefined) {
    for (const span of spansOf(indCol)) {
      if (!hasText(span)) continue;
      const owner = leafSpanAt(span.start);
      if (!owner) {
        warnings.push(`indicator "${span.cell.items[0]!.text.slice(0, 60)}" has no objective in its row; skipped`);
        continue;
      }
      const owners = bySpan.get(owner)!;
      for (const item of span.cell.items) {
        const pick = owner.start === span.start ? besideOf(owners, span.start, item.top, tol) : owners[owners.length - 1]!;
        const ind = newIndicator(pick!.objective, item.text, provenanceOf(span.cell));
        indicators.push(ind);
        indicatorRows.push({ indicator: ind, row: span.start, top: item.top });
      }
    }
  }

  // indicatorRows stays in row order: the indicators of a range of rows are one stretch of it.
  const indicatorsInRows = (start: number, end: number) =>
    indicatorRows.slice(firstAtOrAfter(indicatorRows, (x) => x.row, start), firstAtOrAfter(indicatorRows, (x) => x.row, end + 1));

  // Indicators for rows that state a target but name no indicator take the objective's title.
  const indicatorsFor = (span: Span): { indicator: IndicatorDraft; row: number; top?: number }[] => {
    const inRows = indicatorsInRows(span.start, span.end);
    if (inRows.length > 0) return inRows;
    const covering = indCol !== undefined ? grid[span.start]![indCol] : null;
    if (covering && hasText(covering)) return indicatorsInRows(covering.start, covering.start);
    const owner = leafSpanAt(span.start);
    if (!owner) return [];
    const objective = bySpan.get(owner)!.at(-1)!.objective;
    const ind = newIndicator(objective, objective.title, provenanceOf(span.cell));
    const at = indicators.findLastIndex((i) => ordinal.get(i.objective)! <= ordinal.get(objective)!);
    indicators.splice(at + 1, 0, ind);
    const entry = { indicator: ind, row: span.start, top: undefined };
    indicatorRows.push(entry);
    indicatorRows.sort((a, b) => a.row - b.row || (a.top ?? 0) - (b.top ?? 0));
    return [entry];
  };

  const perItem = (cols: number[], apply: (ind: IndicatorDraft, text: string) => void): void => {
    for (const col of cols) {
      for (const span of spansOf(col)) {
        if (!hasText(span)) continue;
        const cands = indicatorsFor(span);
        // Two lists of equal length side by side pair up in order, however their lines wrap.
        const inOrder = cands.length > 1 && cands.length === span.cell.items.length && cands.every((c) => c.row === span.start);
        span.cell.items.forEach((item, k) => {
          const pick = inOrder ? cands[k]! : besideOf(cands, span.start, item.top, tol);
          if (pick) apply(pick.indicator, item.text);
        });
      }
    }
  };
  const hintOf = (col: number): IndicatorType | null => (meanings[col]?.role === 'deadline' ? 'data' : null);
  for (const col of rolesOf(meanings, 'target', 'deadline')) {
    // "Target 2025": the column's values are the targets for that year.
    const [year] = parseYears(located.labels[col] ?? '');
    const single = parseYears(located.labels[col] ?? '').length === 1;
    perItem([col], (ind, text) => ind.targetTexts.push({ text, hint: hintOf(col), ...(single && year ? { year } : {}) }));
  }
  perItem(rolesOf(meanings, 'type').slice(0, 1), (ind, text) => (ind.tipologia ??= text));
  perItem(rolesOf(meanings, 'actual').slice(0, 1), (ind, text) => (ind.actual = ind.actual ? `${ind.actual} ${text}` : text));
  perItem(rolesOf(meanings, 'baseline').slice(0, 1), (ind, text) => (ind.baseline = ind.baseline ? `${ind.baseline} ${text}` : text));

  // 3. Row cells: to the objectives lying within them, or else to the row's indicators.
  const leafSpans = objectiveSpans[objectiveSpans.length - 1]!;
  const widen = (s: Span, col: number): { start: number; end: number } => {
    // Leaf spans do not overlap: only the last one starting at or above `s` can hold it.
    const group = leafSpans[firstAtOrAfter(leafSpans, (l) => l.start, s.start + 1) - 1];
    if (!group || !(s.end <= group.end && (group.start < s.start || group.end > s.end))) return s;
    const texts = spansStartingIn(spansOf(col), group.start, group.end).filter((o) => hasText(o) && o.end <= group.end);
    return texts.length === 1 ? group : s;
  };
  const within = (range: { start: number; end: number }): ObjectiveDraft[] =>
    objectiveSpans.flatMap((spans) =>
      spansStartingIn(spans, range.start, range.end)
        .filter((o) => o.end <= range.end)
        .flatMap((o) => bySpan.get(o)!.map((x) => x.objective)),
    );
  const rowIndicators = (range: { start: number; end: number }): IndicatorDraft[] =>
    indicatorsInRows(range.start, range.end).map((x) => x.indicator);

  const responsibleCols = rolesOf(meanings, 'responsible');
  const settoreCol = rolesOf(meanings, 'settore')[0];
  // Without a responsible column, the organisational unit named in the row is the responsible one.
  const unitCol = responsibleCols.length > 0 ? undefined : (settoreCol ?? rolesOf(meanings, 'servizio')[0] ?? rolesOf(meanings, 'area')[0]);
  const forAttribute = (cols: number[], apply: (o: ObjectiveDraft, items: Item[]) => void, toIndicator?: (i: IndicatorDraft, items: Item[]) => void): void => {
    for (const col of cols) {
      for (const span of spansOf(col)) {
        if (!hasText(span)) continue;
        const range = widen(span, col);
        const objs = within(range);
        if (objs.length > 0) objs.forEach((o) => apply(o, span.cell.items));
        else if (toIndicator) rowIndicators(range).forEach((i) => toIndicator(i, span.cell.items));
      }
    }
  };
  const names = (items: Item[]): string[] => items.map((i) => i.text).filter(Boolean);
  forAttribute(rolesOf(meanings, 'years'), (o, items) => (o.years = parseYears(textOf(items))));
  if (settoreCol !== undefined) forAttribute([settoreCol], (o, items) => (o.context.settore = textOf(items)));
  if (unitCol !== undefined) forAttribute([unitCol], (o, items) => (o.responsible = names(items)));
  forAttribute(
    responsibleCols,
    (o, items) => (o.responsible = [...o.responsible, ...names(items)]),
    (i, items) => (i.responsible = [...i.responsible, ...names(items)]),
  );
  forAttribute(
    rolesOf(meanings, 'weight'),
    (o, items) => (o.weight = parseWeight(textOf(items))),
    (i, items) => (i.weight = parseWeight(textOf(items))),
  );

  // 4. Descriptions belong to the nearest objective column on their left.
  for (const col of rolesOf(meanings, 'description')) {
    const owner = [...objCols].reverse().find((o) => o.col < col) ?? leaf;
    for (const span of spansOf(col)) {
      if (!hasText(span)) continue;
      const os = grid[span.start]![owner.col];
      for (const x of (os && bySpan.get(os)) || []) x.objective.description ??= textOf(span.cell.items);
    }
  }

  // 5. Context columns apply to the objectives that start within them.
  const contextCols: [ColumnRole, (o: ObjectiveDraft, text: string) => void][] = [
    ['missione', (o, t) => (o.context.missione = parseCodedName(t, 'missione'))],
    ['programma', (o, t) => (o.context.programma = parseCodedName(t, 'programma'))],
    ['area', (o, t) => (o.context.area = t)],
    ['servizio', (o, t) => (o.context.servizio = t)],
  ];
  for (const [role, apply] of contextCols) {
    for (const col of rolesOf(meanings, role).slice(0, 1)) {
      for (const span of spansOf(col)) {
        if (!hasText(span)) continue;
        const text = textOf(span.cell.items);
        for (const spans of objectiveSpans) {
          for (const o of spansStartingIn(spans, span.start, span.end)) bySpan.get(o)!.forEach((x) => apply(x.objective, text));
        }
      }
    }
  }
  return { objectives, indicators, warnings };
}

/** The index of the first element of `sorted` (ascending by `key`) whose key is at least `value`. */
function firstAtOrAfter<T>(sorted: readonly T[], key: (x: T) => number, value: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (key(sorted[mid]!) < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * The spans of one column (top to bottom, never overlapping) that start within rows
 * `start`…`end`. A long sheet has thousands of rows; looking each range up instead
 * of filtering the whole column kept reading it linear in its rows.
 */
function spansStartingIn(spans: readonly Span[], start: number, end: number): Span[] {
  return spans.slice(firstAtOrAfter(spans, (s) => s.start, start), firstAtOrAfter(spans, (s) => s.start, end + 1));
}

function distinctSpans(grid: (Span | null)[][], col: number): Span[] {
  const out: Span[] = [];
  let last: Span | null = null;
  for (const row of grid) {
    const s = row[col] ?? null;
    if (s && s !== last) out.push(s);
    last = s;
  }
  return out;
}

const provenanceOf = (cell: Cell) => {
  const p = cell.provenance;
  return p.sheet ? { sheet: p.sheet, row: p.row } : p.page ? { page: p.page } : {};
};

function makeObjectives(
  span: Span,
  oc: ObjectiveColumn,
  isLeaf: boolean,
  parent: ObjectiveDraft | null,
  section: SectionContext,
  settings: InterpretSettings,
): { objective: ObjectiveDraft; top?: number }[] {
  const inherited = parent
    ? { area: parent.context.area, missione: parent.context.missione, programma: parent.context.programma, theme: parent.context.theme }
    : section;
  const base = (title: string, code: string | null): ObjectiveDraft => ({
    parent,
    level: oc.level,
    code,
    title,
    description: null,
    context: { ...emptyContext(), ...inherited, ...(parseMissionePrefix(title) ?? {}) },
    years: [],
    responsible: [],
    weight: null,
    source: provenanceOf(span.cell),
  });
  if (isLeaf) {
    return span.cell.items.map((item) => {
      const { code, title } = splitCode(item.text);
      return { objective: base(title, code), top: item.top };
    });
  }
  let items = span.cell.items;
  let theme: string | null = null;
  if (settings.themeLabels && oc.level === 'strategico') {
    const first = items[0]!;
    const whole = splitUpperLabel(first.text);
    if (items.length > 1 && !/\p{Ll}/u.test(first.text)) {
      theme = first.text;
      items = items.slice(1);
    } else if (whole) {
      theme = whole.label;
      items = [{ ...first, text: whole.rest }, ...items.slice(1)];
    }
  }
  const { code, title } = splitCode(textOf(items));
  const objective = base(title, code);
  if (theme) objective.context.theme = theme;
  return [{ objective, top: span.cell.items[0]?.top }];
}
