#include "case_traces.h"

#include <mnsim/procedure/device.h>
#include <mnsim/procedure/pen_sample.h>
#include "traces/zone_raster.h"

#include <algorithm>
#include <glm/geometric.hpp>

namespace mnsim::cases {

namespace {

CaseTraceSpec spec(std::string file, std::string scenario, std::string description) {
  CaseTraceSpec s;
  s.file = std::move(file);
  s.scenario = std::move(scenario);
  s.step = "needling";
  s.description = std::move(description);
  return s;
}

// A straight stroke across a point of the skin, following the surface.
std::vector<PenSample> crossing(const SkinModel& model, glm::vec3 center, double startS,
                                float depthMm, float speed) {
  std::vector<PenSample> out;
  auto at = model.nearest(center, 20.0f);
  if (!at) return out;
  glm::vec3 u, v;
  SkinModel::tangentFrame(at->normal, u, v);
  const float half = 14.0f, step = 1.0f;
  double t = startS;
  bool first = true;
  for (float s = -half; s <= half + 1e-3f; s += step) {
    auto p = model.nearest(at->pointMm + u * s, 10.0f);
    if (!p) continue;
    PenSample x;
    x.tipMm = p->pointMm;
    x.depthMm = depthMm;
    if (first) {
      x.timeS = t;
      x.tipMm = p->pointMm + p->normal * 5.0f;
      out.push_back(x);
      t += 0.05;
      x.tipMm = p->pointMm;
      first = false;
    }
    x.timeS = t;
    x.contact = true;
    out.push_back(x);
    t += step / speed;
  }
  if (!out.empty()) out.back().contact = false;
  return out;
}

// The direction class the scorer gives a pass: the orientation tensor of its path read in the
// skin's frame at each point (SkinModel::readingFrame, docs/scoring.md "Passes"), with its
// confidence.
std::pair<int, double> classify(const SkinModel& model, const std::vector<PenSample>& samples) {
  double txx = 0.0, txy = 0.0, tyy = 0.0;
  for (size_t k = 1; k < samples.size(); ++k) {
    if (!samples[k - 1].contact) continue;
    auto at = model.nearest(samples[k].tipMm, 5.0f);
    if (!at) continue;
    const SkinModel::Frame frame = SkinModel::readingFrame(at->normal);
    const glm::vec3 d = samples[k].tipMm - samples[k - 1].tipMm;
    const double du = glm::dot(d, frame.u), dv = glm::dot(d, frame.v), l = std::sqrt(du * du + dv * dv);
    if (l <= 0.0) continue;
    txx += du * du / l;
    txy += du * dv / l;
    tyy += dv * dv / l;
  }
  const double mean = 0.5 * (txx + tyy);
  const double spread = std::sqrt(0.25 * (txx - tyy) * (txx - tyy) + txy * txy);
  const double l1 = mean + spread, l2 = mean - spread;
  // Stricter than the scorer (which wants l2 <= 0.5 l1), so the pass is read the same way.
  if (l1 <= 0.0 || l2 > 0.35 * l1) return {-1, 0.0};
  double theta = 0.5 * std::atan2(2.0 * txy, txx - tyy) * 57.29577951308232;
  if (theta < 0.0) theta += 180.0;
  // Distance from the class's edges (22.5 degrees each side) as the confidence.
  const int cls = theta < 22.5 || theta >= 157.5 ? 0 : theta < 67.5 ? 2 : theta < 112.5 ? 1 : 3;
  const double centre = cls == 0   ? (theta >= 157.5 ? 180.0 : 0.0)
                        : cls == 1 ? 90.0
                        : cls == 2 ? 45.0
                                   : 135.0;
  const double margin = 22.5 - std::fabs(theta - centre);  // degrees from the class's edge
  if (margin < 7.5) return {-1, 0.0};
  return {cls, (1.0 - l2 / l1) * margin};
}

}  // namespace

Result<std::string> makeCaseTrace(const CaseTraceSpec& cs, const Scenario& scenario,
                                  const SkinModel& model) {
  const int index = scenario.findStep(cs.step);
  if (index < 0 || scenario.steps[index].type != StepType::Procedure)
    return makeError(ErrorCode::Reference,
                     cs.scenario + " has no procedure step '" + cs.step + "'");
  TreatmentPlan plan = scenario.steps[index].procedure.plan;
  if (auto status = resolvePlan(plan, model.asset()); !status) return status.error();
  const DeviceSpec& device = plan.device();
  const Cartridge* cartridge = plan.cartridge();
  const float rate = plan.defaultRateHz();
  std::vector<PenSample> samples;
  double t = 0.0;
  static const float kDirections[4] = {0.0f, 90.0f, 45.0f, 135.0f};
  for (const ZonePlan& z : plan.zones) {
    const ZoneInfo& info = model.zones().zones[z.zone];
    ZoneRasterDesc d;
    d.zoneId = z.zoneId;
    d.depthMm = z.settingMm;
    for (const auto& [zone, depth] : cs.depthMm)
      if (zone == z.zoneId) d.depthMm = depth;
    d.stretch = !cs.noStretch && z.needsStretch.value_or(info.needsStretch);
    d.tiltDeg = cs.tiltDeg;
    d.pressure = cs.pressure;
    d.sampleRateHz = cs.sampleRateHz;
    if (!cs.overLesions) d.avoid = plan.lesions;
    // Stroke centres stay 1 mm inside the zone: a stamp centred in a neighbour counts there, at
    // this zone's depth (critical in thin skin outside the plan, or planned shallower).
    d.edgeMarginMm = 1.0f;
    if (device.kind == DeviceKind::Pen && cartridge) {
      // Lines at the spacing the plan expects, and the hand speed that lays the middle of the
      // plan's density band at that spacing (docs/scoring.md "Dose").
      const float density = 0.5f * (z.densityMinPerCm2 + z.densityMaxPerCm2) / 100.0f;  // per mm²
      d.spacingMm = plan.rules.lineSpacingHeads * cartridge->headDiameterMm;
      d.speedMmPerS = cartridge->needles * rate / (density * d.spacingMm);
      d.spacingMm *= cs.spacingScale;
      d.speedMmPerS *= cs.speedScale;
      d.clearanceMm = 0.5f * cartridge->headDiameterMm + 0.5f;
    } else {
      d.speedMmPerS = 30.0f;
      d.spacingMm = 5.0f;
      d.clearanceMm = 0.5f * device.drumWidthMm + 2.0f;
    }
    auto raster = ZoneRaster::prepare(model, d);
    if (!raster) return raster.error();
    // Stroke angles in the zone's frame that the scorer reads as horizontal, vertical and the
    // diagonals on this skin: on a curved zone the frame's 0/90/45 degrees need not be.
    double bestScore[4] = {-1.0, -1.0, -1.0, -1.0};
    float bestAngle[4] = {kDirections[0], kDirections[1], kDirections[2], kDirections[3]};
    for (int a = 0; a < 180; a += 15) {
      const auto [cls, confidence] = classify(model, raster->trace(static_cast<float>(a), 0, 0.0));
      if (cls >= 0 && confidence > bestScore[cls]) {
        bestScore[cls] = confidence;
        bestAngle[cls] = static_cast<float>(a);
      }
    }
    std::vector<float> angles;
    for (int cls : {0, 1, 2, 3})
      if (bestScore[cls] >= 0.0) angles.push_back(bestAngle[cls]);
    for (float a : kDirections)
      if (angles.size() < 4 && std::find(angles.begin(), angles.end(), a) == angles.end())
        angles.push_back(a);
    const int passes = cs.passes > 0 ? cs.passes : z.passes;
    for (int k = 0; k < passes; ++k) {
      // Declared passes, as with the app's pass key: a curved zone does not split a pass.
      std::vector<PenSample> pass = raster->trace(angles[k % angles.size()], cs.declarePasses ? k + 1 : 0, t);
      if (pass.empty())
        return makeError(ErrorCode::Value,
                         cs.file + ": zone '" + z.zoneId + "' is too small to raster");
      samples.insert(samples.end(), pass.begin(), pass.end());
      t = samples.back().timeS + 1.0;
    }
  }
  for (const std::string& name : cs.crossings) {
    glm::vec3 center(0.0f);
    bool found = false;
    for (const Lesion& l : plan.lesions)
      if (l.name == name) {
        center = l.centerMm;
        found = true;
      }
    if (!found) {
      // "zone" (its centroid) or "zone@landmark" (the zone's skin nearest the landmark).
      const auto at = name.find('@');
      const int zone = model.zones().find(name.substr(0, at));
      if (zone < 0)
        return makeError(ErrorCode::Reference,
                         cs.file + ": no lesion or zone '" + name + "' to cross");
      center = summarizeZones(model.asset())[zone].centroid;
      if (at != std::string::npos) {
        const Landmark* lm = model.zones().landmark(name.substr(at + 1));
        if (!lm)
          return makeError(ErrorCode::Reference, cs.file + ": no landmark in '" + name + "'");
        const SkinSamples& ss = model.samples();
        float best = 1e30f;
        for (uint32_t i = 0; i < ss.size(); ++i) {
          if (ss.zone(i) != zone) continue;
          const float d = glm::length(ss.position(i) - lm->positionMm);
          if (d < best) {
            best = d;
            center = ss.position(i);
          }
        }
      }
    }
    const float depth = cs.crossingDepthMm > 0.0f ? cs.crossingDepthMm
                        : plan.zones.empty()    ? NAN
                                                : plan.zones.front().settingMm;
    std::vector<PenSample> stroke = crossing(model, center, t, depth, 30.0f);
    if (stroke.empty())
      return makeError(ErrorCode::Value, cs.file + ": cannot place a stroke across '" + name + "'");
    samples.insert(samples.end(), stroke.begin(), stroke.end());
    t = samples.back().timeS + 1.0;
  }
  std::string comment = "mnsim case library: " + cs.scenario + ", step '" + cs.step + "'\n" +
                        cs.description +
                        "\nMade by build/tools/mnsim_make_case_traces scenarios (tools/cases) from "
                        "the scenario's plan on asset '" +
                        model.asset().name + "' " + model.asset().contentHash.substr(0, 19) + "...";
  return formatCompactTrace(samples, comment);
}

const std::vector<CaseTraceSpec>& caseTraceCatalogue() {
  static const std::vector<CaseTraceSpec> catalogue = [] {
    std::vector<CaseTraceSpec> c;
    c.push_back(
        spec("pad_drill.good.csv", "pad_drill.yaml",
             "Three crossed passes over pad A at 0.5 mm, pen perpendicular, clear of the mole."));
    c.back().sampleRateHz = 20.0;
    {
      CaseTraceSpec s = spec("pad_drill.mistakes.csv", "pad_drill.yaml",
                             "Three crossed passes over pad A at 1.5 mm (too deep for thin skin), "
                             "then a stroke across the mole.");
      s.depthMm = {{"pad_a", 1.5f}};
      s.crossings = {"mole"};
      s.sampleRateHz = 20.0;
      c.push_back(s);
    }
    auto good = [&](const char* id, const char* what) {
      c.push_back(spec(std::string(id) + ".good.csv", std::string(id) + ".yaml", what));
      return &c.back();
    };
    auto variant = [&](const char* id, const char* name, const char* what) {
      c.push_back(spec(std::string(id) + "." + name + ".csv", std::string(id) + ".yaml", what));
      return &c.back();
    };
    good("acne_scars",
         "Both cheeks at 1.5 mm, three crossed passes each with the skin stretched, clear of the "
         "inflamed papule.");
    variant(
        "acne_scars", "over_papule",
        "Both cheeks at 1.5 mm, three crossed passes, rastered straight over the inflamed papule.")
        ->overLesions = true;
    good("surgical_scar", "The right jawline at 1.0 mm, three crossed passes, pen perpendicular.");
    variant("surgical_scar", "tilted",
            "The right jawline at 1.0 mm, three crossed passes, pen tilted 30 degrees.")
        ->tiltDeg = 30.0f;
    good("stretch_marks",
         "Both sides of the lower abdomen at 1.5 mm with a 36-needle cartridge, three crossed "
         "passes, skin stretched.");
    variant("stretch_marks", "no_stretch",
            "The lower abdomen at 1.5 mm, three crossed passes, skin never stretched.")
        ->noStretch = true;
    good("fine_lines",
         "Forehead and crow's feet at 0.5 mm, three crossed passes each, crow's feet stretched.");
    variant("fine_lines", "forehead_deep",
            "As the good trace, but the forehead at 1.0 mm (thin skin: critical).")
        ->depthMm = {{"forehead", 1.0f}};
    good("large_pores", "Nose at 0.5 mm, cheeks at 1.0 mm, three crossed passes each.");
    variant("large_pores", "nose_deep",
            "As the good trace, but the nose at 1.0 mm (thin skin: critical).")
        ->depthMm = {{"nose", 1.0f}};
    good("sun_damage", "Forehead at 0.5 mm, cheeks at 1.0 mm, three crossed passes each.");
    variant("sun_damage", "one_pass", "Forehead and cheeks at zone depths, but a single pass each.")
        ->passes = 1;
    good("melasma", "Both cheeks at 1.5 mm, three crossed passes, skin stretched.");
    good("reduced_elasticity",
         "Jawlines and chin at 0.75 mm, three crossed passes each, clear of the neck.");
    {
      CaseTraceSpec* s = variant("reduced_elasticity", "into_neck",
                                 "As the good trace, then a stroke at 1.5 mm across the neck below "
                                 "the chin (thin skin outside the plan, past its 1.0 mm ceiling: "
                                 "critical).");
      s->crossings = {"neck@gnathion"};
      s->crossingDepthMm = 1.5f;
    }
    good("hair_loss", "The scalp at 0.5 mm with a 36-needle cartridge, three crossed passes.");
    variant("hair_loss", "deep", "The scalp at 1.5 mm, three crossed passes.")->depthMm = {
        {"scalp", 1.5f}};
    good("contra_herpes",
         "Visit 2: upper lip at 0.5 mm stretched and chin at 0.75 mm, three crossed passes, clear "
         "of the vermilion.");
    {
      CaseTraceSpec* s = variant("contra_herpes", "over_cold_sore",
                                 "Visit 1 (should have been deferred): upper lip and chin, then a "
                                 "stroke across the active cold sore.");
      s->step = "v1_needling";
      s->crossings = {"cold_sore"};
    }
    variant("contra_active_acne", "over_pustules",
            "Both cheeks at 1.5 mm, rastered straight over the active pustules.")
        ->overLesions = true;
    good("dermaroller",
         "Both cheeks with a 1.5 mm roller, four passes (horizontal, vertical, two diagonals), "
         "skin stretched.");
    good("skin_type_vi",
         "Both cheeks at 1.0 mm (a conservative depth for skin type VI), three crossed passes, skin "
         "stretched.");
    variant("skin_type_vi", "deep",
            "Both cheeks at 1.5 mm, deeper than the plan's 0.75-1.0 mm, three crossed passes.")
        ->depthMm = {{"cheek_left", 1.5f}, {"cheek_right", 1.5f}};
    good("full_series",
         "Forehead at 0.5 mm, cheeks at 1.0 mm, three crossed passes each (used for all three "
         "sessions).")
        ->step = "v1_needling";
    return c;
  }();
  return catalogue;
}

}  // namespace mnsim::cases
