#include "core/file_names.h"

#include <ctime>
#include <filesystem>

#include "core/settings.h"

namespace mnsim::app {

std::string timestamp() {
  const std::time_t now = std::time(nullptr);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y%m%d-%H%M%S", std::localtime(&now));
  return buf;
}

std::string newRunPath(const std::string& folder, const std::string& scenarioId) {
  namespace fs = std::filesystem;
  const std::string stem = scenarioId + "-" + timestamp();
  std::string path = (fs::path(folder) / (stem + ".mnrun")).string();
  std::error_code ec;
  for (int n = 2; fs::exists(path, ec); ++n)
    path = (fs::path(folder) / (stem + "-" + std::to_string(n) + ".mnrun")).string();
  return path;
}

std::string newRunInRunsFolder(const std::string& id) {
  namespace fs = std::filesystem;
  const std::string folder = runsFolder();
  std::error_code ec;
  fs::create_directories(folder, ec);
  fs::permissions(folder, fs::perms::owner_all, fs::perm_options::replace, ec);
  return newRunPath(folder, id);
}

}  // namespace mnsim::app
