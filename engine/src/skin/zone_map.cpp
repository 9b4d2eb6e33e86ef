#include "mnsim/skin/zone_map.h"

#include <filesystem>
#include <optional>
#include <set>

#include "base/yaml_reader.h"
#include "mnsim/base/text.h"

namespace mnsim {

int ZoneMap::find(std::string_view id) const {
  for (size_t i = 0; i < zones.size(); ++i)
    if (zones[i].id == id) return static_cast<int>(i);
  return -1;
}

std::vector<std::string> ZoneMap::ids() const {
  std::vector<std::string> out;
  out.reserve(zones.size());
  for (const ZoneInfo& z : zones) out.push_back(z.id);
  return out;
}

const Landmark* ZoneMap::landmark(std::string_view name) const {
  for (const Landmark& l : landmarks)
    if (l.name == name) return &l;
  return nullptr;
}

ZoneMap singleZoneMap(const TriMesh& mesh) {
  ZoneMap map;
  map.zones.push_back({"skin", "Skin", true, false, false, false, false});
  map.triangleZone.assign(mesh.triangles.size(), 0);
  return map;
}

namespace {

// "12-40" or 12 -> inclusive range.
bool parseRange(const YAML::Node& node, std::pair<uint32_t, uint32_t>& out) {
  if (!node.IsScalar()) return false;
  const std::string s = node.Scalar();
  const auto dash = s.find('-');
  try {
    size_t used = 0;
    if (dash == std::string::npos) {
      const unsigned long v = std::stoul(s, &used);
      if (used != s.size()) return false;
      out = {static_cast<uint32_t>(v), static_cast<uint32_t>(v)};
    } else {
      const std::string a = s.substr(0, dash), b = s.substr(dash + 1);
      size_t usedA = 0, usedB = 0;
      const unsigned long lo = std::stoul(a, &usedA), hi = std::stoul(b, &usedB);
      if (usedA != a.size() || usedB != b.size() || lo > hi) return false;
      out = {static_cast<uint32_t>(lo), static_cast<uint32_t>(hi)};
    }
  } catch (...) {
    return false;
  }
  return true;
}

// The `select:` of a zone: groups, triangle ranges, a sphere, a box.
void readSelection(yaml::Reader& r, const YAML::Node& sel, ZoneRule& rule) {
  r.checkKeys(sel, {"groups", "triangles", "sphere", "box"}, "'select'");
  if (const YAML::Node g = sel["groups"]) {
    if (!g.IsSequence()) r.error(g, ErrorCode::Value, "'groups' must be a list of group names");
    else
      for (const YAML::Node& name : g)
        if (auto s = r.asString(name, "a group name")) rule.groups.push_back(*s);
  }
  if (const YAML::Node t = sel["triangles"]) {
    if (!t.IsSequence()) {
      r.error(t, ErrorCode::Value, "'triangles' must be a list of indices or ranges like \"0-99\"");
    } else {
      for (const YAML::Node& item : t) {
        std::pair<uint32_t, uint32_t> range;
        if (parseRange(item, range)) rule.triangleRanges.push_back(range);
        else r.error(item, ErrorCode::Value, "a triangle range must look like 12 or \"12-40\"");
      }
    }
  }
  if (const YAML::Node s = sel["sphere"]; s && r.expectMap(s, "'sphere'")) {
    r.checkKeys(s, {"center", "radius_mm"}, "'sphere'");
    auto c = r.vec3(s, "center", true);
    auto rad = r.number(s, "radius_mm", true, 0.0, 1e6);
    if (c && rad) {
      rule.hasSphere = true;
      rule.sphereCenterMm = *c;
      rule.sphereRadiusMm = static_cast<float>(*rad);
    }
  }
  if (const YAML::Node b = sel["box"]; b && r.expectMap(b, "'box'")) {
    r.checkKeys(b, {"min", "max"}, "'box'");
    auto lo = r.vec3(b, "min", true);
    auto hi = r.vec3(b, "max", true);
    if (lo && hi) {
      rule.hasBox = true;
      rule.boxMinMm = *lo;
      rule.boxMaxMm = *hi;
    }
  }
}

// One entry of `zones:`; nullopt when its `select:` is not a map (an error is recorded).
std::optional<ZoneRule> readZoneRule(yaml::Reader& r, const YAML::Node& z, std::set<std::string>& seen) {
  r.checkKeys(z,
              {"id", "name", "treatable", "no_go", "thin_skin", "over_bone", "needs_stretch", "depth_ceiling_mm",
               "select"},
              "a zone");
  ZoneRule rule;
  rule.where = r.at(z);
  if (auto id = r.string(z, "id", true)) {
    rule.info.id = *id;
    if (!isSnakeCaseId(*id)) r.error(z["id"], ErrorCode::Value, "zone id '" + *id + "' must be snake_case (a-z, 0-9, _)");
    if (!seen.insert(*id).second) r.error(z["id"], ErrorCode::Value, "zone id '" + *id + "' is defined twice");
  }
  rule.info.name = r.string(z, "name", false).value_or(rule.info.id);
  rule.info.noGo = r.boolean(z, "no_go", false).value_or(false);
  rule.info.treatable = r.boolean(z, "treatable", false).value_or(!rule.info.noGo);
  rule.info.thinSkin = r.boolean(z, "thin_skin", false).value_or(false);
  rule.info.overBone = r.boolean(z, "over_bone", false).value_or(false);
  rule.info.needsStretch = r.boolean(z, "needs_stretch", false).value_or(false);
  if (auto v = r.number(z, "depth_ceiling_mm", false, 0.25, 3.0)) rule.info.depthCeilingMm = static_cast<float>(*v);
  if (rule.info.noGo && rule.info.treatable) r.error(z["treatable"], ErrorCode::Value, "a no_go zone cannot be treatable");
  if (const YAML::Node sel = z["select"]) {
    if (!r.expectMap(sel, "'select'")) return std::nullopt;
    readSelection(r, sel, rule);
  }
  return rule;
}

void readZones(yaml::Reader& r, const YAML::Node& root, ZoneMapFile& file) {
  const YAML::Node zones = root["zones"];
  if (!zones) {
    r.error(root, ErrorCode::Value, "missing required key 'zones'");
    return;
  }
  if (!zones.IsSequence() || zones.size() == 0) {
    r.error(zones, ErrorCode::Value, "'zones' must be a non-empty list");
    return;
  }
  std::set<std::string> seen;
  for (const YAML::Node& z : zones) {
    if (!r.expectMap(z, "a zone")) continue;
    if (auto rule = readZoneRule(r, z, seen)) file.rules.push_back(std::move(*rule));
  }
  if (!file.defaultZone.empty() && !seen.count(file.defaultZone))
    r.error(root["default_zone"], ErrorCode::Reference,
            "default_zone '" + file.defaultZone + "' is not one of the zones" + didYouMean(file.defaultZone, seen));
}

}  // namespace

Result<ZoneMapFile> readZoneMapFile(const std::string& path) {
  auto loaded = yaml::loadFile(path);
  if (!loaded) return loaded.error();
  const YAML::Node& root = *loaded;
  yaml::Reader r(path);
  ZoneMapFile file;
  file.path = path;
  if (!r.expectMap(root, "a zone map")) return r.errors().front();
  r.checkFormat(root, kZonesFileFormat);
  r.checkKeys(root, {"format", "name", "mesh", "units", "rotate_deg", "offset_mm", "default_zone", "zones", "landmarks"},
              "the zone map");
  if (const auto mesh = r.string(root, "mesh", true)) {
    std::filesystem::path p(*mesh);
    if (p.is_relative()) p = std::filesystem::path(path).parent_path() / p;
    file.meshPath = p.lexically_normal().string();
    file.name = std::filesystem::path(*mesh).stem().string();
  }
  if (auto name = r.string(root, "name", false)) file.name = *name;
  if (auto units = r.string(root, "units", false)) {
    if (*units == "mm") file.unitToMm = 1.0f;
    else if (*units == "cm") file.unitToMm = 10.0f;
    else if (*units == "m") file.unitToMm = 1000.0f;
    else r.error(root["units"], ErrorCode::Value, "'units' must be mm, cm or m, found '" + *units + "'");
  }
  if (auto v = r.vec3(root, "rotate_deg", false)) file.rotateDeg = *v;
  if (auto v = r.vec3(root, "offset_mm", false)) file.offsetMm = *v;
  if (auto d = r.string(root, "default_zone", false)) file.defaultZone = *d;
  readZones(r, root, file);
  if (const YAML::Node lm = root["landmarks"]; lm && r.expectMap(lm, "'landmarks'")) {
    for (const auto& kv : lm) {
      const std::string name = kv.first.Scalar();
      if (auto p = r.vec3(lm, name.c_str(), true)) file.landmarks.push_back({name, *p});
    }
  }
  if (r.failed()) return r.errors().front();
  return file;
}

Result<ZoneMap> applyZoneMap(const ZoneMapFile& file, const TriMesh& mesh) {
  ZoneMap map;
  constexpr uint16_t kNone = UINT16_MAX;
  map.triangleZone.assign(mesh.triangles.size(), kNone);
  for (size_t zi = 0; zi < file.rules.size(); ++zi) {
    const ZoneRule& rule = file.rules[zi];
    map.zones.push_back(rule.info);
    const auto zone = static_cast<uint16_t>(zi);
    for (const std::string& group : rule.groups) {
      bool found = false;
      for (size_t g = 0; g < mesh.groupNames.size(); ++g) {
        if (mesh.groupNames[g] != group) continue;
        found = true;
        for (size_t t = 0; t < mesh.triangles.size(); ++t)
          if (mesh.triangleGroup.size() == mesh.triangles.size() && mesh.triangleGroup[t] == g)
            map.triangleZone[t] = zone;
      }
      if (!found) {
        return makeError(ErrorCode::Reference,
                         "zone '" + rule.info.id + "' selects group '" + group + "', which the mesh does not have" +
                             didYouMean(group, mesh.groupNames),
                         rule.where);
      }
    }
    for (auto [lo, hi] : rule.triangleRanges) {
      if (hi >= mesh.triangles.size())
        return makeError(ErrorCode::Reference,
                         "zone '" + rule.info.id + "' selects triangle " + std::to_string(hi) +
                             " but the mesh has " + std::to_string(mesh.triangles.size()),
                         rule.where);
      for (uint32_t t = lo; t <= hi; ++t) map.triangleZone[t] = zone;
    }
    if (rule.hasSphere || rule.hasBox) {
      for (size_t t = 0; t < mesh.triangles.size(); ++t) {
        const glm::vec3 c = mesh.centroid(t);
        bool inside = false;
        if (rule.hasSphere) {
          const glm::vec3 d = c - rule.sphereCenterMm;
          inside = inside || (d.x * d.x + d.y * d.y + d.z * d.z <= rule.sphereRadiusMm * rule.sphereRadiusMm);
        }
        if (rule.hasBox)
          inside = inside || (c.x >= rule.boxMinMm.x && c.y >= rule.boxMinMm.y && c.z >= rule.boxMinMm.z &&
                              c.x <= rule.boxMaxMm.x && c.y <= rule.boxMaxMm.y && c.z <= rule.boxMaxMm.z);
        if (inside) map.triangleZone[t] = zone;
      }
    }
  }
  const int fallback = file.defaultZone.empty() ? -1 : map.find(file.defaultZone);
  size_t unassigned = 0;
  for (uint16_t& z : map.triangleZone) {
    if (z != kNone) continue;
    if (fallback >= 0) z = static_cast<uint16_t>(fallback);
    else ++unassigned;
  }
  if (unassigned > 0)
    return makeError(ErrorCode::Reference,
                     std::to_string(unassigned) +
                         " triangles belong to no zone; add a 'default_zone' or select them",
                     {file.path, 0, 0});
  map.landmarks = file.landmarks;
  return map;
}

}  // namespace mnsim
