// mnsim zones --asset NAME [--json] [--samples N]  (product.md §4.3)
#include <algorithm>
#include <cstdio>
#include <iostream>

#include <nlohmann/json.hpp>

#include <mnsim/base/text.h>
#include <mnsim/skin/asset.h>
#include <mnsim/skin/skin_model.h>
#include <mnsim/skin/asset_loader.h>

#include "cli/commands.h"

namespace mnsim::app {

namespace {

using Json = nlohmann::ordered_json;

Json vec(const glm::vec3& v) { return Json::array({round6(v.x), round6(v.y), round6(v.z)}); }

int run(const ParsedArgs& args, const CliContext& context) {
  const std::string assetName = args.get("asset", "head");
  int samplesPerZone = 200;
  if (args.has("samples")) {
    try {
      size_t used = 0;
      samplesPerZone = std::stoi(args.get("samples"), &used);
      if (used != args.get("samples").size() || samplesPerZone < 0 || samplesPerZone > 100000) throw 0;
    } catch (...) {
      return printUsageError(zonesCommand().spec, "--samples must be a whole number from 0 to 100000, found '" +
                                                      args.get("samples") + "'");
    }
  }
  auto asset = loadAsset(assetName, defaultAssetSearch(context.executablePath));
  if (!asset) return reportError(asset.error());
  const std::vector<ZoneSummary> summary = summarizeZones(*asset);

  if (!args.has("json")) {
    std::printf("asset %s (%s)\n%s\n%zu triangles, frame: +Y up, +Z anterior, +X patient's left; mm\n\n",
                asset->name.c_str(), asset->source.c_str(), asset->contentHash.c_str(), asset->mesh.triangleCount());
    int idWidth = 2, nameWidth = 4;  // the columns fit the longest id and name
    for (const ZoneInfo& info : asset->zones.zones) {
      idWidth = std::max(idWidth, static_cast<int>(info.id.size()));
      nameWidth = std::max(nameWidth, static_cast<int>(info.name.size()));
    }
    std::printf("%-*s  %-*s  %-9s %-6s %11s   %s\n", idWidth, "id", nameWidth, "name", "treatable", "no-go",
                "area mm²", "centroid mm");
    double treatable = 0.0;
    for (size_t z = 0; z < asset->zones.zones.size(); ++z) {
      const ZoneInfo& info = asset->zones.zones[z];
      const ZoneSummary& s = summary[z];
      if (info.treatable) treatable += s.areaMm2;
      std::printf("%-*s  %-*s  %-9s %-6s %10.1f   (%.1f, %.1f, %.1f)\n", idWidth, info.id.c_str(), nameWidth,
                  info.name.c_str(),
                  info.treatable ? "yes" : "no", info.noGo ? "yes" : "no", s.areaMm2, s.centroid.x, s.centroid.y,
                  s.centroid.z);
    }
    std::printf("\ntreatable surface: %.1f mm²\n", treatable);
    if (!asset->zones.landmarks.empty()) {
      std::printf("\nlandmarks:\n");
      for (const Landmark& l : asset->zones.landmarks)
        std::printf("  %-22s (%.1f, %.1f, %.1f)\n", l.name.c_str(), l.positionMm.x, l.positionMm.y, l.positionMm.z);
    }
    return 0;
  }

  SkinModel model(*asset);
  Json j;
  j["asset"] = asset->name;
  j["hash"] = asset->contentHash;
  j["units"] = "mm";
  j["frame"] = {{"up", "+y"}, {"anterior", "+z"}, {"left", "+x"},
                {"description", "millimetres; +Y superior, +Z anterior (the face looks toward +Z), +X the patient's left"}};
  j["triangles"] = asset->mesh.triangleCount();
  double treatable = 0.0;
  Json zones = Json::array();
  for (size_t z = 0; z < asset->zones.zones.size(); ++z) {
    const ZoneInfo& info = asset->zones.zones[z];
    const ZoneSummary& s = summary[z];
    if (info.treatable) treatable += s.areaMm2;
    Json zj;
    zj["id"] = info.id;
    zj["name"] = info.name;
    zj["treatable"] = info.treatable;
    zj["no_go"] = info.noGo;
    zj["thin_skin"] = info.thinSkin;
    zj["over_bone"] = info.overBone;
    zj["needs_stretch"] = info.needsStretch;
    zj["area_mm2"] = round6(s.areaMm2);
    zj["centroid"] = vec(s.centroid);
    zj["normal"] = vec(s.normal);
    Json samples = Json::array();
    for (uint32_t i : spreadZoneSamples(model.samples(), static_cast<uint16_t>(z), samplesPerZone)) {
      const glm::vec3 p = model.samples().position(i), n = model.samples().normal(i);
      samples.push_back({round6(p.x), round6(p.y), round6(p.z), round6(n.x), round6(n.y), round6(n.z)});
    }
    zj["samples"] = samples;
    zones.push_back(zj);
  }
  j["treatable_area_mm2"] = round6(treatable);
  j["zones"] = zones;
  Json landmarks = Json::object();
  for (const Landmark& l : asset->zones.landmarks) landmarks[l.name] = vec(l.positionMm);
  j["landmarks"] = landmarks;
  std::cout << j.dump(2) << "\n";
  return 0;
}

}  // namespace

const Command& zonesCommand() {
  static const Command command{
      {"zones",
       "List an asset's zones, areas, sample points and landmarks",
       "mnsim zones [--asset NAME|FILE] [--json] [--samples N]",
       "Prints the zones of a built-in asset (head, pad, body), of a zone-map sidecar (*.zones.yaml)\n"
       "or of a mesh file. With --json: one JSON object (docs/formats/zones-json.md) with, per zone,\n"
       "id, name, flags, area_mm2, centroid, normal and N surface samples [x,y,z,nx,ny,nz] spread\n"
       "evenly over it, plus the named landmarks.",
       {{"asset", "NAME", "built-in asset or file (default: head)"},
        {"json", "", "print JSON instead of a table"},
        {"samples", "N", "surface samples per zone in the JSON (default: 200)"}},
       0,
       "",
       {"mnsim zones --asset pad --json", "mnsim zones --asset head", "mnsim zones --asset scan.zones.yaml --json --samples 50"}},
      run};
  return command;
}

}  // namespace mnsim::app
