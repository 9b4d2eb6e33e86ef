#include "core/settings.h"

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace mnsim::app {

namespace fs = std::filesystem;

void Settings::addRecent(const std::string& path) {
  if (path.empty()) return;
  recent.erase(std::remove(recent.begin(), recent.end(), path), recent.end());
  recent.insert(recent.begin(), path);
  if (recent.size() > 10) recent.resize(10);
}

namespace {

// An XDG base directory's mnsim folder: $VAR/mnsim, else ~/FALLBACK/mnsim, else a temporary one.
std::string userFolder(const char* variable, const char* fallback, const char* temporary) {
  if (const char* xdg = std::getenv(variable); xdg && *xdg) return (fs::path(xdg) / "mnsim").string();
  if (const char* home = std::getenv("HOME"); home && *home) return (fs::path(home) / fallback / "mnsim").string();
  return (fs::temp_directory_path() / temporary).string();
}

}  // namespace

std::string configFolder() { return userFolder("XDG_CONFIG_HOME", ".config", "mnsim-config"); }
std::string cacheFolder() { return userFolder("XDG_CACHE_HOME", ".cache", "mnsim-cache"); }
std::string storePath() { return (fs::path(userFolder("XDG_DATA_HOME", ".local/share", "mnsim-data")) / "store.sqlite").string(); }
std::string runsFolder() { return (fs::path(userFolder("XDG_DATA_HOME", ".local/share", "mnsim-data")) / "runs").string(); }

void Settings::setTrainee(const std::string& id, const std::string& name, const std::string& cohortName) {
  // One line each, so a tab or a line break in a name would break the file: they become spaces.
  auto clean = [](std::string v) {
    for (char& c : v)
      if (c == '\t' || c == '\n' || c == '\r') c = ' ';
    return v;
  };
  traineeId = clean(id);
  traineeName = clean(name);
  cohort = clean(cohortName);
  const std::string entry = traineeId + "\t" + traineeName + "\t" + cohort;
  std::vector<std::string> kept{entry};
  for (const std::string& t : trainees)
    if (t.substr(0, t.find('\t')) != traineeId && kept.size() < 20) kept.push_back(t);
  trainees = kept;
}

std::vector<KnownTrainee> knownTrainees(const Settings& settings) {
  std::vector<KnownTrainee> out;
  for (const std::string& t : settings.trainees) {
    KnownTrainee k;
    const size_t a = t.find('\t'), b = a == std::string::npos ? a : t.find('\t', a + 1);
    k.id = t.substr(0, a);
    if (a != std::string::npos) k.name = t.substr(a + 1, b == std::string::npos ? b : b - a - 1);
    if (b != std::string::npos) k.cohort = t.substr(b + 1);
    if (!k.id.empty()) out.push_back(k);
  }
  return out;
}

Settings loadSettings(const std::string& folder) {
  Settings s;
  std::ifstream in(fs::path(folder) / "settings.ini");
  std::string line;
  auto toInt = [](const std::string& v, int fallback) {
    try {
      return std::stoi(v);
    } catch (...) {
      return fallback;
    }
  };
  while (std::getline(in, line)) {
    const auto eq = line.find('=');
    if (line.empty() || line[0] == '#' || eq == std::string::npos) continue;
    const std::string key = line.substr(0, eq), value = line.substr(eq + 1);
    if (key == "window_width") s.windowWidth = std::clamp(toInt(value, s.windowWidth), 640, 8192);
    else if (key == "window_height") s.windowHeight = std::clamp(toInt(value, s.windowHeight), 400, 8192);
    else if (key == "window_x") s.windowX = toInt(value, -1);
    else if (key == "window_y") s.windowY = toInt(value, -1);
    else if (key == "window_maximized") s.windowMaximized = value == "1";
    else if (key == "fitzpatrick") s.fitzpatrick = std::clamp(toInt(value, 3), 1, 6);
    else if (key == "asset") s.asset = value;
    else if (key == "plan") s.plan = value;
    else if (key == "assessment") s.assessment = value == "1";
    else if (key == "hud_visible") s.hudVisible = value != "0";
    else if (key == "recent") s.recent.push_back(value);
    else if (key == "trainee_id") s.traineeId = value;
    else if (key == "trainee_name") s.traineeName = value;
    else if (key == "cohort") s.cohort = value;
    else if (key == "trainee") s.trainees.push_back(value);
    else if (key == "assessor_name") s.assessorName = value;
    else if (key == "store_server") s.storeServer = value;
    else if (key == "review_store") s.reviewStore = value;
  }
  return s;
}

bool saveSettings(const Settings& s, const std::string& folder) {
  std::error_code ec;
  fs::create_directories(folder, ec);
  const fs::path path = fs::path(folder) / "settings.ini";
  const fs::path temp = fs::path(folder) / "settings.ini.tmp";
  {
    std::ofstream out(temp);
    if (!out) return false;
    out << "# mnsim settings (written by mnsim; safe to delete)\n";
    out << "window_width=" << s.windowWidth << "\nwindow_height=" << s.windowHeight << "\n";
    out << "window_x=" << s.windowX << "\nwindow_y=" << s.windowY << "\n";
    out << "window_maximized=" << (s.windowMaximized ? 1 : 0) << "\n";
    out << "fitzpatrick=" << s.fitzpatrick << "\nasset=" << s.asset << "\nplan=" << s.plan << "\n";
    out << "assessment=" << (s.assessment ? 1 : 0) << "\nhud_visible=" << (s.hudVisible ? 1 : 0) << "\n";
    for (const std::string& r : s.recent) out << "recent=" << r << "\n";
    out << "trainee_id=" << s.traineeId << "\ntrainee_name=" << s.traineeName << "\ncohort=" << s.cohort << "\n";
    for (const std::string& t : s.trainees) out << "trainee=" << t << "\n";
    if (!s.assessorName.empty()) out << "assessor_name=" << s.assessorName << "\n";
    if (!s.storeServer.empty()) out << "store_server=" << s.storeServer << "\n";
    if (!s.reviewStore.empty()) out << "review_store=" << s.reviewStore << "\n";
    if (!out) return false;
  }
  fs::rename(temp, path, ec);  // atomic: a crash never leaves half a file
  return !ec;
}

}  // namespace mnsim::app
