// Scripted pen motion over one zone of any asset (head, body, pad): a serpentine raster that
// follows the curved skin, for the case library's traces and the tests. trace_synth.h does
// the same on the flat pad only.
#pragma once

#include <cmath>
#include <glm/vec3.hpp>
#include <string>
#include <unordered_map>
#include <vector>

#include "mnsim/base/error.h"
#include "mnsim/procedure/plan.h"
#include "mnsim/skin/skin_model.h"
#include "mnsim/formats/trace_file.h"
#include "mnsim/procedure/pen_sample.h"

namespace mnsim {

struct ZoneRasterDesc {
  std::string zoneId;          // zone to cover
  float directionDeg = 0.0f;   // stroke direction in the zone's frame: 0 the patient's horizontal,
                               // 90 vertical, 45 diagonal (frame: SkinModel::readingFrame of the
                               // zone's mean normal)
  float spacingMm = 5.0f;      // between neighbouring lines
  float speedMmPerS = 40.0f;   // hand speed along the skin
  double sampleRateHz = 25.0;  // samples per second while gliding
  double startTimeS = 0.0;     // time of the first sample
  float depthMm = NAN;         // depth dial (NaN: leave the cell empty: the plan's setting)
  float pressure = 0.5f;
  bool stretch = false;
  int pass = 0;                         // declared pass number, 0 = detect
  float tiltDeg = 0.0f;                 // pen leaning along the stroke; > 0 writes the axis columns
  float clearanceMm = 3.5f;             // stroke centres keep this far from no-go zones and `avoid`
  std::vector<Lesion> avoid;            // no-go disks to keep clear of (a plan's lesions)
  std::vector<std::string> neighbours;  // zones the strokes may run up to (the plan's other zones)
  float edgeMarginMm = 1.0f;  // stroke centres keep this far from every other zone, so that no
                              // stamp is centred in a zone outside the plan
  float liftMm = 5.0f;        // pen height while moving between strokes
};

// A zone made ready for rastering: its samples and which of them strokes may pass over. Strokes
// follow the direction field the scorer reads them in (SkinModel::readingFrame) across the curved
// skin, a spacing apart, with more strokes wherever the skin would be left more than half a spacing
// from one. Prepare once, then trace it in as many directions as needed.
class ZoneRaster {
 public:
  // Fails when the zone does not exist or no part of it is clear of no-go areas.
  static Result<ZoneRaster> prepare(const SkinModel& model, const ZoneRasterDesc& desc);

  // The raster's samples in a direction (degrees in the skin's reading frame: 0 horizontal, 90
  // vertical); the last one is out of contact. Empty when no stroke fits.
  std::vector<PenSample> trace(float directionDeg, int pass, double startTimeS) const;

 public:
  struct PathPoint {
    glm::vec3 p;  // on the skin
    glm::vec3 n;  // its normal
  };

 private:
  int clearSlotAt(const glm::vec3& p) const;
  std::vector<PathPoint> follow(const glm::vec3& start, float theta, float sign, float lengthMaxMm,
                                std::unordered_map<int, int>* seen = nullptr) const;
  std::vector<PathPoint> streamline(const glm::vec3& through, float theta) const;
  std::vector<std::vector<PathPoint>> neededRuns(const std::vector<PathPoint>& path, const std::vector<char>& done,
                                                 size_t marginSteps) const;
  std::vector<std::vector<PathPoint>> strokes(float directionDeg) const;

  const SkinModel* m_model = nullptr;
  ZoneRasterDesc m_desc;
  std::vector<uint32_t> m_ids;           // the zone's skin samples
  std::vector<char> m_clear;             // per m_ids: strokes may pass over it
  std::vector<int32_t> m_slot;           // per skin sample: index into m_ids, -1 outside the zone
};

// prepare + trace in desc.directionDeg, desc.pass, from desc.startTimeS.
Result<std::vector<PenSample>> zoneRasterTrace(const SkinModel& model, const ZoneRasterDesc& desc);

// Writes samples compactly for shipping (times to 10 ms, positions to 0.1 mm, axes to 0.001, only
// the columns that carry information). Reading it back gives the same pen motion within those
// roundings.
std::string formatCompactTrace(const std::vector<PenSample>& samples,
                               const std::string& comment = {});

}  // namespace mnsim
