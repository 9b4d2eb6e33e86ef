// The pictures of a run's report, drawn without a window (core/skin_picture.h): the coverage at
// the end of the run's last needling from three sides (the head) or from the front (other skins),
// and for every fault with a place on the skin, the skin at that moment turned toward the place,
// with the place marked.
#pragma once

#include <string>

#include <mnsim/report/report_html.h>
#include <mnsim/review/run_replay.h>

namespace mnsim::app {

// `replay` is moved through time to draw the faults' moments. False with the reason when the
// skin's drawing data cannot be loaded.
bool makeReportPictures(RunReplay& replay, const RunReport& report, ReportPictures& out, std::string& error);

}  // namespace mnsim::app
