#include "core/run_index.h"

#include <algorithm>
#include <cctype>
#include <ctime>
#include <filesystem>

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

std::string lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

}  // namespace

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
