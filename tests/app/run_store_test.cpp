// The station's store as the app uses it (core/run_store.h, core/run_index.h): a sealed run kept,
// a review kept beside it, the list read from the store, and a stored run written out to replay.
#include <cstdlib>
#include <filesystem>

#include <gtest/gtest.h>

#include <mnsim/base/files.h>
#include <mnsim/base/signing.h>
#include <mnsim/review/review.h>
#include <mnsim/review/rubric.h>
#include <mnsim/runs/run_journal.h>

#include "core/run_index.h"
#include "core/run_store.h"

namespace mnsim::app {
namespace {

namespace fs = std::filesystem;

TEST(RunStore, ARunKeptIsListedAndWrittenOutWithItsReviewToReplay) {
  const fs::path home = fs::temp_directory_path() / ("mnsim_run_store_" + std::to_string(::getpid()));
  fs::remove_all(home);
  for (const char* d : {"data", "config", "cache"}) fs::create_directories(home / d);
  setenv("XDG_DATA_HOME", (home / "data").c_str(), 1);
  setenv("XDG_CONFIG_HOME", (home / "config").c_str(), 1);
  setenv("XDG_CACHE_HOME", (home / "cache").c_str(), 1);
  unsetenv("MNSIM_STORE_SERVER");

  RunHeader h;
  h.createdBy = "run store test";
  h.trainee = {"T-7", "Tess Seven", "2026-A"};
  h.mode = "practice";
  h.stationId = "st";
  h.mnsimVersion = "test";
  h.startedUnixMs = 1'780'000'000'000;
  h.scenarioPath = "fine_lines.yaml";
  h.scenarioId = "fine_lines";
  h.scenarioSha256 = std::string(64, 'a');
  h.assetName = "head";
  const std::string runPath = (home / "run.mnrun").string();
  const SigningKey key = SigningKey::generate("station");
  {
    auto journal = RunJournal::create(runPath, h);
    ASSERT_TRUE(journal.ok());
    ASSERT_TRUE((*journal)->seal(RunStatus::Finished, R"({"summary":{"score":81.5,"proficient":true}})", key).ok());
  }
  ASSERT_TRUE(keepInStore(runPath).ok());
  ASSERT_TRUE(keepInStore(runPath).ok()) << "a second time is a no-op";
  auto evidence = readRunForReview(runPath, {key.publicKey()});
  ASSERT_TRUE(evidence.ok());
  const std::string reviewPath = nextReviewPath(runPath);
  ASSERT_TRUE(writeFileAtomic(reviewPath, reviewToText(draftReview(*evidence, Rubric{}, "Dr Bea", 5000)), "review").ok());
  ASSERT_TRUE(keepReviewInStore(reviewPath, runPath).ok());

  auto store = openStationStore();
  ASSERT_TRUE(store.ok()) << store.error().format();
  EXPECT_EQ((*store)->location(), (home / "data/mnsim/store.sqlite").string());
  auto rows = listStoredRuns(**store, {});
  ASSERT_TRUE(rows.ok());
  ASSERT_EQ(rows->size(), 1u);
  const RunRow& row = rows->front();
  EXPECT_EQ(row.storeHash, evidence->hash);
  EXPECT_EQ(row.traineeName, "Tess Seven");
  EXPECT_EQ(row.what, "fine_lines");
  EXPECT_TRUE(row.hasScore);
  EXPECT_DOUBLE_EQ(row.score, 81.5);
  EXPECT_TRUE(row.proficient);
  EXPECT_EQ(row.verify, "unknown-key") << "this test's key is not the station's";
  EXPECT_EQ(row.review, "draft");

  auto written = storedRunFile(row.storeHash);
  ASSERT_TRUE(written.ok()) << written.error().format();
  EXPECT_EQ(fs::path(*written).parent_path(), home / "cache/mnsim/store-runs");
  EXPECT_EQ(*readFile(*written, "run"), *readFile(runPath, "run"));
  EXPECT_EQ(*readFile(*written + ".review-1.json", "review"), *readFile(reviewPath, "review"));
  auto missing = storedRunFile("blake2b-256:" + std::string(64, '0'));
  ASSERT_FALSE(missing.ok());
  EXPECT_NE(missing.error().message.find("in the store"), std::string::npos) << missing.error().message;
  fs::remove_all(home);
}

}  // namespace
}  // namespace mnsim::app
