// A trainee's needling against an expert's reference needling of the same plan (docs/rubric.md,
// "Against the expert"): per planned zone the contact time, the coverage of each pass, the mean
// hand speed, pen angle and density, side by side; and one motion-similarity figure.
//
// Motion similarity (0-100): how alike the two hands moved while the pen was on the skin, blind
// to where and in which order the zones were worked. The stamps' hand speeds (5 mm/s bins up to
// 100 mm/s) and pen angles (2.5 degree bins up to 45 degrees) make two histograms per needling;
// the Bhattacharyya coefficient of the trainee's and the expert's histograms (1: the same
// distribution, 0: no overlap) is taken for speed and for angle, and the figure is 100 times
// their mean. A needling without stamps has no figure (-1).
#pragma once

#include <string>
#include <vector>

#include "mnsim/procedure/result.h"
#include "mnsim/procedure/stamp.h"

namespace mnsim {

struct SideBySide {
  double trainee = 0.0, expert = 0.0;
};

struct ZoneComparison {
  std::string zoneId, name;
  SideBySide contactS;                        // time with the pen on the skin
  std::vector<double> traineePassCoverage;    // share of the zone, per pass
  std::vector<double> expertPassCoverage;
  SideBySide coverage;                        // by any pass
  SideBySide speedMmPerS;                     // mean hand speed
  SideBySide angleDeg;                        // mean pen angle
  SideBySide densityPerCm2;                   // mean of the passes' densities
};

struct NeedlingComparison {
  std::vector<ZoneComparison> zones;  // the trainee's planned zones, in plan order
  SideBySide durationS;
  double speedOverlap = -1.0;         // Bhattacharyya coefficients, 0..1 (-1: no stamps)
  double angleOverlap = -1.0;
  double motionSimilarity = -1.0;     // 0..100 (-1: no stamps on one side)
};

NeedlingComparison compareNeedlings(const ProcedureResult& trainee, const std::vector<Stamp>& traineeStamps,
                                    const ProcedureResult& expert, const std::vector<Stamp>& expertStamps);

}  // namespace mnsim
