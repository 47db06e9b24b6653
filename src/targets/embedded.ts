/**
 * Plans often print an indicator's target inside its name: in a parenthesis
 * ("Incasso entrate tributarie/accertamenti (maggiore 50%)", "(milestone
 * 31.05.2023)") or as a tail ("n. pratiche istruite/ n. pratiche presentate almeno
 * 20%"). The name stays whole in the model; this module reads the target part, and
 * only where a phrase says it is a target, so "(fini statistici)" or "(PNRR)" or a
 * scope such as "0-6 anni" gives nothing.
 */
import type { Target } from '../model/plan.js';
import type { TargetContext } from './cell.js';
import { findTargets, toTarget, type ScanOptions } from './phrases.js';
import { collapseSpaces } from './tokens.js';

/** A parenthesis, or one a page cut before its ")" ("(almeno 2 incontri"). */
const PARENTHESIS = /\(([^()]*)(?:\)|$)/g;

export function extractEmbeddedTargets(indicatorName: string, ctx: Pick<TargetContext, 'planYear'>): Target[] {
  const name = collapseSpaces(indicatorName);
  const opts: ScanOptions = { refYear: ctx.planYear, mode: 'embedded', percentColumn: false };
  const pieces: { at: number; targets: Target[] }[] = [];
  let outside = name;
  for (const m of name.matchAll(PARENTHESIS)) {
    outside = outside.slice(0, m.index) + ' '.repeat(m[0].length) + outside.slice(m.index + m[0].length);
    const inner = collapseSpaces(m[1] ?? '');
    if (inner) pieces.push({ at: m.index, targets: findTargets(inner, opts).map((f) => toTarget(f, inner, null)) });
  }
  const tail = findTargets(outside, opts);
  const first = tail[0];
  if (first) {
    const raw = collapseSpaces(outside.slice(first.start));
    pieces.push({ at: first.start, targets: tail.map((f) => toTarget(f, raw, null)) });
  }
  return pieces.sort((a, b) => a.at - b.at).flatMap((p) => p.targets);
}
