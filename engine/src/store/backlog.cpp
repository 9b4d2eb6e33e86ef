// A station's backlog sent to the academy's server (store.h, docs/store.md).
#include <chrono>
#include <thread>

#include "mnsim/store/store.h"

namespace mnsim {

Result<std::vector<StoredRun>> Store::unsentRuns(const std::string&) {
  return makeError(ErrorCode::Usage, "a server keeps no backlog: only a station's own store sends runs on", {location(), 0, 0});
}

Status Store::markSent(const std::string&, const std::string&) {
  return makeError(ErrorCode::Usage, "a server keeps no backlog: only a station's own store sends runs on", {location(), 0, 0});
}

namespace {

// A connection to the server, made again (with waits growing from firstWaitS) when it is lost.
class ServerLink {
 public:
  ServerLink(const StoreConnector& connect, const BacklogOptions& options, BacklogReport& report)
      : m_connect(connect), m_options(options), m_report(report) {}

  bool alive() const { return m_server && m_server->connected(); }

  // The server, connected; null when `tries` connections in a row failed (report.problem says why).
  Store* get() {
    if (m_server && m_server->connected()) return m_server.get();
    const bool lost = m_server != nullptr;
    m_server.reset();
    double waitS = m_options.firstWaitS;
    for (int attempt = 0; attempt < m_options.tries; ++attempt) {
      if (attempt > 0 || lost) {
        std::this_thread::sleep_for(std::chrono::duration<double>(waitS));
        waitS *= 2;
      }
      auto server = m_connect();
      if (server) {
        m_server = std::move(*server);
        if (lost || m_everFailed) ++m_report.reconnects;
        return m_server.get();
      }
      m_everFailed = true;
      m_report.problem = server.error().format();
    }
    return nullptr;
  }

 private:
  const StoreConnector& m_connect;
  const BacklogOptions& m_options;
  BacklogReport& m_report;
  std::unique_ptr<Store> m_server;
  bool m_everFailed = false;
};

}  // namespace

BacklogReport sendBacklog(Store& local, const std::string& server, const StoreConnector& connect, const BacklogOptions& options) {
  BacklogReport report;
  auto backlog = local.unsentRuns(server);
  if (!backlog) {
    report.problem = backlog.error().format();
    return report;
  }
  ServerLink link(connect, options, report);
  for (size_t i = 0; i < backlog->size(); ++i) {
    const StoredRun& run = (*backlog)[i];
    auto bytes = local.runBytes(run.hash);
    if (!bytes) {
      ++report.refused;
      report.problem = bytes.error().format();
      continue;
    }
    const RunCheck check = checkRun(*bytes, storedRunName(run), options.trusted);
    Result<Stored> put = makeError(ErrorCode::Io, "not sent", {server, 0, 0});
    // A put that fails because the connection went is tried again on a new one; one the server
    // refuses on a live connection is final for this round.
    for (int attempt = 0; attempt < options.tries; ++attempt) {
      Store* to = link.get();
      if (!to) break;
      put = to->putRun(*bytes, check);
      if (put || to->connected()) break;
    }
    if (!put) {
      if (!link.alive()) {  // the server is gone: the rest waits for the next round
        if (report.problem.empty()) report.problem = put.error().format();
        report.waiting += static_cast<int>(backlog->size() - i);
        return report;
      }
      ++report.refused;
      report.problem = storedRunName(run) + ": " + put.error().message;
      continue;
    }
    ++(*put == Stored::Added ? report.sent : report.already);
    if (auto marked = local.markSent(server, run.hash); !marked) {
      report.problem = marked.error().format();
      return report;
    }
    if (options.sent) options.sent(run, *put);
  }
  return report;
}

}  // namespace mnsim
