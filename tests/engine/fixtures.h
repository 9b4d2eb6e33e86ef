// Fixtures the engine tests share: the asset library (built-in assets, loaded once per test
// program) and the practice pad's skin model.
#pragma once

#include "mnsim/skin/asset_library.h"
#include "mnsim/skin/skin_model.h"

namespace mnsim::testing {

inline AssetLibrary& assets() {
  static AssetLibrary library;
  return library;
}

// The practice pad, built in (makePadAsset), as every pad test uses it.
inline const SkinModel& pad() {
  return *assets().model("pad").value();
}

}  // namespace mnsim::testing
