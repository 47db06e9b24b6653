/**
 * A manifest (pipelines/*.json) lists the files of a batch and what the importer
 * should know about each when the files do not say it. Its shape:
 *
 *   {
 *     "name": "samples",
 *     "db": "output/perfplan.sqlite",        // optional; --db wins over it
 *     "concurrency": 2,                       // optional; --jobs wins over it
 *     "files": [
 *       "fixtures/corpus/*", "plans/2023",      // a file, a folder, or a glob ("**", "{pdf,docx}")
 *       { "path": "plans/avella-2023.pdf",     // or an object with hints for the matching files
 *         "ente": { "name": "Comune di Avella", "istat": "064007" },
 *         "year": 2023, "kind": "piano_performance" }
 *     ]
 *   }
 *
 * Paths (files and db) are relative to the project root, the parent of the folder
 * holding the manifest, so `pipelines/x.json` says "fixtures/…" as a person at
 * the root would. Where an entry gives no ente, it is read from the document.
 */
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { z } from 'zod';
import type { Hints } from './hints.js';

const Entry = z.union([
  z.string().min(1),
  z.object({
    path: z.string().min(1),
    ente: z
      .object({
        name: z.string().min(1).nullable().default(null),
        istat: z.string().regex(/^\d{6}$/, 'an ISTAT code has six digits').nullable().default(null),
      })
      .optional(),
    year: z.number().int().min(1990).max(2100).optional(),
    kind: z.string().min(1).optional(),
  }),
]);

const ManifestFile = z.object({
  name: z.string().min(1),
  db: z.string().min(1).optional(),
  concurrency: z.number().int().positive().optional(),
  files: z.array(Entry).min(1),
});

export interface ManifestEntry {
  /** absolute path, folder or glob */
  input: string;
  hints: Hints;
}

export interface Manifest {
  name: string;
  /** absolute path of the database it names, if it names one */
  db: string | null;
  concurrency: number | null;
  entries: ManifestEntry[];
}

export function loadManifest(file: string): Manifest {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new Error(`cannot read manifest ${file}: ${(err as Error).message}`);
  }
  const result = ManifestFile.safeParse(parsed);
  if (!result.success) {
    const issues = result.error.issues.map((i) => `${i.path.join('.') || '(top)'}: ${i.message}`).join('; ');
    throw new Error(`invalid manifest ${file}: ${issues}`);
  }
  const root = dirname(dirname(resolve(file)));
  const m = result.data;
  return {
    name: m.name,
    db: m.db === undefined ? null : resolve(root, m.db),
    concurrency: m.concurrency ?? null,
    entries: m.files.map((e): ManifestEntry => {
      if (typeof e === 'string') return { input: resolve(root, e), hints: {} };
      const hints: Hints = {};
      if (e.ente) hints.ente = e.ente;
      if (e.year !== undefined) hints.year = e.year;
      if (e.kind !== undefined) hints.kind = e.kind;
      return { input: resolve(root, e.path), hints };
    }),
  };
}
