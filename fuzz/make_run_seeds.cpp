// Writes the mnsim-run/2 seeds of the run fuzz target into a folder (fuzz/seeds/runs), signed with
// the fuzz key the target trusts (fuzz_key.h). Run it again when the format changes:
//   build-fuzz/mnsim_fuzz_make_run_seeds fuzz/seeds/runs
// Each seed is small (a few KB) and together they reach every verdict: ok (a case with samples
// of every kind, several frames, a gap; free needling), interrupted, unknown key, truncated (cut
// inside a frame), unfinished (no seal).
#include <mnsim/runs/run_journal.h>

#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>

#include "fuzz_key.h"

namespace {

using namespace mnsim;
namespace fs = std::filesystem;

RunHeader caseHeader() {
  RunHeader h;
  h.kind = "case";
  h.createdBy = "mnsim fuzz seeds";
  h.trainee = {"T-seed", "Seed", "fuzz"};
  h.mode = "assessment";
  h.stationId = "fuzz";
  h.mnsimVersion = "0.1.0";
  h.startedUnixMs = nowUnixMs();
  h.scenarioPath = "fuzz.yaml";
  h.scenarioId = "fuzz";
  h.scenarioSha256 = std::string(64, '0');
  h.scenarioFile = "/fuzz/fuzz.yaml";
  h.seed = 42;
  Draw age;
  age.path = "patient.age";
  age.number = 25;
  Draw tone;
  tone.path = "patient.tone";
  tone.numeric = false;
  tone.text = "III";
  h.draws = {age, tone};
  h.assetName = "pad";
  h.assetHash = "sha256:00";
  return h;
}

RunHeader needlingHeader() {
  RunHeader h = caseHeader();
  h.kind = "needling";
  h.planPath = "plan.yaml";
  h.planSha256 = std::string(64, '1');
  h.planText = "schema: mnsim-plan/1\nasset: pad\nzones:\n  - {id: pad_a, depth_mm: [0.25, 0.5]}\n";
  h.cartridgeId = "nano-12";
  return h;
}

// `n` samples of a stroke, every field changing now and then (each of the encoding's flags).
void stroke(RunJournal& j, int n, double t0) {
  for (int i = 0; i < n; ++i) {
    PenSample s;
    s.timeS = t0 + 0.01 * i;
    s.tipMm = {-20.0f + 0.4f * i, 5.0f * std::sin(0.2f * i), 0.05f * (i % 3)};
    s.hasAxis = i >= n / 4;
    s.axis = {0.02f * (i / 10), 0.0f, 1.0f};
    s.contact = (i / 10) % 2 == 0;
    s.pressure = i < n / 2 ? 0.5f : 0.7f;
    s.depthMm = i < n / 3 ? NAN : 0.5f;
    s.rateHz = i < 2 * n / 3 ? NAN : 100.0f;
    s.stretch = i > 3 * n / 4;
    s.pass = i / 15;
    j.sample(s);
  }
}

void answers(RunJournal& j) {
  j.event(RunEventKind::Step, R"({"step":"ask","visit":"v1","time_s":0.0})");
  j.event(
      RunEventKind::Answer,
      R"({"step":"ask","visit":"v1","type":"question","time_s":5.0,"answer":{"choices":["a"]}})");
  j.event(RunEventKind::Step, R"({"step":"wait","visit":"v1","time_s":5.0})");
  j.event(RunEventKind::Control, R"({"what":"timer","action":"start","step":"wait"})");
  j.event(RunEventKind::Answer,
          R"({"step":"wait","visit":"v1","type":"timer","time_s":20.0,"answer":{"wait_s":15}})");
  j.event(RunEventKind::Answer, R"({"step":"day2","visit":"v1","type":"observation","time_s":25.0,)"
                                R"("answer":{"assessment":"normal","choices":["ok"]}})");
  j.event(RunEventKind::Answer,
          R"({"step":"plan","visit":"v1","type":"schedule","time_s":30.0,)"
          R"("answer":{"sessions":4,"interval_weeks":4,"maintenance_months":6}})");
}

void needling(RunJournal& j, int samples) {
  j.event(RunEventKind::NeedlingBegin, R"({"step":"needling","visit":"v1"})");
  stroke(j, samples, 40.0);
  (void)j.flush();  // a frame boundary inside the needling
  stroke(j, samples / 2, 45.0);
  j.event(RunEventKind::NeedlingEnd, R"({"step":"needling","time_s":50.0,"trace":"live"})");
}

const char* kResult = R"({"format":"mnsim-case/1","score":87,"passed":true})";

bool fail(const std::string& what) {
  std::fprintf(stderr, "make_run_seeds: %s\n", what.c_str());
  return false;
}

bool fresh(const std::string& path) {
  std::error_code ec;
  fs::remove(path, ec);
  return true;
}

JournalOptions quick() {
  JournalOptions o;
  o.flushIntervalS = 60.0;  // frames only where the seeds flush
  o.syncToDisk = false;
  return o;
}

bool sealedCase(const std::string& path, const SigningKey& key) {
  fresh(path);
  auto j = RunJournal::create(path, caseHeader(), quick());
  if (!j) return fail(j.error().format());
  answers(**j);
  (void)(*j)->flush();
  needling(**j, 120);
  (*j)->event(RunEventKind::Step, R"({"step":"","visit":"","time_s":50.0,"ended":true})");
  auto sealed = (*j)->seal(RunStatus::Finished, kResult, key);
  return sealed ? true : fail(sealed.error().format());
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: make_run_seeds FOLDER\n");
    return 2;
  }
  const fs::path dir = argv[1];
  std::error_code ec;
  fs::create_directories(dir, ec);
  auto at = [&](const char* name) { return (dir / name).string(); };
  const SigningKey& key = fuzz::fuzzKey();

  // ok: a whole case, sealed finished by the trusted key.
  if (!sealedCase(at("sealed.mnrun"), key)) return 1;
  // unknown key: the same, signed by a key the target does not trust.
  if (!sealedCase(at("other-key.mnrun"), fuzz::otherKey())) return 1;

  // truncated: the sealed case cut inside a frame.
  {
    std::ifstream in(at("sealed.mnrun"), std::ios::binary);
    const std::string bytes((std::istreambuf_iterator<char>(in)), {});
    std::ofstream(at("truncated.mnrun"), std::ios::binary) << bytes.substr(0, bytes.size() * 2 / 3);
  }

  // free needling, with a cartridge change, a crash during the needling and a resume (a gap),
  // sealed stopped.
  {
    const std::string path = at("needling-gap.mnrun");
    fresh(path);
    {
      auto j = RunJournal::create(path, needlingHeader(), quick());
      if (!j) return fail(j.error().format()), 1;
      (*j)->event(RunEventKind::NeedlingBegin, R"({"cartridge":"nano-12"})");
      stroke(**j, 60, 0.0);
      (void)(*j)->flush();
    }  // never sealed: a crash
    auto j = resumeJournal(path, quick());
    if (!j) return fail(j.error().format()), 1;
    (*j)->event(RunEventKind::Control, R"({"what":"cartridge","cartridge":"round-36"})");
    stroke(**j, 40, 10.0);
    (*j)->event(RunEventKind::NeedlingEnd, R"({"time_s":15.0,"trace":"live"})");
    if (auto s = (*j)->seal(RunStatus::Stopped, "", key); !s) return fail(s.error().format()), 1;
  }

  // unfinished (no seal), then the same closed as interrupted.
  {
    const std::string path = at("unsealed.mnrun");
    fresh(path);
    {
      auto j = RunJournal::create(path, caseHeader(), quick());
      if (!j) return fail(j.error().format()), 1;
      answers(**j);
      (void)(*j)->flush();
      (*j)->event(RunEventKind::NeedlingBegin, R"({"step":"needling","visit":"v1"})");
      stroke(**j, 40, 40.0);
    }
    fs::copy_file(path, at("interrupted.mnrun"), fs::copy_options::overwrite_existing, ec);
    if (ec) return fail(ec.message()), 1;
    if (auto s = closeInterrupted(at("interrupted.mnrun"), key); !s)
      return fail(s.error().format()), 1;
  }
  return 0;
}
