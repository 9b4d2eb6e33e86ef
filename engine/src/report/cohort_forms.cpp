// The cohort as CSV, JSON and HTML (docs/formats/cohort.md).
#include <cmath>
#include <sstream>

#include <nlohmann/json.hpp>

#include "forms.h"
#include "mnsim/report/cohort.h"

namespace mnsim {

namespace {

using Json = nlohmann::ordered_json;
using forms::csvField;
using forms::esc;
using forms::num;

// Shares and scores are written rounded, so that the forms read the same on every machine.
double rounded(double v, int decimals) {
  const double f = std::pow(10.0, decimals);
  return std::round(v * f) / f;
}

std::string joined(const std::vector<std::string>& items, const char* separator) {
  std::string out;
  for (const std::string& s : items) out += (out.empty() ? "" : separator) + s;
  return out;
}

// The LC-CUSUM sum after the run's attempt, or NaN when it is not counted.
double cusumOf(const Cohort& cohort, size_t index) {
  for (const LearningCurve& c : cohort.curves)
    for (size_t a = 0; a < c.runs.size(); ++a)
      if (c.runs[a] == index) return c.cusum[a];
  return NAN;
}

Json runJson(const Cohort& cohort, size_t index) {
  const CohortRun& r = cohort.runs[index];
  Json j;
  j["file"] = r.file;
  j["verify"] = r.verify;
  j["scored"] = r.scored;
  j["message"] = r.message;
  j["hash"] = r.runHash;
  j["trainee"] = {{"id", r.traineeId}, {"name", r.traineeName}, {"cohort", r.cohort}};
  j["case"] = {{"id", r.caseId}, {"title", r.caseTitle}, {"kind", r.kind}};
  j["mode"] = r.mode;
  j["station"] = r.stationId;
  j["started_utc"] = r.startedUtc;
  j["attempt"] = r.attempt;
  if (!r.scored) return j;
  j["duration_s"] = rounded(r.durationS, 2);
  j["score"] = rounded(r.score, 2);
  j["proficient"] = r.proficient;
  j["critical_errors"] = r.criticalErrors;
  j["faults"] = r.faults;
  Json metrics = Json::object();
  for (int k = 0; k < kCohortMetricCount; ++k)
    if (r.metrics[k].measured)
      metrics[kCohortMetrics[k]] = {{"value", rounded(r.metrics[k].value, 4)}, {"met", r.metrics[k].met}};
  j["metrics"] = metrics;
  j["unmet"] = r.unmet;
  const double sum = cusumOf(cohort, index);
  j["lc_cusum"] = std::isnan(sum) ? Json(nullptr) : Json(rounded(sum, 4));
  return j;
}

}  // namespace

std::string cohortToCsv(const Cohort& cohort) {
  std::string out = "file,verify,scored,trainee_id,trainee_name,cohort,case_id,case_title,mode,station,started_utc,attempt,"
                    "duration_s,score,proficient,critical_errors,faults";
  for (const char* m : kCohortMetrics) {
    const std::string id = m;
    out += "," + id + "," + id + "_met";
  }
  out += ",unmet,lc_cusum,message,run_hash\r\n";
  for (size_t i = 0; i < cohort.runs.size(); ++i) {
    const CohortRun& r = cohort.runs[i];
    std::vector<std::string> f = {r.file, r.verify, r.scored ? "yes" : "no", r.traineeId, r.traineeName, r.cohort,
                                  r.caseId, r.caseTitle, r.mode, r.stationId, r.startedUtc,
                                  r.attempt ? std::to_string(r.attempt) : ""};
    if (r.scored) {
      f.insert(f.end(), {num(r.durationS, 2), num(r.score, 2), r.proficient ? "yes" : "no",
                         std::to_string(r.criticalErrors), std::to_string(r.faults)});
      for (const CohortMetric& m : r.metrics) {
        f.push_back(m.measured ? num(m.value, 4) : "");
        f.push_back(m.measured ? (m.met ? "yes" : "no") : "");
      }
      f.push_back(joined(r.unmet, " "));
      const double sum = cusumOf(cohort, i);
      f.push_back(std::isnan(sum) ? "" : num(sum, 4));
    } else {
      f.resize(f.size() + 5 + 2 * kCohortMetricCount + 2);
    }
    f.push_back(r.message);
    f.push_back(r.runHash);
    for (size_t k = 0; k < f.size(); ++k) {
      if (k) out += ',';
      out += csvField(f[k]);
    }
    out += "\r\n";
  }
  return out;
}

std::string cohortToJson(const Cohort& cohort) {
  Json j;
  j["format"] = "mnsim-cohort/1";
  j["rule"] = {{"name", "LC-CUSUM"},
               {"acceptable_failure_rate", cohort.rule.acceptableFailure},
               {"unacceptable_failure_rate", cohort.rule.unacceptableFailure},
               {"limit", cohort.rule.limit}};
  j["runs"] = Json::array();
  for (size_t i = 0; i < cohort.runs.size(); ++i) j["runs"].push_back(runJson(cohort, i));
  j["curves"] = Json::array();
  for (const LearningCurve& c : cohort.curves) {
    Json curve = {{"trainee", {{"id", c.traineeId}, {"name", c.traineeName}}},
                  {"case", {{"id", c.caseId}, {"title", c.caseTitle}}},
                  {"attempts", c.runs.size()},
                  {"proficient_at", c.proficientAt ? Json(c.proficientAt) : Json(nullptr)},
                  {"first_proficient", c.firstProficient ? Json(c.firstProficient) : Json(nullptr)}};
    Json points = Json::array();
    for (size_t a = 0; a < c.runs.size(); ++a) {
      const CohortRun& r = cohort.runs[c.runs[a]];
      points.push_back({{"attempt", a + 1}, {"file", r.file}, {"started_utc", r.startedUtc},
                        {"score", rounded(r.score, 2)}, {"proficient", r.proficient},
                        {"lc_cusum", rounded(c.cusum[a], 4)}});
    }
    curve["points"] = points;
    j["curves"].push_back(curve);
  }
  j["unscored"] = Json::array();
  for (const CohortRun& r : cohort.runs)
    if (!r.scored) j["unscored"].push_back({{"file", r.file}, {"verify", r.verify}, {"message", r.message}});
  return j.dump(2) + "\n";
}

namespace {

void curveHtml(std::ostringstream& o, const Cohort& cohort, const LearningCurve& c) {
  o << "<section class=\"curve\"><h3>" << esc(c.traineeName.empty() ? c.traineeId : c.traineeName) << " ("
    << esc(c.traineeId) << ") &middot; " << esc(c.caseTitle) << "</h3><p>" << c.runs.size() << " attempts; ";
  if (c.proficientAt)
    o << "<span class=\"ok\">proficient at attempt " << c.proficientAt << "</span> (LC-CUSUM)";
  else
    o << "<span class=\"warn\">not yet declared proficient</span> (LC-CUSUM)";
  o << "</p>";
  std::vector<double> attempts, scores;
  for (size_t a = 0; a < c.runs.size(); ++a) {
    attempts.push_back(static_cast<double>(a + 1));
    scores.push_back(cohort.runs[c.runs[a]].score);
  }
  const auto attemptLabel = [](double a) { return "attempt " + num(a, 0); };
  o << forms::lineChart("Score per attempt", "0-100", attempts, scores, 0.0, 0.0, {}, attemptLabel, true);
  o << forms::lineChart("LC-CUSUM (declared at the dashed limit)", "sum", attempts, c.cusum, 0.0, 0.0,
                        {cohort.rule.limit}, attemptLabel, true);
  o << "<table><tr><th>Attempt</th><th>Started (UTC)</th><th>Score</th><th>Proficient</th>";
  for (const char* m : kCohortMetrics) o << "<th>" << m << "</th>";
  o << "<th>LC-CUSUM</th></tr>";
  for (size_t a = 0; a < c.runs.size(); ++a) {
    const CohortRun& r = cohort.runs[c.runs[a]];
    o << "<tr><td>" << a + 1 << "</td><td>" << esc(r.startedUtc) << "</td><td>" << num(r.score) << "</td><td class=\""
      << (r.proficient ? "ok\">yes" : "bad\">no") << "</td>";
    for (const CohortMetric& m : r.metrics)
      o << "<td class=\"" << (m.met ? "" : "bad") << "\">" << (m.measured ? num(100.0 * m.value, 0) + "%" : "-") << "</td>";
    o << "<td>" << num(c.cusum[a], 2) << "</td></tr>";
  }
  o << "</table></section>";
}

}  // namespace

std::string cohortToHtml(const Cohort& cohort) {
  std::ostringstream o;
  o << "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Cohort &middot; " << cohort.runs.size()
    << " runs</title><style>" << forms::kStyle << "</style></head><body>";
  o << "<h1>Cohort</h1><div class=\"sub\">" << cohort.runs.size() << " runs, " << cohort.curves.size()
    << " learning curves. LC-CUSUM: acceptable failure rate " << num(cohort.rule.acceptableFailure, 2)
    << ", unacceptable " << num(cohort.rule.unacceptableFailure, 2) << ", limit " << num(cohort.rule.limit, 2)
    << ". Every result recomputed from the runs' inputs.</div>";
  size_t unscored = 0;
  for (const CohortRun& r : cohort.runs) unscored += r.scored ? 0 : 1;
  if (unscored) {
    o << "<div class=\"banner bad\">" << unscored << " run" << (unscored == 1 ? " was" : "s were")
      << " not graded:</div><table><tr><th>File</th><th>Verify</th><th>Why</th></tr>";
    for (const CohortRun& r : cohort.runs)
      if (!r.scored)
        o << "<tr><td>" << esc(r.file) << "</td><td class=\"bad\">" << esc(r.verify) << "</td><td>" << esc(r.message) << "</td></tr>";
    o << "</table>";
  }
  o << "<h2>Trainees</h2><table><tr><th>Trainee</th><th>Case</th><th>Attempts</th><th>First proficient</th>"
       "<th>Declared proficient (LC-CUSUM)</th></tr>";
  for (const LearningCurve& c : cohort.curves)
    o << "<tr><td>" << esc(c.traineeName) << " (" << esc(c.traineeId) << ")</td><td>" << esc(c.caseTitle) << "</td><td>"
      << c.runs.size() << "</td><td>" << (c.firstProficient ? std::to_string(c.firstProficient) : "-") << "</td><td class=\""
      << (c.proficientAt ? "ok\">attempt " + std::to_string(c.proficientAt) : "warn\">not yet") << "</td></tr>";
  o << "</table><h2>Learning curves</h2>";
  for (const LearningCurve& c : cohort.curves) curveHtml(o, cohort, c);
  o << "<p class=\"sub\">mnsim grade (mnsim-cohort/1)</p></body></html>\n";
  return o.str();
}

}  // namespace mnsim
