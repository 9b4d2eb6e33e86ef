// Treatment plan files (docs/formats/plan.md): a plan of its own, or the `plan:` of a scenario's
// procedure step (formats/plan_yaml.h).
#include "mnsim/formats/plan_file.h"

#include <set>
#include <sstream>

#include "formats/plan_yaml.h"
#include "mnsim/procedure/coverage.h"
#include "mnsim/formats/trace_file.h"

namespace mnsim {

const std::map<std::string, std::vector<std::string>>& planKeyTable() {
  static const std::vector<std::string> kZoneKeys = {
      "depth_mm",  "setting_mm", "passes",  "min_directions",      "coverage_min",           "density_per_cm2",
      "max_total_density_per_cm2", "thin_skin", "over_bone", "stretch", "speed_in_band_share", "over_treated_share_max",
      "required"};
  static const std::map<std::string, std::vector<std::string>> table = [] {
    std::map<std::string, std::vector<std::string>> t;
    t["plan"] = {"title", "asset", "device", "defaults", "zones", "no_go", "order", "rules"};
    t["plan.device"] = {"type", "cartridge", "rate_hz"};
    t["plan.defaults"] = kZoneKeys;
    t["plan.zone"] = kZoneKeys;
    t["plan.zone"].insert(t["plan.zone"].begin(), "id");
    t["plan.rules"] = {"angle_warn_deg",    "angle_fault_deg",       "angle_within_share", "stretch_share",
                       "dwell_speed_mm_per_s", "dwell_time_s",       "depth_in_range_share", "speed_in_band_share",
                       "speed_fault_time_s", "gap_min_area_mm2",     "heavy_pressure",     "heavy_pressure_share_max",
                       "line_spacing_heads", "over_treated_share_max", "depth_excess_mm",  "critical_score_cap",
                       "pass_score",         "pass_retread_share",   "new_pass_widths"};
    return t;
  }();
  return table;
}

TraceLimits traceLimits(const TreatmentPlan& plan) {
  const DeviceSpec& d = plan.device();
  TraceLimits limits;
  limits.depthMinMm = d.depthMinMm;
  limits.depthMaxMm = d.depthMaxMm;
  limits.depthStepMm = d.depthStepMm;
  if (d.kind == DeviceKind::Pen) {
    limits.rateMinHz = d.rateMinHz;
    limits.rateMaxHz = d.rateMaxHz;
  }
  return limits;
}

namespace {

// `required: [passes, coverage, ...]`: the metrics proficiency needs (all of them listed).
void readRequired(yaml::Reader& r, const YAML::Node& list, ZonePlan& z) {
  if (!list.IsSequence()) {
    r.error(list, ErrorCode::Value, "'required' must be a list of metrics (passes, coverage, directions, depth, "
                                    "angle, stretch, density, speed, over_treatment, pressure)");
    return;
  }
  std::vector<std::string> ids;
  for (int k = 0; k < kRequirementCount; ++k) ids.push_back(requirementId(static_cast<Requirement>(k)));
  z.required = 0;
  for (const YAML::Node& item : list) {
    auto id = r.asString(item, "a required metric");
    if (!id) continue;
    if (auto requirement = requirementFromId(*id))
      z.required |= requirementBit(*requirement);
    else
      r.error(item, ErrorCode::Value, "unknown metric '" + *id + "'" + didYouMean(*id, ids));
  }
}

// Reads the per-zone keys shared by `defaults:` and each entry of `zones:`.
void readZoneKeys(yaml::Reader& r, const YAML::Node& node, const DeviceSpec& device, ZonePlan& z) {
  if (auto depth = r.range(node, "depth_mm", false, device.depthMinMm, device.depthMaxMm)) {
    z.depthMinMm = static_cast<float>(depth->first);
    z.depthMaxMm = static_cast<float>(depth->second);
    z.settingMm = z.depthMinMm;
    for (const YAML::Node& end : {node["depth_mm"][0], node["depth_mm"][1]}) {
      const double v = end.as<double>();
      if (!device.depthOnDial(static_cast<float>(v))) {
        std::ostringstream msg;
        msg << "depth " << v << " mm is not a setting of the " << device.id << "'s dial (" << device.depthMinMm
            << " to " << device.depthMaxMm << " mm in " << device.depthStepMm << " mm steps)";
        r.error(end, ErrorCode::Value, msg.str());
      }
    }
  }
  if (auto setting = r.number(node, "setting_mm", false, device.depthMinMm, device.depthMaxMm)) {
    z.settingMm = static_cast<float>(*setting);
    if (!device.depthOnDial(z.settingMm))
      r.error(node["setting_mm"], ErrorCode::Value, "'setting_mm' must be one of the dial's 0.25 mm steps");
  }
  if (auto v = r.integer(node, "passes", false, 1, kMaxTrackedPasses)) z.passes = *v;
  if (auto v = r.integer(node, "min_directions", false, 1, 4)) z.minDirections = *v;
  if (auto v = r.number(node, "coverage_min", false, 0.0, 1.0)) z.coverageMin = static_cast<float>(*v);
  if (auto band = r.range(node, "density_per_cm2", false, 0.0, 1e6)) {
    z.densityMinPerCm2 = static_cast<float>(band->first);
    z.densityMaxPerCm2 = static_cast<float>(band->second);
  }
  if (auto v = r.number(node, "max_total_density_per_cm2", false, 0.0, 1e7))
    z.maxTotalDensityPerCm2 = static_cast<float>(*v);
  if (auto v = r.boolean(node, "thin_skin", false)) z.thinSkin = *v;
  if (auto v = r.boolean(node, "over_bone", false)) z.overBone = *v;
  if (auto v = r.boolean(node, "stretch", false)) z.needsStretch = *v;
  if (auto v = r.number(node, "speed_in_band_share", false, 0.0, 1.0)) z.speedInBandShare = static_cast<float>(*v);
  if (auto v = r.number(node, "over_treated_share_max", false, 0.0, 1.0))
    z.overTreatedShareMax = static_cast<float>(*v);
  if (const YAML::Node required = node["required"]) readRequired(r, required, z);
}

}  // namespace

namespace {

void readDevice(yaml::Reader& r, const YAML::Node& dev, TreatmentPlan& plan) {
  if (!r.expectMap(dev, "'device'")) return;
  r.checkKeys(dev, planKeyTable().at("plan.device"), "'device'");
  if (auto type = r.string(dev, "type", false)) {
    if (!findDevice(*type)) {
      std::string msg = "unknown device '" + *type + "' (devices: pen, roller)";
      const std::string hint = closestMatch(*type, std::vector<std::string>{"pen", "roller"});
      if (!hint.empty()) msg = "unknown device '" + *type + "' (did you mean '" + hint + "'?)";
      r.error(dev["type"], ErrorCode::Reference, msg);
    } else {
      plan.deviceId = *type;
    }
  }
  const DeviceSpec& device = plan.device();
  if (auto cart = r.string(dev, "cartridge", false)) {
    if (device.kind != DeviceKind::Pen) {
      r.error(dev["cartridge"], ErrorCode::Value, "a roller has no cartridge; remove 'cartridge'");
    } else if (!device.cartridge(*cart)) {
      std::vector<std::string> ids;
      for (const Cartridge& c : device.cartridges) ids.push_back(c.id);
      std::string msg = "unknown cartridge '" + *cart + "'";
      const std::string hint = closestMatch(*cart, ids);
      if (!hint.empty()) msg += " (did you mean '" + hint + "'?)";
      else {
        msg += " (cartridges:";
        for (const std::string& id : ids) msg += " " + id;
        msg += ")";
      }
      r.error(dev["cartridge"], ErrorCode::Reference, msg);
    } else {
      plan.cartridgeId = *cart;
    }
  }
  if (device.kind == DeviceKind::Pen) {
    if (auto rate = r.number(dev, "rate_hz", false, device.rateMinHz, device.rateMaxHz))
      plan.rateHz = static_cast<float>(*rate);
  } else if (dev["rate_hz"]) {
    r.error(dev["rate_hz"], ErrorCode::Value, "a roller has no stamp rate; remove 'rate_hz'");
  }
}

void readZones(yaml::Reader& r, const YAML::Node& root, TreatmentPlan& plan) {
  const DeviceSpec& device = plan.device();
  const YAML::Node zones = root["zones"];
  if (!zones) {
    r.error(root, ErrorCode::Value, "missing required key 'zones' (the zones to treat)");
    return;
  }
  if (!zones.IsSequence() || zones.size() == 0) {
    r.error(zones, ErrorCode::Value, "'zones' must be a non-empty list of zones to treat");
    return;
  }
  std::set<std::string> seen;
  for (const YAML::Node& z : zones) {
    if (!r.expectMap(z, "a zone entry")) continue;
    r.checkKeys(z, planKeyTable().at("plan.zone"),
                "a zone entry");
    ZonePlan zp = plan.defaults;
    zp.where = r.at(z);
    if (auto id = r.string(z, "id", true)) {
      zp.zoneId = *id;
      zp.where = r.at(z["id"]);
      if (!seen.insert(*id).second) r.error(z["id"], ErrorCode::Value, "zone '" + *id + "' is listed twice");
    }
    readZoneKeys(r, z, device, zp);
    if (zp.settingMm < zp.depthMinMm - 1e-4f || zp.settingMm > zp.depthMaxMm + 1e-4f) {
      if (z["setting_mm"])
        r.error(z["setting_mm"], ErrorCode::Value, "'setting_mm' lies outside the zone's 'depth_mm' range");
      else
        zp.settingMm = zp.depthMinMm;
    }
    plan.zones.push_back(zp);
  }
}

void readNoGo(yaml::Reader& r, const YAML::Node& noGo, TreatmentPlan& plan) {
  if (!noGo.IsSequence()) {
    r.error(noGo, ErrorCode::Value, "'no_go' must be a list of zones or lesions");
    return;
  }
  for (const YAML::Node& item : noGo) {
    if (!r.expectMap(item, "a no_go entry")) continue;
    if (item["zone"]) {
      r.checkKeys(item, {"zone"}, "a no_go zone entry");
      if (auto zone = r.string(item, "zone", true)) {
        plan.noGoZones.push_back(*zone);
        plan.noGoZoneWhere.push_back(r.at(item["zone"]));
      }
      continue;
    }
    r.checkKeys(item, {"name", "center", "radius_mm"}, "a no_go lesion");
    Lesion lesion;
    lesion.where = r.at(item);
    lesion.name = r.string(item, "name", false).value_or("lesion");
    auto c = r.vec3(item, "center", true);
    auto rad = r.number(item, "radius_mm", true, 0.1, 100.0);
    if (c && rad) {
      lesion.centerMm = *c;
      lesion.radiusMm = static_cast<float>(*rad);
      plan.lesions.push_back(lesion);
    }
  }
}

void readOrder(yaml::Reader& r, const YAML::Node& order, TreatmentPlan& plan) {
  if (!order.IsSequence()) {
    r.error(order, ErrorCode::Value, "'order' must be a list of zone ids");
    return;
  }
  for (const YAML::Node& item : order) {
    if (auto id = r.asString(item, "a zone id")) {
      plan.order.push_back(*id);
      plan.orderWhere.push_back(r.at(item));
    }
  }
}

void readRules(yaml::Reader& r, const YAML::Node& rules, ScoringRules& s) {
  if (!r.expectMap(rules, "'rules'")) return;
  r.checkKeys(rules,
              planKeyTable().at("plan.rules"),
              "'rules'");
  auto set = [&](const char* key, float& field, double lo, double hi) {
    if (auto v = r.number(rules, key, false, lo, hi)) field = static_cast<float>(*v);
  };
  set("angle_warn_deg", s.angleWarnDeg, 0, 90);
  set("angle_fault_deg", s.angleFaultDeg, 0, 90);
  set("angle_within_share", s.angleWithinShare, 0, 1);
  set("stretch_share", s.stretchShare, 0, 1);
  set("dwell_speed_mm_per_s", s.dwellSpeedMmPerS, 0, 1000);
  set("dwell_time_s", s.dwellTimeS, 0, 3600);
  set("depth_in_range_share", s.depthInRangeShare, 0, 1);
  set("speed_in_band_share", s.speedInBandShare, 0, 1);
  set("speed_fault_time_s", s.speedFaultTimeS, 0, 3600);
  set("gap_min_area_mm2", s.gapMinAreaMm2, 0, 1e6);
  set("heavy_pressure", s.heavyPressure, 0, 1);
  set("heavy_pressure_share_max", s.heavyPressureShareMax, 0, 1);
  set("line_spacing_heads", s.lineSpacingHeads, 0.1, 2.0);
  set("over_treated_share_max", s.overTreatedShareMax, 0, 1);
  set("depth_excess_mm", s.depthExcessMm, 0, 3);
  set("critical_score_cap", s.criticalScoreCap, 0, 100);
  set("pass_score", s.passScore, 0, 100);
  set("pass_retread_share", s.passRetreadShare, 0, 1);
  set("new_pass_widths", s.newPassWidths, 0, 10);
  if (s.angleFaultDeg < s.angleWarnDeg)
    r.error(rules, ErrorCode::Value, "'angle_fault_deg' must not be smaller than 'angle_warn_deg'");
}

}  // namespace

void readPlanKeys(yaml::Reader& r, const YAML::Node& root, TreatmentPlan& plan, const PlanKeysOptions& options) {
  if (options.embedded)
    r.checkKeys(root, planKeyTable().at("plan"), options.what);
  else
    r.checkKeys(root, {"format", "title", "asset", "device", "defaults", "zones", "no_go", "order", "rules"},
                "the plan");
  plan.title = r.string(root, "title", false).value_or("");
  plan.assetName = r.string(root, "asset", false).value_or(options.defaultAsset);
  if (const YAML::Node dev = root["device"]) readDevice(r, dev, plan);
  if (const YAML::Node defaults = root["defaults"]) {
    if (r.expectMap(defaults, "'defaults'")) {
      r.checkKeys(defaults,
                  planKeyTable().at("plan.defaults"),
                  "'defaults'");
      readZoneKeys(r, defaults, plan.device(), plan.defaults);
    }
  }
  readZones(r, root, plan);
  if (const YAML::Node noGo = root["no_go"]) readNoGo(r, noGo, plan);
  if (const YAML::Node order = root["order"]) readOrder(r, order, plan);
  if (const YAML::Node rules = root["rules"]) readRules(r, rules, plan.rules);
}

namespace {

Result<TreatmentPlan> readPlanNode(const YAML::Node& root, const std::string& file) {
  yaml::Reader r(file);
  TreatmentPlan plan;
  plan.path = file;
  if (!r.expectMap(root, "a treatment plan")) return r.errors().front();
  if (!r.checkFormat(root, kPlanFileFormat)) return r.errors().front();
  readPlanKeys(r, root, plan, {});
  if (r.failed()) return r.errors().front();
  return plan;
}

}  // namespace

Result<TreatmentPlan> readPlan(const std::string& path) {
  auto root = yaml::loadFile(path);
  if (!root) return root.error();
  return readPlanNode(*root, path);
}

Result<TreatmentPlan> parsePlan(const std::string& yamlText, const std::string& nameForErrors) {
  auto root = yaml::loadString(yamlText, nameForErrors);
  if (!root) return root.error();
  return readPlanNode(*root, nameForErrors);
}

}  // namespace mnsim
