// A run's report as data (docs/formats/report.md): `mnsim report --format json` writes one JSON
// object (`mnsim-report/1`), `--format csv` the same content as rows of section, item, field,
// value, for spreadsheets and scripts.
#pragma once

#include <string>

#include "mnsim/report/run_report.h"

namespace mnsim {

std::string reportToJson(const RunReport& report);
std::string reportToCsv(const RunReport& report);

}  // namespace mnsim
