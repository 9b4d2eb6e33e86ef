#include "mnsim/runs/run_log.h"

#include <cmath>
#include <functional>

#include "cases/case_json_internal.h"
#include "mnsim/base/files.h"
#include "runs/run_codec.h"

namespace mnsim {

using namespace runcodec;
using Json = OrderedJson;

namespace {

// 182,345: counts and byte offsets in messages.
std::string withCommas(uint64_t n) {
  const std::string digits = std::to_string(n);
  std::string out;
  out.reserve(digits.size() + digits.size() / 3);
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out.push_back(',');
    out.push_back(digits[i]);
  }
  return out;
}

std::string textAt(const Json& j, const char* key, const std::string& where, std::string& problem) {
  auto it = j.find(key);
  if (it == j.end() || !it->is_string()) {
    if (problem.empty()) problem = where + key + ": must be text";
    return {};
  }
  return it->get<std::string>();
}

// Decodes the events of one frame's payload. False (with `why`) at the first that does not read
// or whose checksum does not match; `bad` is its index within the frame.
bool decodeEvents(std::string_view payload, uint64_t first, uint32_t count, uint64_t payloadOffset,
                  PenSample& previous, std::vector<JournalEvent>* out, uint64_t& lastWallMs, uint32_t& bad,
                  std::string& why, uint64_t& badOffset) {
  Cursor c(payload);
  for (uint32_t i = 0; i < count; ++i) {
    const uint64_t offset = payloadOffset + (payload.size() - c.left());
    const unsigned char* start = c.p;
    const uint8_t kind = c.u8();
    const uint64_t wallMs = c.varint();
    const uint64_t size = c.varint();
    std::string_view body = c.bytes(c.bad || size > c.left() ? c.left() + 1 : static_cast<size_t>(size));
    const size_t covered = static_cast<size_t>(c.p - start);
    const uint32_t stored = c.u32();
    bad = i;
    badOffset = offset;
    if (c.bad) {
      why = "cannot be read";
      return false;
    }
    if (crc32(std::string_view(reinterpret_cast<const char*>(start), covered)) != stored) {
      why = "does not match its checksum";
      return false;
    }
    if (kind < 1 || kind > kRunEventKinds) {
      why = "is of no known kind (" + std::to_string(kind) + ")";
      return false;
    }
    JournalEvent e;
    e.index = first + i;
    e.kind = static_cast<RunEventKind>(kind);
    e.wallMs = wallMs;
    e.offset = offset;
    if (e.kind == RunEventKind::Sample) {
      if (!decodeSample(body, e.sample, previous)) {
        why = "is not a pen sample";
        return false;
      }
    } else if (out || e.index == 0) {
      e.json.assign(body);
    }
    lastWallMs = wallMs;
    if (out) out->push_back(std::move(e));
  }
  if (c.left() != 0) {
    bad = count;
    badOffset = payloadOffset + (payload.size() - c.left());
    why = "has bytes after its last event";
    return false;
  }
  return true;
}

// "event 1030 (pen sample, byte 30,215) has been altered: it does not match its checksum".
std::string alteredEvent(std::string_view bytes, uint64_t index, uint64_t offset, const std::string& why) {
  // What kind of event it was, when its kind byte still says.
  const uint8_t kindByte = offset < bytes.size() ? static_cast<uint8_t>(bytes[offset]) : 0;
  const std::string kind = kindByte >= 1 && kindByte <= kRunEventKinds
                               ? std::string(runEventKindName(static_cast<RunEventKind>(kindByte))) + ", "
                               : "";
  return (index == 0 ? std::string("the header (event 0, ") : "event " + std::to_string(index) + " (" + kind) +
         "byte " + withCommas(offset) + ") has been altered: it " + why;
}

// The body of a payload's first event, its checksum not checked.
std::string firstEventBody(std::string_view payload) {
  Cursor h(payload);
  h.u8();
  h.varint();
  const uint64_t size = h.varint();
  return !h.bad && size <= h.left() ? std::string(h.bytes(static_cast<size_t>(size))) : std::string();
}

// When the last event of a frame's payload was journaled.
// The last frame's events, decoded (their samples against an unknown reference: only the times and
// the JSON events are used): the last time, and the result when the run recorded one.
void readLastFrame(std::string_view payload, uint64_t first, uint32_t count, uint64_t offset, RunLog& log) {
  PenSample ignored;
  uint32_t bad = 0;
  std::string why;
  uint64_t badOffset = 0, wallMs = 0;
  std::vector<JournalEvent> events;
  decodeEvents(payload, first, count, offset, ignored, &events, wallMs, bad, why, badOffset);
  log.lastWallMs = wallMs;
  for (const JournalEvent& e : events)
    if (e.kind == RunEventKind::Result) log.resultJson = e.json;
}

// What the end of the run says: the last time and the recorded result, from the decoded events, or
// (when only checked) from the last frame.
void readEnding(RunLog& log, const std::vector<JournalEvent>* decoded, std::string_view lastPayload, uint64_t first,
                uint32_t count, uint64_t offset) {
  if (!decoded) {
    if (!lastPayload.empty()) readLastFrame(lastPayload, first, count, offset, log);
    return;
  }
  for (const JournalEvent& e : *decoded)
    if (e.kind == RunEventKind::Result) log.resultJson = e.json;
}

// The header event, first in the first frame, into the log.
std::optional<Error> takeHeader(const std::vector<JournalEvent>& decoded, RunLog& log, const std::string& name) {
  if (decoded.empty() || decoded.front().kind != RunEventKind::Header)
    return makeError(ErrorCode::Format, "the run does not start with its header", {name, 0, 0});
  log.headerJson = decoded.front().json;
  auto header = parseRunHeader(log.headerJson, name);
  if (!header) return header.error();
  log.header = *header;
  return std::nullopt;
}

// The seal at `pos` (its magic read by `c`): its fields, the signature checked, nothing after it.
void readSeal(Cursor& c, uint64_t pos, RunLog& log, const std::function<void(RunDamage, std::string)>& damaged) {
  const uint32_t size = c.u32();
  if (c.bad || size > kMaxSealBytes || c.left() < static_cast<size_t>(size) + 1) {
    damaged(c.bad || c.left() < static_cast<size_t>(size) + 1 ? RunDamage::Torn : RunDamage::Altered,
            "the seal at byte " + withCommas(pos) + " is cut short");
    return;
  }
  const std::string json(c.bytes(size));
  const uint8_t hasSignature = c.u8();
  RunSealInfo seal;
  seal.offset = pos;
  SignatureBytes signature{};
  if (hasSignature == 1) {
    std::string_view sig = c.bytes(signature.size());
    if (c.bad) {
      damaged(RunDamage::Torn, "the seal's signature is cut short");
      return;
    }
    std::memcpy(signature.data(), sig.data(), sig.size());
    seal.hasSignature = true;
  } else if (hasSignature != 0) {
    damaged(RunDamage::Altered, "the seal at byte " + withCommas(pos) + " has been altered (its signature marker)");
  }
  Json j = Json::parse(json, nullptr, false);
  if (!j.is_object()) {
    damaged(RunDamage::Altered, "the seal at byte " + withCommas(pos) + " has been altered (it does not read)");
  } else {
    try {
      std::string problem;
      seal.status = textAt(j, "status", "seal.", problem);
      seal.endedUnixMs = j.value("ended_unix_ms", int64_t{0});
      seal.events = j.value("events", uint64_t{0});
      seal.frames = j.value("frames", uint64_t{0});
      seal.gaps = j.value("gaps", uint64_t{0});
      seal.chainHex = textAt(j, "chain", "seal.", problem);
      if (auto f = j.find("header_fields"); f != j.end() && f->is_object())
        for (auto it = f->begin(); it != f->end(); ++it)
          if (it.value().is_string()) seal.headerFields[it.key()] = it.value().get<std::string>();
      const std::string keyHex = textAt(j, "public_key", "seal.", problem);
      seal.key.label = j.value("key_label", std::string());
      if (!fromHex(keyHex, seal.key.bytes.data(), seal.key.bytes.size()) && problem.empty())
        problem = "its public key is not 64 hex digits";
      if (!problem.empty()) damaged(RunDamage::Altered, "the seal has been altered (" + problem + ")");
    } catch (const nlohmann::json::exception&) {
      damaged(RunDamage::Altered, "the seal has been altered (a field of the wrong kind)");
    }
    if (seal.hasSignature) seal.signatureValid = verifySignature(seal.key.bytes, sealMessage(json), signature);
  }
  log.seal = seal;
  if (c.left() != 0)
    damaged(RunDamage::Trailing, withCommas(c.left()) + " bytes follow the seal (the file has been added to)");
}

}  // namespace

std::map<std::string, std::string> headerFieldDigests(const std::string& headerJson) {
  std::map<std::string, std::string> out;
  Json j = Json::parse(headerJson, nullptr, false);
  if (!j.is_object()) return out;
  for (auto it = j.begin(); it != j.end(); ++it) {
    const std::string value = it.value().dump();
    const Digest256 d = blake2b256({it.key(), "=", value});
    out[it.key()] = toHex(d.data(), 8);
  }
  return out;
}

std::string sealMessage(const std::string& sealJson) { return "mnsim-run/2 seal\n" + sealJson; }

bool isRunLog(std::string_view bytes) { return bytes.substr(0, kFirstLine.size()) == kFirstLine; }

Result<RunHeader> parseRunHeader(std::string_view text, const std::string& name) {
  Json j = Json::parse(text.begin(), text.end(), nullptr, false);
  if (!j.is_object()) return makeError(ErrorCode::Syntax, "the run's header is not a JSON object", {name, 0, 0});
  RunHeader h;
  std::string problem;
  try {
    h.kind = textAt(j, "kind", "header.", problem);
    h.createdBy = textAt(j, "created_by", "header.", problem);
    h.mnsimVersion = textAt(j, "mnsim_version", "header.", problem);
    h.mode = textAt(j, "mode", "header.", problem);
    if (auto t = j.find("trainee"); t != j.end() && t->is_object()) {
      h.trainee.id = textAt(*t, "id", "header.trainee.", problem);
      h.trainee.name = textAt(*t, "name", "header.trainee.", problem);
      h.trainee.cohort = textAt(*t, "cohort", "header.trainee.", problem);
    } else if (problem.empty()) {
      problem = "header.trainee: missing";
    }
    if (auto s = j.find("station"); s != j.end() && s->is_object())
      h.stationId = textAt(*s, "id", "header.station.", problem);
    else if (problem.empty())
      problem = "header.station: missing";
    if (auto t = j.find("started_unix_ms"); t != j.end() && t->is_number_integer())
      h.startedUnixMs = t->get<int64_t>();
    else if (problem.empty())
      problem = "header.started_unix_ms: must be a whole number";
    if (auto a = j.find("asset"); a != j.end() && a->is_object()) {
      h.assetName = textAt(*a, "name", "header.asset.", problem);
      h.assetHash = textAt(*a, "hash", "header.asset.", problem);
    }
    if (h.kind == "case") {
      if (auto s = j.find("scenario"); s != j.end() && s->is_object()) {
        h.scenarioPath = textAt(*s, "path", "header.scenario.", problem);
        h.scenarioId = textAt(*s, "id", "header.scenario.", problem);
        h.scenarioSha256 = textAt(*s, "sha256", "header.scenario.", problem);
        h.scenarioFile = s->value("file", std::string());
      } else if (problem.empty()) {
        problem = "header.scenario: missing";
      }
      if (auto s = j.find("seed"); s != j.end() && s->is_number_unsigned())
        h.seed = s->get<uint64_t>();
      else if (problem.empty())
        problem = "header.seed: must be a whole number from 0";
      if (auto d = j.find("draws"); d != j.end() && d->is_array()) {
        for (const Json& item : *d) {
          Draw draw;
          if (!item.is_object() || !item.contains("path") || !item["path"].is_string()) {
            if (problem.empty()) problem = "header.draws: each needs a path";
            break;
          }
          draw.path = item["path"].get<std::string>();
          const auto v = item.find("value");  // not item["value"]: undefined when missing
          if (v != item.end() && v->is_number()) {
            draw.number = v->get<double>();
          } else if (v != item.end() && v->is_string()) {
            draw.numeric = false;
            draw.text = v->get<std::string>();
          } else if (problem.empty()) {
            problem = "header.draws: a value must be a number or a text";
          }
          h.draws.push_back(draw);
        }
      }
    } else if (h.kind == "needling") {
      if (auto p = j.find("plan"); p != j.end() && p->is_object()) {
        h.planPath = textAt(*p, "path", "header.plan.", problem);
        h.planSha256 = textAt(*p, "sha256", "header.plan.", problem);
        h.planText = textAt(*p, "text", "header.plan.", problem);
      } else if (problem.empty()) {
        problem = "header.plan: missing";
      }
      h.cartridgeId = textAt(j, "cartridge", "header.", problem);
    } else if (problem.empty()) {
      problem = "header.kind: must be 'case' or 'needling'";
    }
  } catch (const nlohmann::json::exception& e) {
    if (problem.empty()) problem = std::string("header: ") + e.what();
  }
  if (!problem.empty()) return makeError(ErrorCode::Format, problem, {name, 0, 0});
  return h;
}

Result<RunLog> readRunLog(std::string_view bytes, const std::string& name, RunReadDepth depth) {
  if (!isRunLog(bytes)) {
    const std::string_view first = bytes.substr(0, std::min<size_t>(bytes.find('\n'), 40));
    return makeError(ErrorCode::Format,
                     "not an mnsim-run/2 file (its first line is '" + std::string(first) + "')", {name, 1, 1});
  }
  RunLog log;
  log.path = name;
  log.chain = blake2b256({kFirstLine});
  log.validBytes = kFirstLine.size();
  std::vector<JournalEvent>* out = depth == RunReadDepth::Everything ? &log.events : nullptr;
  std::vector<JournalEvent> firstFrame;
  uint64_t pos = kFirstLine.size();
  auto damaged = [&](RunDamage kind, std::string what) {
    if (!log.damage) {
      log.damage = std::move(what);
      log.damageKind = kind;
      log.tornTail = kind == RunDamage::Torn;
    }
  };
  bool chainOk = true;
  std::string_view lastPayload;  // of the last good frame: its last event's time, in Checks
  uint64_t lastFirst = 0, lastPayloadOffset = 0;
  uint32_t lastCount = 0;
  while (pos < bytes.size()) {
    Cursor c(bytes.substr(pos));
    const uint32_t magic = c.u32();
    if (c.bad) {
      damaged(RunDamage::Torn, "the file ends inside a frame at byte " + withCommas(pos));
      break;
    }
    if (magic == kSealMagic) {
      readSeal(c, pos, log, damaged);
      break;
    }
    if (magic != kFrameMagic) {
      damaged(RunDamage::Altered, "byte " + withCommas(pos) + " should start frame " + std::to_string(log.frames + 1) +
                                      " and does not: the file has been altered there");
      break;
    }
    const uint32_t payloadSize = c.u32();
    const uint64_t first = c.u64();
    const uint32_t count = c.u32();
    if (c.bad) {
      damaged(RunDamage::Torn, "the file ends inside frame " + std::to_string(log.frames + 1) + " (byte " +
                                   withCommas(pos) + ")");
      break;
    }
    if (payloadSize > kMaxFrameBytes) {
      damaged(RunDamage::Altered, "frame " + std::to_string(log.frames + 1) + " at byte " + withCommas(pos) +
                                      " has been altered (its length is not possible)");
      break;
    }
    if (c.left() < static_cast<size_t>(payloadSize) + kChainBytes) {
      damaged(RunDamage::Torn, "the file ends inside frame " + std::to_string(log.frames + 1) + " (byte " +
                                   withCommas(pos) + ", events from " + withCommas(first) + ")");
      break;
    }
    const std::string_view head = bytes.substr(pos, kFrameHeadBytes);
    const std::string_view payload = c.bytes(payloadSize);
    const std::string_view stored = c.bytes(kChainBytes);
    const Digest256 chain = chainAfter(log.chain, head, payload);
    const bool chainMatches = std::memcmp(chain.data(), stored.data(), kChainBytes) == 0;
    const std::string frameName = "frame " + std::to_string(log.frames + 1) + " (events " + withCommas(first) + "–" +
                                  withCommas(first + count - (count ? 1 : 0)) + ", byte " + withCommas(pos) + ")";
    // Decode when everything is wanted, for the header, and to name what changed.
    PenSample previous = log.lastSample;
    uint32_t bad = 0;
    std::string why;
    uint64_t badOffset = 0, lastWall = log.lastWallMs;
    std::vector<JournalEvent> decoded;
    const bool needEvents = out || log.frames == 0 || !chainMatches;
    bool eventsOk = true;
    if (needEvents)
      eventsOk = decodeEvents(payload, first, count, pos + kFrameHeadBytes, previous,
                              (out || log.frames == 0) ? &decoded : nullptr, lastWall, bad, why, badOffset);
    if (first != log.eventCount && chainOk) {
      damaged(RunDamage::Altered, frameName + " does not follow on from the frame before (events from " +
                                      withCommas(log.eventCount) + " expected)");
      chainOk = false;
    }
    if (!eventsOk && chainOk) {
      damaged(RunDamage::Altered, alteredEvent(bytes, first + bad, badOffset, why));
      chainOk = false;
      // The header read without its checksum, only to name the field that changed.
      if (first + bad == 0 && log.headerJson.empty()) log.headerJson = firstEventBody(payload);
    } else if (!chainMatches && chainOk) {
      damaged(RunDamage::Altered, frameName + " has been altered: its events do not match the hash chain");
      chainOk = false;
    }
    if (!chainOk) {
      // Go on reading the frames only to find the seal (it names a changed header field).
      log.chain = chain;
      pos += kFrameHeadBytes + payloadSize + kChainBytes;
      ++log.frames;
      continue;
    }
    if (log.frames == 0)
      if (auto problem = takeHeader(decoded, log, name)) return *problem;
    if (out) {
      for (JournalEvent& e : decoded) out->push_back(std::move(e));
    }
    lastPayload = payload;
    lastFirst = first;
    lastCount = count;
    lastPayloadOffset = pos + kFrameHeadBytes;
    log.chain = chain;
    log.lastSample = previous;
    log.lastWallMs = lastWall;
    log.eventCount += count;
    ++log.frames;
    pos += kFrameHeadBytes + payloadSize + kChainBytes;
    log.validBytes = pos;
  }
  // The events were checked by the chain, not decoded: the last frame's give the last time.
  readEnding(log, out, lastPayload, lastFirst, lastCount, lastPayloadOffset);
  if (log.frames == 0 && log.headerJson.empty()) {
    if (log.damage) return makeError(ErrorCode::Format, "the run's header " + *log.damage, {name, 0, 0});
    return makeError(ErrorCode::Format, "the run has no header (the file is cut short)", {name, 0, 0});
  }
  return log;
}

// ---------------------------------------------------------------------------------------------

const char* runVerdictId(RunVerdict v) {
  switch (v) {
    case RunVerdict::Ok: return "ok";
    case RunVerdict::Interrupted: return "interrupted";
    case RunVerdict::UnknownKey: return "unknown-key";
    case RunVerdict::Unsigned: return "unsigned";
    case RunVerdict::Truncated: return "truncated";
    case RunVerdict::Altered: return "altered";
    case RunVerdict::Unreadable: return "unreadable";
  }
  return "unreadable";
}

std::optional<RecordedScore> recordedScore(const std::string& resultJson) {
  if (resultJson.empty()) return std::nullopt;
  const Json root = Json::parse(resultJson, nullptr, false);
  // A case result keeps its score under "summary" (case-json.md); a needling's at the top (score-json.md).
  const Json& j = root.is_object() && root.contains("summary") ? root["summary"] : root;
  if (!j.is_object() || !j.contains("score") || !j["score"].is_number()) return std::nullopt;
  return RecordedScore{j["score"].get<double>(), j.contains("proficient") && j["proficient"].is_boolean() && j["proficient"].get<bool>()};
}

RunCheck checkRun(std::string_view bytes, const std::string& name, const std::vector<PublicKey>& trusted) {
  RunCheck check;
  if (!isRunLog(bytes)) {
    // An mnsim-run/1 file: JSON, no journal, no seal.
    Json j = Json::parse(bytes.begin(), bytes.end(), nullptr, false);
    // Not j.value("format", ...): it throws when the format is not text.
    if (j.is_object() && j.contains("format") && j["format"] == "mnsim-run/1") {
      check.legacy = true;
      check.verdict = RunVerdict::Unsigned;
      check.message = "unsigned: a legacy mnsim-run/1 file (no journal, no seal, no signature); its inputs still score";
      return check;
    }
    check.verdict = RunVerdict::Unreadable;
    check.message = "not a run file (neither mnsim-run/2 nor mnsim-run/1)";
    return check;
  }
  auto read = readRunLog(bytes, name, RunReadDepth::Checks);
  if (!read) {
    check.verdict = RunVerdict::Altered;
    check.message = "altered or damaged: " + read.error().message;
    return check;
  }
  const RunLog& log = *read;
  check.header = log.header;
  check.events = log.eventCount;
  check.chainHex = toHex(log.chain);
  check.resultJson = log.resultJson;
  if (log.seal) {
    check.status = log.seal->status;
    check.keyId = log.seal->key.id();
    check.keyLabel = log.seal->key.label;
  }
  // A changed header field, named by the seal's digests.
  auto headerField = [&]() -> std::string {
    if (!log.seal || log.headerJson.empty()) return {};
    const auto now = headerFieldDigests(log.headerJson);
    for (const auto& [key, digest] : log.seal->headerFields) {
      auto it = now.find(key);
      if (it == now.end() || it->second != digest) return key;
    }
    for (const auto& [key, digest] : now)
      if (!log.seal->headerFields.count(key)) return key;
    return {};
  };
  if (log.damage && log.damageKind != RunDamage::Torn) {
    check.verdict = RunVerdict::Altered;
    check.message = "altered: " + *log.damage;
    if (const std::string field = headerField(); !field.empty())
      check.message = "altered: the header's '" + field + "' has been changed (" + *log.damage + ")";
    return check;
  }
  if (log.damage) {
    check.verdict = RunVerdict::Truncated;
    check.message = "truncated: " + *log.damage + "; " + withCommas(log.eventCount) + " events read before it";
    return check;
  }
  if (!log.seal) {
    check.verdict = RunVerdict::Truncated;
    check.message = "truncated or unfinished: no seal after event " + withCommas(log.eventCount ? log.eventCount - 1 : 0) +
                    " (last input at " + utcText(log.header.startedUnixMs + static_cast<int64_t>(log.lastWallMs)) +
                    "); a recording cut short, or one that never ended (mnsim offers to recover those)";
    return check;
  }
  const RunSealInfo& seal = *log.seal;
  if (seal.events != log.eventCount || seal.frames != log.frames || seal.chainHex != toHex(log.chain)) {
    check.verdict = RunVerdict::Altered;
    check.message = seal.events != log.eventCount
                        ? "altered: the seal counts " + withCommas(seal.events) + " events, the file holds " +
                              withCommas(log.eventCount)
                        : "altered: the events do not match the seal's hash chain (changed and checksummed again)";
    if (const std::string field = headerField(); !field.empty())
      check.message = "altered: the header's '" + field + "' has been changed since the run was sealed";
    return check;
  }
  if (!seal.hasSignature) {
    check.verdict = RunVerdict::Unsigned;
    check.message = "unsigned: the seal carries no signature";
    return check;
  }
  if (!seal.signatureValid) {
    check.verdict = RunVerdict::Altered;
    check.message = "altered: the seal (status, end time, counts or key) does not match its signature";
    return check;
  }
  bool known = false;
  for (const PublicKey& k : trusted) known = known || k.bytes == seal.key.bytes;
  const std::string summary = withCommas(log.eventCount) + " events, " + log.header.kind + " '" +
                              (log.header.kind == "case" ? log.header.scenarioId : log.header.planPath) +
                              "', trainee " + log.header.trainee.id + ", signed by key " + seal.key.id() +
                              (seal.key.label.empty() ? "" : " (" + seal.key.label + ")");
  if (!known) {
    check.verdict = RunVerdict::UnknownKey;
    check.message = "signed by an unknown key " + seal.key.id() +
                    (seal.key.label.empty() ? "" : " ('" + seal.key.label + "')") +
                    ": the signature is sound, but the key is not trusted here (mnsim keys trust FILE)";
    return check;
  }
  const std::string gaps = seal.gaps == 0 ? ""
                           : seal.gaps == 1 ? "the recording stopped once (a crash) and went on after a gap"
                                            : "the recording stopped " + std::to_string(seal.gaps) +
                                                  " times (crashes) and went on after each gap";
  if (seal.status == "interrupted") {
    check.verdict = RunVerdict::Interrupted;
    check.message = "interrupted: the recording stopped (a crash) and the run was closed at " +
                    utcText(seal.endedUnixMs) + " without going on; " + summary;
    if (!gaps.empty()) check.notes.push_back(gaps);
    return check;
  }
  check.verdict = RunVerdict::Ok;
  check.message = "ok: " + seal.status + ", " + summary;
  if (seal.status == "stopped") check.notes.push_back("the trainee left before the end of the case");
  if (!gaps.empty()) check.notes.push_back(gaps);
  return check;
}

RunCheck checkRunFile(const std::string& path, const std::vector<PublicKey>& trusted) {
  auto bytes = readFile(path, "run file");
  if (!bytes) {
    RunCheck check;
    check.verdict = RunVerdict::Unreadable;
    check.message = bytes.error().message;
    return check;
  }
  return checkRun(*bytes, path, trusted);
}

}  // namespace mnsim
