import { describe, expect, it } from 'vitest';
import { corpusFiles, DEFAULT_FUZZ_SETTINGS, runFuzz, summarize, UNCLEAR_REASON } from '../scripts/fuzz.js';

/** A short, bounded run of the fuzzer (npm run fuzz runs the long one). */
const SHORT_RUN = { count: 25, seconds: 40, workers: 2, documentTimeoutMs: 15_000 };

describe('fuzzing the fixtures', () => {
  it('ends every mutated document as extracted or rejected with a reason: no crash, no hang', { timeout: 120_000 }, async () => {
    const corpus = corpusFiles();
    expect(corpus.length).toBeGreaterThan(0);
    const results = await runFuzz({ ...DEFAULT_FUZZ_SETTINGS, ...SHORT_RUN, seed: 20240131, corpus });
    console.log(summarize(results, 20240131));
    expect(results.length).toBeGreaterThan(0);
    expect(results.filter((r) => r.outcome === 'crash' || r.outcome === 'hang')).toEqual([]);
    for (const r of results.filter((x) => x.outcome === 'rejected')) {
      // a reason names the problem in words, not "undefined" or a parser's TypeError
      const which = `#${r.index} ${r.mutation} of ${r.source}`;
      expect(r.detail, which).toMatch(/[a-z]{3,}.*[a-z]{3,}/i);
      expect(r.detail, which).not.toMatch(UNCLEAR_REASON);
      expect(r.detail, which).not.toMatch(/^(undefined|null|\[object \w+\])$/);
    }
  });
});
