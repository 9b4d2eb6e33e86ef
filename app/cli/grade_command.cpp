// mnsim grade DIR|RUN... [--csv F] [--html F] [--json F]  (docs/formats/cohort.md)
#include <unistd.h>

#include <chrono>
#include <cmath>
#include <cstdio>
#include <iostream>

#include <mnsim/base/files.h>
#include <mnsim/report/cohort.h>

#include "cli/commands.h"
#include "core/cohort_grading.h"
#include "core/process_memory.h"
#include "core/run_store.h"
#include "core/station.h"

namespace mnsim::app {

namespace {

// A bar on the terminal while a long cohort grades: redrawn at most ten times a second, wiped
// at the end; nothing when standard error is not a terminal (scripts, CI logs).
class ProgressBar {
 public:
  ProgressBar() : m_shown(isatty(STDERR_FILENO)), m_start(std::chrono::steady_clock::now()) {}
  void update(size_t done, size_t total) {
    if (!m_shown) return;
    const auto now = std::chrono::steady_clock::now();
    if (done < total && now - m_last < std::chrono::milliseconds(100)) return;
    m_last = now;
    const int width = 30, filled = total ? static_cast<int>(width * done / total) : width;
    const double seconds = std::chrono::duration<double>(now - m_start).count();
    std::fprintf(stderr, "\rgrading [%s%s] %zu/%zu runs, %.0f s ", std::string(filled, '#').c_str(),
                 std::string(width - filled, '.').c_str(), done, total, seconds);
    std::fflush(stderr);
  }
  ~ProgressBar() {
    if (m_shown) std::fprintf(stderr, "\r%s\r", std::string(72, ' ').c_str());
  }

 private:
  bool m_shown;
  std::chrono::steady_clock::time_point m_start, m_last{};
};

std::optional<std::string> readRule(const ParsedArgs& args, LcCusumRule& rule) {
  const std::pair<const char*, double*> values[] = {{"lc-acceptable", &rule.acceptableFailure},
                                                     {"lc-unacceptable", &rule.unacceptableFailure},
                                                     {"lc-limit", &rule.limit}};
  for (const auto& [name, target] : values) {
    if (!args.has(name)) continue;
    char* end = nullptr;
    const std::string text = args.get(name);
    const double v = std::strtod(text.c_str(), &end);
    if (text.empty() || *end != '\0' || !std::isfinite(v) || v <= 0.0)
      return std::string("--") + name + " must be a number above 0, found '" + text + "'";
    *target = v;
  }
  if (rule.acceptableFailure >= rule.unacceptableFailure || rule.unacceptableFailure >= 1.0)
    return "the LC-CUSUM failure rates must satisfy 0 < --lc-acceptable < --lc-unacceptable < 1";
  return std::nullopt;
}

void printSummary(const Cohort& cohort) {
  size_t scored = 0;
  for (const CohortRun& r : cohort.runs) scored += r.scored ? 1 : 0;
  std::cout << cohort.runs.size() << " runs, " << scored << " graded, " << cohort.curves.size() << " learning curves\n";
  for (const LearningCurve& c : cohort.curves) {
    std::cout << "  " << (c.traineeName.empty() ? c.traineeId : c.traineeName) << " (" << c.traineeId << ") · "
              << c.caseTitle << ": " << c.runs.size() << " attempt" << (c.runs.size() == 1 ? "" : "s") << ", ";
    if (c.proficientAt)
      std::cout << "proficient at attempt " << c.proficientAt << "\n";
    else
      std::cout << "not yet proficient\n";
  }
  for (const CohortRun& r : cohort.runs) {
    if (r.scored) continue;
    // The message may name the file or the verdict already ("altered: ...", "FILE:1:2: error: ...").
    std::string line = r.message;
    if (line.rfind(r.verify + ":", 0) != 0 && line.rfind(r.file + ":", 0) != 0) line = r.verify + ": " + line;
    if (line.rfind(r.file + ":", 0) != 0) line = r.file + ": " + line;
    std::cout << "  not graded: " << line << "\n";
  }
}

int runGrade(const ParsedArgs& args, const CliContext& context) {
  const CommandSpec& spec = gradeCommand().spec;
  const bool fromStore = args.has("from-store");
  if (args.positionals.empty() && !fromStore)
    return printUsageError(spec, "name at least one folder of runs or RUN file (or grade the store's: --from-store)");
  if (!args.positionals.empty() && fromStore) return printUsageError(spec, "give either folders and runs or --from-store, not both");
  if (!fromStore && (args.has("store") || args.has("trainee") || args.has("case")))
    return printUsageError(spec, "--store, --trainee and --case go with --from-store");
  GradeOptions options;
  if (auto problem = readRule(args, options.rule)) return printUsageError(spec, *problem);
  if (args.has("jobs")) {
    const std::string text = args.get("jobs");
    char* end = nullptr;
    const long n = std::strtol(text.c_str(), &end, 10);
    if (text.empty() || *end != '\0' || n < 1 || n > 256)
      return printUsageError(spec, "--jobs must be a whole number from 1 to 256, found '" + text + "'");
    options.threads = static_cast<unsigned>(n);
  }
  std::vector<std::string> files;
  std::unique_ptr<Store> store;
  if (fromStore) {
    auto opened = openStationStore(args.get("store"));
    if (!opened) return reportError(opened.error());
    store = std::move(*opened);
  } else {
    std::vector<std::string> missing;
    files = findRunFiles(args.positionals, missing);
    for (const std::string& m : missing) std::cerr << m << ": error: no such file or folder\n";
    if (!missing.empty()) return 1;
    if (files.empty()) {
      std::cerr << "mnsim grade: no run files (*.mnrun) in " << args.positionals.front()
                << (args.positionals.size() > 1 ? " and the rest" : "") << "\n";
      return 1;
    }
  }
  auto trusted = trustedKeys(args.get("trusted-keys"));
  if (!trusted) return reportError(trusted.error());
  options.trusted = std::move(*trusted);
  options.search = defaultAssetSearch(context.executablePath);
  options.scenarioPath = args.get("scenario");
  keepFreedMemoryForReuse();
  Cohort cohort;
  {
    ProgressBar bar;
    options.progress = [&bar](size_t done, size_t total) { bar.update(done, total); };
    if (store) {
      auto graded = gradeStoredRuns(*store, {args.get("trainee"), args.get("case"), 0}, options);
      if (!graded) return reportError(graded.error());
      cohort = std::move(*graded);
    } else {
      cohort = gradeRuns(files, options);
    }
  }
  const std::pair<const char*, std::string (*)(const Cohort&)> forms[] = {
      {"csv", cohortToCsv}, {"json", cohortToJson}, {"html", cohortToHtml}};
  bool wrote = false;
  for (const auto& [name, write] : forms) {
    if (!args.has(name)) continue;
    if (auto status = writeFileAtomic(args.get(name), write(cohort), "cohort", FileAccess::OwnerOnly); !status)
      return reportError(status.error());
    wrote = true;
  }
  if (!wrote || args.has("summary")) printSummary(cohort);
  for (const CohortRun& r : cohort.runs)
    if (!r.scored) return 1;
  return 0;
}

}  // namespace

const Command& gradeCommand() {
  static const Command command{
      {"grade",
       "Grade a cohort: every run scored again, learning curves, LC-CUSUM proficiency",
       "mnsim grade DIR|RUN...|--from-store [--csv F] [--html F] [--json F] [--scenario S] [--jobs N]",
       "Reads every run (*.mnrun) in the folders given (and their subfolders) and the RUN files\n"
       "given, checks each ('mnsim verify') and scores it again from its recorded inputs, on all\n"
       "cores. Per trainee and case, the attempts in the order they were made form a learning\n"
       "curve: score and each required metric, and the LC-CUSUM rule (docs/formats/cohort.md),\n"
       "which says whether and at which attempt the trainee was declared proficient.\n"
       "--csv writes one row per run, --json the whole cohort (mnsim-cohort/1), --html a page with\n"
       "the curves as charts; without any of them a summary is printed. Files are written\n"
       "readable by their owner only. A run that is altered, unreadable or cannot be scored is\n"
       "listed as such in every form, and the exit code is then 1 (0 when every run was graded).\n"
       "--from-store grades the runs kept in the store instead (optionally one trainee's or case's).",
       {{"csv", "F", "write one row per run (CSV, RFC 4180)"},
        {"json", "F", "write the cohort as JSON (mnsim-cohort/1)"},
        {"html", "F", "write a self-contained page with the learning curves as charts"},
        {"summary", "", "print the summary too when writing files"},
        {"scenario", "S", "the scenario for case runs whose own is not where they say"},
        {"trusted-keys", "DIR", "accept signatures only by the public keys (*.pub) in DIR"},
        {"from-store", "", "grade the runs in the store (docs/store.md) instead of files"},
        {"store", "PATH", "with --from-store: the store's file (default: the data folder's)"},
        {"trainee", "ID", "with --from-store: only this trainee's runs"},
        {"case", "ID", "with --from-store: only this case's runs"},
        {"jobs", "N", "grade on N threads (default: every core)"},
        {"lc-acceptable", "P", "LC-CUSUM acceptable failure rate (default 0.10)"},
        {"lc-unacceptable", "P", "LC-CUSUM unacceptable failure rate (default 0.40)"},
        {"lc-limit", "H", "LC-CUSUM decision limit (default 2.5)"}},
       1 << 20,
       "DIR|RUN",
       {"mnsim grade ~/.local/share/mnsim/runs --csv cohort.csv --html cohort.html",
        "mnsim grade runs/ --json cohort.json --summary"}},
      runGrade};
  return command;
}

}  // namespace mnsim::app
