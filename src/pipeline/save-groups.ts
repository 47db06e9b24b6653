/**
 * The importer hands each extracted plan here and goes on with the next file; plans
 * are written to the database in groups (`savePlans`), one transaction per group,
 * when a group is full or has waited long enough. A commit writes every page its
 * transaction changed, and plans written together share most of them.
 * Groups are written one after the other, each plan's outcome settled once its
 * group is in: a plan is never reported imported before it is committed.
 */
import { savePlans, type SaveItem, type SaveResult } from '../store/save.js';
import type { Store } from '../store/db.js';

export interface GroupSettings {
  /** plans per transaction at most */
  plans: number;
  /** how long the first plan of a group waits for others before it is written anyway */
  afterMs: number;
}

interface Pending {
  item: SaveItem;
  settle(result: SaveResult | Error): Promise<void>;
}

type Write = <T>(fn: () => T) => Promise<T>;

export class SaveGroups {
  private pending: Pending[] = [];
  private timer: NodeJS.Timeout | null = null;
  private written: Promise<void> = Promise.resolve();
  /** the first error a group's writing or settling threw: later groups are still written */
  private failure: Error | null = null;

  constructor(private readonly db: Store, private readonly settings: GroupSettings, private readonly write: Write) {}

  add(item: SaveItem, settle: Pending['settle']): void {
    this.pending.push({ item, settle });
    if (this.pending.length >= this.settings.plans) this.writeWaiting();
    else this.timer ??= setTimeout(() => this.writeWaiting(), this.settings.afterMs);
  }

  /** Writes what waits; resolves when every group handed in so far is written and settled. */
  async flush(): Promise<void> {
    this.writeWaiting();
    await this.written;
    if (this.failure) throw this.failure;
  }

  private writeWaiting(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const group = this.pending.splice(0);
    if (group.length === 0) return;
    this.written = this.written.then(async () => {
      let results: (SaveResult | Error)[];
      try {
        results = await this.write(() => savePlans(this.db, group.map((p) => p.item)));
      } catch (err) {
        results = group.map(() => (err instanceof Error ? err : new Error(String(err))));
      }
      for (const [n, p] of group.entries()) await p.settle(results[n]!);
    }).catch((err: unknown) => {
      this.failure ??= err instanceof Error ? err : new Error(String(err));
    });
  }
}
