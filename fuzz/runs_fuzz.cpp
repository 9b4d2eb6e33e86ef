// libFuzzer target for the run readers (docs/formats/run.md): the journal reader at both depths
// (readRunLog), verification (checkRun, one trusted key), parseRun (either format) and, for a
// journal that reads, runFromLog. A crash, a sanitizer report or a hang is a finding.
//
// Most changes to a journal only reach the checks that find them: an event's CRC-32, a frame's
// hash chain, the seal's signature. So each mnsim-run/2 input is also read a second time with
// those made whole again (every event's CRC, every frame's chain and "first event" field, the
// seal re-signed with the fuzz key): the decoding of events, samples and their JSON and the
// verdicts past the checks are fuzzed as well. Build and run: see fuzz/README.md.
#include <mnsim/runs/run_file.h>
#include <mnsim/runs/run_journal.h>
#include <mnsim/runs/run_log.h>

#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

#include "fuzz_key.h"
#include "runs/run_codec.h"  // engine/src: the frame and event layout

namespace {

using namespace mnsim;
using namespace mnsim::runcodec;

const std::vector<PublicKey>& trustedKeys() {
  static const std::vector<PublicKey> keys{fuzz::fuzzKey().publicKey()};
  return keys;
}

uint32_t getU32(const std::string& b, size_t at) {
  uint32_t v = 0;
  for (int i = 0; i < 4; ++i)
    v |= static_cast<uint32_t>(static_cast<unsigned char>(b[at + i])) << (8 * i);
  return v;
}

void setU32(std::string& b, size_t at, uint32_t v) {
  for (int i = 0; i < 4; ++i) b[at + i] = static_cast<char>(v >> (8 * i));
}

void setU64(std::string& b, size_t at, uint64_t v) {
  for (int i = 0; i < 8; ++i) b[at + i] = static_cast<char>(v >> (8 * i));
}

// The journal with its checks made to pass again: what the readers see after the checks.
// Stops mending at the first frame or seal whose layout does not read; "" when nothing changed.
std::string mend(std::string_view input) {
  std::string b(input);
  Digest256 chain = blake2b256({kFirstLine});
  uint64_t events = 0;
  size_t pos = kFirstLine.size();
  while (b.size() - pos >= 8) {
    const uint32_t magic = getU32(b, pos);
    if (magic == kSealMagic) {
      const uint32_t size = getU32(b, pos + 4);
      const size_t json = pos + kSealHeadBytes;
      const size_t marker = json + size;
      if (size > b.size() - json || b.size() - marker < 1 + sizeof(SignatureBytes) ||
          b[marker] != 1)
        break;
      const SignatureBytes sig = fuzz::fuzzKey().sign(sealMessage(b.substr(json, size)));
      std::memcpy(&b[marker + 1], sig.data(), sig.size());
      break;
    }
    if (magic != kFrameMagic || b.size() - pos < kFrameHeadBytes) break;
    const uint32_t payloadSize = getU32(b, pos + 4);
    const uint32_t count = getU32(b, pos + 16);
    const size_t payloadAt = pos + kFrameHeadBytes;
    if (payloadSize > b.size() - payloadAt || b.size() - payloadAt - payloadSize < kChainBytes)
      break;
    setU64(b, pos + 8, events);
    // Each event's CRC-32, where the event's layout reads (kind, wall ms, length, body, CRC).
    Cursor c(std::string_view(b).substr(payloadAt, payloadSize));
    for (uint32_t i = 0; i < count; ++i) {
      const unsigned char* start = c.p;
      c.u8();
      c.varint();
      const uint64_t size = c.varint();
      if (c.bad || size > c.left()) break;
      c.bytes(static_cast<size_t>(size));
      if (c.left() < 4) break;
      const size_t at = static_cast<size_t>(c.p - reinterpret_cast<const unsigned char*>(b.data()));
      setU32(b, at,
             crc32(std::string_view(reinterpret_cast<const char*>(start),
                                    static_cast<size_t>(c.p - start))));
      c.u32();
    }
    const std::string_view head = std::string_view(b).substr(pos, kFrameHeadBytes);
    const std::string_view payload = std::string_view(b).substr(payloadAt, payloadSize);
    chain = chainAfter(chain, head, payload);
    std::memcpy(&b[payloadAt + payloadSize], chain.data(), kChainBytes);
    events += count;
    pos = payloadAt + payloadSize + kChainBytes;
  }
  return b == input ? std::string() : b;
}

void readAll(std::string_view bytes) {
  for (RunReadDepth depth : {RunReadDepth::Everything, RunReadDepth::Checks}) {
    auto log = readRunLog(bytes, "fuzz", depth);
    if (!log) {
      (void)log.error().format();
      continue;
    }
    (void)toHex(log->chain);
    if (depth == RunReadDepth::Everything) {
      for (const JournalEvent& e : log->events) (void)runEventKindName(e.kind);
      auto run = runFromLog(*log);
      if (!run) (void)run.error().format();
    }
  }
  const RunCheck check = checkRun(bytes, "fuzz", trustedKeys());
  (void)runVerdictId(check.verdict);
  auto run = parseRun(bytes, "fuzz");
  if (!run) (void)run.error().format();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  readAll(bytes);
  if (isRunLog(bytes))
    if (const std::string mended = mend(bytes); !mended.empty()) readAll(mended);
  return 0;
}
