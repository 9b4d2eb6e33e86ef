// mnsim_headgen: generates the built-in head and body assets and their documentation renders.
//
//   mnsim_headgen --out assets [--renders docs/images] [--threads N] [--preview] [--only head|body|skin]
//
// Same bytes on every run and every machine (see detmath.h and parallel.h).
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <stdexcept>
#include <string>

#include "head_asset.h"
#include "parallel.h"

namespace {

void usage() {
  std::fprintf(stderr,
               "usage: mnsim_headgen --out ASSET_DIR [--renders IMAGE_DIR] [--threads N] [--preview]\n"
               "                     [--only head|body|skin] [--slices DIR] [--sculpt-only]\n"
               "  Writes ASSET_DIR/head/*, ASSET_DIR/body/*, ASSET_DIR/skin/fitzpatrick.yaml.\n"
               "  --renders   also write the documentation renders (head_front.png, ...)\n"
               "  --threads   worker threads (default: all cores); the output does not depend on it\n"
               "  --preview   coarse and fast, for sculpting; not for committing\n"
               "  --slices    cross-sections of the sculpt with target points, for sculpting\n"
               "  --sculpt-only  the sculpt alone, without the fit to the average adult face\n"
               "              (tools/face/reference; docs/head.md), for sculpting; not for committing\n");
}

}  // namespace

int main(int argc, char** argv) {
  headgen::GenerateOptions options;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    auto value = [&]() -> std::string {
      if (i + 1 >= argc) {
        usage();
        std::exit(2);
      }
      return argv[++i];
    };
    if (a == "--out") options.outDir = value();
    else if (a == "--renders") options.renderDir = value();
    else if (a == "--threads") {
      const std::string v = value();
      char* end = nullptr;
      const long n = std::strtol(v.c_str(), &end, 10);
      if (v.empty() || *end != '\0' || n < 1 || n > 256) {
        std::fprintf(stderr, "mnsim_headgen: --threads must be a whole number from 1 to 256, found '%s'\n", v.c_str());
        return 2;
      }
      headgen::threadCount() = static_cast<int>(n);
    }
    else if (a == "--preview") options.preview = true;
    else if (a == "--only") {
      options.only = value();
      if (options.only != "head" && options.only != "body" && options.only != "skin") {
        std::fprintf(stderr, "mnsim_headgen: --only must be head, body or skin, found '%s'\n", options.only.c_str());
        return 2;
      }
    }
    else if (a == "--slices") options.slicesDir = value();
    else if (a == "--sculpt-only") options.fitFace = false;
    else if (a == "--help" || a == "-h") {
      usage();
      return 0;
    } else {
      std::fprintf(stderr, "mnsim_headgen: unknown argument '%s'\n", a.c_str());
      usage();
      return 2;
    }
  }
  if (options.outDir.empty() && options.renderDir.empty() && options.slicesDir.empty()) {
    usage();
    return 2;
  }
  const auto start = std::chrono::steady_clock::now();
  try {
    headgen::generate(options);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "mnsim_headgen: error: %s\n", e.what());
    return 1;
  }
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::fprintf(stderr, "mnsim_headgen: done in %.1f s\n", seconds);
  return 0;
}
