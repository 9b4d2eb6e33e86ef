// The store's schema on PostgreSQL (docs/store.md): the same tables as the embedded store, the
// academy's roles, and row-level security, so that the database itself decides who reads and
// writes what. Applied by an administrator (`setUpPostgresStore`); clients only check the version.
// Private to the store module.
#pragma once

#include "mnsim/store/store.h"
#include "store/migration.h"

namespace mnsim {

// Group roles (NOLOGIN): each person's login role is a member of one of them.
//   mnsim_station     uploads runs (INSERT), sees the runs it uploaded
//   mnsim_trainee     reads their own runs and the reviews of them
//   mnsim_instructor  reads every run, uploads reference runs
//   mnsim_assessor    reads every run and review, writes reviews
//   mnsim_admin       creates people (their login roles and rows in people)
inline const Migration kPostgresMigrations[] = {
    {1, "people, runs and reviews; roles; append-only; row-level security",
     R"SQL(
DO $$
DECLARE r TEXT;
BEGIN
  FOREACH r IN ARRAY ARRAY['mnsim_station', 'mnsim_trainee', 'mnsim_instructor', 'mnsim_assessor', 'mnsim_admin'] LOOP
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = r) THEN
      EXECUTE format('CREATE ROLE %I NOLOGIN', r);
    END IF;
  END LOOP;
END $$;

CREATE TABLE people (
  login      TEXT PRIMARY KEY,
  role       TEXT NOT NULL CHECK (role IN ('station', 'trainee', 'instructor', 'assessor', 'admin')),
  trainee_id TEXT NOT NULL DEFAULT '',
  name       TEXT NOT NULL DEFAULT ''
);

CREATE TABLE runs (
  hash         TEXT PRIMARY KEY,
  trainee_id   TEXT NOT NULL,
  trainee_name TEXT NOT NULL,
  cohort       TEXT NOT NULL,
  kind         TEXT NOT NULL,
  mode         TEXT NOT NULL,
  station_id   TEXT NOT NULL,
  started_ms   BIGINT NOT NULL,
  case_id      TEXT NOT NULL,
  verdict      TEXT NOT NULL,
  size_bytes   BIGINT NOT NULL,
  stored_utc   TEXT NOT NULL,
  uploaded_by  TEXT NOT NULL DEFAULT current_user,
  bytes        BYTEA NOT NULL
);
CREATE INDEX runs_by_trainee ON runs (trainee_id, case_id, started_ms);
CREATE INDEX runs_by_start ON runs (started_ms);

CREATE TABLE reviews (
  seq          BIGSERIAL PRIMARY KEY,
  hash         TEXT NOT NULL UNIQUE,
  run_hash     TEXT NOT NULL REFERENCES runs (hash),
  assessor     TEXT NOT NULL,
  signed_utc   TEXT NOT NULL,
  supersedes   TEXT NOT NULL,
  stored_utc   TEXT NOT NULL,
  uploaded_by  TEXT NOT NULL DEFAULT current_user,
  bytes        BYTEA NOT NULL
);
CREATE INDEX reviews_by_run ON reviews (run_hash);

CREATE FUNCTION mnsim_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'stored % cannot be changed or deleted', TG_TABLE_NAME;
END $$;
CREATE TRIGGER runs_append_only BEFORE UPDATE OR DELETE ON runs FOR EACH ROW EXECUTE FUNCTION mnsim_append_only();
CREATE TRIGGER runs_no_truncate BEFORE TRUNCATE ON runs FOR EACH STATEMENT EXECUTE FUNCTION mnsim_append_only();
CREATE TRIGGER reviews_append_only BEFORE UPDATE OR DELETE ON reviews FOR EACH ROW EXECUTE FUNCTION mnsim_append_only();
CREATE TRIGGER reviews_no_truncate BEFORE TRUNCATE ON reviews FOR EACH STATEMENT EXECUTE FUNCTION mnsim_append_only();

GRANT SELECT ON schema_migrations, people TO mnsim_station, mnsim_trainee, mnsim_instructor, mnsim_assessor, mnsim_admin;
GRANT INSERT ON people TO mnsim_admin;
GRANT SELECT ON runs TO mnsim_station, mnsim_trainee, mnsim_instructor, mnsim_assessor;
GRANT INSERT ON runs TO mnsim_station, mnsim_instructor;
GRANT SELECT ON reviews TO mnsim_trainee, mnsim_instructor, mnsim_assessor;
GRANT INSERT ON reviews TO mnsim_assessor;
GRANT USAGE ON SEQUENCE reviews_seq_seq TO mnsim_assessor;

ALTER TABLE runs ENABLE ROW LEVEL SECURITY;
CREATE POLICY trainee_reads_own ON runs FOR SELECT TO mnsim_trainee
  USING (trainee_id = (SELECT p.trainee_id FROM people p WHERE p.login = current_user));
CREATE POLICY staff_read_all ON runs FOR SELECT TO mnsim_instructor, mnsim_assessor USING (true);
CREATE POLICY station_reads_its_uploads ON runs FOR SELECT TO mnsim_station USING (uploaded_by = current_user);
CREATE POLICY upload ON runs FOR INSERT TO mnsim_station, mnsim_instructor WITH CHECK (uploaded_by = current_user);

ALTER TABLE reviews ENABLE ROW LEVEL SECURITY;
CREATE POLICY read_reviews_of_visible_runs ON reviews FOR SELECT TO mnsim_trainee, mnsim_instructor, mnsim_assessor
  USING (EXISTS (SELECT 1 FROM runs r WHERE r.hash = run_hash));
CREATE POLICY assessors_write ON reviews FOR INSERT TO mnsim_assessor WITH CHECK (uploaded_by = current_user);
)SQL"},
    {2, "the order the server received runs in; the score each run recorded, for lists",
     R"SQL(
ALTER TABLE runs ADD COLUMN seq BIGSERIAL;
ALTER TABLE runs ADD COLUMN score DOUBLE PRECISION;
ALTER TABLE runs ADD COLUMN proficient BOOLEAN;
-- Everything a list shows, newest first, in one index (index-only scans once autovacuum has seen
-- the rows): a list of thousands reads no run row.
CREATE INDEX runs_listed ON runs (started_ms DESC, hash) INCLUDE (trainee_id, trainee_name, cohort, kind, mode, station_id,
                                                                 case_id, verdict, size_bytes, stored_utc, score, proficient);
CREATE UNIQUE INDEX runs_by_seq ON runs (seq);
GRANT USAGE ON SEQUENCE runs_seq_seq TO mnsim_station, mnsim_instructor;
-- A station's list shows whether the runs it sent have been reviewed.
GRANT SELECT ON reviews TO mnsim_station;
ALTER POLICY read_reviews_of_visible_runs ON reviews TO mnsim_trainee, mnsim_instructor, mnsim_assessor, mnsim_station;
)SQL"},
};

}  // namespace mnsim
