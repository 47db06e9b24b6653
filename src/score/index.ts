/**
 * The accuracy scorer: an extracted export against a gold export, as a report
 * object (`scoreExport`, pure) and as a terminal table (`formatReport`).
 */
export { formatReport } from './format.js';
export { scoreExport, type Detection, type PlanScore, type Rate, type ScoreReport, type Scores } from './report.js';
