import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import mammoth from 'mammoth';
import { describe, expect, it } from 'vitest';
import { detectEnte, resolveComune, resolveIstat } from '../src/ente/index.js';

describe('resolveIstat', () => {
  it('resolves names whatever their case, accents and apostrophes', () => {
    expect(resolveIstat('Avella')).toBe('064007');
    expect(resolveIstat('ALZANO LOMBARDO')).toBe('016008');
    expect(resolveIstat('Comune di Alzano Lombardo')).toBe('016008');
    expect(resolveIstat("FORLI'")).toBe(resolveIstat('Forlì'));
    expect(resolveIstat('Forlì')).toBe('040012');
    expect(resolveIstat('Sant’Angelo a Cupolo')).toBe(resolveIstat("Sant'Angelo a Cupolo"));
    expect(resolveIstat("SANT' ANGELO A CUPOLO")).toMatch(/^\d{6}$/);
    expect(resolveIstat('Citta di Cantu')).toBe(resolveIstat('Cantù'));
  });

  it('knows bilingual comuni by either name', () => {
    expect(resolveIstat('Bolzano')).toBe('021008');
    expect(resolveIstat('Bozen')).toBe('021008');
    expect(resolveIstat('Bolzano/Bozen')).toBe('021008');
  });

  it('returns null for unknown names and for shared names without a province', () => {
    expect(resolveIstat('Atlantide')).toBeNull();
    expect(resolveIstat('Castro')).toBeNull();
    expect(resolveIstat('Castro', 'BG')).toBe('016065');
    expect(resolveIstat('Castro', 'Lecce')).toBe('075096');
    expect(resolveComune('Avella')).toMatchObject({ name: 'Avella', province: 'AV', provinceName: 'Avellino' });
  });
});

describe('detectEnte', () => {
  it('reads an upper-case heading and keeps the name as printed', () => {
    expect(detectEnte(['COMUNE DI AVELLA\nProvincia di Avellino', 'Piano della performance 2023']))
      .toEqual({ name: 'COMUNE DI AVELLA', istat: '064007' });
  });

  it('reads a self-introduction and stops at the end of the name', () => {
    expect(detectEnte(['Il Comune di Alzano Lombardo adotta il presente piano.']))
      .toEqual({ name: 'Comune di Alzano Lombardo', istat: '016008' });
    expect(detectEnte(['Comune di Melzo attraverso una selezione con bando pubblico']))
      .toEqual({ name: 'Comune di Melzo', istat: '015142' });
  });

  it('ignores comuni mentioned inside sentences: they are partners, not the issuer', () => {
    expect(detectEnte(['in collaborazione il Comando di Polizia Locale del Comune di Como'])).toBeNull();
    expect(detectEnte(['progetto del Comune di Melzo\ncon il Comune di Melzo'])).toBeNull();
    expect(detectEnte(['sia dal Comune direttamente, sia collaborando'])).toBeNull();
  });

  it('reads "Città di" and a name on the next line', () => {
    expect(detectEnte(["CITTA' DI\nCANTU'\nPiano esecutivo di gestione"])).toEqual({
      name: "CITTA' DI CANTU'", istat: resolveIstat('Cantù'),
    });
    expect(detectEnte(['Città di Pinerolo – Piano della performance'])).toEqual({ name: 'Città di Pinerolo', istat: '001191' });
    expect(detectEnte(["Comune d'Aosta"])).toEqual({ name: "Comune d'Aosta", istat: '007003' });
  });

  it('prefers the issuer repeated in headers over a partner mentioned once', () => {
    const pages = ['Comune di Melzo', ...Array(4).fill('COMUNE DI AVELLA - Piano performance')];
    expect(detectEnte(pages)?.istat).toBe('064007');
    expect(detectEnte(['Comune di Avella', 'Comune di Melzo'])?.istat).toBe('064007');
  });

  it('tells shared names apart by the province the text gives', () => {
    expect(detectEnte(['COMUNE DI CASTRO (BG)'])).toEqual({ name: 'COMUNE DI CASTRO', istat: '016065' });
    expect(detectEnte(['Comune di Castro', 'Provincia di Lecce'])?.istat).toBe('075096');
    expect(detectEnte(['Comune di Castro'])).toEqual({ name: 'Comune di Castro', istat: null });
  });

  it('returns null when no phrase names a real comune', () => {
    expect(detectEnte(['Unione dei Comuni della Valle', 'Comune di Atlantide', ''])).toBeNull();
    expect(detectEnte([])).toBeNull();
  });
});

describe('detectEnte on the bundled fixtures', () => {
  const corpus = join(import.meta.dirname, '..', 'fixtures', 'corpus');
  const fixtures = existsSync(corpus)
    ? readdirSync(corpus).filter((d) => readdirSync(join(corpus, d)).some((f) => f.endsWith('.docx')))
    : [];

  it.skipIf(fixtures.length === 0)('finds the ente the gold names, from the DOCX text', async () => {
    for (const fixture of fixtures) {
      const dir = join(corpus, fixture);
      const docx = readdirSync(dir).find((f) => f.endsWith('.docx')) ?? '';
      const gold = JSON.parse(readFileSync(join(dir, 'gold.json'), 'utf8')) as { plans: { ente: unknown }[] };
      const { value } = await mammoth.extractRawText({ path: join(dir, docx) });
      const ente = detectEnte([value]) ?? { name: null, istat: null };
      expect({ fixture, ente }).toEqual({ fixture, ente: gold.plans[0]?.ente });
    }
  });
});
