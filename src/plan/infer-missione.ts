/**
 * Analysts group objectives by budget Missione across comuni, but many plans never
 * print one. Where neither an objective nor any objective above it states a
 * Missione, the classifier guesses one from its words; the guess is marked
 * `inferred: true` so it is never taken for what the document says.
 */
import type { ObjectiveDraft } from '../families/draft.js';
import { inferMissione } from '../missioni/classifier.js';

const stated = (o: ObjectiveDraft | null): boolean => o !== null && (o.context.missione !== null || stated(o.parent));

export function inferMissingMissioni(objectives: ObjectiveDraft[]): void {
  for (const o of objectives) {
    if (stated(o)) continue;
    const guess = inferMissione([o.title, o.description ?? ''].join(' '));
    if (guess) o.context.missione = { code: guess.code, name: guess.name, inferred: true };
  }
}
