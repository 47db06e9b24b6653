import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { register } from '../src/cli/commands/score.js';
import { emptyContext, PlanExport, type Context, type Indicator, type Objective, type Plan, type Target } from '../src/model/plan.js';
import { formatReport, scoreExport, type ScoreReport } from '../src/score/index.js';

// ---- hand-built plans ------------------------------------------------------

const SHA_A = 'a'.repeat(64);
const SHA_B = 'b'.repeat(64);

function obj(id: string, title: string, more: Partial<Omit<Objective, 'context'>> & { context?: Partial<Context> } = {}): Objective {
  const { context, ...rest } = more;
  return {
    id,
    parent: null,
    level: 'esecutivo',
    code: null,
    title,
    description: null,
    years: [],
    responsible: [],
    weight: null,
    source: {},
    ...rest,
    context: { ...emptyContext(), ...context },
  };
}

function ind(id: string, objective: string, name: string, more: Partial<Indicator> = {}): Indicator {
  return { id, objective, name, type: null, targets: [], baseline: null, actual: null, weight: null, responsible: [], source: {}, ...more };
}

function deadline(date: string, year: number | null = null): Target {
  return { raw: `entro il ${date}`, year, kind: 'deadline', op: '<=', value: null, date, unit: null };
}

function percent(value: number): Target {
  return { raw: `${value}%`, year: null, kind: 'percent', op: '=', value, date: null, unit: null };
}

function plan(objectives: Objective[], indicators: Indicator[], sha = SHA_A, file = 'plan.pdf'): Plan {
  return {
    id: sha.slice(0, 16),
    source: { file, sha256: sha, format: 'pdf', pages: 1 },
    ente: { name: null, istat: null },
    title: null,
    years: [2023],
    layout: 'generic',
    objectives,
    indicators,
    warnings: [],
  };
}

const exp = (...plans: Plan[]): PlanExport => PlanExport.parse({ schema: 'perfplan/v1', plans });

/** A small three-level plan: strategico → operativo → two esecutivi with indicators. */
function goldPlan(): Plan {
  const ctx = { area: 'Area amministrativa finanziaria', missione: { code: 1, name: 'Servizi istituzionali, generali e di gestione' } };
  return plan(
    [
      obj('o1', 'Migliorare il funzionamento della “macchina comunale”', { level: 'strategico', context: { ...ctx, theme: "FUNZIONAMENTO DELL'ENTE" } }),
      obj('o2', 'Gestire le entrate e le risorse economiche', { level: 'operativo', parent: 'o1', description: 'Gestire le attività di riscossione', context: ctx }),
      obj('o3', 'Gestione attività di recupero crediti', { parent: 'o2', years: [2023, 2024, 2025], responsible: ['Finanziario'], context: { ...ctx, settore: 'Finanziario' } }),
      obj('o4', 'Gestione dello sportello del contribuente', { parent: 'o2', code: '1/16', weight: 10, context: { ...ctx, settore: 'Finanziario' } }),
    ],
    [
      ind('i1', 'o3', 'Incasso entrate tributarie/accertamenti (maggiore 50%)', { type: 'percentuale', targets: [percent(50)] }),
      ind('i2', 'o4', 'n. segnalazioni di disservizio ricevute', { type: 'data', targets: [deadline('2023-12-31', 2023)] }),
    ],
  );
}

const clone = <T>(x: T): T => structuredClone(x);

// ---- the rules -------------------------------------------------------------

describe('scoreExport', () => {
  it('gives 100% everywhere for a perfect extraction', () => {
    const r = scoreExport(exp(goldPlan()), exp(goldPlan()));
    for (const d of [r.total.objectives, r.total.indicators, r.total.attachedIndicators]) {
      expect(d).toMatchObject({ precision: 1, recall: 1, f1: 1 });
    }
    expect(r.total.objectives).toMatchObject({ gold: 4, extracted: 4, matched: 4 });
    for (const rates of [r.total.objectiveFields, r.total.indicatorFields, r.total.targets]) {
      for (const rate of Object.values(rates)) expect(rate.accuracy).toBe(1);
    }
    expect(r.total.objectiveFields.title).toEqual({ correct: 4, compared: 4, accuracy: 1 });
    expect(r.total.targets.date).toEqual({ correct: 2, compared: 2, accuracy: 1 });
  });

  it('lowers recall, not precision, for a missing objective', () => {
    const extracted = clone(goldPlan());
    extracted.objectives = extracted.objectives.filter((o) => o.id !== 'o4');
    extracted.indicators = extracted.indicators.filter((i) => i.objective !== 'o4');
    const r = scoreExport(exp(extracted), exp(goldPlan()));
    expect(r.total.objectives).toMatchObject({ gold: 4, extracted: 3, matched: 3, precision: 1, recall: 0.75 });
    expect(r.total.objectives.f1).toBeCloseTo((2 * 0.75) / 1.75, 10);
    expect(r.plans[0]?.missing.objectives).toEqual(['o4']);
  });

  it('lowers precision, not recall, for a spurious objective', () => {
    const extracted = clone(goldPlan());
    extracted.objectives.push(obj('x9', 'Obiettivo che il documento non contiene'));
    const r = scoreExport(exp(extracted), exp(goldPlan()));
    expect(r.total.objectives).toMatchObject({ gold: 4, extracted: 5, matched: 4, precision: 0.8, recall: 1 });
    expect(r.plans[0]?.spurious.objectives).toEqual(['x9']);
  });

  it('matches an indicator on the wrong objective but does not count it attached', () => {
    const extracted = clone(goldPlan());
    (extracted.indicators[1] as Indicator).objective = 'o3'; // i2 belongs to o4
    const r = scoreExport(exp(extracted), exp(goldPlan()));
    expect(r.total.indicators).toMatchObject({ matched: 2, precision: 1, recall: 1 });
    expect(r.total.attachedIndicators).toMatchObject({ matched: 1, precision: 0.5, recall: 0.5 });
  });

  it('resolves duplicated titles by their settore, not by document order', () => {
    const settori = ['SF', 'GT', 'SC', 'OR'];
    const make = (order: string[]) =>
      plan(
        order.map((s, k) => obj(`o${k + 1}`, 'Aggiornamento mappatura dei processi', { weight: settori.indexOf(s) + 1, context: { settore: s } })),
        order.map((s, k) =>
          ind(`i${k + 1}`, `o${k + 1}`, "L'obiettivo è quello di strutturare le misure anticorruzione", { weight: settori.indexOf(s) + 1 }),
        ),
      );
    const r = scoreExport(exp(make(['OR', 'SC', 'GT', 'SF'])), exp(make(settori)));
    expect(r.total.objectives.matched).toBe(4);
    // Each weight is its settore's: all right only if every objective went to its own settore.
    expect(r.total.objectiveFields['context.settore']).toEqual({ correct: 4, compared: 4, accuracy: 1 });
    expect(r.total.objectiveFields.weight.correct).toBe(4);
    expect(r.total.attachedIndicators.matched).toBe(4);
    expect(r.total.indicatorFields.weight.correct).toBe(4);
  });

  it('resolves duplicated titles by their parents’ match', () => {
    const make = (flip: boolean) => {
      const [a, b] = flip ? ['Cultura', 'Sport'] : ['Sport', 'Cultura'];
      return plan(
        [
          obj('s1', a as string, { level: 'strategico' }),
          obj('s2', b as string, { level: 'strategico' }),
          obj('p1', 'Gestire gli impianti', { level: 'operativo', parent: 's1' }),
          obj('p2', 'Gestire gli impianti', { level: 'operativo', parent: 's2' }),
        ],
        [],
      );
    };
    // In the extraction "Cultura" comes first, so document order alone would pair the children wrongly.
    const r = scoreExport(exp(make(true)), exp(make(false)));
    expect(r.total.objectives.matched).toBe(4);
    expect(r.total.objectiveFields.parent).toEqual({ correct: 4, compared: 4, accuracy: 1 });
  });

  it('shows a wrong target date in date accuracy only', () => {
    const extracted = clone(goldPlan());
    (extracted.indicators[1] as Indicator).targets = [deadline('2023-11-30', 2023)];
    const r = scoreExport(exp(extracted), exp(goldPlan()));
    expect(r.total.targets.date).toEqual({ correct: 1, compared: 2, accuracy: 0.5 });
    for (const f of ['count', 'kind', 'op', 'value', 'year'] as const) expect(r.total.targets[f].accuracy).toBe(1);
  });

  it('counts a missing target as wrong on every field and on the count', () => {
    const extracted = clone(goldPlan());
    (extracted.indicators[0] as Indicator).targets = [];
    const r = scoreExport(exp(extracted), exp(goldPlan()));
    expect(r.total.targets.count).toEqual({ correct: 1, compared: 2, accuracy: 0.5 });
    for (const f of ['kind', 'op', 'value', 'date', 'year'] as const) expect(r.total.targets[f]).toMatchObject({ correct: 1, compared: 2 });
  });

  it('pairs targets by kind before order', () => {
    const gold = clone(goldPlan());
    (gold.indicators[0] as Indicator).targets = [percent(50), deadline('2023-12-31')];
    const extracted = clone(gold);
    (extracted.indicators[0] as Indicator).targets = [deadline('2023-12-31'), percent(50)];
    const r = scoreExport(exp(extracted), exp(gold));
    for (const f of ['kind', 'op', 'value', 'date', 'year'] as const) expect(r.total.targets[f].accuracy).toBe(1);
  });

  it('matches a slightly different title fuzzily, and the exact-title check fails', () => {
    const extracted = clone(goldPlan());
    (extracted.objectives[2] as Objective).title = 'Gestione attivita di recupero dei crediti';
    const r = scoreExport(exp(extracted), exp(goldPlan()));
    expect(r.total.objectives.matched).toBe(4);
    expect(r.total.objectiveFields.title).toEqual({ correct: 3, compared: 4, accuracy: 0.75 });
    expect(r.total.attachedIndicators.matched).toBe(2);
  });

  it('does not match titles that are merely alike', () => {
    const extracted = clone(goldPlan());
    (extracted.objectives[3] as Objective).title = 'Gestione dei servizi cimiteriali';
    const r = scoreExport(exp(extracted), exp(goldPlan()));
    expect(r.total.objectives.matched).toBe(3);
  });

  it('treats quotes, dashes, case and white space as the same title', () => {
    const extracted = clone(goldPlan());
    (extracted.objectives[0] as Objective).title = 'MIGLIORARE il  funzionamento della "macchina comunale"';
    const r = scoreExport(exp(extracted), exp(goldPlan()));
    expect(r.total.objectiveFields.title.accuracy).toBe(1);
  });

  it('matches a right title with the wrong level, and level accuracy shows it', () => {
    const extracted = clone(goldPlan());
    (extracted.objectives[1] as Objective).level = 'esecutivo';
    const r = scoreExport(exp(extracted), exp(goldPlan()));
    expect(r.total.objectives.matched).toBe(4);
    expect(r.total.objectiveFields.level).toMatchObject({ correct: 3, compared: 4 });
  });

  it('maps parents through the matching even when ids differ', () => {
    const extracted = clone(goldPlan());
    const rename = (id: string | null) => (id === null ? null : `x-${id}`);
    for (const o of extracted.objectives) Object.assign(o, { id: rename(o.id), parent: rename(o.parent) });
    for (const i of extracted.indicators) i.objective = rename(i.objective) as string;
    (extracted.objectives[3] as Objective).parent = 'x-o1'; // o4 hangs on the strategico instead of the operativo
    const r = scoreExport(exp(extracted), exp(goldPlan()));
    expect(r.total.objectiveFields.parent).toMatchObject({ correct: 3, compared: 4 });
    expect(r.total.attachedIndicators.matched).toBe(2);
  });

  it('compares the Missione code and name separately, and each context field', () => {
    const extracted = clone(goldPlan());
    (extracted.objectives[0] as Objective).context.missione = { code: 1, name: 'Servizi generali' };
    (extracted.objectives[2] as Objective).context.settore = null;
    const r = scoreExport(exp(extracted), exp(goldPlan()));
    expect(r.total.objectiveFields['context.missione.code']).toMatchObject({ correct: 4, compared: 4 });
    expect(r.total.objectiveFields['context.missione.name']).toMatchObject({ correct: 3, compared: 4 });
    expect(r.total.objectiveFields['context.settore']).toMatchObject({ correct: 3, compared: 4 });
  });

  it('compares years and responsible as sets, weights as numbers', () => {
    const extracted = clone(goldPlan());
    Object.assign(extracted.objectives[2] as Objective, { years: [2025, 2024, 2023], responsible: ['finanziario'] });
    (extracted.objectives[3] as Objective).weight = 5;
    const r = scoreExport(exp(extracted), exp(goldPlan()));
    expect(r.total.objectiveFields.years.accuracy).toBe(1);
    expect(r.total.objectiveFields.responsible.accuracy).toBe(1);
    expect(r.total.objectiveFields.weight).toMatchObject({ correct: 3, compared: 4 });
  });

  it('scores indicator fields over matched pairs', () => {
    const extracted = clone(goldPlan());
    Object.assign(extracted.indicators[0] as Indicator, { type: 'numero', actual: '48%' });
    const r = scoreExport(exp(extracted), exp(goldPlan()));
    expect(r.total.indicatorFields.type).toMatchObject({ correct: 1, compared: 2 });
    expect(r.total.indicatorFields.actual).toMatchObject({ correct: 1, compared: 2 });
    expect(r.total.indicatorFields.baseline).toMatchObject({ correct: 2, compared: 2 });
  });
});

describe('plan pairing', () => {
  const other = () => plan([obj('o1', 'Installazione telecamere')], [], SHA_B, 'other.pdf');

  it('pairs plans by sha256 whatever their order', () => {
    const r = scoreExport(exp(other(), goldPlan()), exp(goldPlan(), other()));
    expect(r.plans.map((p) => p.pairedBy)).toEqual(['sha256', 'sha256']);
    expect(r.total.objectives).toMatchObject({ gold: 5, matched: 5 });
  });

  it('pairs by file name when the hashes differ, and a lone plan with a lone plan', () => {
    const renamed = { ...goldPlan(), source: { ...goldPlan().source, sha256: SHA_B } };
    expect(scoreExport(exp(renamed), exp(goldPlan())).plans[0]?.pairedBy).toBe('file');
    const elsewhere = { ...renamed, source: { ...renamed.source, file: 'x.docx' } };
    expect(scoreExport(exp(elsewhere), exp(goldPlan())).plans[0]?.pairedBy).toBe('single');
  });

  it('counts a gold plan without extraction as all missed', () => {
    const r = scoreExport(exp(goldPlan()), exp(goldPlan(), other()));
    expect(r.plans).toHaveLength(2);
    expect(r.plans[1]).toMatchObject({ extracted: null, pairedBy: null });
    expect(r.total.objectives).toMatchObject({ gold: 5, extracted: 4, matched: 4, recall: 0.8, precision: 1 });
  });
});

describe('formatReport', () => {
  it('prints the detection table and field counts', () => {
    const extracted = clone(goldPlan());
    (extracted.indicators[1] as Indicator).targets = [deadline('2023-11-30', 2023)];
    const text = formatReport(scoreExport(exp(extracted), exp(goldPlan())));
    expect(text).toMatch(/^objectives\s+4\s+4\s+4\s+100\.0%\s+100\.0%\s+100\.0%$/m);
    expect(text).toMatch(/^ {2}date\s+1\/2\s+50\.0%$/m);
    expect(text).toMatch(/^ {2}context\.missione\.name\s+4\/4\s+100\.0%$/m);
  });
});

describe('perfplan score (CLI)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'perfplan-score-'));
  const write = (name: string, content: string) => {
    const file = join(dir, name);
    writeFileSync(file, content);
    return file;
  };

  async function run(...args: string[]): Promise<{ out: string; err: string; code: typeof process.exitCode }> {
    const out: string[] = [];
    const err: string[] = [];
    vi.spyOn(process.stdout, 'write').mockImplementation((s) => (out.push(String(s)), true));
    vi.spyOn(process.stderr, 'write').mockImplementation((s) => (err.push(String(s)), true));
    const program = new Command().exitOverride();
    register(program);
    await program.parseAsync(['score', ...args], { from: 'user' });
    const code = process.exitCode;
    vi.restoreAllMocks();
    return { out: out.join(''), err: err.join(''), code };
  }

  afterEach(() => {
    process.exitCode = undefined;
  });

  const goldFile = write('gold.json', JSON.stringify(exp(goldPlan())));

  it('prints the table and leaves the exit code alone', async () => {
    const { out, code } = await run(goldFile, '--gold', goldFile);
    expect(out).toContain('attached indicators');
    expect(code).toBeUndefined();
  });

  it('prints the report object with --json', async () => {
    const { out } = await run(goldFile, '--gold', goldFile, '--json');
    const report = JSON.parse(out) as ScoreReport;
    expect(report.total.objectives.f1).toBe(1);
  });

  it('names the file that is not JSON and fails', async () => {
    const bad = write('broken.json', '{ "schema": ');
    const { err, code } = await run(bad, '--gold', goldFile);
    expect(err).toContain(`${bad} is not valid JSON`);
    expect(code).toBe(1);
  });

  it('names the file that breaks the schema and fails', async () => {
    const bad = write('wrong.json', JSON.stringify({ schema: 'perfplan/v1', plans: [{ id: 'x' }] }));
    const { err, code } = await run(goldFile, '--gold', bad);
    expect(err).toContain(`${bad} is not a perfplan/v1 export`);
    expect(code).toBe(1);
  });
});
