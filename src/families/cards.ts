/**
 * Many comuni describe each objective in a card rather than a table row: a box
 * headed "DESCRIZIONE OBIETTIVO 1", "OBIETTIVO N. 2" or "Scheda obiettivo 3", the
 * responsible office named above or inside it ("RESPONSABILE: …"), the service it
 * belongs to as a numbered heading ("1 - SERVIZI GENERALI …"), a description, a
 * target in prose ("Target: valori non superiori a 0") and a phase table
 * (Descrizione fase | Previsione scadenza fase) whose phases are the indicators.
 * Boxes come as paragraphs or as one- and two-column tables; this recognizer reads
 * both as one stream of lines.
 */
import { cellText, type Block, type DocumentModel, type Table } from '../document/model.js';
import { emptyContext } from '../model/plan.js';
import { normalizeSpace } from '../text/normalize.js';
import { parseWeight, parseYears } from './cell-values.js';
import { mapHeader } from './columns.js';
import { newIndicator, type IndicatorDraft, type ObjectiveDraft } from './draft.js';

/** A card heading: the label and its number, with or without a title after it. */
const CARD_HEADING =
  /^(?:descrizione\s+(?:dell['’]\s*)?obiettivo|scheda\s+(?:obiettivo|n\.?)|obiettivo\s+(?:n\.?|nr\.?|n°|numero)|obiettivo(?=\s+\d))\s*(\d+(?:[.\/]\d+)*)\s*[-–:.)]?\s*(.*)$/i;
const RESPONSIBLE_LINE = /^(responsabil[ei]|referent[ei]|dirigent[ei])(?:\s+(?:dell['’]\s*)?obiettivo|\s+del\s+servizio|\s+di\s+(?:area|settore|servizio))?\s*[:\-–]?\s+(.+)$/i;
/** A plural label ("RESPONSABILI: Arch. Rossi, Geom. Bianchi") introduces a list. */
const PLURAL_LABEL = /[ie]$/i;
const LIST_SEPARATOR = /\s*[,;]\s*|\s+e\s+(?=\p{Lu})/u;
const YEARS_LINE = /^(?:annualit[aà]|anni|anno|periodo|triennio)(?:\s+di\s+riferimento)?\s*[:\-–]\s*(.+)$/i;
/** "1 - SERVIZI GENERALI …" anywhere; "1. Servizi demografici" only when set as a heading. */
const SERVICE_HEADING = /^\d{1,2}\s*[-–.)]\s+(?=\p{Lu}{3})(.+)$/u;
const SERVICE_HEADING_LINE = /^\d{1,2}\s*[-–.)]\s+(?=\p{Lu})(.+)$/u;
const TARGET_LINE = /^(?:target|risultato atteso|valore atteso|livello atteso)\s*[:\-–]\s*(.+)$/i;
const INDICATOR_LINE = /^(?:indicatore|indicatori|kpi)\s*(?:di\s+risultato)?\s*[:\-–]\s*(.+)$/i;
const WEIGHT_LINE = /^(?:peso|pesatura)(?:\s+(?:obiettivo|dell['’]\s*obiettivo|attribuito|ponderale))?\s*(?:%|\(%\))?\s*[:\-–]?\s*(.+)$/i;
const DESCRIPTION_LINE = /^(?:descrizione|finalit[aà]|obiettivo)\s*[:\-–]\s*(.+)$/i;
const FIELD_LABEL = /^[\p{L} ]{3,40}:\s*$/u;

interface Line {
  text: string;
  /** set as a heading (outline style, or bold and short) */
  heading?: boolean;
  /** the block the line came from, for tables that carry phases */
  table?: Table;
}

/** Header texts a table may carry: folded into `columns` by the PDF reader, or its first rows. */
function headerCandidates(t: Table): string[][] {
  const rows = t.rows.slice(0, 2).map((r) => r.cells.map((c) => cellText(c)));
  return t.columns.length > 0 ? [t.columns, ...rows] : rows;
}

/**
 * A phase table: one column of phases or activities and one of deadlines. `header`
 * is the index of the last row that is not a phase (-1 when the header is in `columns`).
 */
function phaseColumns(t: Table): { phase: number; deadline: number; header: number } | null {
  const offset = t.columns.length > 0 ? 1 : 0;
  const candidates = headerCandidates(t);
  for (let r = 0; r < candidates.length; r++) {
    const texts = candidates[r]!;
    const roles = texts.map((x) => (x ? mapHeader(x)?.role : undefined));
    const phase = roles.findIndex((x) => x === 'phase' || x === 'indicator');
    const deadline = roles.findIndex((x) => x === 'deadline' || x === 'target');
    if (phase >= 0 && deadline >= 0) return { phase, deadline, header: r - offset };
  }
  return null;
}

function linesOf(blocks: Block[], isPlanTable: (t: Table) => boolean): Line[] {
  const out: Line[] = [];
  for (const b of blocks) {
    if (b.kind !== 'table') {
      out.push({ text: b.text, heading: b.kind === 'heading' || Boolean(b.bold) });
      continue;
    }
    if (isPlanTable(b)) continue;
    if (phaseColumns(b)) {
      out.push({ text: '', table: b });
      continue;
    }
    // A box: each row is a line; a label cell and a value cell read as "label: value", one line per
    // paragraph of the value ("Indicatori" over three paragraphs is three indicators).
    const rows: string[][][] = [
      ...(b.columns.length > 0 ? [b.columns.map((c) => [c])] : []),
      ...b.rows.map((r) => r.cells.map((c) => (c ? c.items.map((i) => i.text) : []))),
    ];
    for (const cells of rows) {
      const filled = cells.filter((c) => c.length > 0);
      const label = filled[0]?.join(' ') ?? '';
      if (filled.length === 2 && CARD_HEADING.test(label)) {
        out.push({ text: `${label} ${filled[1]!.join(' ')}` });
      } else if (filled.length === 2 && label.length <= 40 && !label.endsWith(':')) {
        for (const p of filled[1]!) out.push({ text: `${label}: ${p}` });
      } else {
        for (const c of filled) for (const p of c) out.push({ text: p });
      }
    }
  }
  return out.map((l) => ({ ...l, text: normalizeSpace(l.text) }));
}

export interface CardReading {
  objectives: ObjectiveDraft[];
  indicators: IndicatorDraft[];
}

/** `isPlanTable` tells the tables another recognizer already read, so their rows are not read again as cards. */
export function readCards(doc: DocumentModel, isPlanTable: (t: Table) => boolean): CardReading {
  const objectives: ObjectiveDraft[] = [];
  const indicators: IndicatorDraft[] = [];
  let service: string | null = null;
  let responsible: string[] = [];
  let card: ObjectiveDraft | null = null;
  let awaitingTitle = false;
  let pendingLabel: string | null = null;
  // A target goes to the card's first indicator still without one: "Indicatore: … / Target: …" pairs and
  // a box listing its indicators, then their values in the same order, read alike.
  const indicatorForTarget = (o: ObjectiveDraft): IndicatorDraft | undefined => {
    const own = indicators.filter((i) => i.objective === o);
    return own.find((i) => i.targetTexts.length === 0) ?? own.at(-1);
  };
  let lastWasResponsible = false;

  for (const line of linesOf(doc.blocks, isPlanTable)) {
    if (line.table) {
      if (!card) continue;
      const cols = phaseColumns(line.table)!;
      for (const row of line.table.rows.slice(cols.header + 1)) {
        const name = cellText(row.cells[cols.phase]);
        if (!name) continue;
        const ind = newIndicator(card, name, card.source);
        const deadline = cellText(row.cells[cols.deadline]);
        if (deadline) ind.targetTexts.push({ text: deadline, hint: 'data' });
        indicators.push(ind);
      }
      continue;
    }
    const text: string = pendingLabel ? `${pendingLabel} ${line.text}` : line.text;
    pendingLabel = null;
    if (!text) continue;
    if (FIELD_LABEL.test(text)) {
      pendingLabel = text;
      continue;
    }
    const heading = CARD_HEADING.exec(text);
    if (heading) {
      card = {
        parent: null,
        level: 'esecutivo',
        code: heading[1]!,
        title: heading[2] ? heading[2] : '',
        description: null,
        context: { ...emptyContext(), servizio: service },
        years: [],
        responsible: [...responsible],
        weight: null,
        source: {},
      };
      awaitingTitle = !heading[2];
      objectives.push(card);
      continue;
    }
    const svc = SERVICE_HEADING.exec(text) ?? (line.heading ? SERVICE_HEADING_LINE.exec(text) : null);
    if (svc && !card?.title.startsWith(text)) {
      service = normalizeSpace(svc[1]!);
      responsible = [];
      card = null;
      continue;
    }
    const resp = RESPONSIBLE_LINE.exec(text);
    const continuesResponsible = lastWasResponsible;
    lastWasResponsible = Boolean(resp);
    if (resp) {
      const value = normalizeSpace(resp[2]!);
      const who = PLURAL_LABEL.test(resp[1]!) ? value.split(LIST_SEPARATOR).filter(Boolean) : [value];
      // Consecutive responsible lines (a box cell with one name per paragraph) add up.
      if (card && !awaitingTitle) card.responsible = continuesResponsible ? [...card.responsible, ...who] : who;
      else responsible = continuesResponsible ? [...responsible, ...who] : who;
      continue;
    }
    if (!card) continue;
    const target = TARGET_LINE.exec(text);
    const indicator = INDICATOR_LINE.exec(text);
    const weight = WEIGHT_LINE.exec(text);
    const years = YEARS_LINE.exec(text);
    const desc = DESCRIPTION_LINE.exec(text);
    if (awaitingTitle) {
      card.title = desc ? desc[1]! : text;
      awaitingTitle = false;
    } else if (indicator) {
      indicators.push(newIndicator(card, indicator[1]!, card.source));
    } else if (target) {
      const ind = indicatorForTarget(card) ?? newIndicator(card, card.title, card.source);
      if (!indicators.includes(ind)) indicators.push(ind);
      ind.targetTexts.push({ text: target[1]!, hint: null });
    } else if (years && parseYears(years[1]!).length > 0) {
      card.years = parseYears(years[1]!);
    } else if (weight && parseWeight(weight[1]!) !== null) {
      card.weight = parseWeight(weight[1]!);
    } else if (desc || !card.description) {
      card.description = card.description ? `${card.description} ${desc ? desc[1] : text}` : desc ? desc[1]! : text;
    }
  }
  return { objectives: objectives.filter((o) => o.title), indicators: indicators.filter((i) => i.objective.title) };
}
