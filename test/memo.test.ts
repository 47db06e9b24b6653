import { describe, expect, it } from 'vitest';
import { wordMemo } from '../src/text/memo.js';

describe('wordMemo', () => {
  it('computes a word once while it is remembered, and never holds more than its limit', () => {
    const computed: string[] = [];
    const upper = wordMemo(3, (w) => {
      computed.push(w);
      return w.toUpperCase();
    });
    expect(['a', 'b', 'a', 'c', 'b'].map(upper)).toEqual(['A', 'B', 'A', 'C', 'B']);
    expect(computed).toEqual(['a', 'b', 'c']);
    // A fourth word finds the memory full: it starts again, so "a" is computed anew.
    expect(upper('d')).toBe('D');
    expect(upper('a')).toBe('A');
    expect(computed).toEqual(['a', 'b', 'c', 'd', 'a']);
  });

  it('remembers falsy answers too', () => {
    let calls = 0;
    const known = wordMemo(10, () => {
      calls++;
      return false;
    });
    known('x');
    known('x');
    expect(calls).toBe(1);
  });
});
