/**
 * Which family a plan table belongs to, from its columns alone (never from the file
 * name): tables that nest strategic/operational/executive objectives are the
 * "table-per-missione" plans; Obiettivo | Indicatore | Livello atteso | Responsabile |
 * Peso is the "Allegato H" layout; flat sheets with a Tipologia and an actual-value
 * column are spreadsheet plans; anything else with an objective column is generic.
 */
import type { Layout } from '../model/plan.js';
import type { ColumnRole } from './columns.js';
import type { LocatedTable } from './header.js';

export function classifyTable(t: LocatedTable): Layout {
  const roles = new Set<ColumnRole>(t.meanings.flatMap((m) => (m ? [m.role] : [])));
  const levelled = t.meanings.filter((m) => m?.role === 'objective' && m.level && m.level !== 'esecutivo').length;
  const objectiveCols = t.meanings.filter((m) => m?.role === 'objective').length;
  if (objectiveCols >= 2 && levelled >= 1) return 'missione_table';
  if (roles.has('type') && roles.has('target') && (roles.has('actual') || roles.has('weight'))) return 'spreadsheet';
  const allegato: ColumnRole[] = ['objective', 'indicator', 'target', 'responsible', 'weight'];
  if (objectiveCols === 1 && roles.size === allegato.length && allegato.every((r) => roles.has(r))) return 'allegato_h';
  return 'generic';
}
