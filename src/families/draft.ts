/**
 * What an extractor hands back before ids, targets and plan-level facts are settled:
 * objectives linked by reference, indicators with the raw texts of their targets.
 * Keeping targets as text until the end lets one parser read every family's
 * targets the same way.
 */
import type { Context, IndicatorType, Layout, Level, SourceRef, Target } from '../model/plan.js';

export type { Level };

export interface ObjectiveDraft {
  parent: ObjectiveDraft | null;
  level: Level;
  code: string | null;
  title: string;
  description: string | null;
  context: Context;
  years: number[];
  responsible: string[];
  weight: number | null;
  source: SourceRef;
}

export interface TargetText {
  text: string;
  /** the column's kind, when the column says what its values are ("Data", "Scadenza") */
  hint: IndicatorType | null;
  /** the year the column is for, when its header names one ("Target 2025") */
  year?: number;
}

export interface IndicatorDraft {
  objective: ObjectiveDraft;
  name: string;
  /** a Tipologia cell as printed */
  tipologia: string | null;
  targetTexts: TargetText[];
  /** targets a recognizer already read in structured form (e.g. a phase deadline) */
  targets: Target[];
  baseline: string | null;
  actual: string | null;
  weight: number | null;
  responsible: string[];
  source: SourceRef;
}

export interface PlanDraft {
  layout: Layout;
  title: string | null;
  years: number[];
  objectives: ObjectiveDraft[];
  indicators: IndicatorDraft[];
  warnings: string[];
  /** free texts of the document, for ente detection */
  texts: string[];
}

export const newIndicator = (objective: ObjectiveDraft, name: string, source: SourceRef): IndicatorDraft => ({
  objective,
  name,
  tipologia: null,
  targetTexts: [],
  targets: [],
  baseline: null,
  actual: null,
  weight: null,
  responsible: [],
  source,
});
