// The station's runs into its embedded store (docs/store.md): every run the app seals, finished,
// stopped or interrupted, is put in the store as well as kept as a file. The file is what the
// station relies on; a store that cannot take the run is reported and does not stop anything.
// Where the station has an academy server (settings: store_server, or MNSIM_STORE_SERVER), the
// runs it has not had are sent to it in the background, oldest first, whenever it can be reached.
#pragma once

#include <functional>
#include <memory>
#include <string>

#include <mnsim/base/error.h>
#include <mnsim/store/store.h>

namespace mnsim::app {

// A PostgreSQL connection string (postgresql://…, or key=value with host= or dbname=), not a file.
bool isPostgresLocation(const std::string& where);
// The store at `where`: "" the embedded one at storePath() (made with its folder when missing), a
// file, or a PostgreSQL connection string (its password, if any, never shown in messages). A file
// that does not exist is an error (a mistyped path makes no new store) unless `create`.
Result<std::unique_ptr<Store>> openStationStore(const std::string& where = "", bool create = false);

// Puts the sealed run at `runPath` into the store at storePath() (settings.h), and asks for the
// backlog to be sent (sendBacklogSoon).
Status keepInStore(const std::string& runPath);

// A signed review (its file) into the store at `where` ("" the station's), beside its run (put there
// first when the store does not have it yet, e.g. a run opened from a file).
Status keepReviewInStore(const std::string& reviewPath, const std::string& runPath, const std::string& where = "");

// A run of a store (`where`: "" the station's, a file, or a server) as a file to replay, report and
// review: its bytes (checked against their hash) and its stored reviews written under the cache
// folder ($XDG_CACHE_HOME/mnsim/store-runs); the run's path. `key`: the run's hash, its first 8 or
// more hex digits, or its name as export and grade give it.
Result<std::string> storedRunFile(const std::string& key, const std::string& where = "");
// A command line's RUN that names a stored run: "store:KEY".
constexpr const char* kStoredRunPrefix = "store:";
bool isStoredRunKey(const std::string& arg);

// The academy server this station sends to: MNSIM_STORE_SERVER, else the settings' store_server;
// "" when none.
std::string stationServer();

// Sends the runs of the store at `local` ("" the station's) that `server` has not had, oldest first
// (store.h: sendBacklog). `tries`: connections tried before the rest is left waiting.
BacklogReport sendStationBacklog(const std::string& local, const std::string& server, int tries,
                                 const std::function<void(const StoredRun&, Stored)>& sent = {});

// In the background (one worker thread, at most one round at a time): a round of
// sendStationBacklog now, and again every minute while runs wait. Nothing when there is no server.
void sendBacklogSoon();
// What the last round left waiting (nothing with no server): how many runs, and the first line of why.
struct BacklogState {
  int waiting = 0;
  std::string why;
  std::string summary() const;  // "3 runs not yet on the academy's server", or ""
};
BacklogState backlogState();
// Lets a round under way finish, and stops the worker (at exit).
void stopSendingBacklog();

}  // namespace mnsim::app
