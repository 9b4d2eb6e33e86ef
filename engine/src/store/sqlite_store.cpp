// The embedded store: one SQLite file. Schema and migrations in store/schema.h; every statement
// prepared with bound values (no SQL is ever built from data).
#include <sys/stat.h>

#include <filesystem>

#include <sqlite3.h>

#include "mnsim/review/review.h"
#include "mnsim/store/store.h"
#include "store/run_row.h"
#include "store/schema.h"

namespace mnsim {

namespace {

// One prepared statement, finalized when it goes.
class Statement {
 public:
  Statement(sqlite3* db, const char* sql) { m_ok = sqlite3_prepare_v2(db, sql, -1, &m_stmt, nullptr) == SQLITE_OK; }
  ~Statement() { sqlite3_finalize(m_stmt); }
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;
  bool ok() const { return m_ok; }
  Statement& text(int i, std::string_view v) {
    sqlite3_bind_text(m_stmt, i, v.data(), static_cast<int>(v.size()), SQLITE_TRANSIENT);
    return *this;
  }
  Statement& blob(int i, std::string_view v) {
    sqlite3_bind_blob(m_stmt, i, v.data(), static_cast<int>(v.size()), SQLITE_TRANSIENT);
    return *this;
  }
  Statement& real(int i, double v) {
    sqlite3_bind_double(m_stmt, i, v);
    return *this;
  }
  Statement& integer(int i, int64_t v) {
    sqlite3_bind_int64(m_stmt, i, v);
    return *this;
  }
  int step() { return sqlite3_step(m_stmt); }
  std::string column(int i) const {
    const auto* p = static_cast<const char*>(sqlite3_column_blob(m_stmt, i));
    return p ? std::string(p, static_cast<size_t>(sqlite3_column_bytes(m_stmt, i))) : std::string();
  }
  int64_t number(int i) const { return sqlite3_column_int64(m_stmt, i); }
  bool null(int i) const { return sqlite3_column_type(m_stmt, i) == SQLITE_NULL; }
  double real(int i) const { return sqlite3_column_double(m_stmt, i); }

 private:
  sqlite3_stmt* m_stmt = nullptr;
  bool m_ok = false;
};

class SqliteStore final : public Store {
 public:
  SqliteStore(std::string path, sqlite3* db, int version) : m_path(std::move(path)), m_db(db), m_version(version) {}
  ~SqliteStore() override { sqlite3_close(m_db); }

  const std::string& location() const override { return m_path; }
  int schemaVersion() const override { return m_version; }

  Result<Stored> putRun(std::string_view bytes, const RunCheck& check) override {
    auto row = runRowOf(bytes, check, m_path);
    if (!row) return row.error();
    const RunWho& who = row->who;
    Statement insert(m_db, kInsertRun);
    if (!insert.ok()) return failure("prepare");
    insert.text(1, row->hash).text(2, who.traineeId).text(3, who.traineeName).text(4, who.cohort).text(5, who.kind);
    insert.text(6, who.mode).text(7, who.stationId).integer(8, who.startedUnixMs).text(9, row->caseId);
    insert.text(10, row->verdict).integer(11, row->sizeBytes).text(12, row->storedUtc).blob(13, bytes);
    if (row->recorded) insert.real(14, row->recorded->score).integer(15, row->recorded->proficient ? 1 : 0);
    const int rc = insert.step();
    if (rc != SQLITE_DONE) return failure("store the run");
    return sqlite3_changes(m_db) ? Stored::Added : Stored::AlreadyThere;
  }

  Result<Stored> putReview(std::string_view bytes) override {
    auto review = parseReview(bytes, m_path);
    if (!review) return review.error();
    {
      Statement has(m_db, "SELECT 1 FROM runs WHERE hash = ?1");
      has.text(1, review->run.hash);
      if (has.step() != SQLITE_ROW)
        return makeError(ErrorCode::Reference, "not stored: the review's run (" + review->run.hash + ") is not in the store",
                         {m_path, 0, 0});
    }
    Statement insert(m_db, kInsertReview);
    if (!insert.ok()) return failure("prepare");
    insert.text(1, contentHash(bytes)).text(2, review->run.hash).text(3, review->assessorName).text(4, review->signedUtc);
    insert.text(5, review->supersedes).text(6, utcText(nowUnixMs())).blob(7, bytes);
    if (insert.step() != SQLITE_DONE) return failure("store the review");
    return sqlite3_changes(m_db) ? Stored::Added : Stored::AlreadyThere;
  }

  Result<std::vector<StoredRun>> runs(const RunQuery& q) override {
    Statement select(m_db, kSelectRuns);
    if (!select.ok()) return failure("prepare");
    select.text(1, q.traineeId).text(2, q.caseId).integer(3, q.limit ? static_cast<int64_t>(q.limit) : -1);
    return storedRuns(select, "list the runs");
  }

  Result<std::vector<StoredRun>> unsentRuns(const std::string& server) override {
    Statement select(m_db, kSelectUnsent);
    if (!select.ok()) return failure("prepare");
    select.text(1, server);
    return storedRuns(select, "list the runs not yet sent");
  }

  Status markSent(const std::string& server, const std::string& runHash) override {
    Statement insert(m_db, "INSERT INTO sent_runs (server, run_hash, sent_utc) VALUES (?1, ?2, ?3) ON CONFLICT DO NOTHING");
    insert.text(1, server).text(2, runHash).text(3, utcText(nowUnixMs()));
    if (insert.step() != SQLITE_DONE) return failure("note that a run was sent");
    return Ok{};
  }

  Result<std::vector<StoredReview>> reviewsOf(const std::string& runHash) override {
    Statement select(m_db, "SELECT hash, run_hash, assessor, signed_utc, supersedes, stored_utc FROM reviews "
                           "WHERE run_hash = ?1 ORDER BY seq");
    select.text(1, runHash);
    std::vector<StoredReview> out;
    int rc;
    while ((rc = select.step()) == SQLITE_ROW)
      out.push_back({select.column(0), select.column(1), select.column(2), select.column(3), select.column(4), select.column(5)});
    if (rc != SQLITE_DONE) return failure("list the reviews");
    return out;
  }

  Result<std::string> runBytes(const std::string& hash) override { return bytesOf("runs", hash); }
  Result<std::string> reviewBytes(const std::string& hash) override { return bytesOf("reviews", hash); }

 private:
  // The rows of a SELECT of the run columns (schema.h).
  Result<std::vector<StoredRun>> storedRuns(Statement& select, const char* what) const {
    std::vector<StoredRun> out;
    int rc;
    while ((rc = select.step()) == SQLITE_ROW) {
      StoredRun r;
      r.hash = select.column(0);
      r.traineeId = select.column(1);
      r.traineeName = select.column(2);
      r.cohort = select.column(3);
      r.kind = select.column(4);
      r.mode = select.column(5);
      r.stationId = select.column(6);
      r.startedUnixMs = select.number(7);
      r.startedUtc = utcText(r.startedUnixMs);
      r.caseId = select.column(8);
      r.verdict = select.column(9);
      r.sizeBytes = select.number(10);
      r.storedUtc = select.column(11);
      if (!select.null(12)) r.recorded = RecordedScore{select.real(12), select.number(13) != 0};
      if (!select.null(14)) r.review = select.column(14).empty() ? "draft" : "signed";
      out.push_back(std::move(r));
    }
    if (rc != SQLITE_DONE) return failure(what);
    return out;
  }

  Error failure(const std::string& what) const {
    return makeError(ErrorCode::Io, "the store could not " + what + ": " + sqlite3_errmsg(m_db), {m_path, 0, 0});
  }

  Result<std::string> bytesOf(const std::string& table, const std::string& hash) {
    Statement select(m_db, table == "runs" ? "SELECT bytes FROM runs WHERE hash = ?1" : "SELECT bytes FROM reviews WHERE hash = ?1");
    select.text(1, hash);
    const int rc = select.step();
    if (rc == SQLITE_DONE) return makeError(ErrorCode::Reference, "no " + table.substr(0, table.size() - 1) + " " + hash + " in the store", {m_path, 0, 0});
    if (rc != SQLITE_ROW) return failure("read " + hash);
    return checkedBytes(select.column(0), table == "runs" ? "run" : "review", hash, m_path);
  }

  std::string m_path;
  sqlite3* m_db;
  int m_version;
};

}  // namespace

std::string storedRunName(const StoredRun& r) {
  std::string compact;
  for (char c : r.startedUtc.substr(0, 19))  // 2026-12-05T04:30:00
    if (c != '-' && c != ':') compact += c == 'T' ? '-' : c;
  std::string name = (r.caseId.empty() ? "run" : std::filesystem::path(r.caseId).stem().string()) + "-" + compact + "-" +
                     r.traineeId + "-" + r.hash.substr(r.hash.find(':') + 1, 8) + ".mnrun";
  for (char& c : name)
    if (c == '/' || c == '\\' || c == ' ') c = '_';
  return name;
}

Result<std::unique_ptr<Store>> openSqliteStore(const std::string& path) {
  const bool isNew = !std::filesystem::exists(path);
  sqlite3* db = nullptr;
  if (sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr) != SQLITE_OK) {
    const std::string why = db ? sqlite3_errmsg(db) : "out of memory";
    sqlite3_close(db);
    return makeError(ErrorCode::Io, "cannot open the store: " + why, {path, 0, 0});
  }
  if (isNew) ::chmod(path.c_str(), 0600);
  sqlite3_busy_timeout(db, 5000);
  // Reads straight from the mapped file rather than copied through the page cache.
  sqlite3_exec(db, "PRAGMA mmap_size = 1073741824", nullptr, nullptr, nullptr);
  auto version = migrateSqlite(db, path);
  if (!version) {
    sqlite3_close(db);
    return version.error();
  }
  return std::unique_ptr<Store>(new SqliteStore(path, db, *version));
}

}  // namespace mnsim
