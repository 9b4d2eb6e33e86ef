// The home screen: choose the asset, the plan, the mode and the skin type, then start.
#include "ui/home_screen.h"

#include <algorithm>
#include <cstring>

#include <imgui.h>

#include "ui/widgets.h"

namespace mnsim::app::ui {

const char* assetChoiceName(int choice) {
  switch (choice) {
    case 0:
      return "head";
    case 1:
      return "pad";
    case 2:
      return "body";
    default:
      return "";
  }
}

namespace {

const char* const kRoman[] = {"I", "II", "III", "IV", "V", "VI"};

void card(const char* id, const char* title, const Fonts& fonts, float height) {
  ImGui::PushStyleColor(ImGuiCol_ChildBg, IM_COL32(255, 255, 255, 235));
  ImGui::PushStyleVar(ImGuiStyleVar_ChildRounding, 8.0f);
  ImGui::BeginChild(id, ImVec2(0, height), false, ImGuiWindowFlags_AlwaysUseWindowPadding);
  ImGui::PushFont(fonts.bold);
  ImGui::TextUnformatted(title);
  ImGui::PopFont();
  ImGui::Separator();
  ImGui::Spacing();
}

void endCard() {
  ImGui::EndChild();
  ImGui::PopStyleVar();
  ImGui::PopStyleColor();
}

// The start button of a tab, disabled until there is something to start.
bool startButton(const char* label, bool ready, const Fonts& fonts) {
  const float em = ImGui::GetFontSize();
  if (!ready) ImGui::BeginDisabled();
  const bool pressed = primaryButton(label, ImVec2(em * 12, em * 2.4f), fonts.bold);
  if (!ready) ImGui::EndDisabled();
  return pressed;
}

// The case library: consultation to maintenance.
void casesTab(HomeState& s, const Fonts& fonts, HomeAction& action) {
  const float em = ImGui::GetFontSize();
  const float listH = ImGui::GetContentRegionAvail().y - em * 15.0f;
  if (ImGui::BeginTable("cases", 2, ImGuiTableFlags_ScrollY | ImGuiTableFlags_BordersOuter | ImGuiTableFlags_RowBg,
                        ImVec2(0, std::max(listH, em * 6.0f)))) {
    ImGui::TableSetupColumn("case", ImGuiTableColumnFlags_WidthStretch);
    ImGui::TableSetupColumn("level", ImGuiTableColumnFlags_WidthFixed, em * 9.0f);
    for (const CaseChoice& c : s.cases) {
      ImGui::TableNextRow();
      ImGui::TableNextColumn();
      const std::string label = c.title + "##" + c.path;
      if (ImGui::Selectable(label.c_str(), c.path == s.casePath,
                            ImGuiSelectableFlags_SpanAllColumns | ImGuiSelectableFlags_AllowDoubleClick)) {
        s.casePath = c.path;
        if (ImGui::IsMouseDoubleClicked(0)) action = HomeAction::StartCase;
      }
      ImGui::TableNextColumn();
      ImGui::TextDisabled("%s · %d min", c.difficulty.c_str(), c.minutes);
    }
    ImGui::EndTable();
  }
  if (s.cases.empty()) ImGui::TextDisabled("No cases found (scenarios/ beside the program).");
  for (const CaseChoice& c : s.cases) {
    if (c.path != s.casePath) continue;
    ImGui::BeginChild("summary", ImVec2(0, em * 4.8f));
    ImGui::PushTextWrapPos(0.0f);
    ImGui::TextUnformatted(c.summary.c_str());
    ImGui::PopTextWrapPos();
    ImGui::EndChild();
  }
  if (ImGui::Button("Open another case file...")) action = HomeAction::BrowseCase;
  ImGui::TextUnformatted("Mode");
  if (ImGui::RadioButton("Practice: feedback after each step", !s.assessment)) s.assessment = false;
  ImGui::SameLine();
  if (ImGui::RadioButton("Assessment", s.assessment)) s.assessment = true;
  ImGui::Spacing();
  if (startButton("Start the case", !s.casePath.empty(), fonts)) action = HomeAction::StartCase;
}

// Free practice: the skin, then the plan (a combo of the plans found, or a file).
void skinAndPlan(HomeState& s, HomeAction& action) {
  const float em = ImGui::GetFontSize();
  ImGui::TextUnformatted("Skin to needle");
  const char* assets[] = {"Adult head", "Practice pad", "Abdomen patch", "Other mesh..."};
  const char* hints[] = {"face, scalp, ears and neck", "120 x 80 mm, with a mole", "for stretch marks",
                         "any mesh Assimp reads, with a zone map"};
  for (int i = 0; i < 4; ++i) {
    if (i) ImGui::SameLine();
    if (ImGui::RadioButton(assets[i], s.assetChoice == i)) s.assetChoice = i;
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", hints[i]);
  }
  if (s.assetChoice == 3) {
    char buffer[1024];
    std::strncpy(buffer, s.otherAsset.c_str(), sizeof buffer - 1);
    buffer[sizeof buffer - 1] = 0;
    ImGui::SetNextItemWidth(-em * 6);
    if (ImGui::InputTextWithHint("##asset", "mesh or zone-map file", buffer, sizeof buffer)) s.otherAsset = buffer;
    ImGui::SameLine();
    if (ImGui::Button("Browse##asset", ImVec2(-1, 0))) action = HomeAction::BrowseAsset;
  }
  ImGui::Spacing();
  ImGui::TextUnformatted("Treatment plan");
  std::string current = s.planPath.empty() ? "(choose a plan)" : s.planPath;
  for (const PlanChoice& p : s.plans)
    if (p.path == s.planPath) current = p.title.empty() ? p.path : p.title;
  ImGui::SetNextItemWidth(-em * 6);
  if (ImGui::BeginCombo("##plan", current.c_str())) {
    const std::string wanted = s.assetChoice < 3 ? assetChoiceName(s.assetChoice) : "";
    for (const PlanChoice& p : s.plans) {
      const bool fits = wanted.empty() || p.asset == wanted;
      std::string label = (p.title.empty() ? p.path : p.title) + "##" + p.path;
      if (!fits) ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyle().Colors[ImGuiCol_TextDisabled]);
      if (ImGui::Selectable(label.c_str(), p.path == s.planPath)) {
        s.planPath = p.path;
        if (p.asset == "head")
          s.assetChoice = 0;
        else if (p.asset == "pad")
          s.assetChoice = 1;
        else if (p.asset == "body")
          s.assetChoice = 2;
      }
      if (!fits) ImGui::PopStyleColor();
      if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s\nasset: %s", p.path.c_str(), p.asset.c_str());
    }
    ImGui::EndCombo();
  }
  ImGui::SameLine();
  if (ImGui::Button("Browse##plan", ImVec2(-1, 0))) action = HomeAction::BrowsePlan;
  ImGui::TextDisabled("%s",
                      s.planPath.empty() ? "A plan sets the zones, depths and passes to score." : s.planPath.c_str());
  for (const PlanChoice& p : s.plans) {
    if (p.path != s.planPath) continue;
    ImGui::BeginChild("summary", ImVec2(0, em * 7.2f), false);
    for (const std::string& line : p.summary) ImGui::BulletText("%s", line.c_str());
    ImGui::EndChild();
  }
}

// Free practice: the mode, the skin type, and the start button.
void modeAndSkinType(HomeState& s, const Fonts& fonts, HomeAction& action) {
  const float em = ImGui::GetFontSize();
  ImGui::Spacing();
  ImGui::TextUnformatted("Mode");
  if (ImGui::RadioButton("Practice: live heatmap, warnings and hints", !s.assessment)) s.assessment = false;
  if (ImGui::RadioButton("Assessment: no feedback until the debrief", s.assessment)) s.assessment = true;

  ImGui::Spacing();
  ImGui::TextUnformatted("Skin type (Fitzpatrick)");
  for (int t = 1; t <= 6; ++t) {
    const glm::vec3 c = t - 1 < static_cast<int>(s.skinSwatches.size()) ? s.skinSwatches[t - 1] : glm::vec3(0.8f);
    ImGui::PushID(t);
    ImGui::PushStyleColor(ImGuiCol_Button, ImVec4(c.x, c.y, c.z, 1.0f));
    ImGui::PushStyleColor(ImGuiCol_ButtonHovered, ImVec4(c.x * 0.9f, c.y * 0.9f, c.z * 0.9f, 1.0f));
    ImGui::PushStyleColor(ImGuiCol_Text, t >= 5 ? ImVec4(1, 1, 1, 1) : ImVec4(0.1f, 0.1f, 0.1f, 1));
    ImGui::PushStyleVar(ImGuiStyleVar_FrameBorderSize, s.fitzpatrick == t ? 3.0f : 0.0f);
    ImGui::PushStyleColor(ImGuiCol_Border, ImVec4(0.12f, 0.48f, 0.69f, 1.0f));
    if (ImGui::Button(kRoman[t - 1], ImVec2(em * 3.2f, em * 2.0f))) s.fitzpatrick = t;
    ImGui::PopStyleColor(4);
    ImGui::PopStyleVar();
    ImGui::PopID();
    if (t < 6) ImGui::SameLine();
  }
  ImGui::Spacing();
  ImGui::Spacing();
  const bool ready = !s.planPath.empty() && (s.assetChoice < 3 || !s.otherAsset.empty());
  if (startButton("Start session", ready, fonts)) action = HomeAction::Start;
  ImGui::SameLine();
  ImGui::TextDisabled(ready ? "Enter" : "Choose a plan first");
}

// The left column: the Start card with its two tabs.
void startColumn(HomeState& s, const Fonts& fonts, float width, HomeAction& action) {
  ImGui::BeginChild("left", ImVec2(width, 0), false);
  card("start", "Start", fonts, 0.0f);
  if (ImGui::BeginTabBar("mode")) {
    const ImGuiTabItemFlags toCases = s.requestTab == 0 ? ImGuiTabItemFlags_SetSelected : 0;
    const ImGuiTabItemFlags toPractice = s.requestTab == 1 ? ImGuiTabItemFlags_SetSelected : 0;
    s.requestTab = -1;
    if (ImGui::BeginTabItem("Cases", nullptr, toCases)) {
      s.tab = 0;
      ImGui::EndTabItem();
    }
    if (ImGui::BeginTabItem("Free practice", nullptr, toPractice)) {
      s.tab = 1;
      ImGui::EndTabItem();
    }
    ImGui::EndTabBar();
  }
  if (s.tab == 0) {
    casesTab(s, fonts, action);
  } else {
    skinAndPlan(s, action);
    modeAndSkinType(s, fonts, action);
  }
  endCard();
  ImGui::EndChild();
}

// The right column: recent files, how a session works, the version and the settings folder.
void sideColumn(HomeState& s, const Fonts& fonts) {
  ImGui::BeginChild("right", ImVec2(0, 0), false);
  const float rightH = ImGui::GetContentRegionAvail().y - ImGui::GetFrameHeightWithSpacing() * 2.2f -
                       ImGui::GetTextLineHeightWithSpacing() * 3.0f;
  card("recent", "Recent files", fonts, rightH * 0.45f);
  if (s.recent.empty()) ImGui::TextDisabled("Cases and plans you open appear here.");
  for (const std::string& r : s.recent) {
    // A recent file is a plan when it was read as one; otherwise it is a case.
    const bool plan = std::any_of(s.plans.begin(), s.plans.end(), [&](const PlanChoice& p) { return p.path == r; });
    const size_t slash = r.find_last_of('/');
    const std::string name = slash == std::string::npos ? r : r.substr(slash + 1);
    const bool chosen = plan ? s.tab == 1 && r == s.planPath : s.tab == 0 && r == s.casePath;
    if (ImGui::Selectable((name + (plan ? "  (plan)" : "  (case)") + "##" + r).c_str(), chosen)) {
      (plan ? s.planPath : s.casePath) = r;
      s.requestTab = plan ? 1 : 0;
    }
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", r.c_str());
  }
  endCard();
  ImGui::Spacing();
  card("howto", "How a session works", fonts, rightH * 0.55f - ImGui::GetStyle().ItemSpacing.y);
  ImGui::PushTextWrapPos(0.0f);
  ImGui::TextUnformatted(
      "Hold the left mouse button to put the pen on the skin and glide it at a steady pace. "
      "Set the depth for each zone with the wheel, press N before each new pass and cross "
      "your passes. Esc ends the session and opens the debrief.");
  ImGui::PopTextWrapPos();
  ImGui::Spacing();
  ImGui::TextDisabled("F1 lists every shortcut.");
  endCard();
  ImGui::Spacing();
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted(s.trainee.empty() ? "Nobody is training yet" : ("Training: " + s.trainee).c_str());
  ImGui::SameLine();
  if (ImGui::SmallButton("Switch trainee")) s.switchTrainee = true;
  if (ImGui::SmallButton("Review runs")) s.reviewRuns = true;
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("Replay, grade and sign off the recorded runs");
  if (!s.trainee.empty()) {
    ImGui::SameLine();
    if (ImGui::SmallButton("My progress")) s.myProgress = true;
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("Your attempts per case and your scores by attempt");
  }
  if (!s.backlog.empty()) {
    ImGui::TextColored(rgba(colors::kWarn), "%s", s.backlog.c_str());
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("Kept at this station; sent when the server can be reached.\n%s", s.backlogWhy.c_str());
  }
  ImGui::TextDisabled("mnsim %s", s.version.c_str());
  ImGui::TextDisabled("Settings: %s", s.configFolder.c_str());
  ImGui::EndChild();
}

}  // namespace

HomeAction drawHome(HomeState& s, const Fonts& fonts, glm::vec2 viewport) {
  HomeAction action = HomeAction::None;
  const float width = centreNextWindow(viewport, 62, 40).x;
  ImGui::PushStyleColor(ImGuiCol_WindowBg, IM_COL32(0, 0, 0, 0));
  ImGui::Begin("Home", nullptr,
               ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings |
                   ImGuiWindowFlags_NoBringToFrontOnFocus);
  ImGui::PushFont(fonts.title);
  ImGui::TextUnformatted("mnsim");
  ImGui::PopFont();
  ImGui::SameLine();
  ImGui::TextDisabled("microneedling training simulator");
  ImGui::Spacing();

  ImGui::BeginGroup();
  ImGui::PushItemWidth(-1);
  startColumn(s, fonts, width * 0.58f, action);
  ImGui::PopItemWidth();
  ImGui::EndGroup();

  ImGui::SameLine();
  sideColumn(s, fonts);

  if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Enter)) && !ImGui::GetIO().WantTextInput) {
    if (s.tab == 0 && !s.casePath.empty()) action = HomeAction::StartCase;
    if (s.tab == 1 && !s.planPath.empty()) action = HomeAction::Start;
  }
  ImGui::End();
  ImGui::PopStyleColor();
  return action;
}

}  // namespace mnsim::app::ui
