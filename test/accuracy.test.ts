/**
 * The accuracy ratchet: every fixture document is extracted and scored against its
 * hand-made gold; no figure may fall below the level recorded in
 * test/accuracy-ratchet.json (raised with `npm run accuracy -- --update-ratchet`).
 */
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { figuresOf, scoreCorpus, type DocumentScore } from '../src/accuracy/corpus.js';

const ratchet = JSON.parse(readFileSync('test/accuracy-ratchet.json', 'utf8')) as Record<string, Record<string, number>>;
let rows: DocumentScore[] = [];

beforeAll(async () => {
  rows = await scoreCorpus();
}, 600_000);

describe('accuracy on the fixture corpus', () => {
  it('scores every document that has a ratchet entry', () => {
    const scored = new Set(rows.map((r) => r.file));
    expect(Object.keys(ratchet).filter((f) => !scored.has(f))).toEqual([]);
  });

  it('extracts every document without an error', () => {
    expect(rows.filter((r) => r.error).map((r) => `${r.file}: ${r.error}`)).toEqual([]);
  });

  it('never falls below the ratchet', () => {
    const drops: string[] = [];
    for (const r of rows) {
      if (!r.scores) continue;
      const now = figuresOf(r.scores);
      for (const [metric, floor] of Object.entries(ratchet[r.file] ?? {})) {
        const value = now[metric] ?? 0;
        if (value + 1e-9 < floor) drops.push(`${r.file} ${metric}: ${value} < ${floor}`);
      }
    }
    expect(drops).toEqual([]);
  });

  it('finds no objectives in the documents that hold none, and says why', () => {
    const empty = rows.filter((r) => r.scores && r.scores.objectives.gold === 0);
    expect(empty.length).toBeGreaterThan(0);
    for (const r of empty) {
      expect(r.extracted!.objectives, r.file).toEqual([]);
      expect(r.extracted!.warnings.some((w) => w.startsWith('no objectives found:')), r.file).toBe(true);
    }
  });
});
