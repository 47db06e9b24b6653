/**
 * The committed corpus (`fixtures/corpus/`): every gold.json follows the contract and
 * describes the files beside it, and each seed fixture holds as many objectives and
 * indicators as its hand-written source, counted here apart from the build script so
 * that a slip in the gold derivation cannot hide. Reads committed files only, so
 * LibreOffice is not needed.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { PlanExport } from '../src/model/plan.js';

const FIXTURES = fileURLToPath(new URL('../fixtures/', import.meta.url));
const CORPUS = join(FIXTURES, 'corpus');
const SOURCES = join(FIXTURES, 'sources');
const PLAN_ID_HEX = 16;

const golds = existsSync(CORPUS)
  ? readdirSync(CORPUS).filter((d) => existsSync(join(CORPUS, d, 'gold.json')))
  : [];
const readGold = (fixture: string): PlanExport =>
  PlanExport.parse(JSON.parse(readFileSync(join(CORPUS, fixture, 'gold.json'), 'utf8')));

interface Counts {
  objectives: number;
  indicators: number;
}

// The sources are read as plain JSON through these shapes: the counts share no code with the build.
interface OperativoJson {
  rows: { esecutivi: { indicators: unknown[] }[] }[];
}
interface MissioneJson {
  sections: { tables: { strategici?: { operativi: OperativoJson[] }[]; operativi?: OperativoJson[] }[] }[];
}
interface AllegatoJson {
  themes: { objectives: { subrows: { indicators: unknown[] }[] }[] }[];
}
interface SpreadsheetJson {
  columns: string[];
  rows: { cells: (string | null)[] }[];
}

function countMissione(s: MissioneJson): Counts {
  let objectives = 0;
  let indicators = 0;
  for (const table of s.sections.flatMap((section) => section.tables)) {
    const strategici = table.strategici ?? [];
    objectives += strategici.length;
    for (const op of [...(table.operativi ?? []), ...strategici.flatMap((st) => st.operativi)]) {
      objectives += 1;
      for (const e of op.rows.flatMap((row) => row.esecutivi)) {
        objectives += 1;
        indicators += e.indicators.length;
      }
    }
  }
  return { objectives, indicators };
}

function countAllegato(s: AllegatoJson): Counts {
  const objectives = s.themes.flatMap((t) => t.objectives);
  const subrows = objectives.flatMap((o) => o.subrows);
  return { objectives: objectives.length, indicators: subrows.reduce((n, r) => n + r.indicators.length, 0) };
}

function countSpreadsheet(s: SpreadsheetJson): Counts {
  const col = (prefix: string): number => s.columns.findIndex((c) => c.startsWith(prefix));
  const objective = col('Obiettivo');
  const indicatorColumns = ['Indicatore', 'Tipologia', 'Valore atteso'].map(col);
  const rows = s.rows.map((r) => r.cells);
  return {
    objectives: rows.filter((cells) => cells[objective] != null).length,
    indicators: rows.filter((cells) => indicatorColumns.some((i) => cells[i] != null)).length,
  };
}

function countSource(source: { family: string }): Counts {
  switch (source.family) {
    case 'missione_table':
      return countMissione(source as unknown as MissioneJson);
    case 'allegato_h':
      return countAllegato(source as unknown as AllegatoJson);
    case 'spreadsheet':
      return countSpreadsheet(source as unknown as SpreadsheetJson);
    default:
      throw new Error(`no count for family ${source.family}`);
  }
}

it('has a corpus', () => {
  expect(golds.length).toBeGreaterThan(0);
});

describe.each(golds)('fixture %s', (fixture) => {
  it('has a gold.json in the contract', () => {
    expect(readGold(fixture).plans.length).toBeGreaterThan(0);
  });

  it('names files that exist, with their sha256 and plan id', () => {
    for (const plan of readGold(fixture).plans) {
      const file = join(CORPUS, fixture, plan.source.file);
      expect(existsSync(file), file).toBe(true);
      const sha = createHash('sha256').update(readFileSync(file)).digest('hex');
      expect(plan.source.sha256, file).toBe(sha);
      expect(plan.id, file).toBe(sha.slice(0, PLAN_ID_HEX));
    }
  });
});

const seedSources = existsSync(SOURCES) ? readdirSync(SOURCES).filter((f) => f.endsWith('.json')) : [];

describe.each(seedSources)('seed source %s', (file) => {
  const source = JSON.parse(readFileSync(join(SOURCES, file), 'utf8')) as { family: string };
  const fixture = file.replace(/\.json$/, '');

  it('is rendered into the corpus with as many objectives and indicators as it lists', () => {
    expect(golds, `run npm run fixtures:build to render ${file}`).toContain(fixture);
    const want = countSource(source);
    for (const plan of readGold(fixture).plans) {
      expect({ objectives: plan.objectives.length, indicators: plan.indicators.length }, plan.source.file).toEqual(want);
    }
  });
});
