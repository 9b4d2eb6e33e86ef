#include "mnsim/report/xapi.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>

#include <nlohmann/json.hpp>

#include "mnsim/base/signing.h"

namespace mnsim {

namespace {

using Json = nlohmann::ordered_json;

const char* const kCmi5Category = "https://w3id.org/xapi/cmi5/context/categories/cmi5";
const char* const kMoveOnCategory = "https://w3id.org/xapi/cmi5/context/categories/moveon";
const char* const kSessionId = "https://w3id.org/xapi/cmi5/context/extensions/sessionid";
const char* const kLaunchMode = "https://w3id.org/xapi/cmi5/context/extensions/launchmode";
const char* const kMoveOn = "https://w3id.org/xapi/cmi5/context/extensions/moveon";
const char* const kActivityCourse = "http://adlnet.gov/expapi/activities/simulation";
const char* const kActivityInteraction = "http://adlnet.gov/expapi/activities/cmi.interaction";
const char* const kActivityPerformance = "http://adlnet.gov/expapi/activities/performance";

// mnsim's own extensions: urn:mnsim:xapi:<name> (docs/formats/xapi.md).
std::string ext(const char* name) { return std::string("urn:mnsim:xapi:") + name; }

std::string verbName(const std::string& id) { return id.substr(id.find_last_of('/') + 1); }

// ISO 8601 duration in seconds, to the hundredth.
std::string duration(double seconds) {
  char buf[48];
  std::snprintf(buf, sizeof buf, "PT%.2fS", std::max(0.0, seconds));
  return buf;
}

double rounded(double v) { return std::round(v * 10000.0) / 10000.0; }

// Everything the statements of one run share.
struct Builder {
  const RunReport& r;
  const XapiOptions& o;
  std::string registration;
  Json actor, caseActivity;
  int count = 0;

  std::string joinId(const std::string& tail) const {
    const bool urn = o.activityBase.rfind("urn:", 0) == 0;
    std::string id = o.activityBase;
    for (char c : tail) id += (c == '/' && urn) ? ':' : c;
    return id;
  }

  static std::string idSafe(const std::string& s) {
    std::string out;
    for (unsigned char c : s) out += (std::isalnum(c) || c == '-' || c == '_' || c == '.') ? static_cast<char>(c) : '_';
    return out;
  }

  Json activity(const std::string& tail, const std::string& name, const char* type) const {
    return {{"objectType", "Activity"},
            {"id", joinId(tail)},
            {"definition", {{"name", {{"en-US", name}}}, {"type", type}}}};
  }

  // A statement at `atS` on the run clock; `cmi5` puts it in cmi5's category.
  Json statement(const char* verb, const Json& object, double atS, bool cmi5, bool moveOn = false) {
    Json s;
    s["id"] = nameUuid({"mnsim-xapi/1", r.runHash, std::to_string(count++)});
    s["actor"] = actor;
    s["verb"] = {{"id", verb}, {"display", {{"en-US", verbName(verb)}}}};
    s["object"] = object;
    Json context;
    context["registration"] = registration;
    Json categories = Json::array();
    if (cmi5) categories.push_back({{"objectType", "Activity"}, {"id", kCmi5Category}});
    if (moveOn) categories.push_back({{"objectType", "Activity"}, {"id", kMoveOnCategory}});
    if (!categories.empty()) context["contextActivities"]["category"] = categories;
    if (object["id"] != caseActivity["id"]) context["contextActivities"]["parent"] = Json::array({caseActivity});
    if (!o.platform.empty()) context["platform"] = o.platform;
    context["extensions"] = {{kSessionId, registration},
                             {ext("run"),
                              {{"hash", r.runHash}, {"file", r.runFile}, {"verify", r.verify}, {"mode", r.mode},
                               {"station", r.stationId}, {"kind", r.kind}}}};
    s["context"] = context;
    s["timestamp"] = utcText(r.startedUnixMs + static_cast<int64_t>(std::llround(atS * 1000.0)));
    return s;
  }
};

Json scoreJson(double raw, double max) {
  return {{"scaled", max > 0.0 ? rounded(raw / max) : 0.0}, {"raw", rounded(raw)}, {"min", 0}, {"max", max}};
}

void addSteps(Builder& b, Json& out) {
  for (const ReportStep& step : b.r.steps) {
    if (step.type == "procedure" || step.type == "narrative") continue;
    Json object = b.activity("/case/" + Builder::idSafe(b.r.caseId) + "/step/" + Builder::idSafe(step.id), step.title,
                             kActivityInteraction);
    object["definition"]["interactionType"] = "other";
    Json s = b.statement(xapi::kVerbAnswered, object, step.endS, false);
    Json result = {{"response", step.answer}, {"duration", duration(step.endS - step.startS)}};
    if (step.maxPoints > 0.0) {
      result["score"] = scoreJson(step.points, step.maxPoints);
      result["success"] = step.points >= step.maxPoints - 1e-9;
    }
    result["extensions"] = {{ext("phase"), step.phase}, {ext("step_type"), step.type}, {ext("feedback"), step.feedback}};
    s["result"] = result;
    out.push_back(s);
  }
}

// The needling's metrics: the worst planned zone of each, and each zone.
Json needlingExtensions(const RunReport& r, const ReportNeedling& n) {
  double coverage = 1.0, depth = 1.0, angle = 1.0, speed = 1.0;
  bool any = false;
  Json zones = Json::array();
  for (const ReportZone& z : r.zones) {
    if (z.needling != n.title) continue;
    any = true;
    double passMin = z.passCoverage.empty() ? 0.0 : 1.0;
    for (double c : z.passCoverage) passMin = std::min(passMin, c);
    coverage = std::min(coverage, passMin);
    depth = std::min(depth, z.depthInRangeShare);
    angle = std::min(angle, z.angleWithinShare);
    if (z.speedMaxMmPerS > z.speedMinMmPerS) speed = std::min(speed, z.speedInBandShare);
    Json passes = Json::array();
    for (double c : z.passCoverage) passes.push_back(rounded(c));
    zones.push_back({{"id", z.id}, {"score", rounded(z.score)}, {"proficient", z.proficient}, {"pass_coverage", passes},
                     {"depth_compliance", rounded(z.depthInRangeShare)}, {"angle_within", rounded(z.angleWithinShare)},
                     {"speed_in_band", rounded(z.speedInBandShare)}, {"unmet", z.unmet}});
  }
  if (!any) coverage = depth = angle = speed = 0.0;
  return {{ext("coverage"), rounded(coverage)},
          {ext("depth_compliance"), rounded(depth)},
          {ext("speed_in_band"), rounded(speed)},
          {ext("angle_within"), rounded(angle)},
          {ext("critical_errors"), n.criticalErrors},
          {ext("faults"), n.faults},
          {ext("zones"), zones}};
}

void addNeedlings(Builder& b, Json& out) {
  for (const ReportNeedling& n : b.r.needlings) {
    const std::string tail = "/case/" + Builder::idSafe(b.r.caseId) + "/procedure/" +
                             Builder::idSafe(n.stepId.empty() ? std::string("needling") : n.stepId);
    Json s = b.statement(xapi::kVerbCompleted, b.activity(tail, n.title, kActivityPerformance), n.endS, false);
    s["result"] = {{"score", scoreJson(n.score, 100.0)},
                   {"success", n.proficient},
                   {"completion", true},
                   {"duration", duration(n.endS - n.startS)},
                   {"extensions", needlingExtensions(b.r, n)}};
    out.push_back(s);
  }
}

// With a review: the assessor's verdict, the assessor as the context's instructor.
void addReview(Builder& b, Json& out) {
  if (!b.r.review) return;
  const Review& v = *b.r.review;
  Json s = b.statement(xapi::kVerbScored, b.caseActivity, b.r.durationS, false);
  const int total = v.rubric.osatsTotal(), max = 5 * static_cast<int>(v.rubric.osats.size());
  Json osats = Json::object(), dops = Json::object();
  for (const RatingItem& i : v.rubric.osats) osats[i.id] = i.value;
  for (const CheckItem& i : v.rubric.dops) dops[i.id] = checkValueId(i.value);
  s["result"] = {{"score", scoreJson(total, max)},
                 {"success", v.rubric.overall.value == Judgement::Meets || v.rubric.overall.value == Judgement::Above},
                 {"extensions",
                  {{ext("review_overall"), judgementName(v.rubric.overall.value)},
                   {ext("review_osats"), osats},
                   {ext("review_dops"), dops},
                   {ext("review_signed"), v.isSigned()},
                   {ext("review_check"), b.r.reviewVerify}}}};
  s["context"]["instructor"] = {{"objectType", "Agent"},
                                {"name", v.assessorName},
                                {"account", {{"homePage", b.o.accountHomePage}, {"name", v.assessorName}}}};
  if (v.isSigned()) s["timestamp"] = v.signedUtc;
  out.push_back(s);
}

}  // namespace

std::string nameUuid(std::initializer_list<std::string_view> pieces) {
  Digest256 d = blake2b256(pieces);
  d[6] = static_cast<uint8_t>((d[6] & 0x0f) | 0x80);  // version 8
  d[8] = static_cast<uint8_t>((d[8] & 0x3f) | 0x80);  // variant 10
  const std::string hex = toHex(d.data(), 16);
  return hex.substr(0, 8) + "-" + hex.substr(8, 4) + "-" + hex.substr(12, 4) + "-" + hex.substr(16, 4) + "-" + hex.substr(20);
}

std::string runToXapi(const RunReport& r, const XapiOptions& o) {
  Builder b{r, o, nameUuid({"mnsim-xapi/1 registration", r.runHash}), {}, {}, 0};
  b.actor = {{"objectType", "Agent"},
             {"name", r.traineeName.empty() ? r.traineeId : r.traineeName},
             {"account", {{"homePage", o.accountHomePage}, {"name", r.traineeId}}}};
  b.caseActivity = b.activity("/case/" + Builder::idSafe(r.caseId), r.caseTitle, kActivityCourse);
  Json out = Json::array();
  Json launched = b.statement(xapi::kVerbLaunched, b.caseActivity, 0.0, true);
  launched["context"]["extensions"][kLaunchMode] = "Normal";  // tracked: practice and assessment alike
  launched["context"]["extensions"][kMoveOn] = "Passed";
  out.push_back(launched);
  out.push_back(b.statement(xapi::kVerbInitialized, b.caseActivity, 0.0, true));
  // The steps and needlings in the order they ended.
  Json inner = Json::array();
  addSteps(b, inner);
  addNeedlings(b, inner);
  std::vector<Json> ordered(inner.begin(), inner.end());
  std::stable_sort(ordered.begin(), ordered.end(),
                   [](const Json& x, const Json& y) { return x["timestamp"].get<std::string>() < y["timestamp"].get<std::string>(); });
  for (Json& s : ordered) out.push_back(std::move(s));
  const std::string total = duration(r.durationS);
  if (r.finished) {
    Json completed = b.statement(xapi::kVerbCompleted, b.caseActivity, r.durationS, true, true);
    completed["result"] = {{"completion", true}, {"duration", total}};
    out.push_back(completed);
    Json verdict = b.statement(r.proficient ? xapi::kVerbPassed : xapi::kVerbFailed, b.caseActivity, r.durationS, true, true);
    Json extensions = {{ext("why_not_proficient"), r.why}};
    int critical = 0;
    for (const ReportFault& f : r.faults) critical += f.critical ? 1 : 0;
    extensions[ext("critical_errors")] = critical;
    verdict["result"] = {{"score", scoreJson(r.score, 100.0)}, {"success", r.proficient}, {"duration", total},
                         {"extensions", extensions}};
    out.push_back(verdict);
  } else {
    Json abandoned = b.statement(xapi::kVerbAbandoned, b.caseActivity, r.durationS, true);
    abandoned["result"] = {{"duration", total}};
    out.push_back(abandoned);
  }
  Json terminated = b.statement(xapi::kVerbTerminated, b.caseActivity, r.durationS, true);
  terminated["result"] = {{"duration", total}};
  out.push_back(terminated);
  addReview(b, out);  // later: the assessor's, when the review was signed
  return out.dump(2) + "\n";
}

}  // namespace mnsim
