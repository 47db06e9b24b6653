/**
 * Matching an extracted plan against its gold is a judgement call wherever titles
 * differ slightly or repeat (the same transversal objective under four settori).
 * These settings are the few numbers that judgement rests on, each with the
 * reason for its value.
 */
export const SCORE_SETTINGS = {
  /**
   * Least Levenshtein ratio for a fuzzy match of two titles or names. 0.85 lets
   * a dropped word, a typo or a layout-broken word ("videosorveglianz a") through,
   * while two different objectives of one plan ("Gestione servizi demografici" /
   * "Gestione servizi cimiteriali") stay well below it.
   */
  fuzzyMinSimilarity: 0.85,
  /**
   * Weight of context agreement (area, missione, programma, theme, settore,
   * servizio) in a candidate pair's score. Small beside the text similarity, so it
   * decides between equal titles and between near-equal fuzzy ones, never over a
   * clearly better title.
   */
  contextWeight: 0.1,
  /** Weight of "the parents are matched to each other": as strong as context. */
  parentWeight: 0.1,
  /**
   * Weight of an indicator's objectives being matched to each other: large enough
   * that among equal names the attached pair always wins.
   */
  attachedWeight: 0.5,
  /**
   * Weight of nearness in document order (relative position, 0…1): only the
   * last tie-breaker, since one context field of seven is worth 0.1 ⁄ 7 ≈ 0.014.
   */
  orderWeight: 0.001,
  /** Two numbers (weights, target values) closer than this are equal. */
  numberTolerance: 1e-9,
} as const;
