// mnsim report RUN [--review R] [--scenario S] --format json|csv [--out FILE]  (docs/formats/report.md)
#include <fstream>
#include <iostream>

#include <mnsim/base/files.h>
#include <mnsim/report/report_data.h>
#include <mnsim/report/report_html.h>
#include <mnsim/review/review.h>
#include <mnsim/skin/asset_loader.h>

#include "cli/commands.h"
#include "core/process_memory.h"
#include "core/report_pictures.h"
#include "core/run_opening.h"
#include "core/run_store.h"
#include "core/station.h"

namespace mnsim::app {

namespace {

int runReport(const ParsedArgs& args, const CliContext& context) {
  const CommandSpec& spec = reportCommand().spec;
  if (args.positionals.empty()) return printUsageError(spec, "name the RUN file to report on");
  const std::string format = args.get("format", "html");
  if (format != "html" && format != "json" && format != "csv")
    return printUsageError(spec, "--format must be html, json or csv, found '" + format + "'");
  if (format == "html" && !args.has("out"))
    return printUsageError(spec, "the HTML report goes to a file: give --out REPORT.html");
  auto trusted = trustedKeys(args.get("trusted-keys"));
  if (!trusted) return reportError(trusted.error());
  std::string runPath = args.positionals.front();
  if (isStoredRunKey(runPath)) {  // store:KEY: the stored run and its reviews, written out to read
    auto file = storedRunFile(runPath.substr(std::string(kStoredRunPrefix).size()), args.get("store"));
    if (!file) return reportError(file.error());
    runPath = *file;
  }
  keepFreedMemoryForReuse();
  ReviewChoice choice;
  choice.given = args.get("review");
  choice.none = args.has("no-review");
  auto reported = openRunReport(runPath, args.get("scenario"), defaultAssetSearch(context.executablePath), *trusted, choice);
  if (!reported) return reportError(reported.error());
  for (const std::string& w : reported->warnings) std::cerr << w << "\n";
  const RunReport& report = reported->report;
  std::string text;
  if (format == "html") {
    ReportPictures pictures;
    std::string error;
    if (!makeReportPictures(*reported->opened->replay, report, pictures, error))
      return reportError(makeError(ErrorCode::Io, "the report's pictures cannot be drawn: " + error, {runPath, 0, 0}));
    text = reportToHtml(report, pictures);
  } else {
    text = format == "json" ? reportToJson(report) : reportToCsv(report);
  }
  return printOrWriteOut(args, text, "report");
}

}  // namespace

const Command& reportCommand() {
  static const Command command{
      {"report",
       "Write a run's report: result, zones, faults, steps, charts' data and the review",
       "mnsim report RUN|store:KEY [--review R] [--scenario S] [--format html|json|csv] --out FILE",
       "Replays the run from its inputs (as 'mnsim score' and 'mnsim replay' do) and writes its report\n"
       "(docs/formats/report.md): who, what and when, the verify status, the score and what kept it\n"
       "from proficiency, the phases, each zone, every fault and critical-error episode with its time\n"
       "and place on the skin, the case steps with answers and feedback, hand speed, dial depth and\n"
       "angle over time, and the review: the one given with --review, else the newest beside the run.\n"
       "The HTML form (the default) is one self-contained page with pictures of the face and charts,\n"
       "drawn without a display; --format json writes the same as one JSON object (mnsim-report/1),\n"
       "csv as rows of section, item, field, value.\n"
       "Report files are written readable by their owner only: they hold what a run says of a person.\n"
       "RUN is a run file, or store:KEY for a run in a store (--store; default this station's): KEY is its\n"
       "hash, its first 8 or more hex digits, or its name as 'mnsim store list' and 'mnsim grade' give it.",
       {{"format", "F", "html (default), json or csv"},
        {"review", "R", "the review to include (default: the newest beside the run)"},
        {"store", "PATH|URL", "with RUN as store:KEY, the store it is in (default: this station's)"},
        {"no-review", "", "leave any review out"},
        {"scenario", "S", "the run's scenario, when it is not where the run says"},
        {"trusted-keys", "DIR", "accept signatures only by the public keys (*.pub) in DIR"},
        {"out", "FILE", "write the report here instead of standard output"}},
       1,
       "RUN",
       {"mnsim report run.mnrun --out report.html",
        "mnsim report run.mnrun --format json --out report.json",
        "mnsim report run.mnrun --format csv --out report.csv"}},
      runReport};
  return command;
}

}  // namespace mnsim::app
