// The store's schema: numbered migrations, applied in order inside one transaction each, and
// recorded in schema_migrations. A store whose newest migration is above kStoreSchemaVersion was
// made by a newer mnsim and is refused untouched. Private to the store module.
#pragma once

#include <string>

#include <sqlite3.h>

#include "mnsim/base/error.h"
#include "mnsim/runs/run_journal.h"
#include "mnsim/store/store.h"
#include "store/migration.h"

namespace mnsim {

// SQLite. Stored rows are append-only: the triggers refuse any UPDATE or DELETE of runs and reviews.
inline const Migration kSqliteMigrations[] = {
    {1, "runs and reviews, append-only",
     R"(
CREATE TABLE runs (
  hash         TEXT PRIMARY KEY,
  trainee_id   TEXT NOT NULL,
  trainee_name TEXT NOT NULL,
  cohort       TEXT NOT NULL,
  kind         TEXT NOT NULL,
  mode         TEXT NOT NULL,
  station_id   TEXT NOT NULL,
  started_ms   INTEGER NOT NULL,
  case_id      TEXT NOT NULL,
  verdict      TEXT NOT NULL,
  size_bytes   INTEGER NOT NULL,
  stored_utc   TEXT NOT NULL,
  bytes        BLOB NOT NULL
);
CREATE INDEX runs_by_trainee ON runs (trainee_id, case_id, started_ms);
CREATE INDEX runs_by_start ON runs (started_ms);
CREATE TABLE reviews (
  seq          INTEGER PRIMARY KEY,
  hash         TEXT NOT NULL UNIQUE,
  run_hash     TEXT NOT NULL REFERENCES runs (hash),
  assessor     TEXT NOT NULL,
  signed_utc   TEXT NOT NULL,
  supersedes   TEXT NOT NULL,
  stored_utc   TEXT NOT NULL,
  bytes        BLOB NOT NULL
);
CREATE INDEX reviews_by_run ON reviews (run_hash);
CREATE TRIGGER runs_no_update BEFORE UPDATE ON runs BEGIN SELECT RAISE(ABORT, 'stored runs cannot be changed'); END;
CREATE TRIGGER runs_no_delete BEFORE DELETE ON runs BEGIN SELECT RAISE(ABORT, 'stored runs cannot be deleted'); END;
CREATE TRIGGER reviews_no_update BEFORE UPDATE ON reviews BEGIN SELECT RAISE(ABORT, 'stored reviews cannot be changed'); END;
CREATE TRIGGER reviews_no_delete BEFORE DELETE ON reviews BEGIN SELECT RAISE(ABORT, 'stored reviews cannot be deleted'); END;
)"},
    {2, "what a station has sent to which server; the score each run recorded, for lists",
     R"(
ALTER TABLE runs ADD COLUMN score REAL;
ALTER TABLE runs ADD COLUMN proficient INTEGER;
-- Everything a list shows, newest first, in one index: a list of thousands reads no run row.
CREATE INDEX runs_listed ON runs (started_ms DESC, hash, trainee_id, trainee_name, cohort, kind, mode, station_id, case_id,
                                  verdict, size_bytes, stored_utc, score, proficient);
CREATE TABLE sent_runs (
  server    TEXT NOT NULL,
  run_hash  TEXT NOT NULL REFERENCES runs (hash),
  sent_utc  TEXT NOT NULL,
  PRIMARY KEY (server, run_hash)
);
CREATE TRIGGER sent_runs_no_update BEFORE UPDATE ON sent_runs BEGIN SELECT RAISE(ABORT, 'the record of what was sent cannot be changed'); END;
)"},
};

inline const char* const kInsertRun =
    "INSERT INTO runs (hash, trainee_id, trainee_name, cohort, kind, mode, station_id, started_ms, case_id, verdict, "
    "size_bytes, stored_utc, bytes, score, proficient) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15) "
    "ON CONFLICT (hash) DO NOTHING";
inline const char* const kInsertReview =
    "INSERT INTO reviews (hash, run_hash, assessor, signed_utc, supersedes, stored_utc, bytes) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) ON CONFLICT (hash) DO NOTHING";
#define MNSIM_RUN_COLUMNS \
  "hash, trainee_id, trainee_name, cohort, kind, mode, station_id, started_ms, case_id, verdict, size_bytes, stored_utc, " \
  "score, proficient, (SELECT signed_utc FROM reviews v WHERE v.run_hash = runs.hash ORDER BY seq DESC LIMIT 1)"
inline const char* const kSelectRuns = "SELECT " MNSIM_RUN_COLUMNS
                                       " FROM runs WHERE (?1 = '' OR trainee_id = ?1) AND (?2 = '' OR case_id = ?2) "
                                       "ORDER BY started_ms DESC, hash LIMIT ?3";
// In the order the station stored them (rowid grows with each insert; rows are never deleted).
inline const char* const kSelectUnsent = "SELECT " MNSIM_RUN_COLUMNS
                                         " FROM runs WHERE hash NOT IN (SELECT run_hash FROM sent_runs WHERE server = ?1) "
                                         "ORDER BY rowid";
#undef MNSIM_RUN_COLUMNS

// Brings the store up to kStoreSchemaVersion; its version, or why not.
inline Result<int> migrateSqlite(sqlite3* db, const std::string& path) {
  auto fail = [&](const std::string& what) -> Error {
    return makeError(ErrorCode::Io, what + ": " + sqlite3_errmsg(db), {path, 0, 0});
  };
  // Another program's database (tables, none of them mnsim's) is left alone.
  {
    sqlite3_stmt* st = nullptr;
    int tables = 0, ours = 0;
    if (sqlite3_prepare_v2(db, "SELECT COUNT(*), SUM(name = 'schema_migrations') FROM sqlite_master WHERE type = 'table'", -1,
                           &st, nullptr) != SQLITE_OK) {
      sqlite3_finalize(st);
      return fail("not an mnsim store (not a database)");
    }
    if (sqlite3_step(st) == SQLITE_ROW) {
      tables = sqlite3_column_int(st, 0);
      ours = sqlite3_column_int(st, 1);
    }
    sqlite3_finalize(st);
    if (tables > 0 && ours == 0)
      return makeError(ErrorCode::Format, "not an mnsim store: the database holds other tables; it is left as it is", {path, 0, 0});
  }
  if (sqlite3_exec(db, "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_utc TEXT NOT NULL)",
                   nullptr, nullptr, nullptr) != SQLITE_OK)
    return fail("not an mnsim store, or not writable");
  int current = 0;
  {
    sqlite3_stmt* st = nullptr;
    sqlite3_prepare_v2(db, "SELECT COALESCE(MAX(version), 0) FROM schema_migrations", -1, &st, nullptr);
    if (st && sqlite3_step(st) == SQLITE_ROW) current = sqlite3_column_int(st, 0);
    sqlite3_finalize(st);
  }
  if (current > kStoreSchemaVersion)
    return makeError(ErrorCode::Format,
                     "the store was made by a newer mnsim (schema " + std::to_string(current) + "; this mnsim knows up to " +
                         std::to_string(kStoreSchemaVersion) + "): it is left as it is; use that mnsim or a newer one",
                     {path, 0, 0});
  for (const Migration& m : kSqliteMigrations) {
    if (m.version <= current) continue;
    if (sqlite3_exec(db, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr) != SQLITE_OK) return fail("cannot lock the store");
    std::string record = "INSERT INTO schema_migrations (version, applied_utc) VALUES (" + std::to_string(m.version) +
                         ", '" + utcText(nowUnixMs()) + "')";
    if (sqlite3_exec(db, m.sql, nullptr, nullptr, nullptr) != SQLITE_OK ||
        sqlite3_exec(db, record.c_str(), nullptr, nullptr, nullptr) != SQLITE_OK) {
      const Error e = fail(std::string("migration ") + std::to_string(m.version) + " (" + m.what + ") failed");
      sqlite3_exec(db, "ROLLBACK", nullptr, nullptr, nullptr);
      return e;
    }
    if (sqlite3_exec(db, "COMMIT", nullptr, nullptr, nullptr) != SQLITE_OK) return fail("cannot commit a migration");
    current = m.version;
  }
  return current;
}

}  // namespace mnsim
