// The station's runs into its embedded store (docs/store.md): every run the app seals, finished,
// stopped or interrupted, is put in the store as well as kept as a file. The file is what the
// station relies on; a store that cannot take the run is reported and does not stop anything.
#pragma once

#include <memory>
#include <string>

#include <mnsim/base/error.h>
#include <mnsim/store/store.h>

namespace mnsim::app {

// A PostgreSQL connection string (postgresql://…, or key=value with host= or dbname=), not a file.
bool isPostgresLocation(const std::string& where);
// The store at `where`: "" the embedded one at storePath() (made with its folder when missing), a
// file, or a PostgreSQL connection string (its password, if any, never shown in messages).
Result<std::unique_ptr<Store>> openStationStore(const std::string& where = "");

// Puts the sealed run at `runPath` into the store at storePath() (settings.h).
Status keepInStore(const std::string& runPath);

}  // namespace mnsim::app
