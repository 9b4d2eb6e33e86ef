// The assessor's workstation in the real app (under xvfb-run): a run scrubbed to a moment shows
// the very coverage pixels a live session stopped there showed; a comment pinned to a spot is
// there after the review is reopened; an altered run shows its warning and refuses sign-off,
// while a sound one is signed off and `mnsim verify` checks the review.
#include <algorithm>
#include <array>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "command_run.h"
#include "mnsim/review/review.h"
#include "render_support.h"

namespace {

namespace fs = std::filesystem;
using mnsim::testing::AppRun;
using mnsim::testing::Image;
using mnsim::testing::runUnderX;

const std::string kReviewSource = MNSIM_SOURCE_DIR;

struct Workstation {
  fs::path data, config;
  explicit Workstation(const std::string& name)
      : data(fs::temp_directory_path() / ("mnsim_review_" + name + "_data")),
        config(fs::temp_directory_path() / ("mnsim_review_" + name + "_config")) {
    fs::remove_all(data);
    fs::remove_all(config);
    fs::create_directories(data / "mnsim/runs");
  }
  std::string env() const { return "XDG_DATA_HOME='" + data.string() + "' XDG_CONFIG_HOME='" + config.string() + "'"; }
  AppRun app(const std::string& args) const { return runUnderX(MNSIM_EXE, args, env()); }
  mnsim::testing::CommandRun cli(const std::string& args) const {
    return mnsim::testing::runCommand("cd '" + kReviewSource + "' && " + env() + " '" + MNSIM_EXE + "' " + args);
  }
  std::vector<fs::path> runs() const {
    std::vector<fs::path> out;
    for (const auto& e : fs::directory_iterator(data / "mnsim/runs"))
      if (e.path().extension() == ".mnrun") out.push_back(e.path());
    std::sort(out.begin(), out.end());
    return out;
  }
  // The pad drill's correct path, recorded headless.
  fs::path padDrillRun() const {
    const fs::path run = data / "pad_drill.mnrun";
    const auto r = cli("record --scenario scenarios/pad_drill.yaml --answers scenarios/answers/pad_drill.correct.yaml "
                       "--trainee-id T-0042 --trainee-name 'Ana Silva' --out '" + run.string() + "'");
    EXPECT_EQ(r.exitCode, 0) << r.err;
    return run;
  }
};

size_t differingPixels(const Image& a, const Image& b) {
  if (a.width != b.width || a.height != b.height) return SIZE_MAX;
  size_t n = 0;
  for (size_t i = 0; i < a.rgb.size(); i += 3)
    n += a.rgb[i] != b.rgb[i] || a.rgb[i + 1] != b.rgb[i + 1] || a.rgb[i + 2] != b.rgb[i + 2];
  return n;
}

TEST(ReviewRender, ScrubbingToAMomentShowsTheCoveragePixelsOfALiveSessionStoppedThere) {
  Workstation ws("scrub");
  const std::string plan = kReviewSource + "/docs/examples/pad_plan.yaml";
  const std::string trace = kReviewSource + "/docs/examples/pad_good.csv";
  // The whole session, recorded by the app.
  AppRun whole = ws.app("train --asset pad --plan " + plan + " --play-trace " + trace + " --debrief --exit-after");
  ASSERT_EQ(whole.exitCode, 0) << whole.output;
  ASSERT_EQ(ws.runs().size(), 1u);
  const fs::path run = ws.runs()[0];
  // The sealed run is in the station's store too, the same bytes under their hash.
  const auto stored = nlohmann::json::parse(ws.cli("store list --json").out);
  ASSERT_EQ(stored.size(), 1u);
  EXPECT_EQ(stored[0]["hash"], mnsim::contentHash(mnsim::testing::readFile(run)));
  EXPECT_EQ(stored[0]["kind"], "needling");
  // Moments at a quarter, half and three quarters of the trace, where the pen is lifted (the live
  // session's cursor and the replay's ghost both hidden).
  std::vector<std::string> lines;
  {
    std::ifstream in(trace);
    for (std::string line; std::getline(in, line);) lines.push_back(line);
  }
  ASSERT_GT(lines.size(), 100u);
  for (double share : {0.25, 0.5, 0.75}) {
    size_t i = 2 + static_cast<size_t>(share * static_cast<double>(lines.size() - 2));
    auto field = [&](size_t row, int column) {
      std::stringstream ss(lines[row]);
      std::string f;
      for (int c = 0; c <= column; ++c) std::getline(ss, f, ',');
      return f;
    };
    while (i < lines.size() && field(i, 7) != "0") ++i;  // column 7: contact
    ASSERT_LT(i, lines.size());
    const std::string t = field(i, 0);
    // The live session stopped at t: the trace's samples up to t, fed to a new session.
    const fs::path cut = ws.data / "cut.csv";
    {
      std::ofstream out(cut);
      for (size_t k = 0; k < lines.size(); ++k)
        if (k < 2 || std::stod(field(k, 0)) <= std::stod(t)) out << lines[k] << "\n";
    }
    const fs::path live = ws.data / "live.png", replay = ws.data / "replay.png";
    AppRun a = ws.app("train --asset pad --plan " + plan + " --play-trace " + cut.string() +
                      " --view coverage --no-panels --mouse 2,2 --screenshot " + live.string() + " --exit-after");
    ASSERT_EQ(a.exitCode, 0) << a.output;
    AppRun b = ws.app("replay '" + run.string() + "' --seek " + t + " --no-panels --screenshot " + replay.string() +
                      " --exit-after");
    ASSERT_EQ(b.exitCode, 0) << b.output;
    const Image li = mnsim::testing::load(live.string()), ri = mnsim::testing::load(replay.string());
    ASSERT_EQ(li.width, 1280);
    EXPECT_EQ(differingPixels(li, ri), 0u) << "at t = " << t;
    // And the picture is not empty: some of the pad is treated by then, some not yet.
    size_t treated = 0;
    for (size_t k = 0; k < ri.rgb.size(); k += 3) treated += ri.rgb[k + 1] > ri.rgb[k] && ri.rgb[k + 1] > 150;  // green
    EXPECT_GT(treated, 1000u) << "at t = " << t;
  }
}

// The debriefs offer Replay for a recorded run, and stay the debrief until it is clicked.
TEST(ReviewRender, ADebriefOffersReplayAndStaysUntilItIsClicked) {
  Workstation ws("debrief");
  const fs::path shot = ws.data / "debrief.png";
  AppRun r = ws.app("train --asset pad --plan " + kReviewSource + "/docs/examples/pad_plan.yaml --play-trace " +
                    kReviewSource + "/docs/examples/pad_good.csv --debrief --mouse 1,1 --screenshot " + shot.string() +
                    " --exit-after");
  ASSERT_EQ(r.exitCode, 0) << r.output;
  const Image im = mnsim::testing::load(shot.string());
  const auto under = im.at(6, 60);  // a replay's verify banner would be here: green
  EXPECT_FALSE(under[1] > 130 && under[0] < 90 && under[2] < 90) << "the debrief turned into a replay";
}

// Playing draws only what each frame's stamps changed; sought, the whole skin is drawn again.
// Both must end on the same picture.
TEST(ReviewRender, PlayingARunToItsEndShowsWhatSeekingToTheEndShows) {
  Workstation ws("play");
  AppRun rec = ws.app("train --asset pad --plan " + kReviewSource + "/docs/examples/pad_plan.yaml --play-trace " +
                      kReviewSource + "/docs/examples/pad_good.csv --debrief --exit-after");
  ASSERT_EQ(rec.exitCode, 0) << rec.output;
  ASSERT_EQ(ws.runs().size(), 1u);
  const std::string run = ws.runs()[0].string();
  const fs::path played = ws.data / "played.png", sought = ws.data / "sought.png";
  AppRun a = ws.app("replay '" + run + "' --play-speed 16 --no-panels --screenshot " + played.string() + " --exit-after");
  ASSERT_EQ(a.exitCode, 0) << a.output;
  AppRun b = ws.app("replay '" + run + "' --seek end --no-panels --screenshot " + sought.string() + " --exit-after");
  ASSERT_EQ(b.exitCode, 0) << b.output;
  const Image pi = mnsim::testing::load(played.string()), si = mnsim::testing::load(sought.string());
  EXPECT_EQ(differingPixels(pi, si), 0u);
  size_t treated = 0;
  for (size_t k = 0; k < pi.rgb.size(); k += 3) treated += pi.rgb[k + 1] > pi.rgb[k] && pi.rgb[k + 1] > 150;
  EXPECT_GT(treated, 20000u) << "played to the end, the pad's zone A is treated";
}

TEST(ReviewRender, ACommentPinnedToASpotIsThereAfterTheReviewIsReopened) {
  Workstation ws("comment");
  const fs::path run = ws.padDrillRun();
  AppRun pin = ws.app("replay '" + run.string() + "' --seek 30 --mouse 700,330 --comment 'Pen tilted here' --exit-after");
  ASSERT_EQ(pin.exitCode, 0) << pin.output;
  const fs::path review = run.string() + ".review-1.json";
  ASSERT_TRUE(fs::exists(review)) << pin.output;
  const nlohmann::json j = nlohmann::json::parse(mnsim::testing::readFile(review));
  ASSERT_EQ(j["comments"].size(), 1u);
  EXPECT_EQ(j["comments"][0]["text"], "Pen tilted here");
  EXPECT_EQ(j["comments"][0]["time_s"], 30.0);
  ASSERT_TRUE(j["comments"][0]["point_mm"].is_array()) << "pinned to the skin under the pointer";
  EXPECT_NEAR(j["comments"][0]["point_mm"][2].get<double>(), 0.0, 0.5) << "on the pad's surface";

  // Reopened (a new process, the camera reset): the pin is drawn where it was placed.
  const fs::path shot = ws.data / "pin.png";
  AppRun again = ws.app("replay '" + run.string() + "' --seek 30 --screenshot " + shot.string() + " --exit-after");
  ASSERT_EQ(again.exitCode, 0) << again.output;
  const Image im = mnsim::testing::load(shot.string());
  const auto px = im.at(700, 330);
  EXPECT_GT(px[0], 230) << "the pin's magenta";
  EXPECT_LT(px[1], 40);
  EXPECT_GT(px[2], 170);
  // Turned to look from the left, the pin moves with the skin: not at that pixel any more.
  const fs::path side = ws.data / "pin_side.png";
  ASSERT_EQ(ws.app("replay '" + run.string() + "' --seek 30 --camera three-quarter --screenshot " + side.string() +
                   " --exit-after").exitCode, 0);
  const auto moved = mnsim::testing::load(side.string()).at(700, 330);
  EXPECT_FALSE(moved[0] > 230 && moved[1] < 40 && moved[2] > 170);
}

TEST(ReviewRender, ASignedReviewIsReadOnlyAndANewOneSupersedesItVisibly) {
  Workstation ws("supersede");
  const fs::path run = ws.padDrillRun();
  ASSERT_EQ(ws.app("replay '" + run.string() + "' --rate 'overall=borderline:One slip at the mole' --sign-off 'Dr Bea Assessor' "
                   "--exit-after").exitCode, 0);
  // Signed: nothing more changes it.
  AppRun again = ws.app("replay '" + run.string() + "' --rate 'overall=meets' --sign-off 'Dr Bea Assessor' --exit-after");
  EXPECT_EQ(again.exitCode, 1);
  EXPECT_NE(again.output.find("not changed: the review is signed; start a new review to change it"), std::string::npos)
      << again.output;
  // A new review starts from the signed one, names it, and is signed in its turn.
  AppRun second = ws.app("replay '" + run.string() + "' --new-review --rate 'overall=meets:Second look: the slip was corrected' "
                         "--sign-off 'Dr Cy Lead' --exit-after");
  ASSERT_EQ(second.exitCode, 0) << second.output;
  const fs::path first = run.string() + ".review-1.json", next = run.string() + ".review-2.json";
  ASSERT_TRUE(fs::exists(next));
  const nlohmann::json j = nlohmann::json::parse(mnsim::testing::readFile(next));
  EXPECT_EQ(j["supersedes"], mnsim::contentHash(mnsim::testing::readFile(first)));
  EXPECT_EQ(j["rubric"]["overall"]["value"], "meets");
  EXPECT_EQ(j["rubric"]["overall"]["prefilled"], "meets") << "the pre-fill as the metrics give it, kept";
  const auto v = ws.cli("verify '" + run.string() + "'");
  EXPECT_EQ(v.exitCode, 0) << v.out;
  EXPECT_NE(v.out.find("review pad_drill.mnrun.review-1.json: ok: signed off by Dr Bea Assessor"), std::string::npos) << v.out;
  EXPECT_NE(v.out.find("(superseded by pad_drill.mnrun.review-2.json)"), std::string::npos) << v.out;
  EXPECT_NE(v.out.find("review pad_drill.mnrun.review-2.json: ok: signed off by Dr Cy Lead"), std::string::npos) << v.out;
  // Both signed reviews went into the station's store, beside the run.
  const auto stored = nlohmann::json::parse(ws.cli("store list --json").out);
  ASSERT_EQ(stored.size(), 1u);
  EXPECT_EQ(stored[0]["hash"], mnsim::contentHash(mnsim::testing::readFile(run)));
  EXPECT_EQ(stored[0]["review"], "signed");
}

// Pixels near `rgb` (within `tolerance` on each channel) in the rectangle.
size_t pixelsNear(const Image& image, std::array<int, 3> rgb, int tolerance, int x0, int y0, int x1, int y1) {
  size_t n = 0;
  for (int y = std::max(0, y0); y < std::min(image.height, y1); ++y)
    for (int x = std::max(0, x0); x < std::min(image.width, x1); ++x) {
      const auto p = image.at(x, y);
      n += std::abs(p[0] - rgb[0]) <= tolerance && std::abs(p[1] - rgb[1]) <= tolerance && std::abs(p[2] - rgb[2]) <= tolerance;
    }
  return n;
}

// Review runs and My progress come from the station's store: the runs a station has stored (none
// of them in its runs folder) are listed with their recorded scores, and the trainee's scores by
// attempt are drawn; a trainee with no runs gets no curve, an empty store no rows.
TEST(ReviewRender, ReviewRunsAndMyProgressReadTheStationsStore) {
  Workstation ws("store_lists");
  const fs::path elsewhere = ws.data / "elsewhere";
  fs::create_directories(elsewhere);
  int n = 0;
  for (const char* answers : {"fine_lines.mistakes", "fine_lines.correct", "fine_lines.correct"}) {
    const fs::path run = elsewhere / ("a" + std::to_string(++n) + ".mnrun");
    ASSERT_EQ(ws.cli("record --scenario scenarios/fine_lines.yaml --answers scenarios/answers/" + std::string(answers) +
                     ".yaml --trainee-id T-0042 --trainee-name 'Ana Silva' --seed " + std::to_string(n) + " --out '" + run.string() + "'")
                  .exitCode,
              0);
  }
  fs::create_directories(ws.config / "mnsim");
  auto trainee = [&](const std::string& id) {
    std::ofstream(ws.config / "mnsim/settings.ini") << "trainee_id=" << id << "\ntrainee_name=Someone\ncohort=2026-A\n";
  };
  trainee("T-0042");
  const fs::path emptyList = ws.data / "empty_list.png", list = ws.data / "list.png", progress = ws.data / "progress.png",
                 none = ws.data / "none.png";
  ASSERT_EQ(ws.app("--review-runs --screenshot '" + emptyList.string() + "' --exit-after").exitCode, 0);
  ASSERT_EQ(ws.cli("store import '" + elsewhere.string() + "'").exitCode, 0);
  fs::remove_all(elsewhere);  // the store is all the station has now
  ASSERT_EQ(ws.app("--review-runs --screenshot '" + list.string() + "' --exit-after").exitCode, 0);
  ASSERT_EQ(ws.app("--my-progress --screenshot '" + progress.string() + "' --exit-after").exitCode, 0);
  trainee("T-0099");
  ASSERT_EQ(ws.app("--my-progress --screenshot '" + none.string() + "' --exit-after").exitCode, 0);

  // The list's green (verify ok, proficient scores) in the table, none when the store is empty.
  const std::array<int, 3> green{46, 154, 76}, curve{176, 112, 48};
  const Image empty = mnsim::testing::load(emptyList.string()), listed = mnsim::testing::load(list.string());
  ASSERT_GT(listed.width, 0);
  const size_t greenListed = pixelsNear(listed, green, 40, 0, 140, listed.width, listed.height - 60);
  EXPECT_EQ(pixelsNear(empty, green, 40, 0, 140, empty.width, empty.height - 60), 0u);
  EXPECT_GT(greenListed, 150u) << "three rows' verdicts and two proficient scores";
  // The scores by attempt: the curve's colour in the window, none for a trainee with no runs.
  const Image drawn = mnsim::testing::load(progress.string()), nothing = mnsim::testing::load(none.string());
  EXPECT_GT(pixelsNear(drawn, curve, 30, 0, 0, drawn.width, drawn.height), 100u);
  EXPECT_EQ(pixelsNear(nothing, curve, 30, 0, 0, nothing.width, nothing.height), 0u);
}

TEST(ReviewRender, AnAlteredRunShowsItsWarningAndCannotBeSignedOff) {
  Workstation ws("altered");
  const fs::path run = ws.padDrillRun();
  // A sound run: signed off, and `mnsim verify` checks the review with it.
  const fs::path sound = ws.data / "sound.mnrun";
  fs::copy_file(run, sound);
  AppRun signedOff = ws.app("replay '" + sound.string() + "' --sign-off 'Dr Bea Assessor' --exit-after");
  ASSERT_EQ(signedOff.exitCode, 0) << signedOff.output;
  const auto verified = ws.cli("verify '" + sound.string() + "'");
  EXPECT_EQ(verified.exitCode, 0) << verified.out;
  EXPECT_NE(verified.out.find("review sound.mnrun.review-1.json: ok: signed off by Dr Bea Assessor"), std::string::npos)
      << verified.out;

  // One byte of a pen sample changed, two thirds of the way in.
  std::string bytes = mnsim::testing::readFile(run);
  bytes[bytes.size() * 2 / 3] ^= 0x10;
  const fs::path altered = ws.data / "altered.mnrun";
  std::ofstream(altered, std::ios::binary) << bytes;
  const fs::path shot = ws.data / "altered.png";
  AppRun shown = ws.app("replay '" + altered.string() + "' --screenshot " + shot.string() + " --exit-after");
  ASSERT_EQ(shown.exitCode, 0) << shown.output;
  const Image im = mnsim::testing::load(shot.string());
  const auto banner = im.at(6, 60);  // the verify banner under the title bar
  EXPECT_GT(banner[0], 170) << "red";
  EXPECT_LT(banner[1], 80);
  EXPECT_LT(banner[2], 80);
  AppRun refused = ws.app("replay '" + altered.string() + "' --sign-off 'Dr Bea Assessor' --exit-after");
  EXPECT_EQ(refused.exitCode, 1);
  EXPECT_NE(refused.output.find("the run has been altered since it was recorded; it cannot be signed off"),
            std::string::npos)
      << refused.output;
  EXPECT_TRUE(mnsim::testing::readFile(altered) == bytes) << "the run is never written";
  for (const auto& e : fs::directory_iterator(ws.data))
    EXPECT_EQ(e.path().string().find("altered.mnrun.review"), std::string::npos) << "no review was signed";

  // A signed review changed afterwards: verify says so.
  const fs::path review = sound.string() + ".review-1.json";
  std::string text = mnsim::testing::readFile(review);
  const size_t at = text.find("Dr Bea Assessor");
  text.replace(at, 3, "Mr ");
  std::ofstream(review, std::ios::binary | std::ios::trunc) << text;
  const auto changed = ws.cli("verify '" + sound.string() + "'");
  EXPECT_EQ(changed.exitCode, 1);
  EXPECT_NE(changed.out.find("altered: the review does not match its signature"), std::string::npos) << changed.out;
}

TEST(ReviewRender, ARunThatCannotBeReplayedSaysWhyAndNamesTheFile) {
  Workstation ws("wrong");
  AppRun missing = ws.app("replay '" + (ws.data / "nope.mnrun").string() + "' --exit-after");
  EXPECT_EQ(missing.exitCode, 1);
  EXPECT_NE(missing.output.find((ws.data / "nope.mnrun").string() + ": error: cannot open the run file"), std::string::npos)
      << missing.output;
  // A case run whose scenario has gone: the message says how to give it.
  const fs::path cases = ws.data / "cases";
  fs::create_directories(cases);
  fs::copy_file(kReviewSource + "/scenarios/pad_drill.yaml", cases / "pad_drill.yaml");
  const fs::path run = ws.data / "run.mnrun";
  ASSERT_EQ(ws.cli("record --scenario '" + (cases / "pad_drill.yaml").string() + "' --answers " + kReviewSource +
                   "/scenarios/answers/pad_drill.correct.yaml --trainee-id T-1 --out '" + run.string() + "'").exitCode, 0);
  fs::rename(cases / "pad_drill.yaml", cases / "moved.yaml");
  AppRun gone = ws.app("replay '" + run.string() + "' --exit-after");
  EXPECT_EQ(gone.exitCode, 1);
  EXPECT_NE(gone.output.find("was not found (not as recorded, nor beside the run); give it with --scenario"),
            std::string::npos)
      << gone.output;
  AppRun given = ws.app("replay '" + run.string() + "' --scenario '" + (cases / "moved.yaml").string() + "' --exit-after");
  EXPECT_EQ(given.exitCode, 0) << given.output;
  EXPECT_FALSE(fs::exists(run.string() + ".review-1.json")) << "opening a run writes nothing";
}

TEST(ReviewRender, RecordAReferenceRunInAuthorModeKeepsItBesideTheScenario) {
  Workstation ws("button");
  // Someone is at the station (no who-is-training dialog), and the instructor's name is known.
  fs::create_directories(ws.config / "mnsim");
  std::ofstream(ws.config / "mnsim/settings.ini") << "trainee_id=T-0042\ntrainee_name=Ana Silva\n"
                                                     "assessor_name=Dr Eva Expert\n";
  const fs::path cases = ws.data / "cases";
  fs::create_directories(cases);
  fs::copy_file(kReviewSource + "/scenarios/pad_drill.yaml", cases / "pad_drill.yaml");
  AppRun clicked = runUnderX("bash", "'" + kReviewSource + "/tests/gl/reference_button.sh' '" + MNSIM_EXE + "' '" +
                                         (cases / "pad_drill.yaml").string() + "'",
                             ws.env());
  ASSERT_EQ(clicked.exitCode, 0) << clicked.output;
  std::vector<fs::path> references;
  for (const auto& e : fs::directory_iterator(cases / "references")) references.push_back(e.path());
  ASSERT_EQ(references.size(), 1u);
  EXPECT_EQ(references[0].filename().string().rfind("pad_drill-", 0), 0u);
  const auto v = ws.cli("verify --json '" + references[0].string() + "'");
  const nlohmann::json j = nlohmann::json::parse(v.out, nullptr, false)[0];
  EXPECT_EQ(j["mode"], "reference") << v.out;
  EXPECT_EQ(j["trainee"]["name"], "Dr Eva Expert");
  EXPECT_EQ(j["status"], "stopped") << "left with Quit: sealed";
  EXPECT_TRUE(ws.runs().empty()) << "a reference run is not a trainee's run";
}

TEST(ReviewRender, TheCasesExpertReferenceIsShownAgainstTheTraineesRun) {
  Workstation ws("expert");
  // The case copied into a folder of its own, an expert's reference beside it in references/.
  const fs::path cases = ws.data / "cases";
  fs::create_directories(cases / "references");
  fs::copy_file(kReviewSource + "/scenarios/pad_drill.yaml", cases / "pad_drill.yaml");
  const std::string answers = kReviewSource + "/scenarios/answers/pad_drill.";
  const fs::path trainee = ws.data / "trainee.mnrun";
  ASSERT_EQ(ws.cli("record --scenario '" + (cases / "pad_drill.yaml").string() + "' --answers " + answers +
                   "mistakes.yaml --trainee-id T-0042 --out '" + trainee.string() + "'").exitCode, 0);
  const fs::path shotWithout = ws.data / "without.png", shotWith = ws.data / "with.png";
  ASSERT_EQ(ws.app("replay '" + trainee.string() + "' --trainee-view --seek 40 --screenshot " + shotWithout.string() +
                   " --exit-after").exitCode, 0);
  ASSERT_EQ(ws.cli("record --scenario '" + (cases / "pad_drill.yaml").string() + "' --answers " + answers +
                   "correct.yaml --trainee-id expert --trainee-name 'Dr Eva Expert' --out '" +
                   (cases / "references/pad_drill-20261205-090000.mnrun").string() + "'").exitCode, 0);
  AppRun with = ws.app("replay '" + trainee.string() + "' --trainee-view --seek 40 --screenshot " + shotWith.string() +
                       " --exit-after");
  ASSERT_EQ(with.exitCode, 0) << with.output;
  // The trainee's replay has no review panel: the right of the window is the 3D view, unless the
  // comparison with the expert is shown there.
  const Image a = mnsim::testing::load(shotWithout.string()), b = mnsim::testing::load(shotWith.string());
  const auto scene = a.at(1150, 480), panel = b.at(1150, 480);
  EXPECT_FALSE(scene[0] > 230 && scene[2] > 230) << "the 3D view (backdrop or skin), not a panel";
  EXPECT_GT(panel[0], 230) << "the comparison panel";
  EXPECT_GT(panel[2], 230);
  EXPECT_GT(differingPixels(a, b), 20000u);
}

}  // namespace
