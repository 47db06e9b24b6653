/**
 * The ente stage: who issued a plan and its ISTAT code. Extractors call
 * `detectEnte` on a document's text; the importer calls `resolveIstat` for names
 * given by a manifest without a code.
 */
export { detectEnte, type DetectedEnte } from './detect.js';
export { resolveIstat, resolveComune, type Comune } from './comuni.js';
