#include "core/run_store.h"

#include <chrono>
#include <condition_variable>
#include <cstdlib>
#include <filesystem>
#include <mutex>
#include <thread>

#include <mnsim/base/files.h>
#include <mnsim/review/review.h>
#include <mnsim/runs/run_log.h>
#include <mnsim/store/store.h>

#include "core/settings.h"
#include "core/station.h"

namespace mnsim::app {

bool isPostgresLocation(const std::string& where) {
  return where.rfind("postgresql://", 0) == 0 || where.rfind("postgres://", 0) == 0 || where.find("host=") != std::string::npos ||
         where.find("dbname=") != std::string::npos;
}

Result<std::unique_ptr<Store>> openStationStore(const std::string& given, bool create) {
  const std::string where = given.empty() ? storePath() : given;
  if (isPostgresLocation(where)) return openPostgresStore(where);
  if (!given.empty() && !create && !std::filesystem::exists(where))
    return makeError(ErrorCode::Io, "no store here (mnsim store import makes one)", {where, 0, 0});
  std::error_code ec;
  std::filesystem::create_directories(std::filesystem::path(where).parent_path(), ec);
  return openSqliteStore(where);
}

Status keepInStore(const std::string& runPath) {
  auto bytes = readFile(runPath, "run");
  if (!bytes) return bytes.error();
  auto trusted = trustedKeys();
  if (!trusted) return trusted.error();
  auto store = openStationStore();
  if (!store) return store.error();
  auto put = (*store)->putRun(*bytes, checkRun(*bytes, runPath, *trusted));
  if (!put) return put.error();
  sendBacklogSoon();
  return Ok{};
}

Status keepReviewInStore(const std::string& reviewPath, const std::string& runPath, const std::string& where) {
  auto text = readFile(reviewPath, "review");
  if (!text) return text.error();
  auto store = openStationStore(where);
  if (!store) return store.error();
  auto run = readFile(runPath, "run");
  auto trusted = trustedKeys();
  if (!run) return run.error();
  if (!trusted) return trusted.error();
  // Only when the store lacks it: an assessor's login on a server reads runs but does not add them.
  if (!(*store)->runBytes(contentHash(*run)))
    if (auto stored = (*store)->putRun(*run, checkRun(*run, runPath, *trusted)); !stored) return stored.error();
  auto put = (*store)->putReview(*text);
  if (!put) return put.error();
  return Ok{};
}

bool isStoredRunKey(const std::string& arg) { return arg.rfind(kStoredRunPrefix, 0) == 0; }

namespace {

// The one stored run `key` names (hash, hash prefix or export name).
Result<StoredRun> findStoredRun(Store& store, const std::string& key) {
  auto runs = store.runs({});
  if (!runs) return runs.error();
  const std::string keyHex = key.substr(key.find(':') == std::string::npos ? 0 : key.find(':') + 1);
  std::vector<const StoredRun*> found;
  for (const StoredRun& r : *runs) {
    const std::string hex = r.hash.substr(r.hash.find(':') + 1);
    if (storedRunName(r) == key || (keyHex.size() >= 8 && hex.rfind(keyHex, 0) == 0)) found.push_back(&r);
  }
  if (found.size() == 1) return *found.front();
  if (found.empty())
    return makeError(ErrorCode::Reference, "no run '" + key + "' in the store (a hash, its first 8 or more hex digits, or the "
                                           "name 'mnsim store list' and export give it)", {store.location(), 0, 0});
  return makeError(ErrorCode::Reference, "'" + key + "' names " + std::to_string(found.size()) + " stored runs: give more of the hash",
                   {store.location(), 0, 0});
}

}  // namespace

Result<std::string> storedRunFile(const std::string& key, const std::string& where) {
  auto store = openStationStore(where);
  if (!store) return store.error();
  auto row = findStoredRun(**store, key);
  if (!row) return row.error();
  auto bytes = (*store)->runBytes(row->hash);
  if (!bytes) return bytes.error();
  const std::filesystem::path folder = std::filesystem::path(cacheFolder()) / "store-runs";
  std::error_code ec;
  std::filesystem::create_directories(folder, ec);
  const std::string path = (folder / storedRunName(*row)).string();
  if (auto there = readFile(path, "run"); !there || *there != *bytes)
    if (auto written = writeFileAtomic(path, *bytes, "run", FileAccess::OwnerOnly); !written) return written.error();
  auto reviews = (*store)->reviewsOf(row->hash);
  if (!reviews) return reviews.error();
  for (size_t i = 0; i < reviews->size(); ++i) {
    const std::string reviewPath = path + ".review-" + std::to_string(i + 1) + ".json";
    if (std::filesystem::exists(reviewPath)) continue;  // written before, or a draft begun here: kept
    auto text = (*store)->reviewBytes((*reviews)[i].hash);
    if (!text) return text.error();
    if (auto written = writeFileAtomic(reviewPath, *text, "review", FileAccess::OwnerOnly); !written) return written.error();
  }
  return path;
}

std::string stationServer() {
  if (const char* env = std::getenv("MNSIM_STORE_SERVER"); env && *env) return env;
  return loadSettings(configFolder()).storeServer;
}

namespace {

// A station does not wait long for a server that is not there.
std::string withConnectTimeout(const std::string& conninfo) {
  if (conninfo.find("connect_timeout") != std::string::npos) return conninfo;
  if (conninfo.find("://") == std::string::npos) return conninfo + " connect_timeout=5";
  return conninfo + (conninfo.find('?') == std::string::npos ? "?" : "&") + "connect_timeout=5";
}

}  // namespace

BacklogReport sendStationBacklog(const std::string& local, const std::string& server, int tries,
                                 const std::function<void(const StoredRun&, Stored)>& sent) {
  auto store = openStationStore(local);
  if (!store) return {0, 0, 0, 0, 0, store.error().format()};
  auto trusted = trustedKeys();
  if (!trusted) return {0, 0, 0, 0, 0, trusted.error().format()};
  BacklogOptions options;
  options.trusted = *trusted;
  options.tries = tries;
  options.sent = sent;
  const std::string conninfo = withConnectTimeout(server);
  return sendBacklog(**store, shownStoreLocation(server), [&] { return openPostgresStore(conninfo); }, options);
}

namespace {

class BacklogSender {
 public:
  ~BacklogSender() { stop(); }

  void kick() {
    std::lock_guard lock(m_mutex);
    if (m_stopping || m_stopped) return;
    m_kicked = true;
    if (!m_worker.joinable()) m_worker = std::thread([this] { loop(); });
    m_wake.notify_one();
  }
  BacklogState state() {
    std::lock_guard lock(m_mutex);
    return m_state;
  }
  void stop() {
    {
      std::lock_guard lock(m_mutex);
      m_stopping = true;
      m_wake.notify_one();
    }
    if (m_worker.joinable()) m_worker.join();
    std::lock_guard lock(m_mutex);
    m_stopped = true;
  }

 private:
  // A round when kicked, and every minute while runs wait. A round asked for before the app
  // closes still runs (one connection tried): a run just sealed gets its chance to leave.
  void loop() {
    std::unique_lock lock(m_mutex);
    for (;;) {
      m_wake.wait_for(lock, std::chrono::minutes(1), [this] { return m_kicked || m_stopping; });
      const bool waiting = m_state.waiting > 0;
      if (m_stopping && !m_kicked) break;
      if (!m_kicked && !waiting) continue;
      const bool last = m_stopping;
      m_kicked = false;
      lock.unlock();
      const std::string server = stationServer();
      BacklogState now;
      if (!server.empty()) {
        const BacklogReport r = sendStationBacklog("", server, last ? 1 : 2);
        now.waiting = r.waiting + r.refused;
        if (now.waiting > 0) now.why = r.problem.substr(0, r.problem.find('\n'));
      }
      lock.lock();
      m_state = now;
      if (last) break;
    }
  }

  std::mutex m_mutex;
  std::condition_variable m_wake;
  std::thread m_worker;
  bool m_kicked = false, m_stopping = false, m_stopped = false;
  BacklogState m_state;
};

BacklogSender& backlogSender() {
  static BacklogSender sender;
  return sender;
}

}  // namespace

void sendBacklogSoon() {
  if (stationServer().empty()) return;
  backlogSender().kick();
}

BacklogState backlogState() { return backlogSender().state(); }

std::string BacklogState::summary() const {
  if (waiting == 0) return "";
  return std::to_string(waiting) + " run" + (waiting == 1 ? "" : "s") + " not yet on the academy's server";
}

void stopSendingBacklog() { backlogSender().stop(); }

}  // namespace mnsim::app
