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

/** Append only: never edit a migration that has shipped. */
export const MIGRATIONS: readonly Migration[] = [
  { version: 1, purpose: 'the v1 schema', sql: SCHEMA_V1 },
  { version: 2, purpose: 'indexes for the analyst queries', sql: QUERY_INDEXES_V2 },
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
