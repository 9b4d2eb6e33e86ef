// Reports, cohorts and learning records checked by software someone else wrote: the HTML report
// opened in headless Chromium (Debian's, driven by playwright-core), the xAPI statements checked
// by an xAPI validator and sent to a local statement endpoint (tests/js, installed by the set-up).
#include <unistd.h>

#include <filesystem>
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

}  // namespace
