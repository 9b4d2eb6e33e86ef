// Writes the pen traces of the case library (run: build/tools/mnsim_make_case_traces scenarios).
// Each trace needles the plan of one scenario's procedure step on the current built-in asset;
// the catalogue and the variations (too deep, over a lesion, ...) are in case_traces.cpp.
// Traces whose asset is not available are skipped and listed.
#include <mnsim/skin/asset_library.h>
#include <mnsim/cases/scenario.h>
#include <mnsim/cases/scenario_loader.h>
#include <mnsim/skin/asset_loader.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>

#include "case_traces.h"

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: mnsim_make_case_traces SCENARIO_DIR [TRACE_FILE...]\n");
    return 2;
  }
  const std::filesystem::path dir = argv[1];
  mnsim::AssetLibrary assets(mnsim::defaultAssetSearch(argv[0]));
  std::map<std::string, mnsim::ScenarioLoad> loaded;
  int failed = 0, written = 0, skipped = 0;
  for (const mnsim::cases::CaseTraceSpec& spec : mnsim::cases::caseTraceCatalogue()) {
    if (argc > 2) {
      bool wanted = false;
      for (int i = 2; i < argc; ++i) wanted = wanted || spec.file == argv[i];
      if (!wanted) continue;
    }
    auto it = loaded.find(spec.scenario);
    if (it == loaded.end()) {
      mnsim::ScenarioOptions options;
      options.assets = &assets;
      it = loaded
               .emplace(spec.scenario, mnsim::loadScenario((dir / spec.scenario).string(), options))
               .first;
    }
    const mnsim::ScenarioLoad& load = it->second;
    if (!load.scenario) {
      std::fprintf(stderr, "%s: cannot read %s\n", spec.file.c_str(), spec.scenario.c_str());
      ++failed;
      continue;
    }
    auto model = assets.model(load.scenario->assetName);
    if (!model) {
      std::printf("skipped %s: asset '%s' is not available\n", spec.file.c_str(),
                  load.scenario->assetName.c_str());
      ++skipped;
      continue;
    }
    if (!load.ok()) {
      for (const auto& d : load.diagnostics) std::fprintf(stderr, "%s\n", d.format().c_str());
      ++failed;
      continue;
    }
    auto text = mnsim::cases::makeCaseTrace(spec, *load.scenario, **model);
    if (!text) {
      std::fprintf(stderr, "%s: %s\n", spec.file.c_str(), text.error().format().c_str());
      ++failed;
      continue;
    }
    const std::filesystem::path out = dir / "traces" / spec.file;
    std::filesystem::create_directories(out.parent_path());
    std::ofstream(out, std::ios::binary) << *text;
    std::printf("wrote %s (%zu bytes)\n", out.string().c_str(), text->size());
    ++written;
  }
  std::printf("%d written, %d skipped, %d failed\n", written, skipped, failed);
  return failed ? 1 : 0;
}
