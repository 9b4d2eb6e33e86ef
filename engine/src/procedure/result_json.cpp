#include "mnsim/procedure/result_json.h"

#include <cmath>
#include <cstdio>
#include <nlohmann/json.hpp>
#include <sstream>

#include "mnsim/base/text.h"

namespace mnsim {

namespace {

using Json = nlohmann::ordered_json;

Json vec(const glm::vec3& v) { return Json::array({round6(v.x), round6(v.y), round6(v.z)}); }

Json faultJson(const Fault& f) {
  Json j;
  j["kind"] = faultKindId(f.kind);
  j["critical"] = f.critical;
  j["zone"] = f.zoneId;
  j["time_s"] = round6(f.timeS);
  j["end_time_s"] = round6(f.endTimeS);
  j["point_mm"] = vec(f.pointMm);
  j["end_point_mm"] = vec(f.endPointMm);
  j["stamps"] = f.stampCount;
  j["expected"] = f.expected;
  j["done"] = f.done;
  j["explanation"] = f.explanation;
  return j;
}

}  // namespace

std::string resultToJson(const ProcedureResult& r, int indent) {
  Json j;
  j["format"] = kScoreJsonFormat;
  j["plan"] = {{"path", r.planPath}, {"title", r.planTitle}};
  j["trace"] = r.tracePath;
  j["asset"] = {{"name", r.assetName}, {"hash", r.assetHash}};
  j["device"] = {{"id", r.deviceId}, {"cartridge", r.cartridgeId}};
  Json summary;
  summary["score"] = round6(r.score);
  summary["score_uncapped"] = round6(r.scoreUncapped);
  summary["score_cap"] = r.scoreCap;
  summary["proficient"] = r.proficient;
  summary["duration_s"] = round6(r.durationS);
  summary["stamps"] = r.stamps;
  summary["off_skin_stamps"] = r.offSkinStamps;
  summary["off_plan_stamps"] = r.offPlanStamps;
  summary["critical_errors"] = r.criticalErrors.size();
  summary["faults"] = r.faults.size();
  j["summary"] = summary;

  Json zones = Json::array();
  for (const ZoneResult& z : r.zones) {
    Json zj;
    zj["id"] = z.id;
    zj["name"] = z.name;
    zj["planned"] = z.planned;
    zj["area_mm2"] = round6(z.areaMm2);
    zj["score"] = round6(z.score);
    zj["proficient"] = z.proficient;
    zj["unmet"] = z.unmet;
    zj["required"] = z.required;
    zj["plan"] = {{"depth_mm", {round6(z.depthMinMm), round6(z.depthMaxMm)}},
                  {"passes", z.passesRequired},
                  {"directions", z.directionsRequired},
                  {"coverage_min", round6(z.coverageMin)},
                  {"density_per_cm2", {round6(z.densityMinPerCm2), round6(z.densityMaxPerCm2)}},
                  {"speed_mm_per_s", {round6(z.speedMinMmPerS), round6(z.speedMaxMmPerS)}},
                  {"thin_skin", z.thinSkin},
                  {"over_bone", z.overBone},
                  {"needs_stretch", z.needsStretch}};
    Json passes = Json::array();
    for (const PassResult& p : z.passes)
      passes.push_back({{"index", p.index},
                        {"declared", p.declared},
                        {"direction", directionName(p.direction)},
                        {"coverage", round6(p.coverage)},
                        {"density_per_cm2", round6(p.densityPerCm2)},
                        {"stamps", p.stamps},
                        {"start_s", round6(p.startS)},
                        {"end_s", round6(p.endS)}});
    zj["passes"] = passes;
    zj["coverage_total"] = round6(z.coverageTotal);
    zj["directions"] = z.directions;
    Json gaps = Json::array();
    for (const Gap& g : z.gaps)
      gaps.push_back({{"area_mm2", round6(g.areaMm2)}, {"center_mm", vec(g.centerMm)}, {"extent_mm", round6(g.extentMm)}});
    zj["gaps"] = gaps;
    zj["gap_area_mm2"] = round6(z.gapAreaMm2);
    zj["over_treated_area_mm2"] = round6(z.overTreatedAreaMm2);
    zj["over_treated_share"] = round6(z.overTreatedShare);
    zj["depth"] = {{"in_range_share", round6(z.depthInRangeShare)},
                   {"shallowest_mm", round6(z.depthShallowestMm)},
                   {"deepest_mm", round6(z.depthDeepestMm)}};
    zj["technique"] = {{"stamps", z.stamps},
                       {"angle_within_share", round6(z.angleWithinShare)},
                       {"angle_mean_deg", round6(z.angleMeanDeg)},
                       {"angle_max_deg", round6(z.angleMaxDeg)},
                       {"speed_mean_mm_per_s", round6(z.speedMeanMmPerS)},
                       {"speed_in_band_share", round6(z.speedInBandShare)},
                       {"time_too_slow_s", round6(z.timeTooSlowS)},
                       {"time_too_fast_s", round6(z.timeTooFastS)},
                       {"stretch_share", round6(z.stretchShare)},
                       {"heavy_pressure_share", round6(z.heavyPressureShare)}};
    zj["time"] = {{"first_stamp_s", round6(z.firstStampS)},
                  {"last_stamp_s", round6(z.lastStampS)},
                  {"contact_s", round6(z.contactTimeS)}};
    zones.push_back(zj);
  }
  j["zones"] = zones;
  Json critical = Json::array();
  for (const Fault& f : r.criticalErrors) critical.push_back(faultJson(f));
  j["critical_errors"] = critical;
  Json faults = Json::array();
  for (const Fault& f : r.faults) faults.push_back(faultJson(f));
  j["faults"] = faults;
  Json events = Json::array();
  for (const RunEvent& e : r.events)
    events.push_back({{"kind", e.kind}, {"time_s", round6(e.timeS)}, {"end_time_s", round6(e.endTimeS)},
                      {"count", e.count}, {"detail", e.detail}});
  j["events"] = events;
  return j.dump(indent) + "\n";
}

namespace {

std::string pct(double share) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%5.1f%%", share * 100.0);
  return buf;
}

void printFault(std::ostringstream& out, const Fault& f) {
  out << "  " << fixedNumber(f.timeS, 2) << " s  " << padRight(faultKindId(f.kind), 15) << " "
      << padRight(f.zoneId, 14) << " at (" << fixedNumber(f.pointMm.x, 1) << ", "
      << fixedNumber(f.pointMm.y, 1) << ", " << fixedNumber(f.pointMm.z, 1) << ")";
  if (f.stampCount > 1)
    out << " to (" << fixedNumber(f.endPointMm.x, 1) << ", " << fixedNumber(f.endPointMm.y, 1)
        << ", " << fixedNumber(f.endPointMm.z, 1) << "), " << fixedNumber(f.timeS, 2) << "-"
        << fixedNumber(f.endTimeS, 2) << " s, " << f.stampCount << " stamps";
  out << "\n";
  out << "           expected " << f.expected << "; " << f.done << "\n";
  out << "           " << f.explanation << "\n";
}

}  // namespace

std::string resultToTable(const ProcedureResult& r) {
  std::ostringstream out;
  out << "mnsim score — " << (r.planTitle.empty() ? r.planPath : r.planTitle) << "\n";
  out << "asset " << r.assetName << ", device " << r.deviceId;
  if (!r.cartridgeId.empty()) out << " (" << r.cartridgeId << ")";
  out << ", trace " << fixedNumber(r.durationS, 1) << " s, " << r.stamps << " stamps\n\n";
  out << "SCORE " << fixedNumber(r.score, 1) << " / 100   "
      << (r.proficient ? "PROFICIENT" : "NOT PROFICIENT")
      << "   critical errors: " << r.criticalErrors.size() << "   faults: " << r.faults.size()
      << "\n";
  if (!r.scoreCap.empty())
    out << "(" << fixedNumber(r.scoreUncapped, 1) << " before the cap: "
        << (r.scoreCap == "critical_errors" ? "a critical error caps the score"
                                            : "a failed requirement caps the score")
        << ")\n";
  out << "\n";

  out << padRight("zone", 16) << padRight("score", 7) << padRight("passes", 8) << padRight("coverage per pass", 26)
      << padRight("total", 8) << padRight("depth ok", 10) << padRight("angle ok", 10) << padRight("speed ok", 10)
      << padRight("density/cm²", 18) << padRight("over", 8) << "unmet\n";
  for (const ZoneResult& z : r.zones) {
    std::string passes = std::to_string(z.passes.size());
    if (z.planned) passes += "/" + std::to_string(z.passesRequired);
    std::string perPass;
    std::string density;
    for (size_t k = 0; k < z.passes.size() && k < 4; ++k) {
      perPass += pct(z.passes[k].coverage) + " ";
      density += fixedNumber(z.passes[k].densityPerCm2, 0) + " ";
    }
    if (z.passes.size() > 4) perPass += "…";
    std::string unmet;
    for (const std::string& u : z.unmet) unmet += (unmet.empty() ? "" : ", ") + u;
    if (!z.planned) unmet = "(not in plan)";
    out << padRight(z.id, 16) << padRight(z.planned ? fixedNumber(z.score, 1) : "-", 7)
        << padRight(passes, 8) << padRight(perPass, 26) << padRight(pct(z.coverageTotal), 8)
        << padRight(pct(z.depthInRangeShare), 10) << padRight(pct(z.angleWithinShare), 10)
        << padRight(pct(z.speedInBandShare), 10) << padRight(density, 18)
        << padRight(pct(z.overTreatedShare), 8) << unmet << "\n";
  }
  for (const ZoneResult& z : r.zones) {
    if (z.gaps.empty()) continue;
    out << "\n" << z.id << ": " << z.gaps.size() << " untreated area" << (z.gaps.size() == 1 ? "" : "s")
        << ", largest first:\n";
    for (size_t g = 0; g < z.gaps.size() && g < 5; ++g)
      out << "  " << fixedNumber(z.gaps[g].areaMm2, 1) << " mm² at ("
          << fixedNumber(z.gaps[g].centerMm.x, 1) << ", " << fixedNumber(z.gaps[g].centerMm.y, 1)
          << ", " << fixedNumber(z.gaps[g].centerMm.z, 1) << ")\n";
    if (z.gaps.size() > 5) out << "  … " << z.gaps.size() - 5 << " more\n";
  }
  if (!r.criticalErrors.empty()) {
    out << "\nCRITICAL ERRORS\n";
    for (const Fault& f : r.criticalErrors) printFault(out, f);
  }
  if (!r.faults.empty()) {
    out << "\nFaults\n";
    for (const Fault& f : r.faults) printFault(out, f);
  }
  for (const RunEvent& e : r.events)
    out << "\nnote: " << fixedNumber(e.timeS, 2) << "-" << fixedNumber(e.endTimeS, 2)
        << " s: " << e.detail << " (" << e.count << " stamps)\n";
  return out.str();
}

}  // namespace mnsim
