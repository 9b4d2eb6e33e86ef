// Run journals (mnsim-run/2): what goes in comes out bit for bit, a run recorded through the
// journal scores as the live session did, and any change to a sealed run is found: every
// truncation, single bytes changed all over the file, a seal re-signed with a key not trusted.
#include "mnsim/runs/run_journal.h"

#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmath>
#include <cstring>
#include <filesystem>
#include <fstream>

#include "mnsim/base/files.h"
#include "mnsim/cases/case_result_json.h"
#include "mnsim/runs/replay.h"
#include "mnsim/runs/run_file.h"
#include "mnsim/runs/run_log.h"
#include "mnsim/runs/run_recorder.h"
#include "session_case.h"

namespace mnsim {
namespace {

namespace fs = std::filesystem;

std::string journalTemp(const std::string& name) {
  const fs::path dir = fs::temp_directory_path() / ("mnsim_journal_test_" + std::to_string(getpid()));
  fs::create_directories(dir);
  const fs::path p = dir / name;
  fs::remove(p);
  return p.string();
}

const SigningKey& stationKeyA() {
  static const SigningKey key = SigningKey::generate("station-a");
  return key;
}

RunHeader someHeader() {
  RunHeader h;
  h.kind = "case";
  h.createdBy = "journal test";
  h.trainee = {"T-0042", "Ana Silva", "2026-autumn"};
  h.mode = "assessment";
  h.stationId = "station-a";
  h.mnsimVersion = "test";
  h.startedUnixMs = nowUnixMs();
  h.scenarioPath = "s.yaml";
  h.scenarioId = "s";
  h.scenarioSha256 = std::string(64, 'a');
  h.assetName = "pad";
  return h;
}

// The session case recorded through a journal, sealed by station A: its path and result.
struct SealedSession {
  std::string path;
  RecordedRun live;
};

const SealedSession& sealedSession() {
  static const SealedSession sealed = [] {
    SealedSession s;
    s.path = journalTemp("session.mnrun");
    std::unique_ptr<RunJournal> journal;
    RunIdentity who{{"T-0042", "Ana Silva", ""}, "practice", "station-a", "journal test"};
    ScriptedAnswers a = testing::answers();
    RecordedRun* out = &s.live;
    *out = testing::record(a, [&](const CaseSession& session) -> Result<RunJournal*> {
      auto created = RunJournal::create(s.path, caseRunHeader(session, who));
      if (!created) return created.error();
      journal = std::move(*created);
      return journal.get();
    });
    EXPECT_TRUE(journal && journal->seal(RunStatus::Finished, caseResultToJson(out->result), stationKeyA()).ok());
    return s;
  }();
  return sealed;
}

TEST(Journal, SamplesAndEventsReadBackBitForBit) {
  const std::string path = journalTemp("roundtrip.mnrun");
  std::vector<PenSample> samples;
  for (int i = 0; i < 500; ++i) {
    PenSample s;
    s.timeS = i * 0.01 + 1e-9 * i;
    s.tipMm = {std::sin(i * 0.1f) * 30.0f, std::cos(i * 0.07f) * 20.0f, 0.1f * i};
    s.hasAxis = i % 3 != 0;
    s.axis = {0.01f * (i % 7), 0.0f, 1.0f};
    s.contact = (i / 50) % 2 == 0;
    s.pressure = i < 250 ? 0.5f : 0.75f;
    s.depthMm = i < 100 ? NAN : 1.25f;
    s.rateHz = i < 400 ? NAN : 120.0f;
    s.stretch = i > 300;
    s.pass = i / 120;
    samples.push_back(s);
  }
  {
    auto journal = RunJournal::create(path, someHeader());
    ASSERT_TRUE(journal.ok()) << journal.error().format();
    (*journal)->event(RunEventKind::NeedlingBegin, R"({"step":"needling","visit":"v1"})");
    for (const PenSample& s : samples) (*journal)->sample(s);
    (*journal)->event(RunEventKind::NeedlingEnd, R"({"step":"needling","time_s":5.5,"trace":"live"})");
    ASSERT_TRUE((*journal)->seal(RunStatus::Finished, R"({"x":1})", stationKeyA()).ok());
  }
  struct stat st {};
  ASSERT_EQ(::stat(path.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 077, 0u) << "a run is readable by its owner only";
  auto bytes = readFile(path);
  ASSERT_TRUE(bytes.ok());
  auto log = readRunLog(*bytes, path);
  ASSERT_TRUE(log.ok()) << log.error().format();
  EXPECT_FALSE(log->damage.has_value()) << *log->damage;
  ASSERT_TRUE(log->seal.has_value());
  EXPECT_EQ(log->header.trainee.name, "Ana Silva");
  EXPECT_EQ(log->header.mode, "assessment");
  std::vector<PenSample> back;
  for (const JournalEvent& e : log->events)
    if (e.kind == RunEventKind::Sample) back.push_back(e.sample);
  ASSERT_EQ(back.size(), samples.size());
  for (size_t i = 0; i < samples.size(); ++i) {
    const PenSample &a = samples[i], &b = back[i];
    EXPECT_EQ(std::memcmp(&a.timeS, &b.timeS, 8), 0) << i;
    EXPECT_EQ(std::memcmp(&a.tipMm, &b.tipMm, 12), 0) << i;
    EXPECT_EQ(std::memcmp(&a.axis, &b.axis, 12), 0) << i;
    EXPECT_EQ(std::memcmp(&a.depthMm, &b.depthMm, 4), 0) << i;
    EXPECT_EQ(std::memcmp(&a.rateHz, &b.rateHz, 4), 0) << i;
    EXPECT_EQ(a.pressure, b.pressure) << i;
    EXPECT_EQ(a.hasAxis, b.hasAxis) << i;
    EXPECT_EQ(a.contact, b.contact) << i;
    EXPECT_EQ(a.stretch, b.stretch) << i;
    EXPECT_EQ(a.pass, b.pass) << i;
  }
  // The secret key is never in the run; the public key is.
  const std::string secretLine = stationKeyA().fileText();
  const std::string secretHex = secretLine.substr(secretLine.find("secret ") + 7, 128);
  EXPECT_EQ(bytes->find(secretHex), std::string::npos);
  EXPECT_NE(bytes->find(stationKeyA().publicKey().hex()), std::string::npos);
  // Trusted: ok. Not trusted: reported. A run is never created over another.
  EXPECT_EQ(checkRun(*bytes, path, {stationKeyA().publicKey()}).verdict, RunVerdict::Ok);
  EXPECT_EQ(checkRun(*bytes, path, {}).verdict, RunVerdict::UnknownKey);
  EXPECT_FALSE(RunJournal::create(path, someHeader()).ok());
}

TEST(Journal, ARunRecordedThroughTheJournalScoresAsItDidLive) {
  const SealedSession& s = sealedSession();
  auto run = readRun(s.path);
  ASSERT_TRUE(run.ok()) << run.error().format();
  EXPECT_EQ(run->formatVersion, 2);
  EXPECT_EQ(run->steps.size(), s.live.run.steps.size());
  auto again = replayRun(*run, testing::sessionScenario(), testing::pad());
  ASSERT_TRUE(again.ok()) << again.error().format();
  EXPECT_EQ(caseResultToJson(*again), caseResultToJson(s.live.result));
}

TEST(Journal, EveryTruncationAndAThousandChangedBytesAreFound) {
  const SealedSession& s = sealedSession();
  auto bytes = readFile(s.path);
  ASSERT_TRUE(bytes.ok());
  const std::vector<PublicKey> trusted{stationKeyA().publicKey()};
  const RunCheck whole = checkRun(*bytes, s.path, trusted);
  ASSERT_EQ(whole.verdict, RunVerdict::Ok) << whole.message;
  const std::string& b = *bytes;
  // Every truncation.
  size_t missed = 0;
  for (size_t n = 0; n < b.size(); ++n) {
    const RunCheck c = checkRun(std::string_view(b).substr(0, n), s.path, trusted);
    if (c.verdict == RunVerdict::Ok || c.message.empty()) ++missed;
  }
  EXPECT_EQ(missed, 0u) << "of " << b.size() << " truncations";
  // Single bytes changed at positions spread over the whole file (at least 1,000), each with
  // two different changes.
  const size_t positions = std::max<size_t>(1000, b.size() / 50);
  std::map<RunVerdict, int> verdicts;
  for (size_t k = 0; k < positions; ++k) {
    const size_t at = k * (b.size() - 1) / (positions - 1);
    for (unsigned char flip : {0x01, 0xff}) {
      std::string changed = b;
      changed[at] = static_cast<char>(static_cast<unsigned char>(changed[at]) ^ flip);
      const RunCheck c = checkRun(changed, s.path, trusted);
      ++verdicts[c.verdict];
      EXPECT_NE(c.verdict, RunVerdict::Ok) << "a change at byte " << at << " was not found";
      EXPECT_FALSE(c.message.empty());
    }
  }
  EXPECT_GT(verdicts[RunVerdict::Altered], static_cast<int>(positions)) << "most changes read as alterations";
}

TEST(Journal, AlterationsAreNamedByEventOrHeaderField) {
  const SealedSession& s = sealedSession();
  auto bytes = readFile(s.path);
  ASSERT_TRUE(bytes.ok());
  auto log = readRunLog(*bytes, s.path);
  ASSERT_TRUE(log.ok());
  const std::vector<PublicKey> trusted{stationKeyA().publicKey()};
  // A pen sample in the middle.
  const JournalEvent* sample = nullptr;
  for (const JournalEvent& e : log->events)
    if (e.kind == RunEventKind::Sample && e.index > log->events.size() / 2) {
      sample = &e;
      break;
    }
  ASSERT_NE(sample, nullptr);
  std::string changed = *bytes;
  changed[sample->offset + 8] ^= 0x10;
  RunCheck c = checkRun(changed, s.path, trusted);
  EXPECT_EQ(c.verdict, RunVerdict::Altered);
  EXPECT_NE(c.message.find("event " + std::to_string(sample->index)), std::string::npos) << c.message;
  // The trainee's name in the header.
  changed = *bytes;
  const size_t name = changed.find("Ana Silva");
  ASSERT_NE(name, std::string::npos);
  changed[name] = 'E';
  c = checkRun(changed, s.path, trusted);
  EXPECT_EQ(c.verdict, RunVerdict::Altered);
  EXPECT_NE(c.message.find("'trainee'"), std::string::npos) << c.message;
  // The last frame taken out whole (the chain before it is intact): the seal says otherwise, and
  // the run is neither verified nor scored.
  const JournalEvent& result = log->events.back();
  ASSERT_EQ(result.kind, RunEventKind::Result);
  const size_t lastFrame = bytes->rfind("FRM1", result.offset);
  ASSERT_NE(lastFrame, std::string::npos);
  changed = bytes->substr(0, lastFrame) + bytes->substr(log->seal->offset);
  c = checkRun(changed, s.path, trusted);
  EXPECT_EQ(c.verdict, RunVerdict::Altered) << c.message;
  const std::string shortened = journalTemp("shortened.mnrun");
  { std::ofstream(shortened, std::ios::binary) << changed; }
  auto run = readRun(shortened);
  ASSERT_FALSE(run.ok());
  EXPECT_NE(run.error().message.find("altered"), std::string::npos) << run.error().message;
}

TEST(Journal, ARunResignedWithAnotherKeyIsReportedAndALegacyRunIsUnsigned) {
  const SealedSession& s = sealedSession();
  auto bytes = readFile(s.path);
  ASSERT_TRUE(bytes.ok());
  auto log = readRunLog(*bytes, s.path);
  ASSERT_TRUE(log.ok() && log->seal);
  // Everything before the seal, sealed again by a key nobody trusts.
  const std::string resigned = journalTemp("resigned.mnrun");
  {
    std::ofstream out(resigned, std::ios::binary);
    out << bytes->substr(0, log->seal->offset);
  }
  const SigningKey other = SigningKey::generate("somebody-else");
  auto journal = RunJournal::reopen(resigned);
  ASSERT_TRUE(journal.ok()) << journal.error().format();
  ASSERT_TRUE((*journal)->seal(RunStatus::Finished, "", other).ok());
  journal->reset();
  RunCheck c = checkRunFile(resigned, {stationKeyA().publicKey()});
  EXPECT_EQ(c.verdict, RunVerdict::UnknownKey) << c.message;
  EXPECT_NE(c.message.find(other.publicKey().id()), std::string::npos) << c.message;
  // The legacy JSON form: unsigned.
  const RecordedRun& live = s.live;
  c = checkRun(runToJson(live.run, live.result), "old.run.json", {stationKeyA().publicKey()});
  EXPECT_EQ(c.verdict, RunVerdict::Unsigned);
  EXPECT_TRUE(c.legacy);
}

TEST(Journal, AnUnfinishedRunIsFoundAndClosedAsInterrupted) {
  const std::string dir = fs::path(journalTemp("x")).parent_path() / "unfinished";
  fs::remove_all(dir);
  fs::create_directories(dir);
  const std::string path = (fs::path(dir) / "crashed.mnrun").string();
  {
    auto journal = RunJournal::create(path, someHeader());
    ASSERT_TRUE(journal.ok());
    EXPECT_TRUE(findUnfinishedRuns(dir).empty()) << "a run being recorded is not offered for recovery";
    (*journal)->event(RunEventKind::NeedlingBegin, R"({"step":"needling","visit":"v1"})");
    PenSample s;
    for (int i = 0; i < 40; ++i) {
      s.timeS = i * 0.01;
      (*journal)->sample(s);
    }
    ASSERT_TRUE((*journal)->flush().ok());
  }  // no seal: as after a crash
  // Half a frame at the end, as a crash while writing leaves it.
  { std::ofstream(path, std::ios::binary | std::ios::app) << std::string("FRM1\x10\0\0", 7); }
  auto found = findUnfinishedRuns(dir);
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].events, 42u);
  EXPECT_EQ(checkRunFile(path, {stationKeyA().publicKey()}).verdict, RunVerdict::Truncated);
  ASSERT_TRUE(closeInterrupted(path, stationKeyA()).ok());
  const RunCheck c = checkRunFile(path, {stationKeyA().publicKey()});
  EXPECT_EQ(c.verdict, RunVerdict::Interrupted) << c.message;
  EXPECT_EQ(c.events, 43u);  // and the Interrupted event
  EXPECT_TRUE(findUnfinishedRuns(dir).empty());
  auto run = readRun(path);
  ASSERT_TRUE(run.ok());
  EXPECT_TRUE(run->interrupted);
  ASSERT_EQ(run->steps.size(), 1u);
  EXPECT_TRUE(run->steps[0].interrupted);
  EXPECT_EQ(run->steps[0].samples.size(), 40u);
}

}  // namespace
}  // namespace mnsim
