/**
 * The held-out fixtures (`fixtures/sources/heldout/`, built by
 * `fixtures/build/synthetic/heldout.ts`): every committed `gold.json` follows the
 * contract, describes the files beside it, is still what its hand-written source
 * says, and quotes only texts the document prints (checks shared with the synthetic
 * fixtures, in `fixtures-check.ts`), plus what held-out sources add: objectives nested
 * under a parent, and workbook context printed in a sheet's title rows. Reads
 * committed files only, so LibreOffice is not needed.
 */
import { expect, it } from 'vitest';
import { heldoutGold, heldoutProblems, loadHeldoutSources } from '../fixtures/build/synthetic/heldout.js';
import { checkCommittedFixtures, checkTyposNoticed } from './fixtures-check.js';

const sources = loadHeldoutSources();

const REQUIRED = ['h01-strategico-operativo', 'h02-schede-box', 'h03-peg-multisheet', 'h04-regolamento-smvp'];

it('has a source for every held-out shape', () => {
  expect(sources.map((s) => s.id)).toEqual(expect.arrayContaining(REQUIRED));
});

checkTyposNoticed(sources, heldoutGold);

it('notices a workbook context that the sheet does not print above the objective', () => {
  const src = structuredClone(sources.find((s) => s.document.format === 'xlsx')!);
  const o = src.objectives[0]!;
  o.context.area = 'Settore Inesistente';
  expect(heldoutProblems(src)).toEqual([
    `${src.id}: sheet ${o.source.sheet} down to row ${o.source.row} does not print "Settore Inesistente"`,
  ]);
});

checkCommittedFixtures({
  title: 'held-out fixture %s',
  sources,
  gold: heldoutGold,
  nested: true,
  more: (src, gold) => {
    it('holds as many objectives and indicators as its source lists', () => {
      // counted on the source's own nesting, apart from the gold derivation
      const objectives = src.objectives.flatMap((o) => [o, ...o.children]);
      const indicators = objectives.reduce((n, o) => n + o.indicators.length, 0);
      for (const plan of gold().plans) {
        expect({ objectives: plan.objectives.length, indicators: plan.indicators.length }).toEqual({
          objectives: objectives.length,
          indicators,
        });
      }
    });
  },
});
