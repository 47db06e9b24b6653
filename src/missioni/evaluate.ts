/**
 * An inferred Missione is only worth showing if its accuracy is known on plans the
 * classifier never learned from: objectives of one plan share words ("Gestire la
 * pubblica istruzione" and its esecutivi), so a random split would flatter it. This
 * module runs leave-one-plan-out cross-validation: each plan in turn is held out,
 * the classifier is trained on the others (plus the catalogue), and the held-out
 * plan's objectives are classified. The script and the test both call it.
 */
import { MIN_CONFIDENCE, trainClassifier, type TrainingItem } from './classifier.js';

export interface ClassCount {
  missione: number;
  /** held-out objectives of this Missione */
  n: number;
  /** of those, classified right (top 1) */
  correct: number;
  /** held-out objectives of any Missione classified as this one */
  predicted: number;
}

export interface FoldResult {
  /** the held-out plan */
  plan: string;
  n: number;
  correct: number;
}

export interface Evaluation {
  n: number;
  /** top-1 right */
  correct: number;
  /** the right Missione among the first two */
  top2: number;
  /** classified with confidence ≥ MIN_CONFIDENCE (what inferMissione answers) */
  answered: number;
  /** of those, right */
  answeredCorrect: number;
  folds: FoldResult[];
  classes: ClassCount[];
}

const ratio = (part: number, whole: number): number => (whole === 0 ? 0 : part / whole);

export const accuracy = (e: Evaluation): number => ratio(e.correct, e.n);
export const top2Accuracy = (e: Evaluation): number => ratio(e.top2, e.n);

export function evaluateByPlan(items: readonly TrainingItem[]): Evaluation {
  const plans = [...new Set(items.map((i) => i.plan))].sort();
  const result: Evaluation = { n: 0, correct: 0, top2: 0, answered: 0, answeredCorrect: 0, folds: [], classes: [] };
  const classes = new Map<number, ClassCount>();
  const classOf = (missione: number): ClassCount => {
    const found = classes.get(missione) ?? { missione, n: 0, correct: 0, predicted: 0 };
    classes.set(missione, found);
    return found;
  };
  for (const plan of plans) {
    const classifier = trainClassifier(items.filter((i) => i.plan !== plan));
    const fold: FoldResult = { plan, n: 0, correct: 0 };
    for (const item of items.filter((i) => i.plan === plan)) {
      const [first, second] = classifier.rank(item.text);
      const right = first?.code === item.missione;
      fold.n++;
      result.n++;
      classOf(item.missione).n++;
      if (first) classOf(first.code).predicted++;
      if (right) {
        fold.correct++;
        result.correct++;
        classOf(item.missione).correct++;
      }
      if (right || second?.code === item.missione) result.top2++;
      if (first && first.confidence >= MIN_CONFIDENCE) {
        result.answered++;
        if (right) result.answeredCorrect++;
      }
    }
    result.folds.push(fold);
  }
  result.classes = [...classes.values()].sort((a, b) => a.missione - b.missione);
  return result;
}

/** Widths of the per-Missione table's columns: code, n, right, predicted. */
const COLUMN_WIDTHS = [14, 5, 7, 11];

/** The first cell left-aligned, the counts right-aligned. */
const tableRow = ([label, ...counts]: [string, ...(string | number)[]]): string =>
  label.padEnd(COLUMN_WIDTHS[0] ?? 0) + counts.map((c, i) => String(c).padStart(COLUMN_WIDTHS[i + 1] ?? 0)).join('');

const percent = (part: number, whole: number): string => `${(100 * ratio(part, whole)).toFixed(1)}%`;

/** The report the script prints and the README quotes. */
export function formatEvaluation(e: Evaluation): string {
  const lines = [
    `leave-one-plan-out over ${e.folds.length} plans, ${e.n} held-out objectives`,
    `accuracy        ${percent(e.correct, e.n)} (${e.correct}/${e.n})`,
    `top-2 accuracy  ${percent(e.top2, e.n)} (${e.top2}/${e.n})`,
    `answered at confidence >= ${MIN_CONFIDENCE}: ${percent(e.answered, e.n)} (${e.answered}/${e.n}), ` +
      `right ${percent(e.answeredCorrect, e.answered)} (${e.answeredCorrect}/${e.answered})`,
    'per held-out plan:',
    ...e.folds.map((f) => `  ${f.plan.padEnd(24)} ${percent(f.correct, f.n).padStart(6)} (${f.correct}/${f.n})`),
    tableRow(['per Missione', 'n', 'right', 'predicted']),
    ...e.classes.map((c) => tableRow([`  ${String(c.missione).padStart(2, '0')}`, c.n, c.correct, c.predicted])),
  ];
  return lines.join('\n');
}
