// Loads each asset once and keeps it, with its BVH and (on demand) its skin model, for the
// validator, case sessions and the CLI, which may need the same asset many times.
#pragma once

#include <map>
#include <memory>
#include <string>

#include "mnsim/skin/asset.h"
#include "mnsim/skin/asset_loader.h"
#include "mnsim/geometry/bvh.h"
#include "mnsim/base/error.h"
#include "mnsim/skin/skin_model.h"

namespace mnsim {

class AssetLibrary {
 public:
  explicit AssetLibrary(AssetSearch search = {});
  ~AssetLibrary();
  AssetLibrary(const AssetLibrary&) = delete;
  AssetLibrary& operator=(const AssetLibrary&) = delete;

  // The asset with its zones and landmarks (loadAsset, once per name).
  Result<const Asset*> asset(const std::string& name);
  // A BVH over the asset's mesh, for placing points on the skin.
  Result<const Bvh*> bvh(const std::string& name);
  // The skin model for scoring (built once per name; the costly part).
  Result<const SkinModel*> model(const std::string& name);
  // Puts an asset in under a name (tests use variants of the pad).
  void add(const std::string& name, Asset asset);

  const AssetSearch& search() const { return m_search; }

 private:
  struct Entry;
  Result<Entry*> entry(const std::string& name);

  AssetSearch m_search;
  std::map<std::string, std::unique_ptr<Entry>> m_entries;
  std::map<std::string, Error> m_failures;
};

}  // namespace mnsim
