/**
 * The target parser: how printed targets ("2023: entro il 31/12/2023", "almeno n.
 * 25 servizi mensili", "(maggiore 50%)") become the contract's `Target` entries, and
 * how an indicator's type is read from its Tipologia or its targets. The rules are
 * those of `fixtures/TARGETS.md`.
 */
export { parseTargetCell, parseTargetText, type TargetContext } from './cell.js';
export { extractEmbeddedTargets } from './embedded.js';
export { indicatorTypeFromTipologia, inferIndicatorType, type IndicatorType } from './types.js';
