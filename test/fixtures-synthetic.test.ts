/**
 * The synthetic fixtures (`fixtures/build/synthetic/`): every committed `gold.json`
 * follows the contract, describes the files beside it, is still what its hand-written
 * source says, and quotes only texts the document prints (the checks themselves are
 * shared with the held-out fixtures, in `fixtures-check.ts`). Reads committed files
 * only, so LibreOffice is not needed.
 */
import { expect, it } from 'vitest';
import { syntheticGold } from '../fixtures/build/synthetic/gold.js';
import { loadSyntheticSources } from '../fixtures/build/synthetic/schema.js';
import { checkCommittedFixtures, checkTyposNoticed } from './fixtures-check.js';

const sources = loadSyntheticSources();

const REQUIRED = [
  's01-missione-programma',
  's02-schede-obiettivo',
  's03-generic-kpi',
  's04-delibera',
  's05-indicatori-bilancio',
  's06-piao-rinvio',
  's07-piao-doppio',
  's08-xlsx-generic',
];

it('has a source for every required synthetic shape', () => {
  expect(sources.map((s) => s.id)).toEqual(expect.arrayContaining(REQUIRED));
});

checkTyposNoticed(sources, syntheticGold);

checkCommittedFixtures({ title: 'synthetic fixture %s', sources, gold: syntheticGold });
