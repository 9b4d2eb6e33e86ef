// The embedded store (store/store.h): runs and reviews kept once under their hash, listed for
// trainees and cases, read back checked, never changed or deleted, and a store from a newer mnsim
// refused.
#include "mnsim/store/store.h"

#include <sqlite3.h>

#include <filesystem>

#include <gtest/gtest.h>

#include "mnsim/base/files.h"
#include "mnsim/base/signing.h"
#include "mnsim/review/review.h"
#include "mnsim/review/rubric.h"
#include "mnsim/runs/run_journal.h"
#include "mnsim/runs/run_log.h"

namespace mnsim {
namespace {

namespace fs = std::filesystem;

fs::path storeTemp(const std::string& name) {
  const fs::path dir = fs::temp_directory_path() / ("mnsim_store_test_" + std::to_string(::getpid()));
  fs::create_directories(dir);
  const fs::path p = dir / name;
  fs::remove(p);
  return p;
}

const SigningKey& storeKey() {
  static const SigningKey key = SigningKey::generate("station-s");
  return key;
}

// A small sealed run of `trainee` and `caseId`, started at `startedMs`: its bytes and verify's check.
struct MadeRun {
  std::string path, bytes;
  RunCheck check;
};
MadeRun makeRun(const std::string& trainee, const std::string& caseId, int64_t startedMs) {
  RunHeader h;
  h.createdBy = "store test";
  h.trainee = {trainee, trainee + " name", "2026-A"};
  h.mode = "practice";
  h.stationId = "station-s";
  h.mnsimVersion = "test";
  h.startedUnixMs = startedMs;
  h.scenarioPath = caseId + ".yaml";
  h.scenarioId = caseId;
  h.scenarioSha256 = std::string(64, 'a');
  h.assetName = "pad";
  const fs::path path = storeTemp(trainee + "-" + caseId + "-" + std::to_string(startedMs) + ".mnrun");
  auto journal = RunJournal::create(path.string(), h);
  EXPECT_TRUE(journal.ok());
  EXPECT_TRUE((*journal)->seal(RunStatus::Finished, "{}", storeKey()).ok());
  journal->reset();
  MadeRun made;
  made.path = path.string();
  made.bytes = *readFile(path.string(), "run");
  made.check = checkRun(made.bytes, path.string(), {storeKey().publicKey()});
  return made;
}

TEST(Store, KeepsEachRunOnceUnderItsHashAndListsThemNewestFirst) {
  const fs::path path = storeTemp("store.sqlite");
  auto store = openSqliteStore(path.string());
  ASSERT_TRUE(store.ok()) << store.error().format();
  EXPECT_EQ((*store)->schemaVersion(), kStoreSchemaVersion);
  EXPECT_EQ(fs::status(path).permissions() & (fs::perms::group_all | fs::perms::others_all), fs::perms::none);
  const MadeRun a1 = makeRun("T-1", "pad_drill", 1000), a2 = makeRun("T-1", "pad_drill", 3000),
                b1 = makeRun("T-2", "fine_lines", 2000);
  ASSERT_EQ(a1.check.verdict, RunVerdict::Ok) << a1.check.message;
  for (const MadeRun* r : {&a1, &a2, &b1}) {
    auto put = (*store)->putRun(r->bytes, r->check);
    ASSERT_TRUE(put.ok()) << put.error().format();
    EXPECT_EQ(*put, Stored::Added);
  }
  auto again = (*store)->putRun(a1.bytes, a1.check);
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(*again, Stored::AlreadyThere) << "the hash is the key: a second upload is a no-op";

  auto all = (*store)->runs({});
  ASSERT_TRUE(all.ok());
  ASSERT_EQ(all->size(), 3u);
  EXPECT_EQ((*all)[0].startedUnixMs, 3000);
  EXPECT_EQ((*all)[2].startedUnixMs, 1000);
  EXPECT_EQ((*all)[0].hash, contentHash(a2.bytes));
  EXPECT_EQ((*all)[0].traineeName, "T-1 name");
  EXPECT_EQ((*all)[0].caseId, "pad_drill");
  EXPECT_EQ((*all)[0].verdict, "ok");
  auto mine = (*store)->runs({"T-2", "", 0});
  ASSERT_TRUE(mine.ok());
  ASSERT_EQ(mine->size(), 1u);
  EXPECT_EQ((*mine)[0].caseId, "fine_lines");
  auto bytes = (*store)->runBytes(contentHash(b1.bytes));
  ASSERT_TRUE(bytes.ok());
  EXPECT_EQ(*bytes, b1.bytes) << "the run file's bytes, as uploaded";

  // Reopened: the same rows.
  store->reset();
  auto reopened = openSqliteStore(path.string());
  ASSERT_TRUE(reopened.ok());
  EXPECT_EQ((*reopened)->runs({})->size(), 3u);
}

TEST(Store, RefusesAlteredRunsAndReviewsOfRunsItDoesNotHave) {
  auto store = openSqliteStore(storeTemp("refuse.sqlite").string());
  ASSERT_TRUE(store.ok());
  MadeRun r = makeRun("T-3", "pad_drill", 5000);
  r.bytes[r.bytes.size() / 2] ^= 1;
  const RunCheck altered = checkRun(r.bytes, "altered.mnrun", {storeKey().publicKey()});
  ASSERT_EQ(altered.verdict, RunVerdict::Altered);
  auto put = (*store)->putRun(r.bytes, altered);
  ASSERT_FALSE(put.ok());
  EXPECT_NE(put.error().message.find("not stored: the run is altered"), std::string::npos) << put.error().message;
  EXPECT_TRUE((*store)->runs({})->empty());
  // A run not sealed yet (still being recorded, or left by a crash) waits until it is.
  const fs::path open = storeTemp("open.mnrun");
  RunHeader h;
  h.createdBy = "store test";
  h.trainee = {"T-3", "T-3 name", ""};
  h.scenarioId = "pad_drill";
  h.scenarioSha256 = std::string(64, 'a');
  auto journal = RunJournal::create(open.string(), h);
  ASSERT_TRUE(journal.ok());
  ASSERT_TRUE((*journal)->flush().ok());
  const std::string unsealed = *readFile(open.string(), "run");
  const RunCheck truncated = checkRun(unsealed, open.string(), {storeKey().publicKey()});
  ASSERT_EQ(truncated.verdict, RunVerdict::Truncated);
  auto early = (*store)->putRun(unsealed, truncated);
  ASSERT_FALSE(early.ok());
  EXPECT_NE(early.error().message.find("not stored: the run is not sealed"), std::string::npos) << early.error().message;
  auto review = (*store)->putReview("{\"format\": \"mnsim-review/1\"}");
  EXPECT_FALSE(review.ok());
}

TEST(Store, StoredRowsCannotBeChangedOrDeletedAndATamperedRowIsCaughtOnRead) {
  const fs::path path = storeTemp("append_only.sqlite");
  const MadeRun r = makeRun("T-4", "pad_drill", 7000);
  const std::string hash = contentHash(r.bytes);
  {
    auto store = openSqliteStore(path.string());
    ASSERT_TRUE(store.ok());
    ASSERT_TRUE((*store)->putRun(r.bytes, r.check).ok());
  }
  // Another program on the same file: the database itself refuses.
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(path.string().c_str(), &db), SQLITE_OK);
  char* error = nullptr;
  EXPECT_NE(sqlite3_exec(db, "UPDATE runs SET trainee_id = 'T-9'", nullptr, nullptr, &error), SQLITE_OK);
  EXPECT_STREQ(error, "stored runs cannot be changed");
  sqlite3_free(error);
  EXPECT_NE(sqlite3_exec(db, "DELETE FROM runs", nullptr, nullptr, &error), SQLITE_OK);
  EXPECT_STREQ(error, "stored runs cannot be deleted");
  sqlite3_free(error);
  // Past the triggers (dropped by hand): the bytes no longer match their hash, and reading says so.
  ASSERT_EQ(sqlite3_exec(db, "DROP TRIGGER runs_no_update; UPDATE runs SET bytes = CAST('x' AS BLOB)", nullptr, nullptr,
                         nullptr),
            SQLITE_OK);
  sqlite3_close(db);
  auto store = openSqliteStore(path.string());
  ASSERT_TRUE(store.ok());
  auto bytes = (*store)->runBytes(hash);
  ASSERT_FALSE(bytes.ok());
  EXPECT_NE(bytes.error().message.find("has been altered in the store"), std::string::npos) << bytes.error().message;
}

TEST(Store, AStoreFromANewerMnsimIsRefusedAndLeftAsItIs) {
  const fs::path path = storeTemp("newer.sqlite");
  ASSERT_TRUE(openSqliteStore(path.string()).ok());
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(path.string().c_str(), &db), SQLITE_OK);
  const std::string future = "INSERT INTO schema_migrations VALUES (" + std::to_string(kStoreSchemaVersion + 1) + ", 'later')";
  ASSERT_EQ(sqlite3_exec(db, future.c_str(), nullptr, nullptr, nullptr), SQLITE_OK);
  sqlite3_close(db);
  const std::string before = *readFile(path.string(), "store");
  auto store = openSqliteStore(path.string());
  ASSERT_FALSE(store.ok());
  EXPECT_NE(store.error().message.find("made by a newer mnsim (schema " + std::to_string(kStoreSchemaVersion + 1)),
            std::string::npos)
      << store.error().message;
  EXPECT_EQ(*readFile(path.string(), "store"), before);
  // Not a store at all: a clear message, the file untouched.
  const fs::path notes = storeTemp("notes.sqlite");
  ASSERT_TRUE(writeFileAtomic(notes.string(), "these are my notes\n", "notes").ok());
  auto notAStore = openSqliteStore(notes.string());
  ASSERT_FALSE(notAStore.ok());
  EXPECT_EQ(*readFile(notes.string(), "notes"), "these are my notes\n");
  // Another program's database: refused, not given mnsim's tables.
  const fs::path other = storeTemp("other.sqlite");
  sqlite3* odb = nullptr;
  ASSERT_EQ(sqlite3_open(other.string().c_str(), &odb), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(odb, "CREATE TABLE contacts (name TEXT)", nullptr, nullptr, nullptr), SQLITE_OK);
  sqlite3_close(odb);
  const std::string otherBefore = *readFile(other.string(), "other");
  auto foreign = openSqliteStore(other.string());
  ASSERT_FALSE(foreign.ok());
  EXPECT_NE(foreign.error().message.find("not an mnsim store"), std::string::npos) << foreign.error().message;
  EXPECT_EQ(*readFile(other.string(), "other"), otherBefore);
}

TEST(Store, KeepsAReviewBesideItsRunInTheOrderStored) {
  auto store = openSqliteStore(storeTemp("reviews.sqlite").string());
  ASSERT_TRUE(store.ok());
  const MadeRun r = makeRun("T-5", "pad_drill", 9000);
  ASSERT_TRUE((*store)->putRun(r.bytes, r.check).ok());
  auto evidence = readRunForReview(r.path, {storeKey().publicKey()});
  ASSERT_TRUE(evidence.ok());
  const std::string first = reviewToText(draftReview(*evidence, Rubric{}, "Dr Bea Assessor", 10000));
  const std::string second = reviewToText(draftReview(*evidence, Rubric{}, "Dr Cy Lead", 20000));
  for (const std::string* text : {&first, &second}) {
    auto put = (*store)->putReview(*text);
    ASSERT_TRUE(put.ok()) << put.error().format();
    EXPECT_EQ(*put, Stored::Added);
  }
  EXPECT_EQ(*(*store)->putReview(first), Stored::AlreadyThere);
  auto reviews = (*store)->reviewsOf(contentHash(r.bytes));
  ASSERT_TRUE(reviews.ok());
  ASSERT_EQ(reviews->size(), 2u);
  EXPECT_EQ((*reviews)[0].assessorName, "Dr Bea Assessor");
  EXPECT_EQ((*reviews)[1].assessorName, "Dr Cy Lead");
  EXPECT_EQ((*reviews)[0].signedUtc, "") << "a draft";
  EXPECT_EQ(*(*store)->reviewBytes((*reviews)[1].hash), second);
}

// A store made by the mnsim before schema 2 (tests/data/stores/schema1.sqlite: three pad-drill
// runs stored by it) is brought up to date when opened, its runs kept byte for byte.
TEST(Store, AStoreOfAnEarlierSchemaIsBroughtUpToDateWithItsRunsKept) {
  const fs::path path = storeTemp("schema1.sqlite");
  fs::copy_file(std::string(MNSIM_TEST_DATA) + "/stores/schema1.sqlite", path);
  auto store = openSqliteStore(path.string());
  ASSERT_TRUE(store.ok()) << store.error().format();
  EXPECT_EQ((*store)->schemaVersion(), kStoreSchemaVersion);
  auto runs = (*store)->runs({});
  ASSERT_TRUE(runs.ok()) << runs.error().format();
  ASSERT_EQ(runs->size(), 3u);
  for (const StoredRun& r : *runs) {
    EXPECT_EQ(r.caseId, "pad_drill");
    EXPECT_FALSE(r.recorded.has_value()) << "stored before scores were kept beside runs";
    auto bytes = (*store)->runBytes(r.hash);
    ASSERT_TRUE(bytes.ok()) << bytes.error().format();
    EXPECT_EQ(contentHash(*bytes), r.hash);
  }
  EXPECT_EQ((*store)->unsentRuns("academy")->size(), 3u) << "nothing was sent anywhere yet";
  // New runs get what schema 2 keeps.
  const MadeRun fresh = makeRun("T-9", "fine_lines", 50000);
  ASSERT_TRUE((*store)->putRun(fresh.bytes, fresh.check).ok());
  EXPECT_EQ((*store)->runs({"T-9", "", 0})->size(), 1u);
  store->reset();
  auto again = openSqliteStore(path.string());
  ASSERT_TRUE(again.ok());
  EXPECT_EQ((*again)->runs({})->size(), 4u) << "opening again migrates nothing twice";
}

}  // namespace
}  // namespace mnsim
