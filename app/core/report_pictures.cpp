#include "core/report_pictures.h"

#include <algorithm>
#include <cmath>

#include "core/skin_picture.h"

namespace mnsim::app {

namespace {

constexpr float kRadToDeg = 57.2957795f;

std::string drawAt(const RunReplay& replay, const SkinDrawing& drawing, ViewTexture& colours, const PictureDesc& desc,
                   const ReportFault* fault) {
  static const TreatmentPlan kNoPlan;
  const TreatmentPlan& plan = replay.plan() ? *replay.plan() : kNoPlan;
  colours.restyle(viewStyleFor(View::Coverage, -1, replay.model(), plan, glm::vec3(0.84f, 0.67f, 0.55f)), replay.coverage());
  Picture p = drawSkinPicture(replay.model(), drawing, colours, desc);
  if (fault)
    markPoint(p, pictureCamera(replay.model(), desc), fault->pointMm,
              fault->critical ? glm::vec3(0.78f, 0.17f, 0.17f) : glm::vec3(0.88f, 0.56f, 0.12f), 6.0f);
  return encodePng(p);
}

}  // namespace

bool makeReportPictures(RunReplay& replay, const RunReport& report, ReportPictures& out, std::string& error) {
  SkinDrawing drawing;
  if (!loadSkinDrawing(replay.model(), drawing, error)) return false;
  ViewTexture colours;
  colours.init(drawing.atlas, replay.model().samples(), replay.model().zones());
  colours.setTint(drawing.tint.width, drawing.tint.height, drawing.tint.rgb);
  const bool head = replay.model().asset().name == "head";
  replay.seek(replay.durationS());
  if (!report.zones.empty()) {
    const std::pair<float, const char*> sides[] = {{-40.0f, "right side"}, {0.0f, "front"}, {40.0f, "left side"}};
    for (const auto& [yaw, caption] : sides) {
      if (!head && yaw != 0.0f) continue;
      PictureDesc desc;
      desc.yawDeg = yaw;
      desc.zoom = head ? 0.8f : 1.0f;
      out.coverage.push_back({drawAt(replay, drawing, colours, desc, nullptr), caption});
    }
  }
  for (const ReportFault& f : report.faults) {
    if (!f.hasPoint) {
      out.faults.push_back({});
      continue;
    }
    replay.seek(f.timeS);
    // Looking along the skin's normal at the place.
    PictureDesc desc;
    desc.width = 320;
    desc.height = 240;
    const auto near = replay.model().nearest(f.pointMm, 5.0f);
    const glm::vec3 n = near ? near->normal : glm::vec3(0, 0, 1);
    desc.yawDeg = head ? std::clamp(std::atan2(n.x, n.z) * kRadToDeg, -90.0f, 90.0f) : 0.0f;
    desc.pitchDeg = head ? std::clamp(std::asin(std::clamp(n.y, -1.0f, 1.0f)) * kRadToDeg, -45.0f, 45.0f) : 0.0f;
    desc.zoom = head ? 0.8f : 1.0f;
    out.faults.push_back({drawAt(replay, drawing, colours, desc, &f), f.title + " at " + std::to_string(static_cast<int>(f.timeS)) + " s"});
  }
  replay.seek(replay.durationS());
  return true;
}

}  // namespace mnsim::app
