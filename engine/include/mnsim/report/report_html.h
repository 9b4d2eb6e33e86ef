// A run's report as one self-contained HTML page (docs/formats/report.md): no script, no network,
// no file beside it — the pictures are PNG data URIs, the charts inline SVG, the styles inline with
// a print stylesheet. The pictures are drawn by the caller (the engine draws none).
#pragma once

#include <string>
#include <vector>

#include "mnsim/report/run_report.h"

namespace mnsim {

struct ReportPicture {
  std::string pngBytes;  // the picture
  std::string caption;   // "front", "left side", or a fault's title
};

struct ReportPictures {
  std::vector<ReportPicture> coverage;  // the face from three sides (or the pad from the front)
  std::vector<ReportPicture> faults;    // one per entry of RunReport::faults with a point ("" bytes: none)
};

std::string reportToHtml(const RunReport& report, const ReportPictures& pictures);

}  // namespace mnsim
