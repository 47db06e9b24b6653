/**
 * The store stage: the SQLite database that holds every imported plan. Callers
 * open it, save and load plans, query it and export it; this file is the door.
 */
export { openStore, refreshStatistics, STORE_SETTINGS, type Store, type OpenOptions } from './db.js';
export { savePlan, savePlans, type SaveItem, type SaveOptions, type SaveResult } from './save.js';
export { loadPlan } from './load.js';
export { preparePlan, type PreparedPlan } from './prepare.js';
export { indexQueuedTerms, SEARCH_INDEX_EVERY_PLANS } from './search-index.js';
export {
  listPlans, objectives, indicators, search, showPlan, resolvePlanId,
  type QueryResult, type PlanFilters, type ObjectiveFilters, type IndicatorFilters, type PlanDetail,
} from './queries.js';
export { runReadOnlySql } from './sql.js';
export { exportJson, exportCsv, exportXlsx } from './export.js';
export { toCsv, cellText, type Row } from './csv.js';
