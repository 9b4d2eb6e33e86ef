// F1: every shortcut in one place.
#include <imgui.h>

#include "ui/overlays.h"

namespace mnsim::app::ui {

void drawHelp(bool& open, const Fonts& fonts) {
  if (!open) return;
  const ImGuiViewport* vp = ImGui::GetMainViewport();
  const float em = ImGui::GetFontSize();
  ImGui::SetNextWindowPos(ImVec2(vp->Size.x * 0.5f, vp->Size.y * 0.5f), ImGuiCond_Always, ImVec2(0.5f, 0.5f));
  ImGui::SetNextWindowSize(ImVec2(em * 34, 0));
  ImGui::Begin("Keyboard and mouse", &open,
               ImGuiWindowFlags_NoCollapse | ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_AlwaysAutoResize);
  struct Row {
    const char* keys;
    const char* action;
  };
  const Row needle[] = {{"Left button (hold)", "put the pen on the skin and needle"},
                        {"Mouse wheel,  [  ]", "depth dial -/+ 0.25 mm"},
                        {",  .", "stamp rate -/+ 10 per second"},
                        {"Shift (hold)", "stretch the skin"},
                        {"N", "start the next pass"},
                        {"Arrow keys", "lean the pen 5° (it stands perpendicular on the skin)"},
                        {"0", "stand the pen up again"}};
  const Row view[] = {{"Right drag", "turn the head"},
                      {"Middle drag", "pan"},
                      {"Ctrl + wheel,  -  =", "zoom"},
                      {"F", "look at the zone under the cursor, close up"},
                      {"Home  or  R", "back to the planned zones, as the session opened"},
                      {"1  2  3  4", "skin, zones, coverage, clinical endpoint"},
                      {"P", "coverage view: next pass (all, 1, 2, ...)"},
                      {"H", "live panel on and off (practice)"}};
  const Row app[] = {{"Esc", "end the session and open the debrief"},
                     {"Ctrl + S", "save the pen trace"},
                     {"F12", "screenshot into the current folder"},
                     {"F1", "this help"}};
  auto section = [&](const char* title, const Row* rows, int n) {
    ImGui::PushFont(fonts.bold);
    ImGui::TextUnformatted(title);
    ImGui::PopFont();
    if (ImGui::BeginTable(title, 2, ImGuiTableFlags_SizingStretchProp)) {
      for (int i = 0; i < n; ++i) {
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        ImGui::TextColored(ImVec4(0.12f, 0.48f, 0.69f, 1.0f), "%s", rows[i].keys);
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(rows[i].action);
      }
      ImGui::EndTable();
    }
    ImGui::Spacing();
  };
  section("Needling", needle, 7);
  section("Looking", view, 7);
  section("Session", app, 4);
  ImGui::TextDisabled("The pen points along your view: turn the head so you look straight at the skin.");
  ImGui::End();
}

}  // namespace mnsim::app::ui
