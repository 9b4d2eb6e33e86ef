#include "mnsim/runs/run_journal.h"

#include <cerrno>
#include <chrono>
#include <ctime>
#include <filesystem>
#include <algorithm>

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include "cases/case_json_internal.h"
#include "mnsim/base/files.h"
#include "mnsim/base/hash.h"
#include "mnsim/runs/run_log.h"
#include "runs/run_codec.h"

namespace mnsim {

using namespace runcodec;
using Json = OrderedJson;

const char* runEventKindName(RunEventKind kind) {
  switch (kind) {
    case RunEventKind::Header: return "header";
    case RunEventKind::Step: return "step";
    case RunEventKind::Answer: return "answer";
    case RunEventKind::NeedlingBegin: return "needling begins";
    case RunEventKind::Sample: return "pen sample";
    case RunEventKind::NeedlingEnd: return "needling ends";
    case RunEventKind::Control: return "control";
    case RunEventKind::Gap: return "gap";
    case RunEventKind::Interrupted: return "interrupted";
    case RunEventKind::Result: return "result";
  }
  return "unknown";
}

const char* runStatusId(RunStatus status) {
  switch (status) {
    case RunStatus::Finished: return "finished";
    case RunStatus::Stopped: return "stopped";
    case RunStatus::Interrupted: return "interrupted";
  }
  return "finished";
}

int64_t nowUnixMs() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
      .count();
}

RunWho runWho(const RunHeader& h) {
  RunWho who;
  who.traineeId = h.trainee.id;
  who.traineeName = h.trainee.name;
  who.cohort = h.trainee.cohort;
  who.kind = h.kind;
  who.mode = h.mode;
  who.stationId = h.stationId;
  who.startedUnixMs = h.startedUnixMs;
  who.startedUtc = utcText(h.startedUnixMs);
  return who;
}

std::string utcText(int64_t unixMs) {
  const std::time_t seconds = static_cast<std::time_t>(unixMs >= 0 ? unixMs / 1000 : (unixMs - 999) / 1000);
  const int ms = static_cast<int>(unixMs - static_cast<int64_t>(seconds) * 1000);
  std::tm tm{};
  gmtime_r(&seconds, &tm);
  char text[64];
  std::snprintf(text, sizeof text, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", tm.tm_year + 1900, tm.tm_mon + 1,
                tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec, ms);
  return text;
}

std::string runHeaderJson(const RunHeader& h) {
  Json j;
  j["format"] = "mnsim-run/2";
  j["kind"] = h.kind;
  j["created_by"] = h.createdBy;
  j["mnsim_version"] = h.mnsimVersion;
  j["trainee"] = {{"id", h.trainee.id}, {"name", h.trainee.name}, {"cohort", h.trainee.cohort}};
  j["mode"] = h.mode;
  j["station"] = {{"id", h.stationId}};
  j["started_utc"] = utcText(h.startedUnixMs);
  j["started_unix_ms"] = h.startedUnixMs;
  j["asset"] = {{"name", h.assetName}, {"hash", h.assetHash}};
  if (h.kind == "case") {
    j["scenario"] = {{"path", h.scenarioPath}, {"file", h.scenarioFile}, {"id", h.scenarioId}, {"sha256", h.scenarioSha256}};
    j["seed"] = h.seed;
    j["draws"] = drawsToJson(h.draws);
  } else {
    j["plan"] = {{"path", h.planPath}, {"sha256", h.planSha256}, {"text", h.planText}};
    j["cartridge"] = h.cartridgeId;
  }
  return j.dump();
}

// ---------------------------------------------------------------------------------------------

Result<std::unique_ptr<RunJournal>> RunJournal::create(const std::string& path, const RunHeader& header,
                                                       const JournalOptions& options) {
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0)
    return makeError(ErrorCode::Io,
                     errno == EEXIST ? "a file of that name exists already (a run is never written over)"
                                     : std::string("cannot create the run file: ") + std::strerror(errno),
                     {path, 0, 0});
  ::flock(fd, LOCK_EX | LOCK_NB);  // while it is held, the run is being recorded: no recovery
  std::unique_ptr<RunJournal> j(new RunJournal());
  j->m_path = path;
  j->m_header = header;
  j->m_options = options;
  j->m_fd = fd;
  j->m_chain = blake2b256({kFirstLine});
  // The first line and the header frame, on disk before anything else happens.
  if (!writeAll(fd, kFirstLine)) {
    ::close(fd);
    return makeError(ErrorCode::Io, "cannot write the run file (is the disk full?)", {path, 0, 0});
  }
  j->event(RunEventKind::Header, runHeaderJson(header));
  {
    std::lock_guard<std::mutex> lock(j->m_fileMutex);
    if (!j->writePending()) return makeError(ErrorCode::Io, "cannot write the run file: " + j->m_error, {path, 0, 0});
  }
  j->startWriter();
  return j;
}

Result<std::unique_ptr<RunJournal>> RunJournal::reopen(const std::string& path, const JournalOptions& options) {
  auto bytes = readFile(path, "run file");
  if (!bytes) return bytes.error();
  auto log = readRunLog(*bytes, path);
  if (!log) return log.error();
  if (log->seal) return makeError(ErrorCode::Value, "the run is sealed already: it cannot be continued", {path, 0, 0});
  if (log->damage && !log->tornTail)
    return makeError(ErrorCode::Value, "the run is damaged (" + *log->damage + "); it is left as it is", {path, 0, 0});
  const int fd = ::open(path.c_str(), O_WRONLY | O_CLOEXEC);
  if (fd < 0) return makeError(ErrorCode::Io, std::string("cannot open the run file: ") + std::strerror(errno), {path, 0, 0});
  if (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
    ::close(fd);
    return makeError(ErrorCode::Io, "the run is being recorded by another mnsim", {path, 0, 0});
  }
  // A frame cut short by the crash was never complete: it goes, the complete ones stay.
  if (::ftruncate(fd, static_cast<off_t>(log->validBytes)) != 0 ||
      ::lseek(fd, 0, SEEK_END) != static_cast<off_t>(log->validBytes)) {
    ::close(fd);
    return makeError(ErrorCode::Io, "cannot continue the run file", {path, 0, 0});
  }
  std::unique_ptr<RunJournal> j(new RunJournal());
  j->m_path = path;
  j->m_header = log->header;
  j->m_options = options;
  j->m_fd = fd;
  j->m_chain = log->chain;
  j->m_frames = log->frames;
  j->m_framedEvents = log->events.size();
  j->m_nextEvent = log->events.size();
  j->m_previous = log->lastSample;
  for (const JournalEvent& e : log->events) j->m_gaps += e.kind == RunEventKind::Gap;
  j->m_lastInputUnixMs = log->header.startedUnixMs + static_cast<int64_t>(log->lastWallMs);
  j->startWriter();
  return j;
}

RunJournal::~RunJournal() {
  {
    std::lock_guard<std::mutex> lock(m_mutex);
    m_stop = true;
  }
  m_wake.notify_all();
  if (m_writer.joinable()) m_writer.join();
  if (m_fd >= 0) {
    std::lock_guard<std::mutex> lock(m_fileMutex);
    writePending();
    ::close(m_fd);
  }
}

void RunJournal::startWriter() { m_writer = std::thread([this] { writerLoop(); }); }

void RunJournal::writerLoop() {
  const auto interval = std::chrono::microseconds(static_cast<int64_t>(m_options.flushIntervalS * 1e6));
  std::unique_lock<std::mutex> lock(m_mutex);
  while (!m_stop) {
    m_wake.wait_for(lock, interval, [this] { return m_stop; });
    if (m_stop) break;
    if (m_pendingCount == 0) continue;
    lock.unlock();
    {
      std::lock_guard<std::mutex> file(m_fileMutex);
      writePending();
    }
    lock.lock();
  }
}

bool RunJournal::writePending() {
  std::string payload;
  uint32_t count = 0;
  {
    std::lock_guard<std::mutex> lock(m_mutex);
    payload.swap(m_pending);
    count = m_pendingCount;
    m_pendingCount = 0;
  }
  if (count == 0 || m_fd < 0) return true;
  std::string frame;
  frame.reserve(kFrameHeadBytes + payload.size() + kChainBytes);
  putU32(frame, kFrameMagic);
  putU32(frame, static_cast<uint32_t>(payload.size()));
  putU64(frame, m_framedEvents);
  putU32(frame, count);
  m_chain = chainAfter(m_chain, frame, payload);
  frame += payload;
  frame.append(reinterpret_cast<const char*>(m_chain.data()), m_chain.size());
  if (!writeAll(m_fd, frame)) {
    std::lock_guard<std::mutex> lock(m_mutex);
    if (m_error.empty()) m_error = std::string("writing the run failed: ") + std::strerror(errno);
    return false;
  }
  if (m_options.syncToDisk) ::fdatasync(m_fd);
  m_framedEvents += count;
  ++m_frames;
  return true;
}

void RunJournal::sample(const PenSample& s) {
  const uint64_t wallMs = static_cast<uint64_t>(std::max<int64_t>(0, nowUnixMs() - m_header.startedUnixMs));
  std::lock_guard<std::mutex> lock(m_mutex);
  if (m_sealed) return;
  m_sampleBody.clear();  // kept between samples: no allocation on the frame loop
  encodeSample(m_sampleBody, s, m_previous);
  encodeEvent(m_pending, RunEventKind::Sample, wallMs, m_sampleBody);
  ++m_pendingCount;
  ++m_nextEvent;
}

void RunJournal::event(RunEventKind kind, const std::string& json) {
  const uint64_t wallMs = static_cast<uint64_t>(std::max<int64_t>(0, nowUnixMs() - m_header.startedUnixMs));
  std::lock_guard<std::mutex> lock(m_mutex);
  if (m_sealed) return;
  encodeEvent(m_pending, kind, wallMs, json);
  if (kind == RunEventKind::Gap) ++m_gaps;
  ++m_pendingCount;
  ++m_nextEvent;
}

Status RunJournal::flush() {
  std::lock_guard<std::mutex> file(m_fileMutex);
  if (!writePending()) return makeError(ErrorCode::Io, writeError(), {m_path, 0, 0});
  return Ok{};
}

uint64_t RunJournal::eventCount() const {
  std::lock_guard<std::mutex> lock(m_mutex);
  return m_nextEvent;
}

std::string RunJournal::writeError() const {
  std::lock_guard<std::mutex> lock(m_mutex);
  return m_error;
}

PenSample RunJournal::lastSample() const {
  std::lock_guard<std::mutex> lock(m_mutex);
  return m_previous;
}

Status RunJournal::seal(RunStatus status, const std::string& resultJson, const SigningKey& key) {
  if (m_sealed) return makeError(ErrorCode::Internal, "the run is sealed already", {m_path, 0, 0});
  if (!resultJson.empty()) event(RunEventKind::Result, resultJson);
  {
    std::lock_guard<std::mutex> lock(m_mutex);
    m_stop = true;
  }
  m_wake.notify_all();
  if (m_writer.joinable()) m_writer.join();
  std::lock_guard<std::mutex> file(m_fileMutex);
  if (!writePending()) return makeError(ErrorCode::Io, writeError(), {m_path, 0, 0});
  const int64_t ended = nowUnixMs();
  Json seal;
  seal["status"] = runStatusId(status);
  seal["ended_utc"] = utcText(ended);
  seal["ended_unix_ms"] = ended;
  seal["events"] = m_framedEvents;
  seal["frames"] = m_frames;
  seal["gaps"] = m_gaps;
  seal["chain"] = toHex(m_chain);
  seal["header_fields"] = headerFieldDigests(runHeaderJson(m_header));
  seal["key_id"] = key.publicKey().id();
  seal["public_key"] = key.publicKey().hex();
  seal["key_label"] = key.publicKey().label;
  const std::string json = seal.dump();
  const SignatureBytes signature = key.sign(sealMessage(json));
  std::string bytes;
  putU32(bytes, kSealMagic);
  putU32(bytes, static_cast<uint32_t>(json.size()));
  bytes += json;
  bytes.push_back(1);  // signed
  bytes.append(reinterpret_cast<const char*>(signature.data()), signature.size());
  if (!writeAll(m_fd, bytes)) return makeError(ErrorCode::Io, "writing the seal failed (is the disk full?)", {m_path, 0, 0});
  const bool synced = ::fsync(m_fd) == 0 || !m_options.syncToDisk;
  ::close(m_fd);
  m_fd = -1;
  {
    std::lock_guard<std::mutex> lock(m_mutex);
    m_sealed = true;
  }
  if (!synced) return makeError(ErrorCode::Io, "the sealed run could not be synced to disk", {m_path, 0, 0});
  return Ok{};
}

// ---------------------------------------------------------------------------------------------

UnfinishedRun unfinishedRun(const RunLog& log) {
  UnfinishedRun run;
  run.path = log.path;
  run.header = log.header;
  run.events = log.eventCount;
  run.lastInputUnixMs = log.header.startedUnixMs + static_cast<int64_t>(log.lastWallMs);
  if (log.damage && !log.tornTail) run.damage = *log.damage;
  return run;
}

namespace {

// The gap after a stop: from the last input before it to now (`nowKey`: resumed or closed).
std::string gapJson(int64_t lastInputUnixMs, const char* nowKey) {
  const int64_t now = nowUnixMs();
  Json e;
  e["last_input_utc"] = utcText(lastInputUnixMs);
  e[nowKey] = utcText(now);
  e["gap_s"] = static_cast<double>(now - lastInputUnixMs) / 1000.0;
  return e.dump();
}

}  // namespace

std::vector<UnfinishedRun> findUnfinishedRuns(const std::string& folder) {
  namespace fs = std::filesystem;
  std::vector<UnfinishedRun> out;
  std::error_code ec;
  if (!fs::is_directory(folder, ec)) return out;
  for (const auto& entry : fs::directory_iterator(folder, ec)) {
    if (entry.path().extension() != ".mnrun") continue;
    const std::string path = entry.path().string();
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) continue;
    const bool inUse = ::flock(fd, LOCK_SH | LOCK_NB) != 0;  // being recorded right now
    ::close(fd);
    if (inUse) continue;
    auto bytes = readFile(path, "run file");
    if (!bytes) continue;
    auto log = readRunLog(*bytes, path, RunReadDepth::Checks);
    if (!log || log->seal) continue;
    out.push_back(unfinishedRun(*log));
  }
  std::sort(out.begin(), out.end(), [](const UnfinishedRun& a, const UnfinishedRun& b) {
    return a.header.startedUnixMs < b.header.startedUnixMs;
  });
  return out;
}

Status closeInterrupted(const std::string& path, const SigningKey& key) {
  auto journal = RunJournal::reopen(path);
  if (!journal) return journal.error();
  RunJournal& j = **journal;
  j.event(RunEventKind::Interrupted, gapJson(j.lastInputUnixMs(), "closed_utc"));
  return j.seal(RunStatus::Interrupted, "", key);
}

Result<std::unique_ptr<RunJournal>> resumeJournal(const std::string& path, const JournalOptions& options) {
  auto journal = RunJournal::reopen(path, options);
  if (!journal) return journal.error();
  RunJournal& j = **journal;
  j.event(RunEventKind::Gap, gapJson(j.lastInputUnixMs(), "resumed_utc"));
  if (auto flushed = j.flush(); !flushed) return flushed.error();
  return journal;
}

}  // namespace mnsim
