/**
 * The JSON export, `perfplan show` and the round-trip guarantee all need a stored
 * plan back in the contract's shape. This module rebuilds a `Plan` from its rows,
 * in the order it was saved, and checks it against the zod schema so what leaves
 * the database is exactly what the contract promises.
 */
import { type CodeName, type Indicator, type Objective, type SourceRef, type Target, ValidPlan } from '../model/plan.js';
import type { Store } from './db.js';

interface PlanRow {
  id: string; sha256: string; file: string; format: string; pages: number | null; envelope: string | null;
  ente_name: string | null; ente_istat: string | null; title: string | null; years: string; layout: string;
  warnings: string;
}
interface SourceColumns { page: number | null; sheet: string | null; row: number | null }
interface ObjectiveRow extends SourceColumns {
  id: string; parent: string | null; level: string; code: string | null; title: string; description: string | null;
  area: string | null; missione_code: number | null; missione_name: string | null; missione_inferred: number | null;
  programma_code: number | null; programma_name: string | null; programma_inferred: number | null;
  theme: string | null; settore: string | null; servizio: string | null; years: string; responsible: string;
  weight: number | null;
}
interface IndicatorRow extends SourceColumns {
  id: string; objective: string; name: string; type: string | null; baseline: string | null; actual: string | null;
  weight: number | null; responsible: string;
}
interface TargetRow {
  indicator: string; raw: string; year: number | null; kind: string; op: string | null; value_num: number | null;
  value_bool: number | null; date: string | null; unit: string | null;
}

function codeName(code: number | null, name: string | null, inferred: number | null): CodeName | null {
  if (code === null && name === null && inferred === null) return null;
  return inferred === null ? { code, name } : { code, name, inferred: inferred === 1 };
}

function sourceRef(r: SourceColumns): SourceRef {
  const ref: SourceRef = {};
  if (r.page !== null) ref.page = r.page;
  if (r.sheet !== null) ref.sheet = r.sheet;
  if (r.row !== null) ref.row = r.row;
  return ref;
}

function target(t: TargetRow): Target {
  return {
    raw: t.raw,
    year: t.year,
    kind: t.kind as Target['kind'],
    op: t.op as Target['op'],
    value: t.value_num ?? (t.value_bool === null ? null : t.value_bool === 1),
    date: t.date,
    unit: t.unit,
  };
}

/** The stored plan with this id, as the contract describes it, or null. */
export function loadPlan(db: Store, id: string): ValidPlan | null {
  const p = db.prepare<[string], PlanRow & { pk: number }>('SELECT * FROM plans WHERE id = ?').get(id);
  if (!p) return null;
  // Rows come back in the order the plan listed them (targets: within each indicator).
  const rowsOf = <T>(table: 'objectives' | 'indicators'): T[] =>
    db.prepare(`SELECT * FROM ${table} WHERE plan = ? ORDER BY ordinal`).all(p.pk) as T[];
  const targetRows = db.prepare(
    `SELECT i.id AS indicator, t.raw, t.year, t.kind, t.op, t.value_num, t.value_bool, t.date, t.unit
     FROM indicators i JOIN targets t ON t.indicator = i.key WHERE i.plan = ? ORDER BY i.ordinal, t.ordinal`,
  ).all(p.pk) as TargetRow[];
  const objectives = rowsOf<ObjectiveRow>('objectives').map((o): Objective => ({
      id: o.id,
      parent: o.parent,
      level: o.level as Objective['level'],
      code: o.code,
      title: o.title,
      description: o.description,
      context: {
        area: o.area,
        missione: codeName(o.missione_code, o.missione_name, o.missione_inferred),
        programma: codeName(o.programma_code, o.programma_name, o.programma_inferred),
        theme: o.theme,
        settore: o.settore,
        servizio: o.servizio,
      },
      years: JSON.parse(o.years) as number[],
      responsible: JSON.parse(o.responsible) as string[],
      weight: o.weight,
      source: sourceRef(o),
    }));
  const targets = new Map<string, Target[]>();
  for (const t of targetRows) {
    targets.set(t.indicator, [...(targets.get(t.indicator) ?? []), target(t)]);
  }
  const indicators = rowsOf<IndicatorRow>('indicators').map((i): Indicator => ({
      id: i.id,
      objective: i.objective,
      name: i.name,
      type: i.type as Indicator['type'],
      targets: targets.get(i.id) ?? [],
      baseline: i.baseline,
      actual: i.actual,
      weight: i.weight,
      responsible: JSON.parse(i.responsible) as string[],
      source: sourceRef(i),
    }));
  return ValidPlan.parse({
    id: p.id,
    source: {
      file: p.file,
      sha256: p.sha256,
      format: p.format,
      pages: p.pages,
      ...(p.envelope === null ? {} : { envelope: p.envelope }),
    },
    ente: { name: p.ente_name, istat: p.ente_istat },
    title: p.title,
    years: JSON.parse(p.years) as number[],
    layout: p.layout,
    objectives,
    indicators,
    warnings: JSON.parse(p.warnings) as string[],
  });
}
