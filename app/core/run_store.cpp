#include "core/run_store.h"

#include <filesystem>

#include <mnsim/base/files.h>
#include <mnsim/runs/run_log.h>
#include <mnsim/store/store.h>

#include "core/settings.h"
#include "core/station.h"

namespace mnsim::app {

Status keepInStore(const std::string& runPath) {
  auto bytes = readFile(runPath, "run");
  if (!bytes) return bytes.error();
  auto trusted = trustedKeys();
  if (!trusted) return trusted.error();
  const std::string where = storePath();
  std::error_code ec;
  std::filesystem::create_directories(std::filesystem::path(where).parent_path(), ec);
  auto store = openSqliteStore(where);
  if (!store) return store.error();
  auto put = (*store)->putRun(*bytes, checkRun(*bytes, runPath, *trusted));
  if (!put) return put.error();
  return Ok{};
}

}  // namespace mnsim::app
