// How far the built-in head's face lies from a published average adult face (issue 15's measure):
//   mnsim_face_deviation [--reference FACE.obj] [ASSET]
// The reference defaults to MediaPipe's canonical face model in tools/face/reference (its
// README says where it comes from and under which licence). ASSET is the head (default "head").
// Printed: the fit, each landmark's residual, the deviation's RMS, 90th percentile and worst,
// overall and by region, and the profile's soft-tissue measures against their published norms;
// --vertices also prints each reference vertex's distance.
#include <cstdio>
#include <cstring>
#include <string>

#include <mnsim/skin/asset_loader.h>

#include "face_measure.h"

int main(int argc, char** argv) {
  std::string referencePath = mnsim::face::referencePath(MNSIM_SOURCE_DIR), assetName = "head";
  bool perVertex = false;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    if (a == "--reference" && i + 1 < argc) referencePath = argv[++i];
    else if (a == "--vertices") perVertex = true;
    else if (a.rfind("-", 0) == 0) {
      std::fprintf(stderr, "usage: mnsim_face_deviation [--reference FACE.obj] [--vertices] [ASSET]\n");
      return 2;
    } else assetName = a;
  }
  std::string error;
  const auto reference = mnsim::face::readReference(referencePath, error);
  if (reference.empty()) {
    std::fprintf(stderr, "error: %s\n", error.c_str());
    return 1;
  }
  auto asset = mnsim::loadAsset(assetName, mnsim::defaultAssetSearch(argv[0]));
  if (!asset) {
    std::fprintf(stderr, "%s\n", asset.error().format().c_str());
    return 1;
  }
  const auto m = mnsim::face::measureAsset(reference, *asset, error);
  if (!m) {
    std::fprintf(stderr, "error: %s\n", error.c_str());
    return 1;
  }
  const auto& s = m->placed;
  std::printf("fit on %zu landmarks: scale %.4f, translation (%.1f, %.1f, %.1f) mm\n", m->residualMm.size(), s.scale,
              s.translation.x, s.translation.y, s.translation.z);
  for (const auto& [name, d] : m->residualMm) std::printf("  %-20s residual %5.2f mm\n", name.c_str(), d);
  std::printf("surface deviation of the reference's vertices from the head, mm:\n");
  auto row = [](const char* name, const mnsim::face::DeviationStats& st) {
    std::printf("  %-30s n %3zu  RMS %5.2f  90th %5.2f  worst %5.2f\n", name, st.count, st.rmsMm, st.p90Mm, st.worstMm);
  };
  row("all", m->all);
  for (int r = 0; r < 4; ++r)
    row(mnsim::face::regionName(static_cast<mnsim::face::FaceRegion>(r)), m->byRegion[static_cast<size_t>(r)]);
  const auto profile = mnsim::face::profileMeasures(*asset, error);
  if (!profile.empty()) std::printf("profile (soft-tissue norms, mean +/- 2 SD; face_measure.h gives the sources):\n");
  for (const auto& p : profile)
    std::printf("  %-22s %7.2f %-3s [%6.2f, %6.2f] %s\n", p.name, p.value, p.unit, p.low, p.high, p.within() ? "ok" : "OUT");
  if (perVertex)
    for (size_t i = 0; i < reference.size(); ++i) {
      const glm::dvec3 p = s.apply(reference[i]);
      std::printf("v %zu %.1f %.1f %.1f %.2f\n", i, p.x, p.y, p.z, m->distanceMm[i]);
    }
  return 0;
}
