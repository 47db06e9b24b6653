/**
 * Rejoining words that a layout broke across lines, on texts as a reader hands them
 * over ("\n" where a line ended, a space before it where the reader knows no word
 * was broken). The cases are the breaks the seed plans and their LibreOffice
 * renderings actually show.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { DocumentModel, Table } from '../src/document/model.js';
import { hunspellLexicon, italianLexicon, type Lexicon } from '../src/layout/lexicon.js';
import { rejoinWithLexicon } from '../src/layout/rejoin.js';

const source = { file: 't.pdf', sha256: '0', format: 'pdf' as const, pages: 1 };

function modelOf(texts: string[], extra: string[] = []): DocumentModel {
  return {
    source,
    warnings: [],
    blocks: [...texts, ...extra].map((text) => ({ kind: 'paragraph' as const, text, bullet: false, provenance: {} })),
  };
}

let italian: Lexicon;
let loadMs: number;
beforeAll(async () => {
  const t = performance.now();
  italian = await italianLexicon();
  loadMs = performance.now() - t;
});

/** `texts` rejoined, each with the document's other texts as its vocabulary. */
const rejoin = (texts: string[], extra: string[] = []) =>
  rejoinWithLexicon(modelOf(texts, extra), italian)
    .blocks.slice(0, texts.length)
    .map((b) => (b as { text: string }).text);

describe('words broken between letters', () => {
  it('rejoins a word the dictionary knows when the head is not a word', () => {
    expect(rejoin(['Monitoraggio dei sistemi di\nvideosorveglianz\na', 'Contestazion\ne di tutti i\ntransiti non a\nnorma', 'Regolare\nfunzionament\no\ndell’impianto'])).toEqual([
      'Monitoraggio dei sistemi di videosorveglianza',
      'Contestazione di tutti i transiti non a norma',
      'Regolare funzionamento dell’impianto',
    ]);
  });

  it('rejoins after an elided article, inside a slash pair, and in capitals', () => {
    expect(rejoin(['Promozione dell’interculturalit\nà', 'Incasso entrate\ntributarie/accertam\nenti', 'ANTINCENDIO, EFFICIENTAMENT\nO ENERGETICO'])).toEqual([
      'Promozione dell’interculturalità',
      'Incasso entrate tributarie/accertamenti',
      'ANTINCENDIO, EFFICIENTAMENTO ENERGETICO',
    ]);
  });

  it('rejoins a word the dictionary lacks when a consonant-final fragment meets a lone vowel', () => {
    expect(rejoin(['contrattualizzazion\ne dei fornitori'])).toEqual(['contrattualizzazione dei fornitori']);
    // Acronyms are too short to be taken for a cut word.
    expect(rejoin(['FONDI PNRR\nE RISORSE'])).toEqual(['FONDI PNRR E RISORSE']);
  });

  it('keeps two words apart when both are words, unless the document prints the joined word', () => {
    expect(rejoin(['Bando per\ni commercianti', 'interventi ordinari\na carico', 'Monitoraggi\no dei sistemi'])).toEqual([
      'Bando per i commercianti',
      'interventi ordinari a carico',
      'Monitoraggi o dei sistemi',
    ]);
    expect(rejoin(['Monitoraggi\no dei sistemi'], ['Monitoraggio del territorio'])).toEqual(['Monitoraggio dei sistemi']);
  });

  it('trusts a reader that marks a line as not ending in a broken word', () => {
    expect(rejoin(['sistema di videosorveglianz \na'])).toEqual(['sistema di videosorveglianz a']);
  });

  it('glues punctuation that the break left at the start of a line', () => {
    expect(rejoin(['servizi connessi (manutenzioni\n, segnaletica, parcheggi)', 'Fondo non autosufficienza, .\n.)'])).toEqual([
      'servizi connessi (manutenzioni, segnaletica, parcheggi)',
      'Fondo non autosufficienza, ..)',
    ]);
  });
});

describe('printed hyphens, slashes and dashes at a line end', () => {
  it('keeps compounds whole', () => {
    expect(
      rejoin(['invio e-\nmail', 'co-\nprogettazione', 'rendicontazione economica-\nfinanziaria', 'Tavolo di Co-\nprogrammazione', 'migrazione i-\nCloud Gestionale GES-\nNET', 'Area Economico- \nFinanziaria']),
    ).toEqual([
      'invio e-mail',
      'co-progettazione',
      'rendicontazione economica-finanziaria',
      'Tavolo di Co-programmazione',
      'migrazione i-Cloud Gestionale GES-NET',
      'Area Economico-Finanziaria',
    ]);
  });

  it('keeps the space typed after a hyphen before a capital or after a name', () => {
    expect(rejoin(['urbanistica-edilizia privata-\nSUAP', 'Riqualificazione della via Garibaldi-\nparcheggio', 'annualità precedenti-\nAdozione'])).toEqual([
      'urbanistica-edilizia privata- SUAP',
      'Riqualificazione della via Garibaldi- parcheggio',
      'annualità precedenti- Adozione',
    ]);
  });

  it('glues a short alternation or a code after a slash, and keeps a typed space before a word', () => {
    expect(rejoin(['Responsabile/\ni', 'TRASV/\nSTRAT / PLUR', 'ore effettuate/\nn° utenti', 'n. pratiche istruite/\nn. pratiche presentate'])).toEqual([
      'Responsabile/i',
      'TRASV/STRAT / PLUR',
      'ore effettuate/ n° utenti',
      'n. pratiche istruite/ n. pratiche presentate',
    ]);
  });

  it('writes a list dash after ":" or ";" as the same text does elsewhere', () => {
    expect(rejoin(['smart pa: -\nDomanda trasporto salma', 'on -line: -incompletezza dei campi; -\nchiusura in automatico'])).toEqual([
      'smart pa: -Domanda trasporto salma',
      'on -line: -incompletezza dei campi; -chiusura in automatico',
    ]);
    expect(rejoin(['mediante: -\nmonitoraggio delle condizioni; - spargimento sale'])).toEqual([
      'mediante: - monitoraggio delle condizioni; - spargimento sale',
    ]);
  });
});

describe('the transform over a document model', () => {
  it('rewrites headings, paragraphs, table columns and cell items, and nothing else', () => {
    const table: Table = {
      kind: 'table',
      columns: ['Pes\no', 'Responsabile/\ni'],
      headerRows: 1,
      rows: [
        {
          cells: [
            { rowSpan: 1, colSpan: 1, items: [{ text: 'videosorveglianz\na', bullet: true, top: 3 }], provenance: { page: 2 } },
            null,
          ],
          provenance: { page: 2 },
        },
      ],
      pages: [2],
      provenance: { page: 2 },
    };
    const model: DocumentModel = {
      source,
      warnings: ['w'],
      blocks: [{ kind: 'heading', text: 'MISSIONE 1 –\nServizi istituzionali', level: 2, provenance: { page: 1 } }, table],
    };
    const out = rejoinWithLexicon(model, italian);
    expect(out.blocks[0]).toMatchObject({ kind: 'heading', text: 'MISSIONE 1 – Servizi istituzionali', level: 2 });
    const t = out.blocks[1] as Table;
    expect(t.columns).toEqual(['Peso', 'Responsabile/i']);
    expect(t.rows[0]!.cells[0]!.items).toEqual([{ text: 'videosorveglianza', bullet: true, top: 3 }]);
    expect(t.rows[0]!.cells[1]).toBeNull();
    expect(out.warnings).toEqual(['w']);
    expect((model.blocks[0] as { text: string }).text).toContain('\n');
  });

  it('collapses runs of white space and trims', () => {
    expect(rejoin(['  Gestione   dei\n servizi  '])).toEqual(['Gestione dei servizi']);
  });
});

describe('the Italian lexicon', () => {
  it('loads in a fraction of a second (nspell needs minutes), without expanding the dictionary', () => {
    expect(loadMs).toBeLessThan(1500);
  });

  it('knows inflected and elided forms through the affix rules, and not fragments', () => {
    for (const w of ['videosorveglianza', 'Contestazione', 'impianto', 'monitoraggi', 'dell’impianto', 'l\'impianto', 'VIDEOSORVEGLIANZA', 'Peso']) {
      expect(italian.has(w), w).toBe(true);
    }
    for (const w of ['videosorveglianz', 'Contestazion', 'funzionament', 'nto', 'impiant']) expect(italian.has(w), w).toBe(false);
  });

  it('strips suffixes and prefixes with their conditions, and their cross product', () => {
    const aff = ['SFX A Y 2', 'SFX A are o [^c]are', 'SFX A are hi care', 'PFX T Y 1', "PFX T 0 l' [aeiou]", 'SFX B N 1', 'SFX B 0 s .'].join('\n');
    const lex = hunspellLexicon(aff, ['3', 'parlare/AT', 'cercare/A', 'tavolo/B'].join('\n'));
    expect(['parlare', 'parlo', 'cerchi', "l'ordine", 'tavolos'].map((w) => lex.has(w))).toEqual([true, true, true, false, true]);
    expect(lex.has('carco')).toBe(false);
    expect(hunspellLexicon(aff, ['1', 'amare/AT'].join('\n')).has("l'amo")).toBe(true);
  });
});
