/**
 * A separate importer process for the fault tests: imports one folder into one
 * database through the worker threads and the fake extractor, and exits non-zero
 * when a file failed, as `perfplan import` does.
 * Usage: node --import tsx test/pipeline-child.ts DB FOLDER
 */
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { importFiles } from '../src/pipeline/import.js';
import { openStore } from '../src/store/index.js';

const [dbPath, folder] = process.argv.slice(2);
if (!dbPath || !folder) throw new Error('usage: pipeline-child.ts DB FOLDER');
const db = openStore(dbPath);
const summary = await importFiles([folder], {
  db,
  extractorModule: pathToFileURL(join(import.meta.dirname, 'pipeline-fake-extractor.ts')).href,
  jobs: 2,
  progress: 'none',
});
db.close();
process.exitCode = summary.failed > 0 ? 1 : 0;
