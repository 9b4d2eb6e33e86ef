// What the case-library tests share: the source folder and one asset library for the whole test
// program (models are built once and kept).
#pragma once

#include <filesystem>

#include <mnsim/skin/asset_library.h>
#include <mnsim/skin/asset_loader.h>

namespace mnsim::library_tests {

inline const std::filesystem::path kSource = MNSIM_SOURCE_DIR;

inline AssetLibrary& assets() {
  static AssetLibrary library(defaultAssetSearch(""));
  return library;
}

}  // namespace mnsim::library_tests
