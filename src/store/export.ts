/**
 * Analysts take the data elsewhere: the JSON export is the public contract (what
 * the scorer and other programs read), CSV is one row per indicator for a quick
 * pivot table, and XLSX has one sheet per table for those who live in Excel.
 * All three take the same plan filters as `perfplan plans`.
 */
import * as XLSX from 'xlsx';
import { PlanExport, SCHEMA_ID, type ValidPlan } from '../model/plan.js';
import { toCsv } from './csv.js';
import type { Store } from './db.js';
import { loadPlan } from './load.js';
import { indicators, listPlans, type PlanFilters } from './queries.js';

/**
 * Excel refuses a cell longer than 32,767 characters; a plan's warnings or a
 * runaway cell can exceed it, so longer text is cut to fit.
 */
const XLSX_CELL_MAX_CHARS = 32_767;

/**
 * The sheets of the XLSX export, one per table as stored, each row naming its
 * plan and item by the contract's ids rather than the database's integer keys.
 */
const XLSX_SHEETS = {
  plans: 'SELECT p.* FROM plans p',
  objectives: 'SELECT p.id AS plan_id, o.* FROM objectives o JOIN plans p ON p.pk = o.plan',
  indicators: 'SELECT p.id AS plan_id, i.* FROM indicators i JOIN plans p ON p.pk = i.plan',
  targets: `SELECT p.id AS plan_id, i.id AS indicator_id, t.*
    FROM targets t JOIN indicators i ON i.key = t.indicator JOIN plans p ON p.pk = i.plan`,
} as const;

function planIds(db: Store, filters: PlanFilters): string[] {
  return listPlans(db, filters).rows.map((r) => String(r.id));
}

/** `{ schema: "perfplan/v1", plans: [...] }`, validated against the contract. */
export function exportJson(db: Store, filters: PlanFilters = {}): PlanExport {
  const plans = planIds(db, filters)
    .map((id) => loadPlan(db, id))
    .filter((p): p is ValidPlan => p !== null);
  return PlanExport.parse({ schema: SCHEMA_ID, plans });
}

/** One row per indicator (the `v_indicators` view), RFC 4180. */
export function exportCsv(db: Store, filters: PlanFilters = {}): string {
  const result = indicators(db, filters);
  return toCsv(result.columns, result.rows);
}

const fitCell = (value: unknown): unknown =>
  typeof value === 'string' && value.length > XLSX_CELL_MAX_CHARS ? value.slice(0, XLSX_CELL_MAX_CHARS) : value;

/** A workbook with the plans, objectives, indicators and targets tables as stored. */
export function exportXlsx(db: Store, filters: PlanFilters = {}): Buffer {
  const ids = JSON.stringify(planIds(db, filters));
  const book = XLSX.utils.book_new();
  for (const [table, select] of Object.entries(XLSX_SHEETS)) {
    const stmt = db.prepare(`${select} WHERE p.id IN (SELECT value FROM json_each(?))`);
    const header = stmt.columns().map((c) => c.name);
    const rows = (stmt.all(ids) as Record<string, unknown>[]).map((row) =>
      Object.fromEntries(Object.entries(row).map(([k, v]) => [k, fitCell(v)])),
    );
    XLSX.utils.book_append_sheet(book, XLSX.utils.json_to_sheet(rows, { header }), table);
  }
  return XLSX.write(book, { type: 'buffer', bookType: 'xlsx' }) as Buffer;
}
