// What the render tests share: the real app run under its own X server (xvfb-run, Mesa's
// llvmpipe), and its screenshots read back as pixels.
#pragma once

#include <sys/wait.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <string>
#include <vector>

#include <stb_image.h>

namespace mnsim::testing {

namespace fs = std::filesystem;

struct Image {
  int width = 0, height = 0;
  std::vector<unsigned char> rgb;
  std::array<int, 3> at(int x, int y) const {
    const size_t i = (static_cast<size_t>(y) * width + x) * 3;
    return {rgb[i], rgb[i + 1], rgb[i + 2]};
  }
};

inline Image load(const std::string& path) {
  Image image;
  int channels = 0;
  unsigned char* pixels = stbi_load(path.c_str(), &image.width, &image.height, &channels, 3);
  if (pixels) {
    image.rgb.assign(pixels, pixels + static_cast<size_t>(image.width) * image.height * 3);
    stbi_image_free(pixels);
  }
  return image;
}

struct AppRun {
  int exitCode = -1;
  std::string output;
};

// Runs `program args` under its own X server (by default the app itself); what the app saves
// goes to a scratch folder, not the user's. `env` is put before it (NAME='value' ...).
inline AppRun runUnderX(const std::string& program, const std::string& args, const std::string& env = "") {
  const std::string data = (fs::temp_directory_path() / "mnsim_render_data").string();
  const std::string config = (fs::temp_directory_path() / "mnsim_render_config").string();
  // Runs and keys go to scratch folders, unless the test gives its own (in `env`).
  const std::string folders = (env.find("XDG_DATA_HOME=") == std::string::npos ? " XDG_DATA_HOME='" + data + "'" : "") +
                              (env.find("XDG_CONFIG_HOME=") == std::string::npos ? " XDG_CONFIG_HOME='" + config + "'" : "");
  const std::string command = env + folders + " xvfb-run -a -s '-screen 0 1280x720x24' '" +
                              program + "' " + args + " 2>&1";
  AppRun r;
  FILE* pipe = popen(command.c_str(), "r");
  if (!pipe) return r;
  char buffer[4096];
  size_t n;
  while ((n = fread(buffer, 1, sizeof buffer, pipe)) > 0) r.output.append(buffer, n);
  const int status = pclose(pipe);
  r.exitCode = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return r;
}

inline AppRun run(const std::string& args) { return runUnderX(MNSIM_EXE, args); }

}  // namespace mnsim::testing
