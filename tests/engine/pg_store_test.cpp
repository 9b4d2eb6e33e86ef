// The store on a real PostgreSQL server (a throwaway cluster started by the test): the schema set
// up by the administrator, people with their roles, and access decided by the database — a
// trainee reads only their own runs and writes no review, an assessor reads all and reviews,
// nobody changes or deletes a stored run.
#include <libpq-fe.h>

#include <filesystem>

#include <gtest/gtest.h>

#include "mnsim/base/files.h"
#include "mnsim/base/signing.h"
#include "mnsim/review/review.h"
#include "mnsim/review/rubric.h"
#include "mnsim/runs/run_journal.h"
#include "mnsim/runs/run_log.h"
#include "mnsim/store/store.h"
#include "postgres_cluster.h"

namespace mnsim {
namespace {

namespace fs = std::filesystem;

const SigningKey& pgKey() {
  static const SigningKey key = SigningKey::generate("station-pg");
  return key;
}

struct PgRun {
  std::string path, bytes, hash;
  RunCheck check;
};
PgRun pgRun(const std::string& trainee, int64_t startedMs) {
  RunHeader h;
  h.createdBy = "pg store test";
  h.trainee = {trainee, trainee + " name", "2026-A"};
  h.mode = "practice";
  h.stationId = "station-pg";
  h.mnsimVersion = "test";
  h.startedUnixMs = startedMs;
  h.scenarioPath = "pad_drill.yaml";
  h.scenarioId = "pad_drill";
  h.scenarioSha256 = std::string(64, 'a');
  h.assetName = "pad";
  const fs::path dir = fs::temp_directory_path() / ("mnsim_pg_runs_" + std::to_string(::getpid()));
  fs::create_directories(dir);
  PgRun r;
  r.path = (dir / (trainee + "-" + std::to_string(startedMs) + ".mnrun")).string();
  fs::remove(r.path);
  auto journal = RunJournal::create(r.path, h);
  EXPECT_TRUE(journal.ok());
  EXPECT_TRUE((*journal)->seal(RunStatus::Finished, "{}", pgKey()).ok());
  journal->reset();
  r.bytes = *readFile(r.path, "run");
  r.hash = contentHash(r.bytes);
  r.check = checkRun(r.bytes, r.path, {pgKey().publicKey()});
  return r;
}

// One SQL statement as the administrator: "" when it ran, else the server's message.
std::string adminSql(const testing::PostgresCluster& pg, const std::string& sql) {
  PGconn* c = PQconnectdb(pg.adminConninfo().c_str());
  PQsetNoticeProcessor(c, [](void*, const char*) {}, nullptr);
  PGresult* r = PQexec(c, sql.c_str());
  const ExecStatusType s = PQresultStatus(r);
  std::string out = s == PGRES_COMMAND_OK || s == PGRES_TUPLES_OK ? "" : PQresultErrorMessage(r);
  PQclear(r);
  PQfinish(c);
  return out;
}

TEST(PgStore, TheDatabaseDecidesWhoReadsAndWritesWhatAndNothingStoredChanges) {
  testing::PostgresCluster pg;
  ASSERT_TRUE(pg.ok()) << pg.why();
  auto version = setUpPostgresStore(pg.adminConninfo());
  ASSERT_TRUE(version.ok()) << version.error().format();
  EXPECT_EQ(*version, kStoreSchemaVersion);
  auto again = setUpPostgresStore(pg.adminConninfo());
  ASSERT_TRUE(again.ok()) << again.error().format();
  EXPECT_EQ(*again, kStoreSchemaVersion) << "setting up twice changes nothing";

  ASSERT_TRUE(addStorePerson(pg.adminConninfo(), "station_1", StoreRole::Station, "", "Station 1", "pw-station").ok());
  ASSERT_TRUE(addStorePerson(pg.adminConninfo(), "ana", StoreRole::Trainee, "T-1", "Ana Silva", "pw-ana").ok());
  ASSERT_TRUE(addStorePerson(pg.adminConninfo(), "ben", StoreRole::Trainee, "T-2", "Ben Okafor", "pw-ben").ok());
  ASSERT_TRUE(addStorePerson(pg.adminConninfo(), "bea", StoreRole::Assessor, "", "Dr Bea Assessor", "pw-bea").ok());

  // A station uploads; the hash is the key, so a second upload is a no-op.
  const PgRun ana1 = pgRun("T-1", 1000), ana2 = pgRun("T-1", 2000), ben1 = pgRun("T-2", 3000);
  {
    auto station = openPostgresStore(pg.conninfo("station_1", "pw-station"));
    ASSERT_TRUE(station.ok()) << station.error().format();
    for (const PgRun* r : {&ana1, &ana2, &ben1}) {
      auto put = (*station)->putRun(r->bytes, r->check);
      ASSERT_TRUE(put.ok()) << put.error().format();
      EXPECT_EQ(*put, Stored::Added);
    }
    EXPECT_EQ(*(*station)->putRun(ana1.bytes, ana1.check), Stored::AlreadyThere);
  }
  // A trainee's connection: their own runs only; no review written.
  auto ana = openPostgresStore(pg.conninfo("ana", "pw-ana"));
  ASSERT_TRUE(ana.ok()) << ana.error().format();
  auto own = (*ana)->runs({});
  ASSERT_TRUE(own.ok()) << own.error().format();
  ASSERT_EQ(own->size(), 2u);
  for (const StoredRun& r : *own) EXPECT_EQ(r.traineeId, "T-1");
  EXPECT_TRUE((*ana)->runBytes(ana1.hash).ok());
  auto others = (*ana)->runBytes(ben1.hash);
  ASSERT_FALSE(others.ok()) << "another trainee's run";
  auto evidence = readRunForReview(ana1.path, {pgKey().publicKey()});
  ASSERT_TRUE(evidence.ok());
  const std::string review = reviewToText(draftReview(*evidence, Rubric{}, "Ana Silva", 5000));
  auto selfReview = (*ana)->putReview(review);
  ASSERT_FALSE(selfReview.ok());
  EXPECT_NE(selfReview.error().message.find("permission denied"), std::string::npos) << selfReview.error().message;
  // An assessor's: every run, and reviews.
  auto bea = openPostgresStore(pg.conninfo("bea", "pw-bea"));
  ASSERT_TRUE(bea.ok());
  EXPECT_EQ((*bea)->runs({})->size(), 3u);
  const std::string beaReview = reviewToText(draftReview(*evidence, Rubric{}, "Dr Bea Assessor", 6000));
  auto reviewed = (*bea)->putReview(beaReview);
  ASSERT_TRUE(reviewed.ok()) << reviewed.error().format();
  EXPECT_EQ((*ana)->reviewsOf(ana1.hash)->size(), 1u) << "a trainee reads the reviews of their runs";
  auto benStore = openPostgresStore(pg.conninfo("ben", "pw-ben"));
  ASSERT_TRUE(benStore.ok());
  EXPECT_TRUE((*benStore)->reviewsOf(ana1.hash)->empty()) << "but not of another's";

  // Nobody changes or deletes a stored run: not the station (no right), not the administrator.
  PGconn* st = PQconnectdb(pg.conninfo("station_1", "pw-station").c_str());
  PGresult* upd = PQexec(st, "UPDATE runs SET trainee_id = 'T-9'");
  EXPECT_NE(std::string(PQresultErrorMessage(upd)).find("permission denied"), std::string::npos) << PQresultErrorMessage(upd);
  PQclear(upd);
  PQfinish(st);
  EXPECT_NE(adminSql(pg, "UPDATE runs SET trainee_id = 'T-9'").find("stored runs cannot be changed or deleted"), std::string::npos);
  EXPECT_NE(adminSql(pg, "DELETE FROM runs").find("stored runs cannot be changed or deleted"), std::string::npos);
  EXPECT_NE(adminSql(pg, "DELETE FROM reviews").find("stored reviews cannot be changed or deleted"), std::string::npos);
  EXPECT_NE(adminSql(pg, "TRUNCATE runs CASCADE").find("cannot be changed or deleted"), std::string::npos);

  // Wrong credentials: a clear refusal, and the password is not in it.
  auto wrong = openPostgresStore(pg.conninfo("ana", "not-her-password"));
  ASSERT_FALSE(wrong.ok());
  EXPECT_NE(wrong.error().format().find("password authentication failed"), std::string::npos) << wrong.error().format();
  EXPECT_EQ(wrong.error().format().find("not-her-password"), std::string::npos);

  // A store from a newer mnsim is refused.
  EXPECT_EQ(adminSql(pg, "INSERT INTO schema_migrations VALUES (" + std::to_string(kStoreSchemaVersion + 1) + ", 'later')"), "");
  auto newer = openPostgresStore(pg.conninfo("bea", "pw-bea"));
  ASSERT_FALSE(newer.ok());
  EXPECT_NE(newer.error().message.find("made by a newer mnsim"), std::string::npos) << newer.error().message;
}

// Connections are encrypted where the server offers TLS (libpq's default asks for it), and a
// connection string may insist on it; a server without TLS is then refused, clearly.
TEST(PgStore, ConnectionsUseTlsWhereTheServerOffersIt) {
  testing::PostgresCluster tls(true);
  ASSERT_TRUE(tls.ok()) << tls.why();
  ASSERT_TRUE(setUpPostgresStore(tls.adminConninfo()).ok());
  ASSERT_TRUE(addStorePerson(tls.adminConninfo(), "bea", StoreRole::Assessor, "", "Dr Bea Assessor", "pw-bea").ok());
  for (const std::string mode : {"", " sslmode=require"}) {
    auto store = openPostgresStore(tls.conninfo("bea", "pw-bea") + mode);
    ASSERT_TRUE(store.ok()) << store.error().format();
    EXPECT_EQ((*store)->transport().rfind("TLSv1.", 0), 0u) << (*store)->transport();
    EXPECT_TRUE((*store)->runs({}).ok());
  }
  // The server's view of the same: the connection is over SSL.
  PGconn* c = PQconnectdb(tls.conninfo("bea", "pw-bea").c_str());
  PGresult* r = PQexec(c, "SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()");
  ASSERT_EQ(PQntuples(r), 1);
  EXPECT_STREQ(PQgetvalue(r, 0, 0), "t");
  PQclear(r);
  PQfinish(c);

  testing::PostgresCluster plain;
  ASSERT_TRUE(plain.ok()) << plain.why();
  ASSERT_TRUE(setUpPostgresStore(plain.adminConninfo()).ok());
  auto unencrypted = openPostgresStore(plain.adminConninfo());
  ASSERT_TRUE(unencrypted.ok());
  EXPECT_EQ((*unencrypted)->transport(), "not encrypted");
  auto insisted = openPostgresStore(plain.adminConninfo() + " sslmode=require");
  ASSERT_FALSE(insisted.ok());
  EXPECT_NE(insisted.error().message.find("server does not support SSL"), std::string::npos) << insisted.error().message;
  EXPECT_EQ(insisted.error().format().find(plain.adminPassword()), std::string::npos) << "no password in a message";
}

// A station's backlog: kept in its own store while the server is down, then sent oldest first,
// each once; a run another station already sent is only marked as sent.
TEST(PgStore, AStationsBacklogWaitsForTheServerAndIsSentOnceInOrder) {
  testing::PostgresCluster pg;
  ASSERT_TRUE(pg.ok()) << pg.why();
  ASSERT_TRUE(setUpPostgresStore(pg.adminConninfo()).ok());
  ASSERT_TRUE(addStorePerson(pg.adminConninfo(), "station_a", StoreRole::Station, "", "Station A", "pw-a").ok());
  ASSERT_TRUE(addStorePerson(pg.adminConninfo(), "station_b", StoreRole::Station, "", "Station B", "pw-b").ok());
  const fs::path dir = fs::temp_directory_path() / ("mnsim_pg_backlog_" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  auto local = openSqliteStore((dir / "station_a.sqlite").string());
  ASSERT_TRUE(local.ok()) << local.error().format();
  // Stored locally in this order: started times deliberately not in it.
  const PgRun runs[] = {pgRun("T-1", 9000), pgRun("T-2", 1000), pgRun("T-1", 5000)};
  for (const PgRun& r : runs) ASSERT_TRUE((*local)->putRun(r.bytes, r.check).ok());

  const std::string server = "station_a@" + std::to_string(pg.port());
  const StoreConnector connectA = [&] { return openPostgresStore(pg.conninfo("station_a", "pw-a")); };
  BacklogOptions options;
  options.trusted = {pgKey().publicKey()};
  options.tries = 2;
  options.firstWaitS = 0.05;
  std::vector<std::string> sentOrder;
  options.sent = [&](const StoredRun& r, Stored) { sentOrder.push_back(r.hash); };

  ASSERT_TRUE(pg.stop());
  const BacklogReport offline = sendBacklog(**local, server, connectA, options);
  EXPECT_EQ(offline.sent, 0);
  EXPECT_EQ(offline.waiting, 3);
  EXPECT_NE(offline.problem.find("cannot reach the store"), std::string::npos) << offline.problem;
  EXPECT_EQ(offline.problem.find("pw-a"), std::string::npos) << "no password in a message";
  EXPECT_EQ((*local)->unsentRuns(server)->size(), 3u) << "nothing lost";

  ASSERT_TRUE(pg.restart()) << pg.why();
  // Station B already sent one of them (the same file reached it too).
  {
    auto b = openPostgresStore(pg.conninfo("station_b", "pw-b"));
    ASSERT_TRUE(b.ok());
    ASSERT_EQ(*(*b)->putRun(runs[1].bytes, runs[1].check), Stored::Added);
  }
  const BacklogReport back = sendBacklog(**local, server, connectA, options);
  EXPECT_EQ(back.sent, 2);
  EXPECT_EQ(back.already, 1);
  EXPECT_EQ(back.waiting, 0);
  EXPECT_EQ(back.refused, 0);
  EXPECT_EQ(sentOrder, (std::vector<std::string>{runs[0].hash, runs[1].hash, runs[2].hash})) << "in the order stored";
  EXPECT_TRUE((*local)->unsentRuns(server)->empty());
  const BacklogReport again = sendBacklog(**local, server, connectA, options);
  EXPECT_EQ(again.sent + again.already, 0) << "nothing sent twice";
  // The server received them in that order, each once.
  PGconn* c = PQconnectdb(pg.adminConninfo().c_str());
  PGresult* r = PQexec(c, "SELECT hash, uploaded_by FROM runs ORDER BY seq");
  ASSERT_EQ(PQntuples(r), 3);
  EXPECT_EQ(std::string(PQgetvalue(r, 0, 0)), runs[1].hash);
  EXPECT_EQ(std::string(PQgetvalue(r, 0, 1)), "station_b");
  EXPECT_EQ(std::string(PQgetvalue(r, 1, 0)), runs[0].hash);
  EXPECT_EQ(std::string(PQgetvalue(r, 2, 0)), runs[2].hash);
  PQclear(r);
  PQfinish(c);
  // A server has no backlog of its own.
  auto a = connectA();
  ASSERT_TRUE(a.ok());
  EXPECT_FALSE((*a)->unsentRuns(server).ok());
}

}  // namespace
}  // namespace mnsim
