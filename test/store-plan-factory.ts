/**
 * Plans for the store, pipeline and CLI tests: a small three-level missione_table
 * plan with accented Italian text and every kind of target, varied by sha256 and
 * ente so each test can import several distinct documents.
 */
import { createHash } from 'node:crypto';
import type { Plan } from '../src/model/plan.js';

export interface PlanSeed {
  /** any text: the plan's sha256 is its digest */
  content?: string;
  ente?: { name: string | null; istat: string | null };
  years?: number[];
  layout?: Plan['layout'];
  file?: string;
}

export const sha256 = (text: string | Buffer): string => createHash('sha256').update(text).digest('hex');

export function makePlan(seed: PlanSeed = {}): Plan {
  const digest = sha256(seed.content ?? 'plan');
  const missione = { code: 3, name: 'Ordine pubblico e sicurezza' };
  return {
    id: digest.slice(0, 16),
    source: { file: seed.file ?? 'plan.pdf', sha256: digest, format: 'pdf', pages: 3 },
    ente: seed.ente ?? { name: 'Comune di Alzano Lombardo', istat: '016008' },
    title: 'Piano della performance 2023–2025',
    years: seed.years ?? [2023, 2024, 2025],
    layout: seed.layout ?? 'missione_table',
    objectives: [
      {
        id: 'o1', parent: null, level: 'strategico', code: null, title: 'SICUREZZA URBANA', description: null,
        context: { area: 'Area vigilanza', missione, programma: null, theme: 'SICUREZZA', settore: null, servizio: null },
        years: [], responsible: [], weight: null, source: { page: 1 },
      },
      {
        id: 'o2', parent: 'o1', level: 'operativo', code: null, title: 'Potenziare la Videosorveglianza del territorio',
        description: 'Ampliare le attività di controllo delle aree pubbliche',
        context: {
          area: 'Area vigilanza', missione, programma: { code: 1, name: 'Polizia locale e amministrativa' },
          theme: 'SICUREZZA', settore: null, servizio: null,
        },
        years: [], responsible: [], weight: null, source: { page: 1 },
      },
      {
        id: 'o3', parent: 'o2', level: 'esecutivo', code: '1/3', title: 'Installare telecamere presso le scuole comunali',
        description: null,
        context: { area: 'Area vigilanza', missione, programma: null, theme: 'SICUREZZA', settore: 'Polizia Locale', servizio: null },
        years: [2023, 2024], responsible: ['Polizia Locale', 'Ufficio tecnico'], weight: 10, source: { page: 2 },
      },
      {
        id: 'o4', parent: null, level: 'strategico', code: null, title: 'Efficienza della macchina comunale', description: null,
        context: {
          area: 'Area finanziaria', missione: { code: 1, name: 'Servizi istituzionali, generali e di gestione', inferred: true },
          programma: null, theme: null, settore: 'Finanziario', servizio: 'Tributi',
        },
        years: [2023], responsible: ['Finanziario'], weight: null, source: { sheet: 'Obiettivi', row: 12 },
      },
    ],
    indicators: [
      {
        id: 'i1', objective: 'o3', name: 'Telecamere installate (almeno n. 25 servizi mensili)', type: 'numero',
        targets: [
          { raw: 'almeno n. 25 servizi mensili', year: null, kind: 'number', op: '>=', value: 25, date: null, unit: 'servizi mensili' },
          { raw: '2023: Entro il 12/06/2023', year: 2023, kind: 'deadline', op: '<=', value: null, date: '2023-06-12', unit: null },
        ],
        baseline: '10', actual: null, weight: 5, responsible: ['Polizia Locale'], source: { page: 2 },
      },
      {
        id: 'i2', objective: 'o3', name: 'Collaudo impianto di videosorveglianza', type: 'si_no',
        targets: [{ raw: 'Sì', year: null, kind: 'boolean', op: null, value: true, date: null, unit: null }],
        baseline: null, actual: 'No', weight: null, responsible: [], source: { page: 3 },
      },
      {
        id: 'i3', objective: 'o4', name: 'Incasso entrate tributarie/accertamenti (maggiore 50%)', type: 'percentuale',
        targets: [
          { raw: 'maggiore 50%', year: null, kind: 'percent', op: '>', value: 50, date: null, unit: null },
          { raw: 'Entro il 31/12/2024', year: 2024, kind: 'deadline', op: '<=', value: null, date: '2024-12-31', unit: null },
        ],
        baseline: null, actual: null, weight: null, responsible: [], source: { sheet: 'Obiettivi', row: 13 },
      },
    ],
    warnings: ['row 14: target "boh" not understood'],
  };
}
