/**
 * Header synonyms: every way plans seen in the wild name the contract's fields
 * (issue 8's list, the seeds' own headers, and their abbreviations) maps to the
 * right role, and prose or numbers in a header row map to nothing.
 */
import { describe, expect, it } from 'vitest';
import { mapHeader } from '../src/families/columns.js';

describe('mapHeader', () => {
  it.each([
    // objectives, with the level where the header names one
    ['Obiettivo', 'objective', undefined],
    ['OBIETTIVI', 'objective', undefined],
    ['Obiettivi di performance', 'objective', 'esecutivo'],
    ['Obiettivo gestionale', 'objective', 'esecutivo'],
    ['Obiettivo operativo', 'objective', 'operativo'],
    ['Obiettivo strategico', 'objective', 'strategico'],
    ['Obiettivo esecutivo: PEG – piano performance', 'objective', 'esecutivo'],
    ['Descrizione obiettivo', 'objective', undefined],
    ['Azione', 'objective', undefined],
    ['Obiettivo di consolidamento e miglioramento quali/quantitativo dei servizi e/o delle attività', 'objective', undefined],
    // indicators
    ['Indicatore', 'indicator', undefined],
    ['Indicatore/i', 'indicator', undefined],
    ['Indicatori per ciascuno degli obiettivi esecutivi', 'indicator', undefined],
    ['KPI', 'indicator', undefined],
    ['Misura', 'indicator', undefined],
    ['Parametro', 'indicator', undefined],
    // targets and deadlines
    ['Target', 'target', undefined],
    ['Target 2022', 'target', undefined],
    ['Valore atteso', 'target', undefined],
    ['Valore atteso 2024', 'target', undefined],
    ['Livello atteso', 'target', undefined],
    ['Risultato atteso', 'target', undefined],
    ['Valore obiettivo', 'target', undefined],
    ['Scadenza', 'deadline', undefined],
    ['Tempistica', 'deadline', undefined],
    ['Termine', 'deadline', undefined],
    ['Previsione scadenza fase', 'deadline', undefined],
    // who, how much, where
    ['Responsabile', 'responsible', undefined],
    ['Responsabile/i', 'responsible', undefined],
    ['Resp. Settore', 'responsible', undefined],
    ['Centro di responsabilità', 'responsible', undefined],
    ['Settore', 'settore', undefined],
    ['Servizio', 'servizio', undefined],
    ['Ufficio', 'servizio', undefined],
    ['Area', 'area', undefined],
    ['Struttura', 'settore', undefined],
    ['Peso', 'weight', undefined],
    ['Peso %', 'weight', undefined],
    ['Pesatura settore', 'weight', undefined],
    ['MISSIONE', 'missione', undefined],
    ['PROGRAMMA', 'programma', undefined],
    ['Fase', 'phase', undefined],
    ['Descrizione fase', 'phase', undefined],
    ['Attività', 'phase', undefined],
    ['Azioni', 'phase', undefined],
    ['Valore di partenza', 'baseline', undefined],
    ['Baseline', 'baseline', undefined],
    ['Valore effettivo: numero effettivo delle attività trattate', 'actual', undefined],
    ['Tipologia di valore', 'type', undefined],
    ['Anno', 'years', undefined],
    ['anni', 'years', undefined],
    ['Annualità', 'years', undefined],
    ['Finalità', 'description', undefined],
    ['N.', 'code', undefined],
  ])('maps "%s" to %s', (header, role, level) => {
    const m = mapHeader(header);
    expect(m?.role).toBe(role);
    expect(m?.level).toBe(level);
  });

  it('keeps a service code apart from the service name', () => {
    expect(mapHeader('Sigla servizio /ufficio')?.role).toBe('ignore');
  });

  it.each(['Formula', 'Valore 2023', '2024'])('maps "%s" to nothing', (header) => {
    expect(mapHeader(header)).toBeNull();
  });
});
