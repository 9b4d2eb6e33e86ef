#include "core/run_index.h"

#include <algorithm>
#include <cctype>
#include <ctime>
#include <filesystem>

#include <mnsim/base/files.h>
#include <mnsim/review/review.h>
#include <mnsim/runs/run_file.h>

namespace mnsim::app {

namespace fs = std::filesystem;

namespace {

std::string localDateTime(int64_t unixMs) {
  const std::time_t t = static_cast<std::time_t>(unixMs / 1000);
  std::tm tm{};
  localtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%d %H:%M", &tm);
  return buf;
}

// The score the run recorded (its result event), when it has one.
void takeRecordedScore(const std::string& resultJson, RunRow& row) {
  if (auto recorded = recordedScore(resultJson)) {
    row.hasScore = true;
    row.score = recorded->score;
    row.proficient = recorded->proficient;
  }
}

std::string latestReview(const std::string& runPath, const std::string& runHash, const std::vector<PublicKey>& trusted) {
  const std::vector<std::string> files = reviewFilesFor(runPath);
  if (files.empty()) return "";
  auto text = readFile(files.back(), "review");
  if (!text) return "unreadable";
  const ReviewCheck c = checkReview(*text, files.back(), runHash, trusted);
  switch (c.verdict) {
    case ReviewVerdict::Ok: return "signed";
    case ReviewVerdict::Draft: return "draft";
    default: return std::string("review ") + reviewVerdictId(c.verdict);
  }
}

RunRow rowFor(const std::string& path, const std::vector<PublicKey>& trusted) {
  RunRow row;
  row.path = path;
  auto rr = readRunForReview(path, trusted);
  if (!rr) {
    row.verify = "unreadable";
    row.verifyMessage = rr.error().message;
    row.what = fs::path(path).filename().string();
    return row;
  }
  row.verify = runVerdictId(rr->check.verdict);
  row.verifyMessage = rr->check.message;
  const RunFile& run = rr->run;
  if (run.header) {
    const RunHeader& h = *run.header;
    static_cast<RunWho&>(row) = runWho(h);
    row.what = h.kind == "case" ? h.scenarioId : "free needling: " + fs::path(h.planPath).filename().string();
  } else {
    row.what = run.scenarioId;
    std::error_code ec;
    const auto written = fs::last_write_time(path, ec);
    if (!ec) {
      // The file clock to the system clock, by their offsets now (GCC 12 has no clock_cast).
      const auto now = std::chrono::system_clock::now() + (written - fs::file_time_type::clock::now());
      row.startedUnixMs = std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch()).count();
    }
  }
  row.started = localDateTime(row.startedUnixMs);
  takeRecordedScore(run.resultJson, row);
  row.review = latestReview(path, rr->hash, trusted);
  return row;
}

std::string lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

}  // namespace

std::vector<RunRow> listRuns(const std::string& folder, const std::vector<PublicKey>& trusted) {
  std::vector<RunRow> rows;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(folder, ec)) {
    const std::string ext = entry.path().extension().string();
    const std::string name = entry.path().filename().string();
    const bool run = ext == ".mnrun" || (ext == ".json" && name.find(".run.") != std::string::npos);
    if (run && entry.is_regular_file(ec)) rows.push_back(rowFor(entry.path().string(), trusted));
  }
  std::sort(rows.begin(), rows.end(), [](const RunRow& a, const RunRow& b) {
    return a.startedUnixMs != b.startedUnixMs ? a.startedUnixMs > b.startedUnixMs : a.path < b.path;
  });
  return rows;
}

Result<std::vector<RunRow>> listStoredRuns(Store& store, const RunQuery& query) {
  auto stored = store.runs(query);
  if (!stored) return stored.error();
  std::vector<RunRow> rows;
  rows.reserve(stored->size());
  for (StoredRun& s : *stored) {
    RunRow& row = rows.emplace_back();
    static_cast<RunWho&>(row) = std::move(s);
    row.storeHash = std::move(s.hash);
    row.what = row.kind == "case" ? s.caseId : "free needling: " + fs::path(s.caseId).filename().string();
    row.started = localDateTime(row.startedUnixMs);
    if (s.recorded) {
      row.hasScore = true;
      row.score = s.recorded->score;
      row.proficient = s.recorded->proficient;
    }
    row.verify = std::move(s.verdict);
    row.verifyMessage = "as verified when it was stored, " + s.storedUtc.substr(0, 19) + " UTC";
    row.review = std::move(s.review);
  }
  return rows;
}

bool runRowMatches(const RunRow& row, const std::string& trainee, const std::string& what, const std::string& date) {
  auto has = [](const std::string& text, const std::string& part) {
    return part.empty() || lower(text).find(lower(part)) != std::string::npos;
  };
  return (has(row.traineeId, trainee) || has(row.traineeName, trainee)) && has(row.what, what) &&
         (date.empty() || row.started.rfind(date, 0) == 0);
}

}  // namespace mnsim::app
