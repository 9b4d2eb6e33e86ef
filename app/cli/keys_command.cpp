// mnsim keys [show | export FILE | trust FILE | list]  (docs/formats/run.md, "Keys")
#include <filesystem>
#include <iostream>

#include <mnsim/base/files.h>
#include <mnsim/base/signing.h>

#include "cli/commands.h"
#include "core/station.h"

namespace mnsim::app {

namespace {

namespace fs = std::filesystem;

int runKeys(const ParsedArgs& args, const CliContext&) {
  const CommandSpec& spec = keysCommand().spec;
  const std::string action = args.positionals.empty() ? "show" : args.positionals[0];
  const std::string file = args.positionals.size() > 1 ? args.positionals[1] : "";
  if (action == "show") {
    if (args.positionals.size() > 1) return printUsageError(spec, "'show' takes no file");
    auto key = stationKey();
    if (!key) return reportError(key.error());
    const PublicKey& pub = key->publicKey();
    std::cout << "station     " << stationId() << "\n"
              << "key id      " << pub.id() << "\n"
              << "public key  " << pub.hex() << "\n"
              << "kept in     " << keysFolder() << " (the secret half readable by its owner only)\n"
              << "trusted     " << trustedKeysFolder() << "\n";
    return 0;
  }
  if (action == "export") {
    if (file.empty()) return printUsageError(spec, "'export' needs a FILE to write the public key to");
    auto key = stationKey();
    if (!key) return reportError(key.error());
    std::error_code ec;
    if (fs::exists(file, ec) && !args.has("force")) {
      std::cerr << file << ": error: the file exists (add --force to replace it)\n";
      return 1;
    }
    if (auto written = writeFileAtomic(file, key->publicKey().fileText(), "public key file"); !written)
      return reportError(written.error());
    std::cout << "wrote the public key " << key->publicKey().id() << " (" << key->publicKey().label << ") to " << file
              << "\n";
    return 0;
  }
  if (action == "trust") {
    if (file.empty()) return printUsageError(spec, "'trust' needs the FILE of a public key");
    auto key = readPublicKey(file);
    if (!key) return reportError(key.error());
    if (args.has("as")) key->label = args.get("as");
    std::error_code ec;
    fs::create_directories(trustedKeysFolder(), ec);
    const fs::path target = fs::path(trustedKeysFolder()) / (key->id() + ".pub");
    if (auto written = writeFileAtomic(target.string(), key->fileText(), "trusted key"); !written)
      return reportError(written.error());
    std::cout << "trusted key " << key->id() << (key->label.empty() ? "" : " (" + key->label + ")") << ": "
              << target.string() << "\n";
    return 0;
  }
  if (action == "list") {
    auto keys = trustedKeys();
    if (!keys) return reportError(keys.error());
    for (const PublicKey& k : *keys) std::cout << k.id() << "  " << k.label << "\n";
    if (keys->empty()) std::cout << "(no trusted keys yet: 'mnsim keys show' makes this station's)\n";
    return 0;
  }
  return printUsageError(spec, "unknown action '" + action + "' (show, export, trust or list)");
}

}  // namespace

const Command& keysCommand() {
  static const Command command{
      {"keys",
       "Show this station's signing key, export it, or trust another's",
       "mnsim keys [show | export FILE | trust FILE [--as LABEL] | list]",
       "Every station signs the runs it seals with its own Ed25519 key, made on first use in the\n"
       "config folder (keys/station.key, readable by its owner only; never written into a run).\n"
       "  show          this station's id, key id and public key (the default)\n"
       "  export FILE   write the public key, for an academy's list of trusted keys\n"
       "  trust FILE    accept runs signed by that public key on this machine\n"
       "  list          the keys trusted here",
       {{"as", "LABEL", "with trust: the name to show for the key"},
        {"force", "", "with export: replace FILE if it exists"}},
       2,
       "ACTION [FILE]",
       {"mnsim keys", "mnsim keys export station-3.pub", "mnsim keys trust station-3.pub --as 'Room 2, station 3'"}},
      runKeys};
  return command;
}

}  // namespace mnsim::app
