/**
 * A database imported today is queried by next year's perfplan. The schema
 * therefore evolves only by appending migrations to this list; PRAGMA user_version
 * records how many have run, so opening an older database brings it up to date
 * and opening a current one does nothing.
 */
import type Database from 'better-sqlite3';

interface Migration {
  version: number;
  /** what the migration is for, shown if it fails */
  purpose: string;
  sql: string;
}

/*
 * Columns mirror `shared/spec/plan-export.md`. JSON columns hold the contract's
 * lists as JSON text (years, responsible, warnings). A CodeName (missione,
 * programma) is three columns; all three null means the field is null.
 * `ordinal` keeps the order of the plan's arrays, which the contract gives meaning.
 */
const SCHEMA_V1 = `
CREATE TABLE import_runs (
  id        INTEGER PRIMARY KEY,
  started   TEXT NOT NULL,
  finished  TEXT,
  args      TEXT NOT NULL,
  counts    TEXT
);

CREATE TABLE plans (
  id          TEXT PRIMARY KEY,
  sha256      TEXT NOT NULL UNIQUE,
  file        TEXT NOT NULL,
  format      TEXT NOT NULL,
  pages       INTEGER,
  envelope    TEXT,
  ente_name   TEXT,
  ente_istat  TEXT,
  ente_key    TEXT,
  kind        TEXT,
  title       TEXT,
  years       TEXT NOT NULL,
  layout      TEXT NOT NULL,
  warnings    TEXT NOT NULL,
  imported_at TEXT NOT NULL,
  import_run  INTEGER REFERENCES import_runs(id) ON DELETE SET NULL
);
CREATE INDEX plans_istat ON plans(ente_istat);

CREATE TABLE objectives (
  plan_id            TEXT NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
  id                 TEXT NOT NULL,
  parent             TEXT,
  level              TEXT NOT NULL CHECK (level IN ('strategico', 'operativo', 'esecutivo')),
  code               TEXT,
  title              TEXT NOT NULL,
  description        TEXT,
  area               TEXT,
  missione_code      INTEGER,
  missione_name      TEXT,
  missione_inferred  INTEGER,
  programma_code     INTEGER,
  programma_name     TEXT,
  programma_inferred INTEGER,
  theme              TEXT,
  settore            TEXT,
  servizio           TEXT,
  years              TEXT NOT NULL,
  responsible        TEXT NOT NULL,
  weight             REAL,
  page               INTEGER,
  sheet              TEXT,
  "row"              INTEGER,
  ordinal            INTEGER NOT NULL,
  PRIMARY KEY (plan_id, id),
  FOREIGN KEY (plan_id, parent) REFERENCES objectives(plan_id, id) DEFERRABLE INITIALLY DEFERRED
);
CREATE INDEX objectives_parent ON objectives(plan_id, parent);
CREATE INDEX objectives_missione ON objectives(missione_code);

CREATE TABLE indicators (
  plan_id     TEXT NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
  id          TEXT NOT NULL,
  objective   TEXT NOT NULL,
  name        TEXT NOT NULL,
  type        TEXT CHECK (type IN ('data', 'percentuale', 'numero', 'si_no', 'testo')),
  baseline    TEXT,
  actual      TEXT,
  weight      REAL,
  responsible TEXT NOT NULL,
  page        INTEGER,
  sheet       TEXT,
  "row"       INTEGER,
  ordinal     INTEGER NOT NULL,
  PRIMARY KEY (plan_id, id),
  FOREIGN KEY (plan_id, objective) REFERENCES objectives(plan_id, id) ON DELETE CASCADE
);
CREATE INDEX indicators_objective ON indicators(plan_id, objective);

CREATE TABLE targets (
  plan_id    TEXT NOT NULL,
  indicator  TEXT NOT NULL,
  ordinal    INTEGER NOT NULL,
  raw        TEXT NOT NULL,
  year       INTEGER,
  kind       TEXT NOT NULL CHECK (kind IN ('deadline', 'percent', 'number', 'boolean', 'text')),
  op         TEXT CHECK (op IN ('<', '<=', '=', '>=', '>')),
  value_num  REAL,
  value_bool INTEGER,
  date       TEXT,
  unit       TEXT,
  PRIMARY KEY (plan_id, indicator, ordinal),
  FOREIGN KEY (plan_id, indicator) REFERENCES indicators(plan_id, id) ON DELETE CASCADE
);
CREATE INDEX targets_kind_date ON targets(kind, date);

CREATE TABLE import_files (
  id         INTEGER PRIMARY KEY,
  run        INTEGER NOT NULL REFERENCES import_runs(id) ON DELETE CASCADE,
  path       TEXT NOT NULL,
  sha256     TEXT,
  status     TEXT NOT NULL CHECK (status IN ('imported', 'skipped', 'failed')),
  reason     TEXT,
  plan_id    TEXT,
  objectives INTEGER,
  indicators INTEGER,
  ms         INTEGER
);
CREATE INDEX import_files_sha256 ON import_files(sha256);
CREATE INDEX import_files_run ON import_files(run);

-- The stemmed, accent-folded text of each objective (title + description) and
-- indicator (name); see src/store/search-terms.ts.
CREATE VIRTUAL TABLE search_index USING fts5(
  terms,
  plan_id UNINDEXED,
  kind UNINDEXED,
  item UNINDEXED,
  tokenize = 'unicode61 remove_diacritics 2'
);
CREATE TRIGGER plans_search_cleanup AFTER DELETE ON plans BEGIN
  DELETE FROM search_index WHERE plan_id = old.id;
END;

-- Each objective with its plan's ente and years, the titles of the chain it
-- belongs to, and the context it inherits from the objectives above it (a Missione
-- stated on the strategico heading applies to the operativi and esecutivi below).
CREATE VIEW v_objective_context AS
SELECT
  o.plan_id,
  o.id AS objective_id,
  pl.ente_name AS ente,
  pl.ente_istat AS istat,
  pl.years AS plan_years,
  pl.layout,
  pl.title AS plan_title,
  pl.file,
  p1.title AS parent_title,
  CASE 'esecutivo' WHEN o.level THEN o.title WHEN p1.level THEN p1.title WHEN p2.level THEN p2.title END AS esecutivo,
  CASE 'operativo' WHEN o.level THEN o.title WHEN p1.level THEN p1.title WHEN p2.level THEN p2.title END AS operativo,
  CASE 'strategico' WHEN o.level THEN o.title WHEN p1.level THEN p1.title WHEN p2.level THEN p2.title END AS strategico,
  COALESCE(o.area, p1.area, p2.area) AS area,
  COALESCE(o.missione_code, p1.missione_code, p2.missione_code) AS missione_code,
  COALESCE(o.missione_name, p1.missione_name, p2.missione_name) AS missione_name,
  COALESCE(o.programma_code, p1.programma_code, p2.programma_code) AS programma_code,
  COALESCE(o.programma_name, p1.programma_name, p2.programma_name) AS programma_name,
  COALESCE(o.theme, p1.theme, p2.theme) AS theme,
  COALESCE(o.settore, p1.settore, p2.settore) AS settore,
  o.servizio
FROM objectives o
JOIN plans pl ON pl.id = o.plan_id
LEFT JOIN objectives p1 ON p1.plan_id = o.plan_id AND p1.id = o.parent
LEFT JOIN objectives p2 ON p2.plan_id = o.plan_id AND p2.id = p1.parent;

-- One row per objective, with its context and how many indicators measure it.
CREATE VIEW v_objectives AS
SELECT
  o.plan_id, o.id AS objective_id, o.level, o.code, o.title, o.description, o.parent AS parent_id, c.parent_title,
  c.ente, c.istat, c.plan_years, c.layout, c.plan_title, c.file,
  c.area, c.missione_code, c.missione_name, o.missione_inferred, c.programma_code, c.programma_name,
  c.theme, c.settore, c.servizio,
  o.years, o.responsible, o.weight,
  (SELECT count(*) FROM indicators i WHERE i.plan_id = o.plan_id AND i.objective = o.id) AS indicators,
  o.page, o.sheet, o."row", o.ordinal
FROM objectives o
JOIN v_objective_context c ON c.plan_id = o.plan_id AND c.objective_id = o.id;

-- One row per indicator with its objective chain, the plan's ente and years, the
-- inherited context, all its targets as text, its first target's kind and date, and
-- its earliest deadline.
CREATE VIEW v_indicators AS
SELECT
  i.plan_id, i.id AS indicator_id, i.name AS indicator, i.type,
  c.ente, c.istat, c.plan_years, c.layout, c.plan_title, c.file,
  i.objective AS objective_id, c.esecutivo, c.operativo, c.strategico,
  c.missione_code, c.missione_name, c.programma_code, c.programma_name,
  c.settore, c.area, c.theme, c.servizio,
  (SELECT group_concat(raw, ' | ')
     FROM (SELECT raw FROM targets t WHERE t.plan_id = i.plan_id AND t.indicator = i.id ORDER BY t.ordinal)) AS targets,
  ft.kind AS target_kind,
  ft.date AS target_date,
  (SELECT min(t.date) FROM targets t WHERE t.plan_id = i.plan_id AND t.indicator = i.id AND t.kind = 'deadline') AS deadline,
  i.baseline, i.actual, i.weight, i.responsible,
  i.page, i.sheet, i."row", i.ordinal
FROM indicators i
JOIN v_objective_context c ON c.plan_id = i.plan_id AND c.objective_id = i.objective
LEFT JOIN targets ft ON ft.plan_id = i.plan_id AND ft.indicator = i.id AND ft.ordinal = 0;
`;

/*
 * Measured by `npm run bench` on 8,000 plans (bench/results.md). targets(kind, date)
 * misled the planner: for the view's `deadline` column it scanned every deadline of
 * every plan once per indicator (a query with a deadline filter took 107 s on 400
 * plans), and it cost each saved target a write at a random place in the index. The
 * (plan_id, indicator) key serves those lookups. Query pages come in ente order, and
 * an index in that order lets a LIMITed query walk the plans and stop early instead
 * of sorting every row that matches.
 */
const QUERY_INDEXES_V2 = `
DROP INDEX targets_kind_date;
CREATE INDEX plans_ente ON plans(ente_name COLLATE NOCASE, id);
`;

/*
 * Measured by `npm run bench` (bench/results.md): saving a million indicators cost
 * 44 s and a text or deadline filter up to a second, because
 *  - plan ids are digests, so every plan's rows landed at random places in every
 *    index keyed by plan_id; an integer key per plan, growing with each import,
 *    makes those inserts appends;
 *  - the search index stored a copy of each item's plan, kind and id beside its
 *    terms; two contentless FTS5 tables whose rowid is the item's own key store the
 *    terms alone, and a text filter becomes a rowid lookup; terms reach them in bulk
 *    through a queue;
 *  - the analyst filters on the Missione and settore an objective inherits, and on an
 *    indicator's earliest deadline, were computed per row through the views; they are
 *    now stored with each row (`chain_*`, `deadline`), derived when the plan is saved.
 * Within a plan, `key` grows with `ordinal`: a plan's rows are inserted in order, in one
 * transaction. An indicator refers to its objective by the objective's key (and
 * keeps the contract's objective id beside it): a text filter on the objective tests
 * it without reading the objective, and its index only ever grows at the end.
 */
const INTEGER_KEYS_V3 = `
DROP VIEW v_indicators;
DROP VIEW v_objectives;
DROP VIEW v_objective_context;
DROP TRIGGER plans_search_cleanup;
DROP INDEX plans_istat;
DROP INDEX plans_ente;
DROP INDEX objectives_parent;
DROP INDEX objectives_missione;
DROP INDEX indicators_objective;
ALTER TABLE targets RENAME TO v2_targets;
ALTER TABLE indicators RENAME TO v2_indicators;
ALTER TABLE objectives RENAME TO v2_objectives;
ALTER TABLE plans RENAME TO v2_plans;

CREATE TABLE plans (
  pk          INTEGER PRIMARY KEY,
  id          TEXT NOT NULL UNIQUE,
  sha256      TEXT NOT NULL UNIQUE,
  file        TEXT NOT NULL,
  format      TEXT NOT NULL,
  pages       INTEGER,
  envelope    TEXT,
  ente_name   TEXT,
  ente_istat  TEXT,
  ente_key    TEXT,
  kind        TEXT,
  title       TEXT,
  years       TEXT NOT NULL,
  layout      TEXT NOT NULL,
  warnings    TEXT NOT NULL,
  imported_at TEXT NOT NULL,
  import_run  INTEGER REFERENCES import_runs(id) ON DELETE SET NULL
);
CREATE INDEX plans_istat ON plans(ente_istat);
CREATE INDEX plans_ente ON plans(ente_name COLLATE NOCASE, id);

CREATE TABLE objectives (
  key                 INTEGER PRIMARY KEY,
  plan                INTEGER NOT NULL REFERENCES plans(pk) ON DELETE CASCADE,
  id                  TEXT NOT NULL,
  parent              TEXT,
  level               TEXT NOT NULL CHECK (level IN ('strategico', 'operativo', 'esecutivo')),
  code                TEXT,
  title               TEXT NOT NULL,
  description         TEXT,
  area                TEXT,
  missione_code       INTEGER,
  missione_name       TEXT,
  missione_inferred   INTEGER,
  programma_code      INTEGER,
  programma_name      TEXT,
  programma_inferred  INTEGER,
  theme               TEXT,
  settore             TEXT,
  servizio            TEXT,
  years               TEXT NOT NULL,
  responsible         TEXT NOT NULL,
  weight              REAL,
  page                INTEGER,
  sheet               TEXT,
  "row"               INTEGER,
  ordinal             INTEGER NOT NULL,
  chain_missione_code INTEGER,
  chain_settore       TEXT,
  UNIQUE (plan, id),
  FOREIGN KEY (plan, parent) REFERENCES objectives(plan, id) DEFERRABLE INITIALLY DEFERRED
);
CREATE INDEX objectives_parent ON objectives(plan, parent);

CREATE TABLE indicators (
  key                 INTEGER PRIMARY KEY,
  plan                INTEGER NOT NULL REFERENCES plans(pk) ON DELETE CASCADE,
  id                  TEXT NOT NULL,
  objective           TEXT NOT NULL,
  objective_key       INTEGER NOT NULL REFERENCES objectives(key) ON DELETE CASCADE,
  name                TEXT NOT NULL,
  type                TEXT CHECK (type IN ('data', 'percentuale', 'numero', 'si_no', 'testo')),
  baseline            TEXT,
  actual              TEXT,
  weight              REAL,
  responsible         TEXT NOT NULL,
  page                INTEGER,
  sheet               TEXT,
  "row"               INTEGER,
  ordinal             INTEGER NOT NULL,
  chain_missione_code INTEGER,
  chain_settore       TEXT,
  deadline            TEXT,
  UNIQUE (plan, id)
);
CREATE INDEX indicators_objective ON indicators(objective_key);

CREATE TABLE targets (
  indicator  INTEGER NOT NULL REFERENCES indicators(key) ON DELETE CASCADE,
  ordinal    INTEGER NOT NULL,
  raw        TEXT NOT NULL,
  year       INTEGER,
  kind       TEXT NOT NULL CHECK (kind IN ('deadline', 'percent', 'number', 'boolean', 'text')),
  op         TEXT CHECK (op IN ('<', '<=', '=', '>=', '>')),
  value_num  REAL,
  value_bool INTEGER,
  date       TEXT,
  unit       TEXT,
  PRIMARY KEY (indicator, ordinal)
) WITHOUT ROWID;

-- The stemmed, accent-folded text of each objective (title + description) and
-- indicator (name), under the item's key; see src/store/search-terms.ts.
CREATE VIRTUAL TABLE objectives_fts USING fts5(
  terms, content = '', contentless_delete = 1, tokenize = 'unicode61 remove_diacritics 2'
);
CREATE VIRTUAL TABLE indicators_fts USING fts5(
  terms, content = '', contentless_delete = 1, tokenize = 'unicode61 remove_diacritics 2'
);
-- Terms saved with a plan wait here and enter the indexes above in bulk: an FTS5
-- table pays for every transaction that writes to it, which was a quarter of the time
-- saving a plan (src/store/search-index.ts).
CREATE TABLE search_queue (
  kind  TEXT NOT NULL CHECK (kind IN ('objective', 'indicator')),
  key   INTEGER NOT NULL,
  terms TEXT NOT NULL,
  PRIMARY KEY (kind, key)
) WITHOUT ROWID;
CREATE TRIGGER objectives_fts_cleanup AFTER DELETE ON objectives BEGIN
  DELETE FROM objectives_fts WHERE rowid = old.key;
  DELETE FROM search_queue WHERE kind = 'objective' AND key = old.key;
END;
CREATE TRIGGER indicators_fts_cleanup AFTER DELETE ON indicators BEGIN
  DELETE FROM indicators_fts WHERE rowid = old.key;
  DELETE FROM search_queue WHERE kind = 'indicator' AND key = old.key;
END;

INSERT INTO plans (id, sha256, file, format, pages, envelope, ente_name, ente_istat, ente_key, kind, title, years,
  layout, warnings, imported_at, import_run)
SELECT id, sha256, file, format, pages, envelope, ente_name, ente_istat, ente_key, kind, title, years,
  layout, warnings, imported_at, import_run
FROM v2_plans ORDER BY rowid;

INSERT INTO objectives (plan, id, parent, level, code, title, description, area, missione_code, missione_name,
  missione_inferred, programma_code, programma_name, programma_inferred, theme, settore, servizio, years,
  responsible, weight, page, sheet, "row", ordinal, chain_missione_code, chain_settore)
SELECT p.pk, o.id, o.parent, o.level, o.code, o.title, o.description, o.area, o.missione_code, o.missione_name,
  o.missione_inferred, o.programma_code, o.programma_name, o.programma_inferred, o.theme, o.settore, o.servizio,
  o.years, o.responsible, o.weight, o.page, o.sheet, o."row", o.ordinal,
  COALESCE(o.missione_code, p1.missione_code, p2.missione_code), COALESCE(o.settore, p1.settore, p2.settore)
FROM v2_objectives o
JOIN plans p ON p.id = o.plan_id
LEFT JOIN v2_objectives p1 ON p1.plan_id = o.plan_id AND p1.id = o.parent
LEFT JOIN v2_objectives p2 ON p2.plan_id = p1.plan_id AND p2.id = p1.parent
ORDER BY p.pk, o.ordinal;

INSERT INTO indicators (plan, id, objective, objective_key, name, type, baseline, actual, weight, responsible, page,
  sheet, "row", ordinal, chain_missione_code, chain_settore, deadline)
SELECT p.pk, i.id, i.objective, o.key, i.name, i.type, i.baseline, i.actual, i.weight, i.responsible, i.page, i.sheet,
  i."row", i.ordinal, o.chain_missione_code, o.chain_settore,
  (SELECT min(t.date) FROM v2_targets t WHERE t.plan_id = i.plan_id AND t.indicator = i.id AND t.kind = 'deadline')
FROM v2_indicators i
JOIN plans p ON p.id = i.plan_id
JOIN objectives o ON o.plan = p.pk AND o.id = i.objective
ORDER BY p.pk, i.ordinal;

INSERT INTO targets (indicator, ordinal, raw, year, kind, op, value_num, value_bool, date, unit)
SELECT i.key, t.ordinal, t.raw, t.year, t.kind, t.op, t.value_num, t.value_bool, t.date, t.unit
FROM v2_targets t
JOIN plans p ON p.id = t.plan_id
JOIN indicators i ON i.plan = p.pk AND i.id = t.indicator;

INSERT INTO objectives_fts (rowid, terms)
SELECT o.key, s.terms FROM search_index s
JOIN plans p ON p.id = s.plan_id JOIN objectives o ON o.plan = p.pk AND o.id = s.item
WHERE s.kind = 'objective';
INSERT INTO indicators_fts (rowid, terms)
SELECT i.key, s.terms FROM search_index s
JOIN plans p ON p.id = s.plan_id JOIN indicators i ON i.plan = p.pk AND i.id = s.item
WHERE s.kind = 'indicator';

DROP TABLE search_index;
DROP TABLE v2_targets;
DROP TABLE v2_indicators;
DROP TABLE v2_objectives;
DROP TABLE v2_plans;

-- Each objective with its plan's ente and years, the titles of the chain it
-- belongs to, and the context it inherits from the objectives above it (a Missione
-- stated on the strategico heading applies to the operativi and esecutivi below).
CREATE VIEW v_objective_context AS
SELECT
  pl.id AS plan_id,
  o.id AS objective_id,
  pl.ente_name AS ente,
  pl.ente_istat AS istat,
  pl.years AS plan_years,
  pl.layout,
  pl.title AS plan_title,
  pl.file,
  p1.title AS parent_title,
  CASE 'esecutivo' WHEN o.level THEN o.title WHEN p1.level THEN p1.title WHEN p2.level THEN p2.title END AS esecutivo,
  CASE 'operativo' WHEN o.level THEN o.title WHEN p1.level THEN p1.title WHEN p2.level THEN p2.title END AS operativo,
  CASE 'strategico' WHEN o.level THEN o.title WHEN p1.level THEN p1.title WHEN p2.level THEN p2.title END AS strategico,
  COALESCE(o.area, p1.area, p2.area) AS area,
  o.chain_missione_code AS missione_code,
  COALESCE(o.missione_name, p1.missione_name, p2.missione_name) AS missione_name,
  COALESCE(o.programma_code, p1.programma_code, p2.programma_code) AS programma_code,
  COALESCE(o.programma_name, p1.programma_name, p2.programma_name) AS programma_name,
  COALESCE(o.theme, p1.theme, p2.theme) AS theme,
  o.chain_settore AS settore,
  o.servizio,
  o.key AS objective_key
FROM objectives o
JOIN plans pl ON pl.pk = o.plan
LEFT JOIN objectives p1 ON p1.plan = o.plan AND p1.id = o.parent
LEFT JOIN objectives p2 ON p2.plan = o.plan AND p2.id = p1.parent;

-- One row per objective, with its context and how many indicators measure it.
CREATE VIEW v_objectives AS
SELECT
  pl.id AS plan_id, o.id AS objective_id, o.level, o.code, o.title, o.description, o.parent AS parent_id, c.parent_title,
  c.ente, c.istat, c.plan_years, c.layout, c.plan_title, c.file,
  c.area, c.missione_code, c.missione_name, o.missione_inferred, c.programma_code, c.programma_name,
  c.theme, c.settore, c.servizio,
  o.years, o.responsible, o.weight,
  (SELECT count(*) FROM indicators i WHERE i.objective_key = o.key) AS indicators,
  o.page, o.sheet, o."row", o.ordinal
FROM objectives o
JOIN plans pl ON pl.pk = o.plan
JOIN v_objective_context c ON c.objective_key = o.key;

-- One row per indicator with its objective chain, the plan's ente and years, the
-- inherited context, all its targets as text, its first target's kind and date, and
-- its earliest deadline.
CREATE VIEW v_indicators AS
SELECT
  pl.id AS plan_id, i.id AS indicator_id, i.name AS indicator, i.type,
  c.ente, c.istat, c.plan_years, c.layout, c.plan_title, c.file,
  i.objective AS objective_id, c.esecutivo, c.operativo, c.strategico,
  c.missione_code, c.missione_name, c.programma_code, c.programma_name,
  c.settore, c.area, c.theme, c.servizio,
  (SELECT group_concat(raw, ' | ')
     FROM (SELECT raw FROM targets t WHERE t.indicator = i.key ORDER BY t.ordinal)) AS targets,
  ft.kind AS target_kind,
  ft.date AS target_date,
  i.deadline,
  i.baseline, i.actual, i.weight, i.responsible,
  i.page, i.sheet, i."row", i.ordinal
FROM indicators i
JOIN plans pl ON pl.pk = i.plan
JOIN v_objective_context c ON c.objective_key = i.objective_key
LEFT JOIN targets ft ON ft.indicator = i.key AND ft.ordinal = 0;
`;

/** Append only: never edit a migration that has shipped. */
export const MIGRATIONS: readonly Migration[] = [
  { version: 1, purpose: 'the v1 schema', sql: SCHEMA_V1 },
  { version: 2, purpose: 'indexes for the analyst queries', sql: QUERY_INDEXES_V2 },
  { version: 3, purpose: 'integer keys, contentless search, stored query columns', sql: INTEGER_KEYS_V3 },
];

/**
 * Brings the database up to the newest migration. The check and the migrations
 * run in one IMMEDIATE transaction, so two importers opening a fresh database at
 * once do not both try to create the tables.
 */
export function migrate(db: Database.Database): void {
  db.transaction(() => {
    const current = db.pragma('user_version', { simple: true }) as number;
    const latest = MIGRATIONS.at(-1)?.version ?? 0;
    if (current > latest) {
      throw new Error(`database schema v${current} is newer than this perfplan knows (v${latest}): upgrade perfplan`);
    }
    for (const m of MIGRATIONS) {
      if (m.version <= current) continue;
      try {
        db.exec(m.sql);
      } catch (err) {
        throw new Error(`migration ${m.version} (${m.purpose}) failed: ${(err as Error).message}`);
      }
      // PRAGMA takes no bound parameters; the version is a constant of this list.
      db.pragma(`user_version = ${Number(m.version)}`);
    }
  }).immediate();
}
