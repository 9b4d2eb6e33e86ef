#include "core/station.h"

#include <filesystem>
#include <fstream>
#include <random>

#include <unistd.h>

#include <mnsim/base/files.h>

#include "core/settings.h"

namespace mnsim::app {

namespace fs = std::filesystem;

std::string keysFolder() { return (fs::path(configFolder()) / "keys").string(); }
std::string trustedKeysFolder() { return (fs::path(configFolder()) / "trusted-keys").string(); }

std::string stationId() {
  const fs::path file = fs::path(configFolder()) / "station-id";
  if (auto text = readFile(file.string(), "station id")) {
    std::string id = text->substr(0, text->find('\n'));
    if (!id.empty()) return id;
  }
  char host[256] = {0};
  if (gethostname(host, sizeof host - 1) != 0 || host[0] == 0) std::snprintf(host, sizeof host, "station");
  std::random_device random;
  char suffix[16];
  std::snprintf(suffix, sizeof suffix, "%06x", random() & 0xffffff);
  std::string id = std::string(host) + "-" + suffix;
  std::error_code ec;
  fs::create_directories(configFolder(), ec);
  auto made = createFileOnce(file.string(), id + "\n", "station id");
  if (!made) return "";
  if (!*made) return stationId();  // another process made it first
  return id;
}

Result<SigningKey> stationKey() { return loadOrCreateKey(keysFolder(), stationId()); }

Result<SigningKey> assessorKey(const std::string& assessorName) {
  return loadOrCreateKey(keysFolder(), assessorName, "assessor");
}

Result<std::vector<PublicKey>> trustedKeys(const std::string& folder) {
  auto keys = readPublicKeys(folder.empty() ? trustedKeysFolder() : folder);
  if (!keys) return keys.error();
  if (!folder.empty()) return keys;  // exactly the keys asked for
  const fs::path own = fs::path(keysFolder()) / "station.key";
  std::error_code ec;
  if (fs::exists(own, ec)) {
    auto key = stationKey();
    if (!key) return key.error();
    keys->push_back(key->publicKey());
  }
  // This workstation's assessor key: its public half is beside the secret one.
  if (auto assessor = readPublicKey((fs::path(keysFolder()) / "assessor.pub").string())) keys->push_back(*assessor);
  return keys;
}

}  // namespace mnsim::app
