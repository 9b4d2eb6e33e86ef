// Finding and loading skin assets. Built-in names: "pad" (generated exactly, product.md §4.2),
// "head" and "body" (files in the asset folder). Any other mesh file Assimp reads can be used,
// with an optional zone map beside it (docs/formats/zones.md).
#pragma once

#include <string>
#include <vector>

#include "mnsim/base/error.h"
#include "mnsim/skin/asset.h"

namespace mnsim {

struct AssetSearch {
  std::vector<std::string> folders;  // searched in order for built-in asset files
};

// The folders mnsim looks in for built-in assets: $MNSIM_ASSET_DIR, then beside the
// executable (../assets, ./assets), then the source tree it was built from.
AssetSearch defaultAssetSearch(const std::string& executablePath);

// Loads a built-in asset by name, a zone-map sidecar (*.zones.yaml), or a mesh file (with
// <mesh>.zones.yaml beside it when present, else one zone "skin").
Result<Asset> loadAsset(const std::string& nameOrPath, const AssetSearch& search = {});

std::vector<std::string> builtInAssetNames();

}  // namespace mnsim
