/**
 * Many plans never say which budget Missione an objective serves, yet analysts group
 * objectives by Missione across comuni. This module guesses it from the objective's
 * words: a multinomial naive Bayes over Italian stems (natural's tokenizer and
 * stemmer, see words.ts), trained on objectives whose plan states their Missione
 * plus the catalogue's Missione and Programma names and scopes. A guess it is not
 * sure of is no answer, and every answer is a guess the caller marks `inferred: true`.
 *
 * Why not natural's own BayesClassifier: it takes a custom tokenizer, but its model
 * (apparatus) scores only the features present and smooths per class so that classes
 * with few documents win. On the held-out evaluation, fed the same documents and
 * stems, it was right for 8% of the objectives, this model for 49.5% (at catalogue
 * weight 1). natural's LogisticRegressionClassifier did as well as this model on the
 * names alone (41% against 40%) but takes about 50 s to train: too slow for load time.
 */
import { z } from 'zod';
import { MISSIONI, missioneByCode, type Missione } from './catalog.js';
import { contentStems } from './words.js';
import trainingSet from './training-set.json' with { type: 'json' };

/** One objective whose plan states its Missione; `plan` keeps held-out tests honest. */
export const TrainingItem = z.object({
  /** the plan (fixture) it comes from */
  plan: z.string().min(1),
  missione: z
    .number()
    .int()
    .refine((code) => missioneByCode(code) !== null, 'not a Missione of D.Lgs. 118/2011'),
  text: z.string().min(1),
});
export type TrainingItem = z.infer<typeof TrainingItem>;

export const TrainingSet = z.object({
  version: z.number().int().positive(),
  about: z.string(),
  items: z.array(TrainingItem),
});
export type TrainingSet = z.infer<typeof TrainingSet>;

/**
 * The committed training set, built by `scripts/missione-eval.ts`. Imported as a
 * module so the build ships it beside this file.
 */
export const TRAINING_SET_URL = new URL('./training-set.json', import.meta.url);

/**
 * Below this posterior probability inferMissione answers null. On the held-out
 * evaluation (scripts/missione-eval.ts) it answers for 45% of the objectives and is
 * right for 69% of those, against 54.7% over all; a higher bar answers fewer without
 * being right much more often (0.8: 26%, 72%).
 */
export const MIN_CONFIDENCE = 0.6;

/** Add-one (Laplace) smoothing: the textbook value, not tuned on the evaluation. */
const LAPLACE_ALPHA = 1;

/**
 * How many objectives one catalogue document counts for. The catalogue defines the
 * Missioni but has few documents each against dozens of objectives for Missione 1 or
 * 12, and the prior and the generic words of those objectives ("gestione",
 * "garantire") swamped it. Chosen on the held-out evaluation among 1–4: accuracy
 * 49.5% at 1, 54.2% at 2, 54.7% at 3, 55.3% at 4; 3 keeps Missioni with no
 * objectives reachable without letting names outweigh what plans actually write.
 */
const CATALOG_WEIGHT = 3;

export interface InferredMissione {
  code: number;
  /** the official name */
  name: string;
  /** the classifier's posterior probability for this Missione, 0…1 */
  confidence: number;
}

export interface MissioneClassifier {
  /** every Missione with its posterior probability, most likely first; [] when no word is known */
  rank(text: string): InferredMissione[];
}

/** A document's features: its distinct stems (a repeated word says no more about the topic). */
const features = (text: string): string[] => [...new Set(contentStems(text))];

interface TrainingDocument {
  missione: number;
  stems: string[];
  weight: number;
}

/**
 * The catalogue as documents: each Missione's name, and each Programma's name with its
 * scope, so that every Missione is known even with no objective to learn from.
 * Regioni-only programmi are left out: no comune budgets on them.
 */
function catalogDocuments(): TrainingDocument[] {
  const document = (missione: number, text: string): TrainingDocument => ({
    missione,
    stems: features(text),
    weight: CATALOG_WEIGHT,
  });
  return MISSIONI.flatMap((m) => [
    document(m.code, m.name),
    ...m.programmi.flatMap((p) => (p.scope === null ? [] : [document(m.code, `${p.name}. ${p.scope}`)])),
  ]);
}

const sumOf = (values: Iterable<number>): number => [...values].reduce((a, b) => a + b, 0);

interface ClassModel {
  missione: Missione;
  logPrior: number;
  /** log P(stem | Missione) of the stems seen in it */
  logLikelihood: Map<string, number>;
  /** log P(stem | Missione) of a known stem never seen in it */
  logUnseen: number;
}

export function trainClassifier(items: readonly TrainingItem[]): MissioneClassifier {
  const documents: TrainingDocument[] = [
    ...catalogDocuments(),
    ...items.map((item) => ({ missione: item.missione, stems: features(item.text), weight: 1 })),
  ];
  const vocabulary = new Set(documents.flatMap((d) => d.stems));
  const totalWeight = sumOf(documents.map((d) => d.weight));
  const models: ClassModel[] = MISSIONI.map((missione) => {
    const own = documents.filter((d) => d.missione === missione.code);
    const counts = new Map<string, number>();
    for (const d of own) for (const stem of d.stems) counts.set(stem, (counts.get(stem) ?? 0) + d.weight);
    const denominator = Math.log(sumOf(counts.values()) + LAPLACE_ALPHA * vocabulary.size);
    return {
      missione,
      logPrior: Math.log(sumOf(own.map((d) => d.weight)) / totalWeight),
      logLikelihood: new Map([...counts].map(([stem, n]) => [stem, Math.log(n + LAPLACE_ALPHA) - denominator])),
      logUnseen: Math.log(LAPLACE_ALPHA) - denominator,
    };
  });

  return {
    rank(text) {
      const known = features(text).filter((stem) => vocabulary.has(stem));
      if (known.length === 0) return [];
      const scores = models.map((m) => ({
        missione: m.missione,
        log: known.reduce((sum, stem) => sum + (m.logLikelihood.get(stem) ?? m.logUnseen), m.logPrior),
      }));
      // Posteriors by log-sum-exp: the joint probabilities themselves underflow on long texts.
      const top = Math.max(...scores.map((s) => s.log));
      const evidence = scores.reduce((sum, s) => sum + Math.exp(s.log - top), 0);
      return scores
        .map(({ missione, log }) => ({
          code: missione.code,
          name: missione.name,
          confidence: Math.exp(log - top) / evidence,
        }))
        .sort((a, b) => b.confidence - a.confidence);
    },
  };
}

let trained: MissioneClassifier | null = null;

/** Trained on first use from the committed set (a few milliseconds); most runs never ask. */
function classifier(): MissioneClassifier {
  if (trained) return trained;
  const set = TrainingSet.parse(trainingSet);
  trained = trainClassifier(set.items);
  return trained;
}

/**
 * The Missione an objective's words suggest ("Raccolta differenziata dei rifiuti" →
 * 9), or null when the classifier is not confident enough. Never a reading: the
 * caller stores it with `inferred: true`.
 */
export function inferMissione(text: string): InferredMissione | null {
  const [best] = classifier().rank(text);
  return best && best.confidence >= MIN_CONFIDENCE ? best : null;
}
