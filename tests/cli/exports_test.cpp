// Reports, cohorts and learning records checked by software someone else wrote: the HTML report
// opened in headless Chromium (Debian's, driven by playwright-core), the xAPI statements checked
// by an xAPI validator and sent to a local statement endpoint (tests/js, installed by the set-up).
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <filesystem>
#include <map>
#include <set>
#include <thread>
#include <tuple>
#include <vector>
#include <fstream>
#include <string>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "command_run.h"
#include "render_support.h"

namespace {

namespace fs = std::filesystem;
using mnsim::testing::CommandRun;
using mnsim::testing::Image;

const std::string kSource = MNSIM_SOURCE_DIR;
const std::string kTools = kSource + "/tests/js";

CommandRun mnsim(const std::string& args) {
  return mnsim::testing::runCommand("cd '" + kSource + "' && '" + MNSIM_EXE + "' " + args);
}
CommandRun node(const std::string& script, const std::string& args) {
  return mnsim::testing::runCommand("cd '" + kTools + "' && node '" + script + "' " + args);
}

fs::path scratch(const std::string& name) {
  const fs::path dir = fs::temp_directory_path() / ("mnsim_exports_" + std::to_string(getpid()));
  fs::create_directories(dir);
  return dir / name;
}

struct Box {
  int x = 0, y = 0, width = 0, height = 0;
};
Box boxOf(const nlohmann::json& j) {
  return {static_cast<int>(j["x"].get<double>()), static_cast<int>(j["y"].get<double>()),
          static_cast<int>(j["width"].get<double>()), static_cast<int>(j["height"].get<double>())};
}

// Pixels inside the box for which `pick` holds.
template <class Pick>
int countPixels(const Image& image, Box box, Pick pick) {
  int n = 0;
  for (int y = std::max(0, box.y); y < std::min(image.height, box.y + box.height); ++y)
    for (int x = std::max(0, box.x); x < std::min(image.width, box.x + box.width); ++x)
      if (pick(image.at(x, y))) ++n;
  return n;
}

// What Chromium made of a report: its screenshot and the facts the script gathered.
struct BrowserView {
  CommandRun run;
  Image shot;
  nlohmann::json facts;
};
BrowserView openInChromium(const fs::path& html, const std::string& name) {
  BrowserView view;
  const fs::path shot = scratch(name + ".png"), facts = scratch(name + ".json");
  std::string args;
  for (const fs::path& p : {html, shot, facts}) args += " '" + p.string() + "'";
  view.run = node("report_in_browser.mjs", args);
  view.shot = mnsim::testing::load(shot.string());
  view.facts = nlohmann::json::parse(mnsim::testing::readFile(facts), nullptr, false);
  return view;
}

TEST(Exports, TheHtmlReportOpensInChromiumWithItsFaceAndChartsDrawnAndNothingFetched) {
  const fs::path run = scratch("report.mnrun"), html = scratch("report.html");
  ASSERT_EQ(mnsim("record --scenario scenarios/fine_lines.yaml --answers scenarios/answers/fine_lines.mistakes.yaml "
                  "--trainee-id T-0042 --trainee-name 'Ana Silva' --out '" + run.string() + "'").exitCode, 0);
  const CommandRun report = mnsim("report '" + run.string() + "' --out '" + html.string() + "'");
  ASSERT_EQ(report.exitCode, 0) << report.err;

  const BrowserView view = openInChromium(html, "report");
  ASSERT_EQ(view.run.exitCode, 0) << view.run.err;
  ASSERT_FALSE(view.facts.is_discarded());
  EXPECT_TRUE(view.facts["console"].empty()) << view.facts["console"].dump();
  EXPECT_TRUE(view.facts["pageErrors"].empty()) << view.facts["pageErrors"].dump();
  EXPECT_TRUE(view.facts["requests"].empty()) << "a self-contained report fetches nothing: " << view.facts["requests"].dump();
  EXPECT_NE(view.facts["title"].get<std::string>().find("Ana Silva"), std::string::npos);
  ASSERT_GT(view.shot.width, 0);

  // The face picture: loaded, and on the screenshot a head drawn on its background: a good part
  // of the frame differs from the background (its corner), much of it skin (warm, red above blue).
  ASSERT_TRUE(view.facts["face"].is_object());
  EXPECT_TRUE(view.facts["face"]["loaded"].get<bool>());
  Box face = boxOf(view.facts["face"]);
  ASSERT_GT(face.width * face.height, 200 * 150);
  face = {face.x + 3, face.y + 3, face.width - 6, face.height - 6};  // inside its border
  const std::array<int, 3> background = view.shot.at(face.x, face.y);
  const int drawn = countPixels(view.shot, face, [&](std::array<int, 3> p) {
    return std::abs(p[0] - background[0]) + std::abs(p[1] - background[1]) + std::abs(p[2] - background[2]) > 30;
  });
  const int skin = countPixels(view.shot, face, [](std::array<int, 3> p) {
    return p[0] > p[2] + 40 && p[0] > p[1] + 15 && p[0] > 120;
  });
  const int area = face.width * face.height;
  EXPECT_GT(drawn, area / 5) << "the head drawn in the face picture";
  EXPECT_GT(skin, area / 10) << "skin in the face picture";

  // The chart: the series' blue line and the band's green drawn inside it.
  ASSERT_TRUE(view.facts["chart"].is_object());
  const Box chart = boxOf(view.facts["chart"]);
  const int line = countPixels(view.shot, chart, [](std::array<int, 3> p) {
    return std::abs(p[0] - 0x1f) < 40 && std::abs(p[1] - 0x6f) < 40 && std::abs(p[2] - 0xb0) < 40;
  });
  const int band = countPixels(view.shot, chart, [](std::array<int, 3> p) {
    return std::abs(p[0] - 0xcf) < 8 && std::abs(p[1] - 0xe8) < 8 && std::abs(p[2] - 0xd2) < 8;
  });
  EXPECT_GT(line, 300) << "the series line";
  EXPECT_GT(band, 2000) << "the band";
}

// The same check sees what it must: a page that fetches something and logs an error is caught.
TEST(Exports, TheBrowserCheckCatchesARequestAndAConsoleError) {
  const fs::path html = scratch("leaky.html");
  std::ofstream(html) << "<!DOCTYPE html><html><head><title>t</title></head><body>"
                         "<figure><img src=\"http://127.0.0.1:9/face.png\"></figure>"
                         "<script>console.error('broken')</script></body></html>";
  const BrowserView view = openInChromium(html, "leaky");
  ASSERT_EQ(view.run.exitCode, 0) << view.run.err;
  ASSERT_EQ(view.facts["requests"].size(), 1u) << view.facts.dump();
  EXPECT_EQ(view.facts["requests"][0], "http://127.0.0.1:9/face.png");
  bool logged = false;
  for (const auto& m : view.facts["console"]) logged |= m["type"] == "error" && m["text"] == "broken";
  EXPECT_TRUE(logged) << view.facts["console"].dump();
  EXPECT_FALSE(view.facts["face"]["loaded"].get<bool>());
}

// ---- mnsim grade

// Records a trainee's attempts of the pad drill: 'S' a proficient one, 'F' one with mistakes.
void recordAttempts(const fs::path& dir, const std::string& id, const std::string& name, const std::string& outcomes) {
  for (size_t i = 0; i < outcomes.size(); ++i) {
    const std::string answers = outcomes[i] == 'S' ? "correct" : "mistakes";
    const fs::path run = dir / (id + "-" + std::to_string(i + 1) + ".mnrun");
    const CommandRun r = mnsim("record --scenario scenarios/pad_drill.yaml --answers scenarios/answers/pad_drill." + answers +
                               ".yaml --trainee-id " + id + " --trainee-name '" + name + "' --cohort 2026-A --out '" +
                               run.string() + "'");
    ASSERT_EQ(r.exitCode, 0) << r.err;
  }
}

// LC-CUSUM by hand: p0 0.10, p1 0.40, h 2.5 (the defaults).
std::vector<double> expectedCusum(const std::string& outcomes) {
  std::vector<double> sums;
  double s = 0.0;
  for (char c : outcomes) {
    s = std::max(0.0, s + (c == 'S' ? std::log(0.9 / 0.6) : std::log(0.1 / 0.4)));
    sums.push_back(s);
  }
  return sums;
}

TEST(Exports, AGeneratedCohortGradesToExactRowsCurvesAndProficiencyAttempts) {
  const fs::path dir = scratch("cohort");
  fs::remove_all(dir);
  fs::create_directories(dir / "station-2");
  // Improving and not: Ada proficient from the start, Ben after three failures, Cleo never
  // steadily, Dev slipping once after four good attempts (the sum drops but is not reset).
  const std::vector<std::tuple<std::string, std::string, std::string, int, int>> trainees = {
      {"T-ada", "Ada Lovelace", "SSSSSSS", 7, 1},
      {"T-ben", "Ben Okafor", "FFFSSSSSSS", 10, 4},
      {"T-cleo", "Cleo Park", "SFSFSSFSSS", 0, 1},
      {"T-dev", "Dev Rao", "SSSSFSSSSSSS", 11, 1}};
  for (const auto& [id, name, outcomes, at, first] : trainees)
    recordAttempts(id == "T-dev" ? dir / "station-2" : dir, id, name, outcomes);
  // An altered copy of one run, and a file that is no run at all: listed, never scored.
  std::string bytes = mnsim::testing::readFile(dir / "T-ada-1.mnrun");
  const size_t at = bytes.find("\"pad_drill\"");
  ASSERT_NE(at, std::string::npos);
  bytes[at + 1] = 'q';
  std::ofstream(dir / "altered.mnrun", std::ios::binary) << bytes;
  std::ofstream(dir / "notes.mnrun") << "not a run\n";

  const fs::path csv = scratch("cohort.csv"), json = scratch("cohort.json"), html = scratch("cohort.html");
  const CommandRun grade = mnsim("grade '" + dir.string() + "' --csv '" + csv.string() + "' --json '" + json.string() +
                                 "' --html '" + html.string() + "'");
  EXPECT_EQ(grade.exitCode, 1) << "two runs could not be graded: " << grade.err;
  const auto j = nlohmann::json::parse(mnsim::testing::readFile(json));
  EXPECT_EQ(j["format"], "mnsim-cohort/1");
  ASSERT_EQ(j["runs"].size(), 41u);
  ASSERT_EQ(j["unscored"].size(), 2u);
  EXPECT_EQ(j["unscored"][0]["file"], (dir / "altered.mnrun").string());
  EXPECT_EQ(j["unscored"][0]["verify"], "altered");
  EXPECT_EQ(j["unscored"][1]["verify"], "unreadable");

  ASSERT_EQ(j["curves"].size(), 4u);
  for (size_t t = 0; t < trainees.size(); ++t) {
    const auto& [id, name, outcomes, declaredAt, first] = trainees[t];
    const auto& curve = j["curves"][t];
    SCOPED_TRACE(id);
    EXPECT_EQ(curve["trainee"]["id"], id);
    EXPECT_EQ(curve["trainee"]["name"], name);
    EXPECT_EQ(curve["case"]["id"], "pad_drill");
    ASSERT_EQ(curve["points"].size(), outcomes.size());
    if (declaredAt)
      EXPECT_EQ(curve["proficient_at"], declaredAt);
    else
      EXPECT_TRUE(curve["proficient_at"].is_null());
    EXPECT_EQ(curve["first_proficient"], first);
    const std::vector<double> sums = expectedCusum(outcomes);
    for (size_t a = 0; a < outcomes.size(); ++a) {
      const auto& point = curve["points"][a];
      EXPECT_EQ(point["attempt"], a + 1);
      EXPECT_EQ(point["file"].get<std::string>(), ((id == "T-dev" ? dir / "station-2" : dir) /
                                                   (id + "-" + std::to_string(a + 1) + ".mnrun")).string());
      EXPECT_EQ(point["proficient"], outcomes[a] == 'S');
      EXPECT_EQ(point["score"], outcomes[a] == 'S' ? 100.0 : 41.25);
      EXPECT_NEAR(point["lc_cusum"].get<double>(), sums[a], 1e-4);
    }
  }
  // The rows: one per run, in the order found; a failed attempt's unmet metric shown.
  const std::string rows = mnsim::testing::readFile(csv);
  EXPECT_EQ(std::count(rows.begin(), rows.end(), '\n'), 42);
  EXPECT_EQ(rows.substr(0, rows.find("\r\n")),
            "file,verify,scored,trainee_id,trainee_name,cohort,case_id,case_title,mode,station,started_utc,attempt,"
            "duration_s,score,proficient,critical_errors,faults,coverage,coverage_met,depth,depth_met,angle,angle_met,"
            "speed,speed_met,stretch,stretch_met,unmet,lc_cusum,message,run_hash");
  const std::string benFirst = (dir / "T-ben-1.mnrun").string() + ",ok,yes,T-ben,Ben Okafor,2026-A,pad_drill,";
  const size_t ben = rows.find(benFirst);
  ASSERT_NE(ben, std::string::npos);
  const std::string benRow = rows.substr(ben, rows.find("\r\n", ben) - ben);
  EXPECT_NE(benRow.find(",1,98.06,41.25,no,5,1,"), std::string::npos) << benRow;
  EXPECT_NE(benRow.find(",0.0000,no,"), std::string::npos) << "depth unmet: " << benRow;
  EXPECT_NE(rows.find((dir / "altered.mnrun").string() + ",altered,no,"), std::string::npos);
  // The page: both charts of each curve.
  const std::string page = mnsim::testing::readFile(html);
  size_t charts = 0;
  for (size_t p = page.find("<figure class=\"chart\"><svg"); p != std::string::npos; p = page.find("<figure class=\"chart\"><svg", p + 1))
    ++charts;
  EXPECT_EQ(charts, 8u);
  EXPECT_NE(page.find("proficient at attempt 11"), std::string::npos);
  EXPECT_NE(page.find("2 runs were not graded"), std::string::npos);
  // On one thread the cohort is the same, byte for byte.
  const fs::path oneThread = scratch("cohort_1.json");
  mnsim("grade '" + dir.string() + "' --jobs 1 --json '" + oneThread.string() + "'");
  EXPECT_EQ(mnsim::testing::readFile(oneThread), mnsim::testing::readFile(json));
  // The summary names the same attempts.
  const CommandRun summary = mnsim("grade '" + dir.string() + "' --jobs 1");
  EXPECT_NE(summary.out.find("Dev Rao (T-dev) · Practice pad: three crossed passes at a safe depth: 12 attempts, "
                             "proficient at attempt 11"), std::string::npos) << summary.out;
  EXPECT_NE(summary.out.find("not graded: " + (dir / "altered.mnrun").string() + ": altered:"), std::string::npos);
}

TEST(Exports, GradeSaysWhatIsWrongWithItsCommandLine) {
  const CommandRun none = mnsim("grade");
  EXPECT_EQ(none.exitCode, 2);
  EXPECT_EQ(none.err.substr(0, none.err.find('\n')), "mnsim grade: name at least one folder of runs or RUN file (or grade the store's: --from-store)");
  const CommandRun missing = mnsim("grade /nonexistent/runs");
  EXPECT_EQ(missing.exitCode, 1);
  EXPECT_EQ(missing.err, "/nonexistent/runs: error: no such file or folder\n");
  const fs::path empty = scratch("empty");
  fs::create_directories(empty);
  const CommandRun nothing = mnsim("grade '" + empty.string() + "'");
  EXPECT_EQ(nothing.exitCode, 1);
  EXPECT_NE(nothing.err.find("no run files (*.mnrun) in"), std::string::npos);
  const CommandRun rates = mnsim("grade '" + empty.string() + "' --lc-acceptable 0.5 --lc-unacceptable 0.2");
  EXPECT_EQ(rates.exitCode, 2);
  EXPECT_NE(rates.err.find("0 < --lc-acceptable < --lc-unacceptable < 1"), std::string::npos) << rates.err;
  const CommandRun jobs = mnsim("grade '" + empty.string() + "' --jobs many");
  EXPECT_EQ(jobs.exitCode, 2);
}

// ---- mnsim xapi

const fs::path kHome = fs::temp_directory_path() / "mnsim_test_home";

nlohmann::json statementsOf(const fs::path& file) { return nlohmann::json::parse(mnsim::testing::readFile(file)); }

std::string verbOf(const nlohmann::json& s) {
  const std::string id = s["verb"]["id"];
  return id.substr(id.find_last_of('/') + 1);
}

TEST(Exports, XapiStatementsOfACaseRunPassAnXapiValidatorAndFollowTheRun) {
  const fs::path run = scratch("xapi.mnrun"), out = scratch("xapi.json"), again = scratch("xapi_again.json");
  fs::remove(run);
  ASSERT_EQ(mnsim("record --scenario scenarios/fine_lines.yaml --answers scenarios/answers/fine_lines.mistakes.yaml "
                  "--trainee-id T-0042 --trainee-name 'Ana Silva' --out '" + run.string() + "'").exitCode, 0);
  // An assessor signs a review off on this workstation (its key is trusted here).
  const std::string env = "XDG_CONFIG_HOME='" + (kHome / "config").string() + "' XDG_DATA_HOME='" + (kHome / "data").string() + "'";
  const mnsim::testing::AppRun signOff = mnsim::testing::runUnderX(
      MNSIM_EXE, "replay '" + run.string() + "' --rate 'overall=borderline:Needled the mole' --sign-off 'Dr Bea Assessor' --exit-after",
      env);
  ASSERT_EQ(signOff.exitCode, 0) << signOff.output;

  const CommandRun xapi = mnsim("xapi '" + run.string() + "' --out '" + out.string() + "'");
  ASSERT_EQ(xapi.exitCode, 0) << xapi.err;
  const CommandRun valid = node("validate_xapi.mjs", "'" + out.string() + "'");
  EXPECT_EQ(valid.exitCode, 0) << valid.out << valid.err;
  const nlohmann::json s = statementsOf(out);
  ASSERT_GE(s.size(), 8u);
  EXPECT_NE(valid.out.find(std::to_string(s.size()) + " statements, 0 problems"), std::string::npos) << valid.out;

  // The attempt in cmi5's verbs, the steps and the procedure between; the assessor's verdict last.
  const auto report = nlohmann::json::parse(mnsim("report '" + run.string() + "' --format json --no-review").out);
  std::vector<std::string> verbs;
  for (const auto& st : s) verbs.push_back(verbOf(st));
  EXPECT_EQ(verbs[0], "launched");
  EXPECT_EQ(verbs[1], "initialized");
  EXPECT_EQ(verbs[verbs.size() - 4], "completed");
  EXPECT_EQ(verbs[verbs.size() - 3], report["result"]["proficient"].get<bool>() ? "passed" : "failed");
  EXPECT_EQ(verbs[verbs.size() - 2], "terminated");
  EXPECT_EQ(verbs.back(), "scored");
  size_t answerable = 0, procedures = 0;
  for (const auto& step : report["steps"]) {
    if (step["type"] == "procedure") ++procedures;
    else if (step["type"] != "narrative") ++answerable;
  }
  EXPECT_EQ(std::count(verbs.begin(), verbs.end(), "answered"), static_cast<long>(answerable));
  EXPECT_EQ(verbs.size(), 2 + answerable + procedures + 4);

  // Who, when, which attempt: the trainee's account, the run's own clock, one registration.
  std::set<std::string> ids;
  for (const auto& st : s) {
    ids.insert(st["id"].get<std::string>());
    EXPECT_EQ(st["actor"]["account"]["name"], "T-0042");
    EXPECT_EQ(st["actor"]["name"], "Ana Silva");
    EXPECT_EQ(st["context"]["registration"], s[0]["context"]["registration"]);
    EXPECT_EQ(st["context"]["extensions"]["urn:mnsim:xapi:run"]["hash"], report["run"]["hash"]);
  }
  EXPECT_EQ(ids.size(), s.size()) << "every statement its own id";
  EXPECT_EQ(s[0]["timestamp"], report["run"]["started_utc"]);
  for (size_t i = 1; i + 1 < s.size(); ++i) EXPECT_LE(s[i - 1]["timestamp"], s[i]["timestamp"]);
  // The verdict carries the recomputed score; the procedure its metrics.
  const auto& verdict = s[s.size() - 3];
  EXPECT_NEAR(verdict["result"]["score"]["raw"].get<double>(), report["result"]["score"].get<double>(), 1e-4);
  bool sawProcedure = false;
  for (const auto& st : s) {
    if (verbOf(st) != "completed" || !st["result"].contains("extensions")) continue;
    sawProcedure = true;
    for (const char* key : {"coverage", "depth_compliance", "speed_in_band", "angle_within", "critical_errors"})
      EXPECT_TRUE(st["result"]["extensions"].contains(std::string("urn:mnsim:xapi:") + key)) << key;
    EXPECT_EQ(st["context"]["contextActivities"]["parent"][0]["id"], s[0]["object"]["id"]);
  }
  EXPECT_TRUE(sawProcedure);
  const auto& scored = s.back();
  EXPECT_EQ(scored["context"]["instructor"]["name"], "Dr Bea Assessor");
  EXPECT_EQ(scored["result"]["extensions"]["urn:mnsim:xapi:review_overall"], "Borderline");
  // The same run gives the same statements, byte for byte.
  ASSERT_EQ(mnsim("xapi '" + run.string() + "' --out '" + again.string() + "'").exitCode, 0);
  EXPECT_EQ(mnsim::testing::readFile(out), mnsim::testing::readFile(again));

  // The validator is no rubber stamp: a statement spoilt by hand is caught.
  nlohmann::json spoilt = s;
  spoilt[2]["verb"]["id"] = "answered";
  spoilt[3]["result"]["score"]["scaled"] = 1.5;
  const fs::path bad = scratch("xapi_spoilt.json");
  std::ofstream(bad) << spoilt.dump();
  const CommandRun caught = node("validate_xapi.mjs", "'" + bad.string() + "'");
  EXPECT_EQ(caught.exitCode, 1);
  EXPECT_NE(caught.out.find("statement 2: statement.verb.id: not a valid Internationalized Resource Identifier"),
            std::string::npos) << caught.out;
  EXPECT_NE(caught.out.find("statement 3: statement.result.score.scaled"), std::string::npos) << caught.out;
}

// A statement endpoint started for the test (tests/js/lrs_endpoint.mjs, or with `script`
// learning_locker.mjs the real store); stopped when it goes.
struct StatementEndpoint {
  fs::path portFile, store, pidFile;
  int port = 0;
  std::string path = "/xapi/";
  StatementEndpoint(const std::string& name, const std::string& options, const std::string& script = "lrs_endpoint.mjs") {
    portFile = scratch(name + ".port");
    store = scratch(name + ".jsonl");
    pidFile = scratch(name + ".pid");
    for (const fs::path& p : {portFile, store, pidFile}) fs::remove(p);
    mnsim::testing::runCommand("cd '" + kTools + "' && (node " + script + " --port-file '" + portFile.string() + "' --store '" +
                               store.string() + "' " + options + " > '" + scratch(name + ".log").string() +
                               "' 2>&1 & echo $! > '" + pidFile.string() + "')");
    for (int i = 0; i < 300 && port == 0; ++i) {
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
      const std::string text = mnsim::testing::readFile(portFile);
      if (!text.empty()) port = std::stoi(text);
    }
  }
  ~StatementEndpoint() { stop(); }
  void stop() {
    const std::string pid = mnsim::testing::readFile(pidFile);
    if (!pid.empty()) mnsim::testing::runCommand("kill " + pid + " 2>/dev/null; sleep 0.2");
    fs::remove(pidFile);
  }
  std::string url() const { return "http://127.0.0.1:" + std::to_string(port) + path; }
  std::vector<nlohmann::json> stored() const {
    std::vector<nlohmann::json> out;
    std::ifstream in(store);
    for (std::string line; std::getline(in, line);) out.push_back(nlohmann::json::parse(line));
    return out;
  }
};

TEST(Exports, XapiIsSentToAStatementEndpointWithRetriesAndARefusalSaysWhatTheStoreAnswered) {
  const fs::path run = scratch("send.mnrun"), secret = scratch("lrs.secret");
  fs::remove(run);
  ASSERT_EQ(mnsim("record --scenario scenarios/pad_drill.yaml --answers scenarios/answers/pad_drill.correct.yaml "
                  "--trainee-id T-7 --out '" + run.string() + "'").exitCode, 0);
  std::ofstream(secret) << "s3cret-pw\n";
  const nlohmann::json expected = nlohmann::json::parse(mnsim("xapi '" + run.string() + "'").out);
  ASSERT_FALSE(expected.empty());

  // The store is busy twice, then takes them: sent once, each statement stored once.
  StatementEndpoint lrs("lrs_busy", "--user station-3 --password s3cret-pw --fail-first 2");
  ASSERT_GT(lrs.port, 0) << "the endpoint did not start";
  const std::string send = "xapi '" + run.string() + "' --lrs " + lrs.url() + " --user station-3 --password-file '" +
                           secret.string() + "'";
  const CommandRun sent = mnsim(send);
  ASSERT_EQ(sent.exitCode, 0) << sent.err;
  EXPECT_EQ(sent.out, "sent " + std::to_string(expected.size()) + " statements to " + lrs.url() + " (HTTP 200)\n");
  EXPECT_NE(sent.err.find("answered 503: {\"error\":\"the store is busy\",\"request\":1}; trying again (attempt 2)"),
            std::string::npos) << sent.err;
  EXPECT_NE(sent.err.find("trying again (attempt 3)"), std::string::npos);
  std::vector<nlohmann::json> stored = lrs.stored();
  ASSERT_EQ(stored.size(), expected.size());
  for (size_t i = 0; i < stored.size(); ++i) {
    stored[i].erase("stored");
    EXPECT_EQ(stored[i], expected[i]) << "statement " << i << " arrived as made";
  }
  // Sent again (a station unsure whether it got through): nothing stored twice.
  ASSERT_EQ(mnsim(send).exitCode, 0);
  EXPECT_EQ(lrs.stored().size(), expected.size());

  // A wrong password: refused at once, the store's answer shown, the password never.
  std::ofstream(secret) << "wrong-pw\n";
  const CommandRun refused = mnsim(send);
  EXPECT_EQ(refused.exitCode, 1);
  EXPECT_NE(refused.err.find("did not take the statements (1 attempt): " + lrs.url() +
                             "statements answered 401: {\"error\":\"wrong user or password\"}"), std::string::npos)
      << refused.err;
  EXPECT_EQ((refused.out + refused.err).find("wrong-pw"), std::string::npos);
  // The store gone: tried four times, then says it could not connect.
  lrs.stop();
  const CommandRun gone = mnsim(send);
  EXPECT_EQ(gone.exitCode, 1);
  EXPECT_NE(gone.err.find("did not take the statements (4 attempts)"), std::string::npos) << gone.err;
}

TEST(Exports, XapiStatementsAreStoredByARealLearningRecordStore) {
  // Learning Locker's statement service, its statements in memory (tests/js/learning_locker.mjs).
  StatementEndpoint lrs("learning_locker", "--user station-3 --password s3cret-pw", "learning_locker.mjs");
  lrs.path = "/xAPI/";
  ASSERT_GT(lrs.port, 0) << mnsim::testing::readFile(scratch("learning_locker.log"));
  const fs::path run = scratch("ll.mnrun"), secret = scratch("ll.secret"), back = scratch("ll_back.json");
  fs::remove(run);
  ASSERT_EQ(mnsim("record --scenario scenarios/fine_lines.yaml --answers scenarios/answers/fine_lines.correct.yaml "
                  "--trainee-id T-0042 --trainee-name 'Ana Silva' --out '" + run.string() + "'").exitCode, 0);
  std::ofstream(secret) << "s3cret-pw\n";
  const nlohmann::json made = nlohmann::json::parse(mnsim("xapi '" + run.string() + "' --no-review").out);
  const std::string send = "xapi '" + run.string() + "' --no-review --lrs " + lrs.url() + " --user station-3 --password-file '" +
                           secret.string() + "'";
  const CommandRun sent = mnsim(send);
  ASSERT_EQ(sent.exitCode, 0) << sent.err;

  // Read back as the academy's reporting would: every statement, as made.
  const std::string get = lrs.url() + " station-3 s3cret-pw '" + back.string() + "'";
  const CommandRun read = node("lrs_get.mjs", get);
  ASSERT_EQ(read.exitCode, 0) << read.err;
  nlohmann::json stored = nlohmann::json::parse(mnsim::testing::readFile(back));
  ASSERT_EQ(stored.size(), made.size());
  std::map<std::string, nlohmann::json> byId;
  for (const auto& st : stored) byId[st["id"]] = st;
  for (const auto& st : made) {
    ASSERT_TRUE(byId.count(st["id"])) << st["id"];
    const auto& kept = byId[st["id"]];
    for (const char* field : {"actor", "verb", "object", "context", "result"}) {
      if (st.contains(field)) {
        EXPECT_EQ(kept[field], st[field]) << st["id"] << " " << field;
      }
    }
    EXPECT_TRUE(kept.contains("stored") && kept.contains("authority")) << "the store's own fields";
  }
  // Sent again: the store keeps one copy of each.
  ASSERT_EQ(mnsim(send).exitCode, 0);
  ASSERT_EQ(node("lrs_get.mjs", get).exitCode, 0);
  EXPECT_EQ(nlohmann::json::parse(mnsim::testing::readFile(back)).size(), made.size());
  // Credentials it does not know: its refusal, word for word.
  std::ofstream(secret) << "wrong-pw\n";
  const CommandRun refused = mnsim(send);
  EXPECT_EQ(refused.exitCode, 1);
  EXPECT_NE(refused.err.find("statements answered 401: {\"errorId\":"), std::string::npos) << refused.err;
  EXPECT_NE(refused.err.find("\"message\":\"Unauthorised\"}"), std::string::npos) << refused.err;
}

TEST(Exports, XapiSaysWhatIsWrongWithItsCommandLineAndRefusesAnAlteredRun) {
  const fs::path run = scratch("xapi_cli.mnrun");
  fs::remove(run);
  ASSERT_EQ(mnsim("record --scenario scenarios/pad_drill.yaml --answers scenarios/answers/pad_drill.correct.yaml "
                  "--trainee-id T-8 --out '" + run.string() + "'").exitCode, 0);
  const std::string r = "xapi '" + run.string() + "' ";
  EXPECT_EQ(mnsim(r + "--lrs ftp://lrs.example/").err.substr(0, 68),
            "mnsim xapi: --lrs must be an http:// or https:// address, found 'ftp");
  EXPECT_EQ(mnsim(r + "--lrs http://127.0.0.1:9/").exitCode, 2) << "no --user";
  EXPECT_EQ(mnsim(r + "--user me").exitCode, 2) << "--user without --lrs";
  EXPECT_EQ(mnsim("xapi").exitCode, 2);
  const CommandRun noRun = mnsim("report --format json");
  EXPECT_EQ(noRun.exitCode, 2) << "no RUN: a usage line, not a crash";
  EXPECT_EQ(noRun.err.substr(0, noRun.err.find('\n')), "mnsim report: name the RUN file to report on");
  const CommandRun noPassword = mnsim(r + "--lrs http://127.0.0.1:9/ --user me");
  EXPECT_EQ(noPassword.exitCode, 2);
  EXPECT_NE(noPassword.err.find("--password-file F or MNSIM_LRS_PASSWORD"), std::string::npos) << noPassword.err;
  // An altered run makes no statements.
  std::string bytes = mnsim::testing::readFile(run);
  bytes[bytes.find("\"T-8\"") + 3] = '9';
  const fs::path altered = scratch("xapi_altered.mnrun");
  std::ofstream(altered, std::ios::binary) << bytes;
  const CommandRun refused = mnsim("xapi '" + altered.string() + "'");
  EXPECT_EQ(refused.exitCode, 1);
  EXPECT_TRUE(refused.out.empty());
  EXPECT_NE(refused.err.find("statements are made only of runs that verify"), std::string::npos) << refused.err;
}

}  // namespace
