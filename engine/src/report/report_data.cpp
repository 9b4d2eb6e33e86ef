#include "mnsim/report/report_data.h"

#include "forms.h"

#include <nlohmann/json.hpp>

namespace mnsim {

namespace {

using Json = nlohmann::ordered_json;

Json point(const glm::vec3& p) { return Json::array({p.x, p.y, p.z}); }

Json runJson(const RunReport& r) {
  return {{"file", r.runFile},       {"hash", r.runHash},         {"verify", r.verify},
          {"verify_message", r.verifyMessage},
          {"trainee", {{"id", r.traineeId}, {"name", r.traineeName}, {"cohort", r.cohort}}},
          {"kind", r.kind},          {"mode", r.mode},            {"station", r.stationId},
          {"started_utc", r.startedUtc}, {"case", {{"id", r.caseId}, {"title", r.caseTitle}}},
          {"duration_s", r.durationS}};
}

Json resultJson(const RunReport& r) {
  Json j{{"score", r.score}, {"proficient", r.proficient}, {"why", r.why}, {"phases", Json::array()}};
  for (const RunReport::Phase& p : r.phases)
    j["phases"].push_back({{"id", p.id}, {"name", p.name}, {"scored", p.scored}, {"met", p.met}, {"score", p.score},
                           {"threshold", p.threshold}});
  return j;
}

Json zonesJson(const RunReport& r) {
  Json a = Json::array();
  for (const ReportZone& z : r.zones)
    a.push_back({{"needling", z.needling}, {"id", z.id}, {"name", z.name}, {"score", z.score}, {"proficient", z.proficient},
                 {"pass_coverage", z.passCoverage}, {"depth_in_range_share", z.depthInRangeShare},
                 {"angle_within_share", z.angleWithinShare}, {"speed_in_band_share", z.speedInBandShare},
                 {"depth_mm", {z.depthMinMm, z.depthMaxMm}}, {"speed_band_mm_per_s", {z.speedMinMmPerS, z.speedMaxMmPerS}},
                 {"unmet", z.unmet}});
  return a;
}

Json faultsJson(const RunReport& r) {
  Json a = Json::array();
  for (const ReportFault& f : r.faults)
    a.push_back({{"kind", f.kind}, {"title", f.title}, {"critical", f.critical}, {"step", f.step}, {"zone", f.zone},
                 {"time_s", f.timeS}, {"end_time_s", f.endTimeS}, {"point_mm", f.hasPoint ? point(f.pointMm) : Json(nullptr)},
                 {"expected", f.expected}, {"done", f.done}, {"explanation", f.explanation}});
  return a;
}

Json stepsJson(const RunReport& r) {
  Json a = Json::array();
  for (const ReportStep& s : r.steps)
    a.push_back({{"id", s.id}, {"title", s.title}, {"type", s.type}, {"phase", s.phase}, {"start_s", s.startS},
                 {"end_s", s.endS}, {"answer", s.answer}, {"points", s.points}, {"max_points", s.maxPoints},
                 {"feedback", s.feedback}});
  return a;
}

Json seriesJson(const RunReport& r) {
  Json a = Json::array();
  for (const ReportSeries& s : r.series)
    a.push_back({{"needling", s.needling}, {"start_s", s.startS}, {"angle_warn_deg", s.angleWarnDeg},
                 {"angle_fault_deg", s.angleFaultDeg}, {"time_s", s.timeS}, {"speed_mm_per_s", s.speedMmPerS},
                 {"dial_depth_mm", s.dialDepthMm}, {"angle_deg", s.angleDeg}});
  return a;
}

Json reviewJson(const RunReport& r) {
  if (!r.review) return nullptr;
  const Review& v = *r.review;
  Json comments = Json::array();
  for (const ReviewComment& c : v.comments)
    comments.push_back({{"time_s", c.timeS}, {"point_mm", c.hasPoint ? point(c.pointMm) : Json(nullptr)}, {"text", c.text}});
  auto item = [](const auto& i, auto toJson) {
    return Json{{"id", i.id},       {"title", i.title},      {"prefilled", toJson(i.prefilled)}, {"basis", i.basis},
                {"value", toJson(i.value)}, {"override_reason", i.overrideReason}};
  };
  Json osats = Json::array(), dops = Json::array();
  for (const RatingItem& i : v.rubric.osats) osats.push_back(item(i, [](int x) { return Json(x); }));
  for (const CheckItem& i : v.rubric.dops) dops.push_back(item(i, [](CheckValue x) { return Json(checkValueId(x)); }));
  return {{"verify", r.reviewVerify},
          {"assessor", v.assessorName},
          {"signed", v.isSigned()},
          {"signed_utc", v.signedUtc},
          {"comments", comments},
          {"osats", osats},
          {"osats_total", v.rubric.osatsTotal()},
          {"dops", dops},
          {"overall", item(v.rubric.overall, [](Judgement x) { return Json(judgementId(x)); })},
          {"summary", v.summary}};
}

Json reportJson(const RunReport& r) {
  Json j;
  j["format"] = "mnsim-report/1";
  j["run"] = runJson(r);
  j["result"] = resultJson(r);
  j["zones"] = zonesJson(r);
  j["faults"] = faultsJson(r);
  j["steps"] = stepsJson(r);
  j["series"] = seriesJson(r);
  j["review"] = reviewJson(r);
  return j;
}

using forms::csvField;

void flatten(const std::string& section, const std::string& item, const std::string& field, const Json& v,
             std::string& out) {
  if (v.is_object()) {
    for (auto it = v.begin(); it != v.end(); ++it)
      flatten(section, item, field.empty() ? it.key() : field + "." + it.key(), it.value(), out);
    return;
  }
  if (v.is_array()) {
    for (size_t i = 0; i < v.size(); ++i) flatten(section, item, field + "[" + std::to_string(i) + "]", v[i], out);
    return;
  }
  const std::string value = v.is_string() ? v.get<std::string>() : v.is_null() ? "" : v.dump();
  out += csvField(section) + "," + csvField(item) + "," + csvField(field) + "," + csvField(value) + "\r\n";
}

}  // namespace

std::string reportToJson(const RunReport& report) { return reportJson(report).dump(2) + "\n"; }

std::string reportToCsv(const RunReport& report) {
  const Json j = reportJson(report);
  std::string out = "section,item,field,value\r\n";
  for (auto it = j.begin(); it != j.end(); ++it) {
    const Json& v = it.value();
    // A list of records: one item each (its id when it has one); anything else: the section's own fields.
    if (v.is_array() && !v.empty() && v[0].is_object()) {
      for (size_t i = 0; i < v.size(); ++i) {
        const std::string item = v[i].contains("id") && v[i]["id"].is_string()
                                     ? std::to_string(i) + ":" + v[i]["id"].get<std::string>()
                                     : std::to_string(i);
        flatten(it.key(), item, "", v[i], out);
      }
    } else {
      flatten(it.key(), "", "", v, out);
    }
  }
  return out;
}

}  // namespace mnsim
