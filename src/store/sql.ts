/**
 * `perfplan sql` lets analysts ask what the other commands do not, straight in
 * SQL, on the database that holds every import. The connection is opened
 * read-only, so no statement typed there can change or drop the data; statements
 * that would write are refused up front with a message saying why.
 */
import type { QueryResult } from './queries.js';
import type { Row } from './csv.js';
import { openStore } from './db.js';

export function runReadOnlySql(path: string, sql: string): QueryResult {
  const db = openStore(path, { readonly: true });
  try {
    const stmt = db.prepare(sql);
    if (!stmt.reader) {
      throw new Error('perfplan sql only reads: the database is opened read-only, so this statement is refused');
    }
    return { columns: stmt.columns().map((c) => c.name), rows: stmt.all() as Row[] };
  } finally {
    db.close();
  }
}
