// The academy's store of runs and reviews (docs/store.md): the signed files themselves, keyed by
// their content hash, with what lists and grading need beside them. Embedded (SQLite, one file in
// the user's data folder) by default. Stored rows are never changed or deleted (the database
// refuses it); a row is checked against its hash whenever its bytes are read back.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "mnsim/base/error.h"
#include "mnsim/runs/run_journal.h"
#include "mnsim/runs/run_log.h"

namespace mnsim {

// The schema this mnsim writes and reads; a store with a newer one is refused (its data stays as
// it is), an older one is brought up to date when opened.
constexpr int kStoreSchemaVersion = 2;

struct StoredRun : RunWho {
  std::string hash;         // "blake2b-256:<hex>" of the run file's bytes: the key
  std::string caseId;       // the scenario id, or the plan's path for free needling
  std::string verdict;      // what `mnsim verify` said when it was stored
  int64_t sizeBytes = 0;
  std::string storedUtc;
  std::optional<RecordedScore> recorded;  // the score the run recorded (none: not finished, or an older store)
  std::string review;                     // the latest review: "", "draft" or "signed"
};

struct StoredReview {
  std::string hash;         // of the review file's bytes: the key
  std::string runHash;      // the run it reviews
  std::string assessorName;
  std::string signedUtc;    // "" for a draft
  std::string supersedes;   // the review it replaces ("" for the first)
  std::string storedUtc;
};

// A stored run's file name, as `mnsim store export` writes it and reports name it:
// <case>-<YYYYMMDD-HHMMSS UTC>-<trainee>-<first 8 hex of the hash>.mnrun
std::string storedRunName(const StoredRun& run);

enum class Stored { Added, AlreadyThere };

struct RunQuery {
  std::string traineeId;  // "" any
  std::string caseId;     // "" any
  size_t limit = 0;       // 0: all; newest first
};

class Store {
 public:
  virtual ~Store() = default;
  virtual const std::string& location() const = 0;
  virtual int schemaVersion() const = 0;

  // A run file's bytes: stored once under its hash (a second put is a no-op). Refused when the
  // run does not read as a run, or is altered or unreadable (`check` is what verify said).
  virtual Result<Stored> putRun(std::string_view bytes, const RunCheck& check) = 0;
  // A review file's bytes (docs/formats/review.md), of a stored run.
  virtual Result<Stored> putReview(std::string_view bytes) = 0;

  virtual Result<std::vector<StoredRun>> runs(const RunQuery& query) = 0;
  virtual Result<std::vector<StoredReview>> reviewsOf(const std::string& runHash) = 0;
  // The bytes as stored, checked against their hash (an error names the row if they differ).
  virtual Result<std::string> runBytes(const std::string& hash) = 0;
  virtual Result<std::string> reviewBytes(const std::string& hash) = 0;

  // Whether the connection still holds (a server that went away: false until reconnected).
  virtual bool connected() const { return true; }
  // How the connection is protected, for people to read: "" for a file, "TLSv1.3 (…)" or
  // "not encrypted" for a server.
  virtual std::string transport() const { return ""; }

  // A station's backlog (the embedded store only): the runs not yet sent to `server` (a location as
  // shown, without a password), oldest first; and the record that one was.
  virtual Result<std::vector<StoredRun>> unsentRuns(const std::string& server);
  virtual Status markSent(const std::string& server, const std::string& runHash);
};

// The embedded store at `path` (made, readable by its owner only, when it does not exist).
Result<std::unique_ptr<Store>> openSqliteStore(const std::string& path);

// ---- Sending a station's backlog to the academy's server (docs/store.md). Every run goes into the
// station's own store first; those the server has not had are sent oldest first, each once (the
// server keeps a run once under its hash, so a send repeated after a lost answer is a no-op).
// A connection lost in the middle is made again, waiting 0.5, 1, 2, 4 … s between tries; runs
// the server refuses stay in the backlog and are named.
using StoreConnector = std::function<Result<std::unique_ptr<Store>>()>;
struct BacklogOptions {
  std::vector<PublicKey> trusted;  // whose signatures verify (as `mnsim verify`)
  int tries = 6;                   // connections tried, first and after a loss, before giving up
  double firstWaitS = 0.5;
  std::function<void(const StoredRun&, Stored)> sent;  // after each run the server took
};
struct BacklogReport {
  int sent = 0;        // added on the server
  int already = 0;     // the server had them (from this station or another): now marked sent
  int refused = 0;     // the server refused them (permission, a check): they stay in the backlog
  int waiting = 0;     // not sent because the server could not be reached: they stay too
  int reconnects = 0;  // connections made again after a loss
  std::string problem;  // the last refusal or connection failure, "" when none
};
BacklogReport sendBacklog(Store& local, const std::string& server, const StoreConnector& connect, const BacklogOptions& options);

// ---- PostgreSQL, for an academy's many stations (docs/store.md)
// A connection string as messages show it: any password replaced by ***.
std::string shownStoreLocation(const std::string& conninfo);
// A connection (libpq connection string or postgresql:// URI) as one person; what it may read and
// write is the database's decision. Refused when the schema is not this mnsim's.
Result<std::unique_ptr<Store>> openPostgresStore(const std::string& conninfo);
// Sets the database up or brings it up to date, as its administrator: the roles, the tables, the
// policies (docs/store.md). The schema version it is at.
Result<int> setUpPostgresStore(const std::string& adminConninfo);
// A person who may connect: a login role in the academy's group role for `role` (station,
// trainee, instructor, assessor, admin) and a row in people. The password is sent only as a
// SCRAM verifier made on this side.
enum class StoreRole { Station, Trainee, Instructor, Assessor, Admin };
Status addStorePerson(const std::string& adminConninfo, const std::string& login, StoreRole role,
                      const std::string& traineeId, const std::string& name, const std::string& password);

}  // namespace mnsim
