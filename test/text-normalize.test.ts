import { describe, expect, it } from 'vitest';
import { foldForMatch } from '../src/text/normalize.js';

describe('foldForMatch', () => {
  it('folds case, accents and spaces alike in plain ASCII and in accented text', () => {
    expect(foldForMatch('  ATTIVITA   Produttive\t')).toBe('attivita produttive');
    expect(foldForMatch('ATTIVITÀ  Produttive')).toBe('attivita produttive');
    expect(foldForMatch('Città di Forlì')).toBe('citta di forli');
  });

  it('unifies quotes and dashes, the ASCII backtick included', () => {
    expect(foldForMatch('dell’ente')).toBe("dell'ente");
    expect(foldForMatch('dell`ente')).toBe("dell'ente");
    expect(foldForMatch('«Piano» – “PIAO”')).toBe('"piano" - "piao"');
    expect(foldForMatch('2023—2025 − 1')).toBe('2023-2025 - 1');
  });

  it('decomposes compatibility characters and treats no-break spaces as spaces', () => {
    expect(foldForMatch('ﬁne\u00a0anno')).toBe('fine anno');
    expect(foldForMatch('n°\u202f3')).toBe('n° 3');
  });
});
