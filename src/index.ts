/**
 * The library API: what a program needs to read plans without the command line.
 */
export { extract, extractBytes, ExtractError, type ExtractOptions, type ExtractHints } from './extract.js';
export type { DocumentModel } from './document/model.js';
export * from './model/plan.js';
