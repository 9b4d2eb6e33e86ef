// The store on a PostgreSQL server (docs/store.md), through libpq. Every statement is sent with its
// values as parameters (bytes in binary); what a connection may see and write is the database's
// decision (roles, row-level security, append-only triggers), not this code's.
#include <libpq-fe.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <memory>

#include "mnsim/review/review.h"
#include "mnsim/store/store.h"
#include "store/pg_schema.h"
#include "store/run_row.h"

namespace mnsim {

namespace {

struct ResultDeleter {
  void operator()(PGresult* r) const { PQclear(r); }
};
using PgResult = std::unique_ptr<PGresult, ResultDeleter>;

}  // namespace

std::string shownStoreLocation(const std::string& conninfo) {
  std::string out = conninfo;
  const size_t scheme = out.find("://");
  const size_t at = out.find('@');
  if (scheme != std::string::npos && at != std::string::npos && at > scheme) {
    const size_t colon = out.find(':', scheme + 3);
    if (colon != std::string::npos && colon < at) out.replace(colon, at - colon, ":***");
  }
  const size_t pw = out.find("password=");
  if (pw != std::string::npos) {
    const size_t end = out.find_first_of(" &", pw);
    out.replace(pw, (end == std::string::npos ? out.size() : end) - pw, "password=***");
  }
  return out;
}

namespace {

// A double as text that reads back to the same double.
std::string exactText(double v) {
  char buf[40];
  std::snprintf(buf, sizeof buf, "%.17g", v);
  return buf;
}

class PgStore final : public Store {
 public:
  PgStore(std::string location, PGconn* conn, int version) : m_location(std::move(location)), m_conn(conn), m_version(version) {}
  ~PgStore() override { PQfinish(m_conn); }

  const std::string& location() const override { return m_location; }
  int schemaVersion() const override { return m_version; }

  Result<Stored> putRun(std::string_view bytes, const RunCheck& check) override {
    auto row = runRowOf(bytes, check, m_location);
    if (!row) return row.error();
    const RunWho& who = row->who;
    const std::string values[] = {row->hash, who.traineeId, who.traineeName, who.cohort, who.kind, who.mode,
                                  who.stationId, std::to_string(who.startedUnixMs), row->caseId, row->verdict,
                                  std::to_string(row->sizeBytes), row->storedUtc,
                                  row->recorded ? exactText(row->recorded->score) : "",
                                  row->recorded ? (row->recorded->proficient ? "true" : "false") : ""};
    auto r = exec("INSERT INTO runs (hash, trainee_id, trainee_name, cohort, kind, mode, station_id, started_ms, case_id, "
                  "verdict, size_bytes, stored_utc, score, proficient, bytes) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, "
                  "$11, $12, NULLIF($13, '')::double precision, NULLIF($14, '')::boolean, $15) ON CONFLICT (hash) DO NOTHING",
                  values, 14, bytes);
    if (!r) return r.error();
    return std::string(PQcmdTuples(r->get())) == "1" ? Stored::Added : Stored::AlreadyThere;
  }

  Result<Stored> putReview(std::string_view bytes) override {
    auto review = parseReview(bytes, m_location);
    if (!review) return review.error();
    const std::string values[] = {contentHash(bytes), review->run.hash, review->assessorName, review->signedUtc,
                                  review->supersedes, utcText(nowUnixMs())};
    auto r = exec("INSERT INTO reviews (hash, run_hash, assessor, signed_utc, supersedes, stored_utc, bytes) "
                  "VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (hash) DO NOTHING",
                  values, 6, bytes);
    if (!r) return r.error();
    return std::string(PQcmdTuples(r->get())) == "1" ? Stored::Added : Stored::AlreadyThere;
  }

  Result<std::vector<StoredRun>> runs(const RunQuery& q) override {
    const std::string values[] = {q.traineeId, q.caseId, q.limit ? std::to_string(q.limit) : "ALL"};
    auto r = exec("SELECT hash, trainee_id, trainee_name, cohort, kind, mode, station_id, started_ms, case_id, verdict, "
                  "size_bytes, stored_utc, score, proficient, (SELECT signed_utc FROM reviews v WHERE v.run_hash = runs.hash "
                  "ORDER BY seq DESC LIMIT 1) FROM runs WHERE ($1 = '' OR trainee_id = $1) AND ($2 = '' OR case_id = $2) "
                  "ORDER BY started_ms DESC, hash LIMIT CASE WHEN $3 = 'ALL' THEN NULL ELSE $3::bigint END",
                  values, 3);
    if (!r) return r.error();
    std::vector<StoredRun> out;
    PGresult* res = r->get();
    out.reserve(static_cast<size_t>(PQntuples(res)));
    for (int i = 0; i < PQntuples(res); ++i) {
      StoredRun s;
      s.hash = PQgetvalue(res, i, 0);
      s.traineeId = PQgetvalue(res, i, 1);
      s.traineeName = PQgetvalue(res, i, 2);
      s.cohort = PQgetvalue(res, i, 3);
      s.kind = PQgetvalue(res, i, 4);
      s.mode = PQgetvalue(res, i, 5);
      s.stationId = PQgetvalue(res, i, 6);
      s.startedUnixMs = std::strtoll(PQgetvalue(res, i, 7), nullptr, 10);
      s.startedUtc = utcText(s.startedUnixMs);
      s.caseId = PQgetvalue(res, i, 8);
      s.verdict = PQgetvalue(res, i, 9);
      s.sizeBytes = std::strtoll(PQgetvalue(res, i, 10), nullptr, 10);
      s.storedUtc = PQgetvalue(res, i, 11);
      if (!PQgetisnull(res, i, 12)) s.recorded = RecordedScore{std::strtod(PQgetvalue(res, i, 12), nullptr), PQgetvalue(res, i, 13)[0] == 't'};
      if (!PQgetisnull(res, i, 14)) s.review = PQgetvalue(res, i, 14)[0] ? "signed" : "draft";
      out.push_back(std::move(s));
    }
    return out;
  }

  Result<std::vector<StoredReview>> reviewsOf(const std::string& runHash) override {
    const std::string values[] = {runHash};
    auto r = exec("SELECT hash, run_hash, assessor, signed_utc, supersedes, stored_utc FROM reviews WHERE run_hash = $1 "
                  "ORDER BY seq",
                  values, 1);
    if (!r) return r.error();
    std::vector<StoredReview> out;
    for (int i = 0; i < PQntuples(r->get()); ++i) {
      auto v = [&](int c) { return std::string(PQgetvalue(r->get(), i, c)); };
      out.push_back({v(0), v(1), v(2), v(3), v(4), v(5)});
    }
    return out;
  }

  Result<std::string> runBytes(const std::string& hash) override { return bytesOf("runs", "run", hash); }
  Result<std::string> reviewBytes(const std::string& hash) override { return bytesOf("reviews", "review", hash); }

  bool connected() const override { return PQstatus(m_conn) == CONNECTION_OK; }
  std::string transport() const override {
    if (!PQsslInUse(m_conn)) return "not encrypted";
    const char* protocol = PQsslAttribute(m_conn, "protocol");
    const char* cipher = PQsslAttribute(m_conn, "cipher");
    return std::string(protocol ? protocol : "TLS") + " (" + (cipher ? cipher : "?") + ")";
  }

 private:
  // Runs `sql` with text parameters and, when `bytes` is given, one binary parameter after them.
  Result<PgResult> exec(const char* sql, const std::string* values, int count, std::string_view bytes = {},
                        bool binaryResult = false) {
    std::vector<const char*> params;
    std::vector<int> lengths, formats;
    for (int i = 0; i < count; ++i) {
      params.push_back(values[i].c_str());
      lengths.push_back(static_cast<int>(values[i].size()));
      formats.push_back(0);
    }
    if (bytes.data()) {
      params.push_back(bytes.data());
      lengths.push_back(static_cast<int>(bytes.size()));
      formats.push_back(1);
    }
    PgResult r(PQexecParams(m_conn, sql, static_cast<int>(params.size()), nullptr, params.data(), lengths.data(),
                            formats.data(), binaryResult ? 1 : 0));
    const ExecStatusType status = r ? PQresultStatus(r.get()) : PGRES_FATAL_ERROR;
    if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) {
      std::string why = r ? PQresultErrorMessage(r.get()) : PQerrorMessage(m_conn);
      while (!why.empty() && (why.back() == '\n' || why.back() == ' ')) why.pop_back();
      return makeError(ErrorCode::Io, "the store refused: " + why, {m_location, 0, 0});
    }
    return r;
  }

  Result<std::string> bytesOf(const char* table, const char* what, const std::string& hash) {
    const std::string values[] = {hash};
    const std::string sql = std::string("SELECT bytes FROM ") + table + " WHERE hash = $1";
    auto r = exec(sql.c_str(), values, 1, {}, true);
    if (!r) return r.error();
    if (PQntuples(r->get()) == 0)
      return makeError(ErrorCode::Reference, std::string("no ") + what + " " + hash + " in the store (or not yours to read)",
                       {m_location, 0, 0});
    return checkedBytes(std::string(PQgetvalue(r->get(), 0, 0), static_cast<size_t>(PQgetlength(r->get(), 0, 0))), what, hash,
                        m_location);
  }

  std::string m_location;
  PGconn* m_conn;
  int m_version;
};

Result<PGconn*> connect(const std::string& conninfo) {
  PGconn* conn = PQconnectdb(conninfo.c_str());
  if (PQstatus(conn) != CONNECTION_OK) {
    std::string why = PQerrorMessage(conn);
    while (!why.empty() && (why.back() == '\n' || why.back() == ' ')) why.pop_back();
    PQfinish(conn);
    return makeError(ErrorCode::Io, "cannot reach the store: " + why, {shownStoreLocation(conninfo), 0, 0});
  }
  PQsetNoticeProcessor(conn, [](void*, const char*) {}, nullptr);  // NOTICEs are not for users
  // The store's statements are short: compiling them (JIT) costs more than it saves, e.g. 35 ms
  // of a 55 ms list of 10,000 runs.
  PgResult noJit(PQexec(conn, "SET jit = off"));
  return conn;
}

Result<int> schemaVersionOf(PGconn* conn, const std::string& location) {
  PgResult r(PQexec(conn, "SELECT COALESCE(MAX(version), 0) FROM schema_migrations"));
  if (PQresultStatus(r.get()) != PGRES_TUPLES_OK)
    return makeError(ErrorCode::Format, "not an mnsim store (no schema_migrations): ask the academy's administrator to set it "
                                        "up with 'mnsim store setup'",
                     {location, 0, 0});
  return std::atoi(PQgetvalue(r.get(), 0, 0));
}

}  // namespace

Result<std::unique_ptr<Store>> openPostgresStore(const std::string& conninfo) {
  const std::string location = shownStoreLocation(conninfo);
  auto conn = connect(conninfo);
  if (!conn) return conn.error();
  auto version = schemaVersionOf(*conn, location);
  if (!version || *version > kStoreSchemaVersion || *version < kStoreSchemaVersion) {
    PQfinish(*conn);
    if (!version) return version.error();
    if (*version > kStoreSchemaVersion)
      return makeError(ErrorCode::Format,
                       "the store was made by a newer mnsim (schema " + std::to_string(*version) + "; this mnsim knows up to " +
                           std::to_string(kStoreSchemaVersion) + "): it is left as it is; use that mnsim or a newer one",
                       {location, 0, 0});
    return makeError(ErrorCode::Format,
                     "the store's schema is " + std::to_string(*version) + ", this mnsim needs " +
                         std::to_string(kStoreSchemaVersion) + ": the academy's administrator brings it up to date with "
                         "'mnsim store setup'",
                     {location, 0, 0});
  }
  return std::unique_ptr<Store>(new PgStore(location, *conn, *version));
}

Result<int> setUpPostgresStore(const std::string& adminConninfo) {
  const std::string location = shownStoreLocation(adminConninfo);
  auto conn = connect(adminConninfo);
  if (!conn) return conn.error();
  std::unique_ptr<PGconn, void (*)(PGconn*)> guard(*conn, PQfinish);
  auto run = [&](const char* sql) -> Status {
    PgResult r(PQexec(*conn, sql));
    const ExecStatusType s = PQresultStatus(r.get());
    if (s == PGRES_COMMAND_OK || s == PGRES_TUPLES_OK) return Ok{};
    std::string why = PQresultErrorMessage(r.get());
    while (!why.empty() && (why.back() == '\n' || why.back() == ' ')) why.pop_back();
    return makeError(ErrorCode::Io, why, {location, 0, 0});
  };
  if (auto s = run("CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_utc TEXT NOT NULL)"); !s)
    return s.error();
  auto current = schemaVersionOf(*conn, location);
  if (!current) return current.error();
  if (*current > kStoreSchemaVersion)
    return makeError(ErrorCode::Format, "the store was made by a newer mnsim (schema " + std::to_string(*current) + ")",
                     {location, 0, 0});
  for (const Migration& m : kPostgresMigrations) {
    if (m.version <= *current) continue;
    if (auto s = run("BEGIN"); !s) return s.error();
    Status applied = run(m.sql);
    if (applied) {
      const std::string record = "INSERT INTO schema_migrations (version, applied_utc) VALUES (" + std::to_string(m.version) +
                                 ", '" + utcText(nowUnixMs()) + "')";
      applied = run(record.c_str());
    }
    if (!applied) {
      (void)run("ROLLBACK");
      return makeError(ErrorCode::Io, "migration " + std::to_string(m.version) + " (" + m.what + ") failed: " +
                                          applied.error().message,
                       {location, 0, 0});
    }
    if (auto s = run("COMMIT"); !s) return s.error();
    *current = m.version;
  }
  return *current;
}

Status addStorePerson(const std::string& adminConninfo, const std::string& login, StoreRole role,
                      const std::string& traineeId, const std::string& name, const std::string& password) {
  static const char* const kRoles[] = {"station", "trainee", "instructor", "assessor", "admin"};
  const char* roleName = kRoles[static_cast<int>(role)];
  const std::string location = shownStoreLocation(adminConninfo);
  auto conn = connect(adminConninfo);
  if (!conn) return conn.error();
  std::unique_ptr<PGconn, void (*)(PGconn*)> guard(*conn, PQfinish);
  char* verifier = PQencryptPasswordConn(*conn, password.c_str(), login.c_str(), "scram-sha-256");
  char* ident = PQescapeIdentifier(*conn, login.c_str(), login.size());
  if (!verifier || !ident) {
    PQfreemem(verifier);
    PQfreemem(ident);
    return makeError(ErrorCode::Io, std::string("cannot prepare the login: ") + PQerrorMessage(*conn), {location, 0, 0});
  }
  char* literal = PQescapeLiteral(*conn, verifier, std::strlen(verifier));
  const std::string createRole = std::string("CREATE ROLE ") + ident + " LOGIN PASSWORD " + literal;
  const std::string grant = std::string("GRANT mnsim_") + roleName + " TO " + ident;
  PQfreemem(literal);
  PQfreemem(verifier);
  PQfreemem(ident);
  const char* values[] = {login.c_str(), roleName, traineeId.c_str(), name.c_str()};
  for (const std::string& sql : {std::string("BEGIN"), createRole, grant}) {
    PgResult r(PQexec(*conn, sql.c_str()));
    if (PQresultStatus(r.get()) != PGRES_COMMAND_OK) {
      std::string why = PQresultErrorMessage(r.get());
      while (!why.empty() && (why.back() == '\n' || why.back() == ' ')) why.pop_back();
      PgResult rollback(PQexec(*conn, "ROLLBACK"));
      return makeError(ErrorCode::Io, "cannot add " + login + ": " + why, {location, 0, 0});
    }
  }
  PgResult row(PQexecParams(*conn, "INSERT INTO people (login, role, trainee_id, name) VALUES ($1, $2, $3, $4)", 4, nullptr,
                            values, nullptr, nullptr, 0));
  if (PQresultStatus(row.get()) != PGRES_COMMAND_OK) {
    std::string why = PQresultErrorMessage(row.get());
    PgResult rollback(PQexec(*conn, "ROLLBACK"));
    return makeError(ErrorCode::Io, "cannot add " + login + ": " + why, {location, 0, 0});
  }
  PgResult commit(PQexec(*conn, "COMMIT"));
  if (PQresultStatus(commit.get()) != PGRES_COMMAND_OK)
    return makeError(ErrorCode::Io, "cannot add " + login + ": " + PQresultErrorMessage(commit.get()), {location, 0, 0});
  return Ok{};
}

}  // namespace mnsim
