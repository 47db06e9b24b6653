/**
 * Documents named like plans often hold none: the resolution that approves the
 * plan, the budget's "Piano degli indicatori di bilancio", a PIAO section that only
 * points to the PEG. When no objective is found, the plan says which of these it
 * looks like, so an analyst can tell a wrong download from a layout we missed.
 */
import { cellText, type DocumentModel } from '../document/model.js';

/** Enough text to recognise the kind of document: its first pages. */
const TEXT_SAMPLE_CHARS = 20_000;

interface Kind {
  test: RegExp;
  reason: string;
}

const KINDS: Kind[] = [
  {
    test: /piano degli indicatori(?: e dei risultati attesi)? di bilancio|indicatori (sintetici|analitici) di bilancio/i,
    reason: 'a budget indicator table (Piano degli indicatori di bilancio): financial ratios, not performance objectives',
  },
  {
    test: /\b(si rinvia|si rimanda|rinvio a|rinvia al|rimanda al)\b/i,
    reason: 'the document refers to other acts (PEG, DUP, resolutions) for its objectives instead of listing them',
  },
  {
    test: /\bdeliberazione (della|del) (giunta|consiglio)|\bverbale di deliberazione|\b(la giunta|il consiglio) comunale\b[\s\S]{0,2000}\bdelibera\b/i,
    reason: 'a resolution (deliberazione) that approves or mentions a plan without listing its objectives',
  },
];

export function whyNoObjectives(doc: DocumentModel): string {
  const parts: string[] = [];
  let size = 0;
  for (const b of doc.blocks) {
    const text = b.kind === 'table' ? b.rows.flatMap((r) => r.cells.map((c) => cellText(c))).join(' ') : b.text;
    parts.push(text);
    size += text.length;
    if (size > TEXT_SAMPLE_CHARS) break;
  }
  const sample = parts.join('\n');
  if (!sample.trim()) return 'no objectives found: the document has no text';
  const kind = KINDS.find((k) => k.test.test(sample));
  if (kind) return `no objectives found: ${kind.reason}`;
  const hasTables = doc.blocks.some((b) => b.kind === 'table');
  return hasTables
    ? 'no objectives found: no table has an objective column and no objective cards were recognised (not a plan, or a layout not yet supported)'
    : 'no objectives found: the document has no tables and no objective cards (not a plan, or a layout not yet supported)';
}
