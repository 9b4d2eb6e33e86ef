#include "screens/save_files.h"

#include <filesystem>
#include <fstream>

#include <mnsim/formats/trace_file.h>
#include <mnsim/procedure/result_json.h>

#include "core/file_names.h"

namespace mnsim::app {

void saveTrace(const ProcedureSession& session, Overlays& overlays) {
  const std::string path = "mnsim-trace-" + timestamp() + ".csv";
  auto status = writeTrace(session.samples(), path);
  if (!status)
    overlays.error = status.error().format();
  else
    overlays.say("Saved the pen trace to " + std::filesystem::absolute(path).string());
}

void saveResult(const ProcedureResult& result, Overlays& overlays) {
  const std::string path = "mnsim-result-" + timestamp() + ".json";
  std::ofstream out(path);
  out << resultToJson(result);
  if (!out)
    overlays.error = path + ": cannot write the result";
  else
    overlays.say("Saved the result to " + std::filesystem::absolute(path).string());
}

}  // namespace mnsim::app
