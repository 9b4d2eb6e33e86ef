// mnsim verify RUN... [--trusted-keys DIR] [--json]  (product.md §4.6, docs/formats/run.md)
#include <iostream>

#include <nlohmann/json.hpp>

#include <mnsim/runs/run_log.h>

#include "cli/commands.h"
#include "core/station.h"

namespace mnsim::app {

namespace {

int runVerify(const ParsedArgs& args, const CliContext&) {
  const CommandSpec& spec = verifyCommand().spec;
  if (args.positionals.empty()) return printUsageError(spec, "name at least one RUN file");
  auto trusted = trustedKeys(args.get("trusted-keys"));
  if (!trusted) return reportError(trusted.error());
  bool allOk = true;
  nlohmann::ordered_json list = nlohmann::ordered_json::array();
  for (const std::string& path : args.positionals) {
    const RunCheck check = checkRunFile(path, *trusted);
    allOk = allOk && check.verdict == RunVerdict::Ok;
    if (args.has("json")) {
      nlohmann::ordered_json j;
      j["run"] = path;
      j["verdict"] = runVerdictId(check.verdict);
      j["message"] = check.message;
      j["notes"] = check.notes;
      j["legacy"] = check.legacy;
      j["status"] = check.status;
      j["events"] = check.events;
      j["key_id"] = check.keyId;
      j["chain"] = check.chainHex;
      if (check.header) {
        j["trainee"] = {{"id", check.header->trainee.id}, {"name", check.header->trainee.name},
                        {"cohort", check.header->trainee.cohort}};
        j["mode"] = check.header->mode;
        j["station"] = check.header->stationId;
        j["started_utc"] = utcText(check.header->startedUnixMs);
      }
      list.push_back(j);
      continue;
    }
    std::cout << path << ": " << check.message << "\n";
    for (const std::string& note : check.notes) std::cout << "  note: " << note << "\n";
  }
  if (args.has("json")) std::cout << list.dump(1) << "\n";
  return allOk ? 0 : 1;
}

}  // namespace

const Command& verifyCommand() {
  static const Command command{
      {"verify",
       "Check that runs are whole, unaltered and signed by a trusted key",
       "mnsim verify RUN... [--trusted-keys DIR] [--json]",
       "For each run prints 'ok' and what it is, or exactly what is wrong: altered (which event,\n"
       "frame or header field), truncated or never finished, unsigned (mnsim-run/1 files are),\n"
       "signed by a key that is not trusted here, or interrupted (a crash, closed without going\n"
       "on). Trusted keys: this station's own and those in the config folder's trusted-keys/\n"
       "('mnsim keys trust FILE'), or exactly those in --trusted-keys DIR.\n"
       "The exit code is 0 only when every run is ok.",
       {{"trusted-keys", "DIR", "accept signatures only by the public keys (*.pub) in DIR"},
        {"json", "", "print the findings as a JSON list"}},
       1 << 20,
       "RUN",
       {"mnsim verify ~/.local/share/mnsim/runs/*.mnrun",
        "mnsim verify run.mnrun --trusted-keys academy-keys/"}},
      runVerify};
  return command;
}

}  // namespace mnsim::app
