// The My progress window over the home screen.
#include "ui/progress_window.h"

#include <algorithm>

#include <imgui.h>

#include "ui/charts.h"
#include "ui/widgets.h"

namespace mnsim::app::ui {

namespace {

void caseCard(const CaseProgress& c, int index, float width) {
  ImGui::PushID(index);
  ImGui::Separator();
  ImGui::TextUnformatted(c.what.c_str());
  ImGui::SameLine();
  ImGui::TextDisabled("%d attempt%s, %d proficient, last %s", c.attempts, c.attempts == 1 ? "" : "s", c.proficient,
                      c.lastStarted.c_str());
  if (!c.scores.empty()) {
    const float best = *std::max_element(c.scores.begin(), c.scores.end());
    ImGui::Text("Last score %.1f   best %.1f", c.scores.back(), best);
    ChartSeries series;
    for (size_t i = 0; i < c.scores.size(); ++i) {
      series.x.push_back(static_cast<float>(i + 1));
      series.y.push_back(c.scores[i]);
    }
    ChartDesc desc;
    desc.title = "Score by attempt";  // x: the attempt's number
    desc.unit = "/ 100";
    desc.yMin = 0.0f;
    desc.yMax = 100.0f;
    desc.hasBand = true;  // the usual pass mark and above
    desc.bandLo = 75.0f;
    desc.bandHi = 100.0f;
    desc.xUnit = "";
    desc.xEnd = static_cast<float>(c.scores.size()) + 0.5f;
    desc.points = true;
    drawLineChart("scores", desc, {series}, ImVec2(width, ImGui::GetFontSize() * 7.0f));
  } else {
    ImGui::TextDisabled("No attempt recorded a score yet (stopped or interrupted).");
  }
  ImGui::PopID();
}

}  // namespace

bool drawProgress(ProgressState& s, const Fonts& fonts, glm::vec2 viewport) {
  const float em = ImGui::GetFontSize();
  const float width = centreNextWindow(viewport, 50, 40).x;
  ImGui::Begin("My progress", nullptr, kFixedPanel);
  heading(fonts, s.trainee.empty() ? "My progress" : ("Progress of " + s.trainee).c_str());
  ImGui::TextDisabled("%s", s.where.c_str());
  const float closeH = ImGui::GetFrameHeightWithSpacing() * 1.4f;
  ImGui::BeginChild("cases", ImVec2(0, ImGui::GetContentRegionAvail().y - closeH));
  if (s.trainee.empty())
    ImGui::TextWrapped("Nobody is training at this station yet: choose who is training first.");
  else if (s.cases.empty())
    ImGui::TextWrapped("No runs of yours in the store yet. Every case or needling you finish here is kept and shows up here.");
  for (size_t i = 0; i < s.cases.size(); ++i) caseCard(s.cases[i], static_cast<int>(i), ImGui::GetContentRegionAvail().x);
  ImGui::EndChild();
  ImGui::SetCursorPosX(width - em * 5.5f);
  const bool keepOpen = !ImGui::Button("Close", ImVec2(em * 4.5f, 0));
  ImGui::End();
  return keepOpen;
}

}  // namespace mnsim::app::ui
