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
// file, or a PostgreSQL connection string (its password, if any, never shown in messages).
Result<std::unique_ptr<Store>> openStationStore(const std::string& where = "");

// Puts the sealed run at `runPath` into the store at storePath() (settings.h), and asks for the
// backlog to be sent (sendBacklogSoon).
Status keepInStore(const std::string& runPath);

// A signed review (its file) into the station's store, beside its run.
Status keepReviewInStore(const std::string& reviewPath);

// A run of the station's store as a file to replay and review: its bytes (checked against their
// hash) and its stored reviews written under the cache folder; the run's path.
Result<std::string> storedRunFile(const std::string& hash);

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
// One line for the status bar: "" with no server or nothing waiting, else how many runs wait and why.
std::string backlogNote();
// Lets a round under way finish, and stops the worker (at exit).
void stopSendingBacklog();

}  // namespace mnsim::app
