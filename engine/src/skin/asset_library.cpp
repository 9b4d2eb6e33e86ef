#include "mnsim/skin/asset_library.h"
#include "mnsim/skin/asset_loader.h"

#include <optional>

namespace mnsim {

struct AssetLibrary::Entry {
  Asset asset;
  std::optional<Bvh> bvh;
  std::unique_ptr<SkinModel> model;
};

AssetLibrary::AssetLibrary(AssetSearch search) : m_search(std::move(search)) {}
AssetLibrary::~AssetLibrary() = default;

Result<AssetLibrary::Entry*> AssetLibrary::entry(const std::string& name) {
  if (auto it = m_entries.find(name); it != m_entries.end()) return it->second.get();
  if (auto it = m_failures.find(name); it != m_failures.end()) return it->second;
  auto loaded = loadAsset(name, m_search);
  if (!loaded) {
    m_failures.emplace(name, loaded.error());
    return loaded.error();
  }
  auto e = std::make_unique<Entry>();
  e->asset = std::move(*loaded);
  Entry* raw = e.get();
  m_entries.emplace(name, std::move(e));
  return raw;
}

Result<const Asset*> AssetLibrary::asset(const std::string& name) {
  auto e = entry(name);
  if (!e) return e.error();
  return static_cast<const Asset*>(&(*e)->asset);
}

Result<const Bvh*> AssetLibrary::bvh(const std::string& name) {
  auto e = entry(name);
  if (!e) return e.error();
  Entry& en = **e;
  if (en.model) return &en.model->bvh();
  if (!en.bvh) en.bvh = Bvh::build(en.asset.mesh);
  return static_cast<const Bvh*>(&*en.bvh);
}

Result<const SkinModel*> AssetLibrary::model(const std::string& name) {
  auto e = entry(name);
  if (!e) return e.error();
  Entry& en = **e;
  if (!en.model) {
    en.model = std::make_unique<SkinModel>(en.asset);
  }
  return static_cast<const SkinModel*>(en.model.get());
}

void AssetLibrary::add(const std::string& name, Asset asset) {
  auto e = std::make_unique<Entry>();
  e->asset = std::move(asset);
  m_failures.erase(name);
  m_entries[name] = std::move(e);
}

}  // namespace mnsim
