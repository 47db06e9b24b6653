import { describe, expect, it } from 'vitest';
import { ValidPlan } from '../src/model/plan.js';
import { SaveGroups } from '../src/pipeline/save-groups.js';
import { openStore } from '../src/store/index.js';
import { makePlan } from './store-plan-factory.js';

const write = async <T>(fn: () => T): Promise<T> => fn();
const plan = (content: string) => ValidPlan.parse(makePlan({ content, file: `${content}.pdf` }));

describe('SaveGroups', () => {
  it('writes a full group at once and the rest on flush, settling each plan after its commit', async () => {
    const db = openStore(':memory:');
    const groups = new SaveGroups(db, { plans: 2, afterMs: 60_000 }, write);
    const settled: string[] = [];
    const committed = () => (db.prepare('SELECT count(*) AS n FROM plans').get() as { n: number }).n;
    for (const content of ['a', 'b', 'c']) {
      groups.add({ plan: plan(content) }, async (result) => {
        settled.push(`${content}:${result instanceof Error ? result.message : result.status}:${committed()}`);
      });
    }
    await groups.flush();
    // a and b were committed together (2 plans in when they settled), c on flush.
    expect(settled).toEqual(['a:imported:2', 'b:imported:2', 'c:imported:3']);
    db.close();
  });

  it('goes on writing later groups after a settle fails, and reports the failure on flush', async () => {
    const db = openStore(':memory:');
    const groups = new SaveGroups(db, { plans: 1, afterMs: 60_000 }, write);
    groups.add({ plan: plan('a') }, async () => {
      throw new Error('log unavailable');
    });
    const later: string[] = [];
    groups.add({ plan: plan('b') }, async (result) => {
      later.push(result instanceof Error ? result.message : result.status);
    });
    await expect(groups.flush()).rejects.toThrow('log unavailable');
    expect(later).toEqual(['imported']);
    db.close();
  });
});
