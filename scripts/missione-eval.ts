/**
 * The Missione classifier learns from objectives whose Missione the plan states, and
 * its accuracy must be measured on plans it did not learn from. This script builds
 * the committed training set `src/missioni/training-set.json` from the fixture
 * sources (the only plans whose Missioni are transcribed by hand) and runs the
 * held-out evaluation that the README quotes.
 *
 *   npx tsx scripts/missione-eval.ts           rebuild the training set, then evaluate it
 *   npx tsx scripts/missione-eval.ts --check   evaluate; fail if the committed set is stale
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { MissionePlanSource, SpreadsheetPlanSource } from '../fixtures/build/source-schema.js';
import { loadSyntheticSources } from '../fixtures/build/synthetic/schema.js';
import { TRAINING_SET_URL, TrainingSet, type TrainingItem } from '../src/missioni/classifier.js';
import { evaluateByPlan, formatEvaluation } from '../src/missioni/evaluate.js';
import { normalizeSpace } from '../src/text/normalize.js';

/** Bump when the rules below change what the set holds: a quoted figure names the set it was measured on. */
const TRAINING_SET_VERSION = 1;

const SOURCES = new URL('../fixtures/sources/', import.meta.url);
const readSource = (name: string): unknown => JSON.parse(readFileSync(new URL(name, SOURCES), 'utf8'));

/**
 * Seed 000: every title and Finalità paragraph inside a table under a "MISSIONE n"
 * heading carries that Missione (the Polizia Locale tables have no heading: skipped).
 */
function fromMissioneTables(): TrainingItem[] {
  const source = MissionePlanSource.parse(readSource('000-missione-table.json'));
  const plan = source.seed.slice(0, 3);
  return source.sections.flatMap((section) =>
    section.tables.flatMap((table) => {
      const code = table.missione?.code;
      if (code === undefined || code === null) return [];
      const operativi = [...table.strategici.flatMap((s) => s.operativi), ...table.operativi];
      const texts = [
        ...table.strategici.map((s) => s.title),
        ...operativi.flatMap((o) => [o.title, ...o.finalita]),
        ...operativi.flatMap((o) => o.rows.flatMap((r) => r.esecutivi.map((e) => e.title))),
      ];
      return texts.map((text) => ({ plan, missione: code, text }));
    }),
  );
}

/**
 * "Missione 04: istruzione e diritto allo studio - Esecuzione lavori …", "MISSIONE
 * 01:10 RISORSE UMANE: Attuazione …": the label that states the Missione, up to the
 * Missione or Programma name the row annotates, and the separator after it.
 */
const missioneLabel = (name: string): RegExp => {
  const literal = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`^\\s*missione\\s*[\\d.:]+\\s*[-–:]?\\s*${literal}\\s*[-–:]?\\s*`, 'i');
};

/**
 * Seed 003: rows whose objective names its Missione. The label is cut from the text:
 * the classifier serves objectives that do not state their Missione, so it must not
 * learn to read the label.
 */
function fromSpreadsheet(): TrainingItem[] {
  const source = SpreadsheetPlanSource.parse(readSource('003-spreadsheet.json'));
  const objectiveColumn = source.columns.findIndex((c) => /^obiettivo/i.test(c));
  const plan = source.seed.slice(0, 3);
  return source.rows.flatMap((row) => {
    const title = row.cells[objectiveColumn];
    const code = row.missione?.code;
    if (!title || code === undefined || code === null) return [];
    const named = row.programma?.name ?? row.missione?.name ?? '';
    const text = title.replace(missioneLabel(named), '');
    if (text === title) throw new Error(`003: no Missione label to cut in "${title}"`);
    return [{ plan, missione: code, text }];
  });
}

/** Synthetic fixtures: objectives whose gold context states a Missione. */
function fromSynthetic(): TrainingItem[] {
  return loadSyntheticSources().flatMap((source) =>
    source.objectives.flatMap((o) => {
      const code = o.context.missione?.code;
      return code === undefined || code === null ? [] : [{ plan: source.id, missione: code, text: o.title }];
    }),
  );
}

/** One item per (text, Missione): plans repeat a strategico across their tables. */
function dedupe(items: TrainingItem[]): TrainingItem[] {
  const seen = new Set<string>();
  return items.filter((item) => {
    const key = `${item.missione}\u0000${item.text.toLowerCase()}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** The training set as the fixture sources give it today. */
export function buildTrainingSet(): TrainingSet {
  const items = [...fromMissioneTables(), ...fromSpreadsheet(), ...fromSynthetic()].map((item) => ({
    ...item,
    text: normalizeSpace(item.text),
  }));
  return TrainingSet.parse({
    version: TRAINING_SET_VERSION,
    about: 'Objectives whose plan states their Missione (D.Lgs. 118/2011), from fixtures/sources.',
    items: dedupe(items),
  });
}

function main(): void {
  const built = buildTrainingSet();
  const serialized = `${JSON.stringify(built, null, 2)}\n`;
  const path = fileURLToPath(TRAINING_SET_URL);
  const committed = existsSync(path) ? readFileSync(path, 'utf8') : null;
  if (process.argv.includes('--check')) {
    if (committed !== serialized) {
      console.error(`${path} is stale: run npx tsx scripts/missione-eval.ts`);
      process.exitCode = 1;
      return;
    }
  } else if (committed !== serialized) {
    writeFileSync(path, serialized);
    console.log(`wrote ${path}: ${built.items.length} items`);
  }
  console.log(formatEvaluation(evaluateByPlan(built.items)));
}

// Run as a script, not when the test imports buildTrainingSet.
if (process.argv[1] === fileURLToPath(import.meta.url)) main();
