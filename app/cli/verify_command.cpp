// mnsim verify RUN... [--trusted-keys DIR] [--json]  (product.md §4.6, docs/formats/run.md)
#include <iostream>

#include <nlohmann/json.hpp>

#include <filesystem>

#include <mnsim/base/files.h>
#include <mnsim/review/review.h>
#include <mnsim/runs/run_log.h>

#include "cli/commands.h"
#include "core/station.h"

namespace mnsim::app {

namespace {

struct ReviewFinding {
  std::string file;
  ReviewCheck check;
  std::string note;  // superseded, or supersedes a review that is not here
};

// The reviews beside a run, each checked against the run's bytes, and the order they supersede.
std::vector<ReviewFinding> checkReviewsOf(const std::string& runPath, const std::vector<PublicKey>& trusted) {
  std::vector<ReviewFinding> out;
  const std::vector<std::string> files = reviewFilesFor(runPath);
  if (files.empty()) return out;
  auto run = readFile(runPath, "run file");
  const std::string runHash = run ? contentHash(*run) : "";
  std::string previousHash;
  for (size_t i = 0; i < files.size(); ++i) {
    ReviewFinding f;
    f.file = files[i];
    auto text = readFile(files[i], "review");
    if (!text) {
      f.check.message = text.error().message;
    } else {
      f.check = checkReview(*text, files[i], runHash, trusted);
      if (auto review = parseReview(*text, files[i]); review && !review->supersedes.empty() &&
                                                      review->supersedes != previousHash)
        f.note = "it names a superseded review that is not the one before it";
      previousHash = contentHash(*text);
    }
    if (i + 1 < files.size() && f.note.empty())
      f.note = "superseded by " + std::filesystem::path(files[i + 1]).filename().string();
    out.push_back(std::move(f));
  }
  return out;
}

bool reviewOk(const ReviewFinding& f) {
  return (f.check.verdict == ReviewVerdict::Ok || f.check.verdict == ReviewVerdict::Draft) &&
         f.note.find("not the one before") == std::string::npos;
}

int runVerify(const ParsedArgs& args, const CliContext&) {
  const CommandSpec& spec = verifyCommand().spec;
  if (args.positionals.empty()) return printUsageError(spec, "name at least one RUN file");
  auto trusted = trustedKeys(args.get("trusted-keys"));
  if (!trusted) return reportError(trusted.error());
  bool allOk = true;
  nlohmann::ordered_json list = nlohmann::ordered_json::array();
  for (const std::string& path : args.positionals) {
    const RunCheck check = checkRunFile(path, *trusted);
    const std::vector<ReviewFinding> reviews = checkReviewsOf(path, *trusted);
    allOk = allOk && check.verdict == RunVerdict::Ok;
    for (const ReviewFinding& f : reviews) allOk = allOk && reviewOk(f);
    if (args.has("json")) {
      nlohmann::ordered_json j;
      j["run"] = path;
      j["verdict"] = runVerdictId(check.verdict);
      j["message"] = check.message;
      j["notes"] = check.notes;
      j["legacy"] = check.legacy;
      j["status"] = check.status;
      j["events"] = check.events;
      j["key_id"] = check.keyId;
      j["chain"] = check.chainHex;
      if (check.header) {
        j["trainee"] = {{"id", check.header->trainee.id}, {"name", check.header->trainee.name},
                        {"cohort", check.header->trainee.cohort}};
        j["mode"] = check.header->mode;
        j["station"] = check.header->stationId;
        j["started_utc"] = utcText(check.header->startedUnixMs);
      }
      j["reviews"] = nlohmann::ordered_json::array();
      for (const ReviewFinding& f : reviews)
        j["reviews"].push_back({{"file", f.file},
                                {"verdict", reviewVerdictId(f.check.verdict)},
                                {"message", f.check.message},
                                {"key_id", f.check.keyId},
                                {"note", f.note}});
      list.push_back(j);
      continue;
    }
    std::cout << path << ": " << check.message << "\n";
    for (const std::string& note : check.notes) std::cout << "  note: " << note << "\n";
    for (const ReviewFinding& f : reviews)
      std::cout << "  review " << std::filesystem::path(f.file).filename().string() << ": "
                << reviewVerdictId(f.check.verdict) << ": " << f.check.message << (f.note.empty() ? "" : " (" + f.note + ")")
                << "\n";
  }
  if (args.has("json")) std::cout << list.dump(1) << "\n";
  return allOk ? 0 : 1;
}

}  // namespace

const Command& verifyCommand() {
  static const Command command{
      {"verify",
       "Check that runs are whole, unaltered and signed by a trusted key",
       "mnsim verify RUN... [--trusted-keys DIR] [--json]",
       "For each run prints 'ok' and what it is, or exactly what is wrong: altered (which event,\n"
       "frame or header field), truncated or never finished, unsigned (mnsim-run/1 files are),\n"
       "signed by a key that is not trusted here, or interrupted (a crash, closed without going\n"
       "on). The reviews beside each run (RUN.review-N.json, docs/formats/review.md) are checked\n"
       "too: signed off by a trusted key, unchanged since, and of this very run; a draft is listed.\n"
       "Trusted keys: this station's and this workstation's assessor key, those in the config\n"
       "folder's trusted-keys/ ('mnsim keys trust FILE'), or exactly those in --trusted-keys DIR.\n"
       "The exit code is 0 only when every run and every review is ok (drafts included).",
       {{"trusted-keys", "DIR", "accept signatures only by the public keys (*.pub) in DIR"},
        {"json", "", "print the findings as a JSON list"}},
       1 << 20,
       "RUN",
       {"mnsim verify ~/.local/share/mnsim/runs/*.mnrun",
        "mnsim verify run.mnrun --trusted-keys academy-keys/"}},
      runVerify};
  return command;
}

}  // namespace mnsim::app
