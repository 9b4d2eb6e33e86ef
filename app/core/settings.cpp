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
std::string runsFolder() { return (fs::path(userFolder("XDG_DATA_HOME", ".local/share", "mnsim-data")) / "runs").string(); }

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
    if (!out) return false;
  }
  fs::rename(temp, path, ec);  // atomic: a crash never leaves half a file
  return !ec;
}

}  // namespace mnsim::app
