// mnsim store import|export|list  (docs/store.md)
#include <algorithm>
#include <ctime>
#include <filesystem>
#include <iostream>

#include <nlohmann/json.hpp>

#include <mnsim/base/files.h>
#include <mnsim/review/review.h>
#include <mnsim/runs/run_log.h>
#include <mnsim/store/store.h>

#include "cli/commands.h"
#include "core/cohort_grading.h"
#include "core/run_store.h"
#include "core/station.h"

namespace mnsim::app {

namespace {

namespace fs = std::filesystem;

// One run file and the reviews beside it, into the store.
struct ImportCount {
  int added = 0, already = 0, reviews = 0, refused = 0;
};
void importRun(Store& store, const std::string& path, const std::vector<PublicKey>& trusted, ImportCount& count) {
  auto bytes = readFile(path, "run");
  if (!bytes) {
    std::cerr << bytes.error().format() << "\n";
    ++count.refused;
    return;
  }
  const RunCheck check = checkRun(*bytes, path, trusted);
  auto put = store.putRun(*bytes, check);
  if (!put) {
    std::cerr << path << ": " << put.error().message << "\n";
    ++count.refused;
    return;
  }
  ++(*put == Stored::Added ? count.added : count.already);
  for (const std::string& reviewPath : reviewFilesFor(path)) {
    auto text = readFile(reviewPath, "review");
    auto stored = text ? store.putReview(*text) : Result<Stored>(text.error());
    if (!stored) {
      std::cerr << reviewPath << ": " << stored.error().message << "\n";
      ++count.refused;
    } else if (*stored == Stored::Added) {
      ++count.reviews;
    }
  }
}

int runImport(const ParsedArgs& args, Store& store) {
  const CommandSpec& spec = storeCommand().spec;
  std::vector<std::string> inputs(args.positionals.begin() + 1, args.positionals.end());
  if (inputs.empty()) return printUsageError(spec, "store import: name the folders of runs or RUN files to import");
  std::vector<std::string> missing;
  const std::vector<std::string> files = findRunFiles(inputs, missing);
  for (const std::string& m : missing) std::cerr << m << ": error: no such file or folder\n";
  auto trusted = trustedKeys(args.get("trusted-keys"));
  if (!trusted) return reportError(trusted.error());
  ImportCount count;
  for (const std::string& f : files) importRun(store, f, *trusted, count);
  std::cout << "imported " << count.added << " run" << (count.added == 1 ? "" : "s") << " (" << count.already
            << " already in the store) and " << count.reviews << " review" << (count.reviews == 1 ? "" : "s") << " into "
            << store.location() << (count.refused ? "; " + std::to_string(count.refused) + " refused (above)" : "") << "\n";
  return count.refused || !missing.empty() ? 1 : 0;
}

// Writes `bytes` to `path` unless the same bytes are there; never replaces other bytes.
bool exportFile(const fs::path& path, const std::string& bytes) {
  if (fs::exists(path)) {
    auto there = readFile(path.string(), "file");
    if (there && *there == bytes) return true;
    std::cerr << path.string() << ": error: a different file is there already; it is left as it is\n";
    return false;
  }
  if (auto written = writeFileAtomic(path.string(), bytes, "run", FileAccess::OwnerOnly); !written) {
    std::cerr << written.error().format() << "\n";
    return false;
  }
  return true;
}

int runExport(const ParsedArgs& args, Store& store) {
  const CommandSpec& spec = storeCommand().spec;
  if (args.positionals.size() != 2) return printUsageError(spec, "store export: name one folder to export into");
  const fs::path folder = args.positionals[1];
  std::error_code ec;
  fs::create_directories(folder, ec);
  auto runs = store.runs({args.get("trainee"), args.get("case"), 0});
  if (!runs) return reportError(runs.error());
  int written = 0, failed = 0;
  for (const StoredRun& r : *runs) {
    auto bytes = store.runBytes(r.hash);
    const fs::path runPath = folder / storedRunName(r);
    if (!bytes || !exportFile(runPath, *bytes)) {
      if (!bytes) std::cerr << bytes.error().format() << "\n";
      ++failed;
      continue;
    }
    ++written;
    auto reviews = store.reviewsOf(r.hash);
    if (!reviews) return reportError(reviews.error());
    for (size_t i = 0; i < reviews->size(); ++i) {
      auto text = store.reviewBytes((*reviews)[i].hash);
      if (!text || !exportFile(runPath.string() + ".review-" + std::to_string(i + 1) + ".json", *text)) ++failed;
    }
  }
  std::cout << "exported " << written << " run" << (written == 1 ? "" : "s") << " to " << folder.string()
            << (failed ? "; " + std::to_string(failed) + " not written (above)" : "") << "\n";
  return failed ? 1 : 0;
}

int runList(const ParsedArgs& args, Store& store) {
  auto runs = store.runs({args.get("trainee"), args.get("case"), 0});
  if (!runs) return reportError(runs.error());
  if (args.has("json")) {
    nlohmann::ordered_json list = nlohmann::ordered_json::array();
    for (const StoredRun& r : *runs)
      list.push_back({{"hash", r.hash}, {"trainee", {{"id", r.traineeId}, {"name", r.traineeName}, {"cohort", r.cohort}}},
                      {"case", r.caseId}, {"kind", r.kind}, {"mode", r.mode}, {"station", r.stationId},
                      {"started_utc", r.startedUtc}, {"verify", r.verdict}, {"bytes", r.sizeBytes},
                      {"stored_utc", r.storedUtc},
                      {"score", r.recorded ? nlohmann::ordered_json(r.recorded->score) : nlohmann::ordered_json()},
                      {"proficient", r.recorded ? nlohmann::ordered_json(r.recorded->proficient) : nlohmann::ordered_json()},
                      {"review", r.review.empty() ? nlohmann::ordered_json() : nlohmann::ordered_json(r.review)}});
    std::cout << list.dump(1) << "\n";
    return 0;
  }
  const std::string transport = store.transport();
  std::cout << runs->size() << " run" << (runs->size() == 1 ? "" : "s") << " in " << store.location()
            << (transport.empty() ? "" : " (" + transport + ")") << "\n";
  for (const StoredRun& r : *runs)
    std::cout << "  " << r.startedUtc.substr(0, 19) << "  " << r.traineeId << " (" << r.traineeName << ")  " << r.caseId << "  "
              << r.mode << "  " << r.verdict << "  " << r.hash.substr(0, 20) << "…\n";
  return 0;
}

// store sync: the station's backlog to the academy's server.
int runSync(const ParsedArgs& args) {
  const CommandSpec& spec = storeCommand().spec;
  if (args.positionals.size() != 1) return printUsageError(spec, "store sync takes no files");
  const std::string server = args.has("server") ? args.get("server") : stationServer();
  if (server.empty())
    return printUsageError(spec, "store sync: name the academy's server with --server postgresql://STATION@HOST/DB "
                                 "(or store_server in the settings, or MNSIM_STORE_SERVER)");
  if (!isPostgresLocation(server)) return printUsageError(spec, "--server takes a PostgreSQL connection string, found '" + server + "'");
  if (isPostgresLocation(args.get("store")))
    return printUsageError(spec, "store sync sends from this station's own store: --store names its file, not a server");
  const BacklogReport r = sendStationBacklog(args.get("store"), server, args.has("tries") ? std::atoi(args.get("tries").c_str()) : 6,
                                             [](const StoredRun& run, Stored how) {
                                               std::cout << (how == Stored::Added ? "sent  " : "had   ") << storedRunName(run) << "\n";
                                             });
  std::cout << "sent " << r.sent << " run" << (r.sent == 1 ? "" : "s") << " to " << shownStoreLocation(server) << " ("
            << r.already << " it had already";
  if (r.reconnects) std::cout << "; connected again " << r.reconnects << " time" << (r.reconnects == 1 ? "" : "s");
  std::cout << ")\n";
  if (r.waiting || r.refused) {
    std::cerr << r.waiting + r.refused << " run" << (r.waiting + r.refused == 1 ? "" : "s")
              << " not sent, kept at this station for the next sync: " << r.problem << "\n";
    return 1;
  }
  if (!r.problem.empty()) return reportError(makeError(ErrorCode::Io, r.problem, {}));
  return 0;
}

// store setup / add-person: the administrator's, on a PostgreSQL store.
int runAdmin(const ParsedArgs& args, const std::string& action) {
  const CommandSpec& spec = storeCommand().spec;
  const std::string where = args.get("store");
  if (!isPostgresLocation(where))
    return printUsageError(spec, "store " + action + " is for a PostgreSQL store: give --store postgresql://ADMIN@HOST/DB");
  if (action == "setup") {
    if (args.positionals.size() != 1) return printUsageError(spec, "store setup takes no files");
    auto version = setUpPostgresStore(where);
    if (!version) return reportError(version.error());
    std::cout << "the store is set up at schema " << *version << "\n";
    return 0;
  }
  if (args.positionals.size() != 2) return printUsageError(spec, "store add-person: name the person's LOGIN");
  static const std::pair<const char*, StoreRole> kRoles[] = {{"station", StoreRole::Station}, {"trainee", StoreRole::Trainee},
                                                             {"instructor", StoreRole::Instructor},
                                                             {"assessor", StoreRole::Assessor}, {"admin", StoreRole::Admin}};
  const std::string roleName = args.get("role");
  const auto role = std::find_if(std::begin(kRoles), std::end(kRoles), [&](const auto& r) { return roleName == r.first; });
  if (role == std::end(kRoles))
    return printUsageError(spec, "--role must be station, trainee, instructor, assessor or admin, found '" + roleName + "'");
  if (role->second == StoreRole::Trainee && !args.has("trainee-id"))
    return printUsageError(spec, "a trainee needs --trainee-id ID (the academy's id, as runs record it)");
  if (!args.has("password-file")) return printUsageError(spec, "give the person's password with --password-file F");
  auto password = readFile(args.get("password-file"), "password file");
  if (!password) return reportError(password.error());
  const std::string login = args.positionals[1];
  if (auto added = addStorePerson(where, login, role->second, args.get("trainee-id"), args.get("name"),
                                  password->substr(0, password->find_first_of("\r\n")));
      !added)
    return reportError(added.error());
  std::cout << "added " << login << " as " << roleName << "\n";
  return 0;
}

int runStore(const ParsedArgs& args, const CliContext&) {
  const CommandSpec& spec = storeCommand().spec;
  const std::string action = args.positionals.empty() ? "" : args.positionals.front();
  if (action == "setup" || action == "add-person") return runAdmin(args, action);
  if (action == "sync") return runSync(args);
  if (action != "import" && action != "export" && action != "list")
    return printUsageError(spec, action.empty() ? "say what to do: import, export, list, sync, setup or add-person"
                                                : "unknown action '" + action + "': import, export, list, sync, setup or add-person");
  if (action == "list" && args.positionals.size() > 1) return printUsageError(spec, "store list takes no files");
  auto store = openStationStore(args.get("store"), action == "import");
  if (!store) return reportError(store.error());
  if (action == "import") return runImport(args, **store);
  if (action == "export") return runExport(args, **store);
  return runList(args, **store);
}

}  // namespace

const Command& storeCommand() {
  static const Command command{
      {"store",
       "Keep runs and reviews in the academy's store: import, export, list, sync",
       "mnsim store import DIR|RUN... | export DIR | list | sync | setup | add-person LOGIN  [--store PATH|URL] ...",
       "The store keeps every run once, under its content hash, with the reviews beside it\n"
       "(docs/store.md). By default it is one file in your data folder\n"
       "($XDG_DATA_HOME/mnsim/store.sqlite); --store names another.\n"
       "  import DIR|RUN...  runs (*.mnrun, folders searched below) and the reviews beside them;\n"
       "                     a run already there is a no-op; altered runs are refused and listed\n"
       "  export DIR         every stored run (or --trainee/--case's) as files, with their reviews;\n"
       "                     a different file already there is never replaced\n"
       "  list               the stored runs, newest first (--json for a list)\n"
       "  sync               send this station's runs the academy's server has not had, oldest first\n"
       "                     (--server, or store_server in the settings); those not sent wait for the next sync\n"
       "  setup              (PostgreSQL, as its administrator) create or update the schema, roles, policies\n"
       "  add-person LOGIN   (PostgreSQL, as its administrator) a login for a person: --role, --trainee-id,\n"
       "                     --name, --password-file\n"
       "--store takes a file or a PostgreSQL connection string (postgresql://USER@HOST:PORT/DB, or\n"
       "'host=… dbname=… user=…'); its password comes from PGPASSWORD or ~/.pgpass, never the command line.\n"
       "The exit code is 1 when anything was refused or not written.",
       {{"store", "PATH|URL", "the store's file (default: the data folder's store.sqlite) or PostgreSQL connection"},
        {"role", "ROLE", "add-person: station, trainee, instructor, assessor or admin"},
        {"trainee-id", "ID", "add-person: the trainee's academy id"},
        {"name", "NAME", "add-person: the person's name"},
        {"password-file", "F", "add-person: a file whose first line is the person's password"},
        {"trainee", "ID", "export or list only this trainee's runs"},
        {"case", "ID", "export or list only this case's runs"},
        {"trusted-keys", "DIR", "import: accept signatures only by the public keys (*.pub) in DIR"},
        {"json", "", "list: print JSON"},
        {"server", "URL", "sync: the academy's PostgreSQL server (default: the settings' store_server)"},
        {"tries", "N", "sync: connections tried before the rest waits (default 6; waits 0.5, 1, 2 … s)"}},
       1 << 20,
       "ACTION",
       {"mnsim store import ~/.local/share/mnsim/runs", "mnsim store export backup/", "mnsim store list --trainee T-0042"}},
      runStore};
  return command;
}

}  // namespace mnsim::app
