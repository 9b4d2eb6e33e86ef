// mnsim xapi RUN [--review R] [--lrs URL --user U --password-file F]  (docs/formats/xapi.md)
#include <cstdlib>
#include <fstream>
#include <iostream>

#include <nlohmann/json.hpp>

#include <mnsim/base/files.h>
#include <mnsim/base/version.h>
#include <mnsim/report/xapi.h>
#include <mnsim/runs/run_log.h>

#include "cli/commands.h"
#include "core/lrs_client.h"
#include "core/run_opening.h"
#include "core/run_store.h"
#include "core/station.h"

namespace mnsim::app {

namespace {

// The store's password: --password-file (its first line), else MNSIM_LRS_PASSWORD, else
// --password (visible to other users in the process list; the help says so).
std::optional<std::string> lrsPassword(const ParsedArgs& args, std::string& problem) {
  if (args.has("password-file")) {
    auto text = readFile(args.get("password-file"), "password file");
    if (!text) {
      problem = text.error().format();
      return std::nullopt;
    }
    std::string line = text->substr(0, text->find_first_of("\r\n"));
    return line;
  }
  if (const char* env = std::getenv("MNSIM_LRS_PASSWORD")) return std::string(env);
  if (args.has("password")) return args.get("password");
  problem = "give the store's password with --password-file F or MNSIM_LRS_PASSWORD";
  return std::nullopt;
}

int sendToStore(const ParsedArgs& args, const std::string& statements) {
  const CommandSpec& spec = xapiCommand().spec;
  LrsTarget target;
  target.endpoint = args.get("lrs");
  target.user = args.get("user");
  std::string problem;
  auto password = lrsPassword(args, problem);
  if (!password) {
    if (problem.find(": error: ") != std::string::npos) {
      std::cerr << problem << "\n";
      return 1;
    }
    return printUsageError(spec, problem);
  }
  target.password = *password;
  const size_t count = nlohmann::json::parse(statements).size();
  const LrsAnswer answer = sendStatements(target, statements, [](int attempt, const std::string& why) {
    std::cerr << "mnsim xapi: " << why << "; trying again (attempt " << attempt << ")\n";
  });
  if (!answer.ok) {
    std::cerr << "mnsim xapi: the learning record store did not take the statements (" << answer.attemptsMade
              << " attempt" << (answer.attemptsMade == 1 ? "" : "s") << "): " << answer.problem << "\n";
    return 1;
  }
  std::cout << "sent " << count << " statements to " << target.endpoint << " (HTTP " << answer.status << ")\n";
  return 0;
}

int runXapi(const ParsedArgs& args, const CliContext& context) {
  const CommandSpec& spec = xapiCommand().spec;
  if (args.positionals.empty()) return printUsageError(spec, "name the RUN file to make statements of");
  if (args.has("lrs")) {
    const std::string url = args.get("lrs");
    if (url.rfind("http://", 0) != 0 && url.rfind("https://", 0) != 0)
      return printUsageError(spec, "--lrs must be an http:// or https:// address, found '" + url + "'");
    if (!args.has("user")) return printUsageError(spec, "--lrs needs --user U (and the password: --password-file F)");
    if (args.has("out")) return printUsageError(spec, "give either --lrs or --out, not both");
  } else if (args.has("user") || args.has("password") || args.has("password-file")) {
    return printUsageError(spec, "--user and the password go with --lrs URL");
  }
  auto trusted = trustedKeys(args.get("trusted-keys"));
  if (!trusted) return reportError(trusted.error());
  std::string runPath = args.positionals.front();
  if (isStoredRunKey(runPath)) {  // store:KEY: the stored run and its reviews, written out to read
    auto file = storedRunFile(runPath.substr(std::string(kStoredRunPrefix).size()), args.get("store"));
    if (!file) return reportError(file.error());
    runPath = *file;
  }
  // Evidence first: an altered run makes no statements (even one too damaged to replay).
  const RunCheck check = checkRunFile(runPath, *trusted);
  if (check.verdict == RunVerdict::Altered || check.verdict == RunVerdict::Unreadable)
    return reportError(makeError(ErrorCode::Value,
                                 "the run is " + std::string(runVerdictId(check.verdict)) + " (" + check.message +
                                     "): statements are made only of runs that verify",
                                 {runPath, 0, 0}));
  ReviewChoice choice;
  choice.given = args.get("review");
  choice.none = args.has("no-review");
  choice.signedOnly = true;
  auto reported = openRunReport(runPath, args.get("scenario"), defaultAssetSearch(context.executablePath), *trusted, choice);
  if (!reported) return reportError(reported.error());
  if (reported->report.traineeId.empty())
    return reportError(makeError(ErrorCode::Value, "the run names no trainee id, so there is no one to make statements of",
                                 {runPath, 0, 0}));
  XapiOptions options;
  options.platform = std::string("mnsim ") + mnsimVersion();
  if (args.has("account-home")) options.accountHomePage = args.get("account-home");
  if (args.has("activity-base")) options.activityBase = args.get("activity-base");
  const std::string statements = runToXapi(reported->report, options);
  if (args.has("lrs")) return sendToStore(args, statements);
  return printOrWriteOut(args, statements, "statements");
}

}  // namespace

const Command& xapiCommand() {
  static const Command command{
      {"xapi",
       "Make a run's xAPI 1.0.3 statements, print them or send them to a learning record store",
       "mnsim xapi RUN|store:KEY [--review R] [--out F] [--lrs URL --user U --password-file F]",
       "Replays the run from its inputs and makes its xAPI statements (docs/formats/xapi.md): the\n"
       "attempt in cmi5's verbs (launched, initialized, completed, passed or failed, terminated;\n"
       "abandoned when the run was cut short), one 'answered' per answered step and one\n"
       "'completed' per procedure with its coverage, depth compliance, speed, angle and critical\n"
       "errors, and with a signed review (the one given, else the newest signed one beside the run)\n"
       "the assessor's 'scored'. The actor is the trainee's id as an account; ids and timestamps\n"
       "come from the run, so the same run always gives the same statements.\n"
       "Without --lrs the statements are printed as one JSON array (or written to --out).\n"
       "With --lrs they are POSTed to URL/statements with HTTP Basic authentication, tried up to 4\n"
       "times when the store cannot be reached or answers 429 or 5xx; a refusal says what the\n"
       "store answered. Altered runs are refused. The password comes from --password-file F or\n"
       "the environment variable MNSIM_LRS_PASSWORD; --password P works too, but other users of\n"
       "the machine can read a command line.\n"
       "RUN is a run file, or store:KEY for a run in a store (--store; default this station's): KEY is its\n"
       "hash, its first 8 or more hex digits, or its name as 'mnsim store list' and 'mnsim grade' give it.",
       {{"review", "R", "the signed review to include (default: the newest signed one beside the run)"},
        {"store", "PATH|URL", "with RUN as store:KEY, the store it is in (default: this station's)"},
        {"no-review", "", "leave any review out"},
        {"scenario", "S", "the run's scenario, when it is not where the run says"},
        {"trusted-keys", "DIR", "accept signatures only by the public keys (*.pub) in DIR"},
        {"out", "F", "write the statements to F instead of standard output"},
        {"lrs", "URL", "the learning record store's xAPI endpoint (http:// or https://)"},
        {"user", "U", "the store's user (its key)"},
        {"password-file", "F", "a file whose first line is the store's password (its secret)"},
        {"password", "P", "the store's password on the command line (prefer --password-file)"},
        {"account-home", "IRL", "the trainee account's homePage (default https://mnsim.invalid/trainees)"},
        {"activity-base", "IRI", "the base of activity ids (default urn:mnsim)"}},
       1,
       "RUN",
       {"mnsim xapi run.mnrun --out statements.json",
        "mnsim xapi run.mnrun --lrs https://lrs.academy.example/xapi/ --user station-3 --password-file ~/.lrs-secret",
        "mnsim xapi run.mnrun --account-home https://academy.example/people --activity-base https://academy.example/mnsim"}},
      runXapi};
  return command;
}

}  // namespace mnsim::app
