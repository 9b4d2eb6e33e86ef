#include "mnsim/procedure/plan.h"

#include "mnsim/base/error.h"

namespace mnsim {

namespace {

constexpr const char* kRequirementIds[kRequirementCount] = {
    "passes", "coverage", "directions", "depth", "angle", "stretch", "density", "speed", "over_treatment", "pressure"};

}  // namespace

const char* requirementId(Requirement requirement) { return kRequirementIds[static_cast<int>(requirement)]; }

std::optional<Requirement> requirementFromId(std::string_view id) {
  for (int i = 0; i < kRequirementCount; ++i)
    if (id == kRequirementIds[i]) return static_cast<Requirement>(i);
  return std::nullopt;
}

const ZonePlan* TreatmentPlan::zonePlan(int zoneIndex) const {
  for (const ZonePlan& z : zones)
    if (z.zone == zoneIndex) return &z;
  return nullptr;
}

const DeviceSpec& TreatmentPlan::device() const {
  const DeviceSpec* d = findDevice(deviceId);
  return d ? *d : deviceCatalogue().front();
}

const Cartridge* TreatmentPlan::cartridge() const {
  const DeviceSpec& d = device();
  if (d.kind != DeviceKind::Pen) return nullptr;
  const Cartridge* c = d.cartridge(cartridgeId.empty() ? d.defaultCartridge : cartridgeId);
  return c ? c : d.cartridge(d.defaultCartridge);
}

float TreatmentPlan::defaultRateHz() const { return rateHz > 0.0f ? rateHz : device().rateDefaultHz; }

std::vector<Error> resolvePlanAll(TreatmentPlan& plan, const Asset& asset) {
  std::vector<Error> errors;
  const std::vector<std::string> ids = asset.zones.ids();
  auto unknown = [&](const std::string& id, const SourceLocation& where) {
    std::string msg = "zone '" + id + "' does not exist on asset '" + asset.name + "'";
    const std::string hint = closestMatch(id, ids);
    if (!hint.empty()) msg += " (did you mean '" + hint + "'?)";
    errors.push_back(makeError(ErrorCode::Reference, msg, where));
  };
  for (ZonePlan& z : plan.zones) {
    z.zone = asset.zones.find(z.zoneId);
    if (z.zone < 0) {
      unknown(z.zoneId, z.where);
      continue;
    }
    const ZoneInfo& info = asset.zones.zones[z.zone];
    if (!info.treatable)
      errors.push_back(makeError(ErrorCode::Value,
                                 "zone '" + z.zoneId + "' is " + (info.noGo ? "a no-go zone" : "not treatable") +
                                     " and cannot be in the plan",
                                 z.where));
  }
  for (size_t i = 0; i < plan.noGoZones.size(); ++i)
    if (asset.zones.find(plan.noGoZones[i]) < 0) unknown(plan.noGoZones[i], plan.noGoZoneWhere[i]);
  for (size_t i = 0; i < plan.order.size(); ++i) {
    if (asset.zones.find(plan.order[i]) < 0) {
      unknown(plan.order[i], plan.orderWhere[i]);
      continue;
    }
    bool planned = false;
    for (const ZonePlan& z : plan.zones) planned = planned || z.zoneId == plan.order[i];
    if (!planned)
      errors.push_back(makeError(ErrorCode::Reference,
                                 "'order' names zone '" + plan.order[i] + "', which is not in 'zones'",
                                 plan.orderWhere[i]));
  }
  return errors;
}

Status resolvePlan(TreatmentPlan& plan, const Asset& asset) {
  std::vector<Error> errors = resolvePlanAll(plan, asset);
  if (!errors.empty()) return errors.front();
  return Ok{};
}

}  // namespace mnsim
