/**
 * Italian names and words reach us spelled several ways: "Città" and "CITTA'",
 * "Sant’Angelo" with a typographic apostrophe, "attivita" typed without the accent.
 * Comuni lookups, ente filters and search terms all compare through one folding
 * (case, accents, quotes, spaces), the project's `foldForMatch`, under this name.
 */
export { foldForMatch as foldKey } from '../text/normalize.js';
