#include "core/run_store.h"

#include <filesystem>

#include <mnsim/base/files.h>
#include <mnsim/runs/run_log.h>
#include <mnsim/store/store.h>

#include "core/settings.h"
#include "core/station.h"

namespace mnsim::app {

bool isPostgresLocation(const std::string& where) {
  return where.rfind("postgresql://", 0) == 0 || where.rfind("postgres://", 0) == 0 || where.find("host=") != std::string::npos ||
         where.find("dbname=") != std::string::npos;
}

Result<std::unique_ptr<Store>> openStationStore(const std::string& given) {
  const std::string where = given.empty() ? storePath() : given;
  if (isPostgresLocation(where)) return openPostgresStore(where);
  std::error_code ec;
  std::filesystem::create_directories(std::filesystem::path(where).parent_path(), ec);
  return openSqliteStore(where);
}

Status keepInStore(const std::string& runPath) {
  auto bytes = readFile(runPath, "run");
  if (!bytes) return bytes.error();
  auto trusted = trustedKeys();
  if (!trusted) return trusted.error();
  auto store = openStationStore();
  if (!store) return store.error();
  auto put = (*store)->putRun(*bytes, checkRun(*bytes, runPath, *trusted));
  if (!put) return put.error();
  return Ok{};
}

}  // namespace mnsim::app
