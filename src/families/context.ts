/**
 * Plans give an objective its place through headings and context columns: an area
 * heading ("Area tecnica – OBIETTIVI PERFORMANCE 2023"), a Missione heading
 * ("MISSIONE 1 – Servizi istituzionali …"), a thematic heading ("Legalità"), or a
 * Missione / Programma cell ("01 SERVIZI ISTITUZIONALI, GENERALI E DI GESTIONE",
 * "03 - Gestione economica, …"). This module reads those texts into the contract's
 * context fields.
 */
import type { CodeName, Context } from '../model/plan.js';
import { emptyContext } from '../model/plan.js';

/** The context a section of the document sets for the tables under it. */
export type SectionContext = Pick<Context, 'area' | 'missione' | 'programma' | 'theme'>;

export const emptySection = (): SectionContext => {
  const { area, missione, programma, theme } = emptyContext();
  return { area, missione, programma, theme };
};

const MISSIONE_HEADING = /^missione\s*n?\.?\s*(\d{1,2})(?:[.:](\d{1,2}))?\s*[-–—:.]?\s*(.*)$/i;
const PROGRAMMA_HEADING = /^programma\s*n?\.?\s*(\d{1,2})\s*[-–—:.]?\s*(.*)$/i;
const CODED_NAME = /^(\d{1,2})(?:[.:](\d{1,2}))?\s*[-–—:.]?\s+(\S.*)$/;
const AREA_HEADING = /^(area|settore|servizio|direzione|dipartimento)\b/i;
/** Letterhead lines ("COMUNE DI AVELLA", "Provincia di Bergamo") are set in bold but head nothing. */
const ENTE_LINE = /^(comune|citt[aà]|provincia|unione|regione|ente)\b/i;
const SECTION_NUMBER = /^(?:\d+(?:\.\d+)*\.?|[IVX]+\.)\s+\S/;
const PLAN_WORDS = /\b(obiettiv\w*|piano|performance|peg|piao|sezione|allegato)\b/i;
const UNIT_BEFORE_PLAN_WORDS = /^(.{3,80}?)\s+[-–—]\s+(?:obiettiv\w*|piano)\b/i;
const PERFORMANCE_TAIL = /\s*[-–—:]\s*(obiett\w*|piano|performance)\b.*$/i;

const clean = (s: string | undefined): string | null => {
  const t = (s ?? '').replace(/\s+/g, ' ').trim();
  return t ? t : null;
};

/** "MISSIONE 5 - Tutela …" → {code: 5, name: "Tutela …"} */
export function parseMissioneHeading(text: string): { missione: CodeName; programma: CodeName | null } | null {
  const m = MISSIONE_HEADING.exec(text.trim());
  if (!m) return null;
  const missione = { code: Number(m[1]), name: m[2] ? null : clean(m[3]) };
  const programma = m[2] ? { code: Number(m[2]), name: clean(m[3]) } : null;
  return { missione, programma };
}

/** A Missione or Programma cell: "01 SERVIZI ISTITUZIONALI…", "03 - Gestione economica…", "Missione 4 …", or a bare name. */
export function parseCodedName(text: string, kind: 'missione' | 'programma'): CodeName | null {
  const t = text.trim();
  if (!t) return null;
  if (kind === 'missione') {
    const h = parseMissioneHeading(t);
    if (h) return h.missione;
  } else {
    const p = PROGRAMMA_HEADING.exec(t);
    if (p) return { code: Number(p[1]), name: clean(p[2]) };
  }
  const m = CODED_NAME.exec(t);
  if (m) return { code: Number(m[2] ?? m[1]), name: clean(m[3]) };
  if (/^\d{1,2}$/.test(t)) return { code: Number(t), name: null };
  return { code: null, name: t };
}

const MISSIONE_PREFIX = /^missione\s*n?\.?\s*(\d{1,2})(?:[.:](\d{1,2}))?\s*:?\s*([^:\-–]+?)\s*[:\-–]/i;

/**
 * Objectives that name their Missione in front of their title ("Missione 04:
 * istruzione e diritto allo studio - Esecuzione lavori …", "MISSIONE 01:10 RISORSE
 * UMANE: …"): the Missione, and the Programma when a second number follows.
 */
export function parseMissionePrefix(title: string): { missione: CodeName; programma: CodeName | null } | null {
  const m = MISSIONE_PREFIX.exec(title);
  if (!m) return null;
  const name = clean(m[3]);
  return m[2]
    ? { missione: { code: Number(m[1]), name: null }, programma: { code: Number(m[2]), name } }
    : { missione: { code: Number(m[1]), name }, programma: null };
}

export type HeadingMeaning =
  | { kind: 'missione'; missione: CodeName; programma: CodeName | null }
  | { kind: 'area'; area: string }
  | { kind: 'theme'; theme: string };

/** Headings longer than this are prose, not section titles. */
const MAX_HEADING_CHARS = 140;

export function classifyHeading(text: string): HeadingMeaning | null {
  const t = text.replace(/\s+/g, ' ').trim();
  if (!t || t.length > MAX_HEADING_CHARS) return null;
  const m = parseMissioneHeading(t);
  if (m) return { kind: 'missione', ...m };
  if (AREA_HEADING.test(t)) return { kind: 'area', area: t.replace(PERFORMANCE_TAIL, '').trim() || t };
  // "Servizi demografici – OBIETTIVI 2023": a unit named before the plan words.
  const unit = UNIT_BEFORE_PLAN_WORDS.exec(t);
  if (unit && !PLAN_WORDS.test(unit[1]!)) return { kind: 'area', area: unit[1]!.trim() };
  // Headings about the plan itself ("Obiettivi di performance per Missione") and numbered
  // document sections ("2. Azioni di miglioramento") are no theme of the objectives below.
  if (PLAN_WORDS.test(t) || SECTION_NUMBER.test(t) || ENTE_LINE.test(t)) return null;
  return { kind: 'theme', theme: t };
}

/** Applies a heading to the running section context: an area resets what lies below it. */
export function applyHeading(ctx: SectionContext, h: HeadingMeaning): SectionContext {
  switch (h.kind) {
    case 'area':
      return { area: h.area, missione: null, programma: null, theme: null };
    case 'missione':
      return { ...ctx, missione: h.missione, programma: h.programma, theme: null };
    case 'theme':
      return { ...ctx, theme: h.theme };
  }
}
