#include "ui/widgets.h"

namespace mnsim::app::ui {

ImVec4 rgba(unsigned abgr) {
  return ImGui::ColorConvertU32ToFloat4(abgr);
}

void beginTitleBar(const char* id, float width, float height, int windowFlags, const Fonts& fonts, const char* name,
                   const char* subtitle) {
  ImGui::SetNextWindowPos(ImVec2(0, 0));
  ImGui::SetNextWindowSize(ImVec2(width, height));
  ImGui::Begin(id, nullptr, windowFlags | ImGuiWindowFlags_NoDecoration);
  ImGui::PushFont(fonts.bold);
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted(name);
  ImGui::PopFont();
  ImGui::SameLine();
  ImGui::AlignTextToFramePadding();
  ImGui::TextDisabled("%s", subtitle);
}

int rightAlignedButtons(std::initializer_list<const char*> labels, float width) {
  const ImGuiStyle& style = ImGui::GetStyle();
  float right = style.WindowPadding.x;
  for (const char* label : labels)
    right += ImGui::CalcTextSize(label).x + style.FramePadding.x * 2 + style.ItemSpacing.x;
  ImGui::SameLine(width - right);
  int clicked = -1, index = 0;
  for (const char* label : labels) {
    if (index) ImGui::SameLine();
    if (ImGui::Button(label)) clicked = index;
    ++index;
  }
  return clicked;
}

void scoreAndVerdict(const Fonts& fonts, double score, const char* outOf, bool proficient) {
  ImGui::PushFont(fonts.large);
  ImGui::Text("%.0f", score);
  ImGui::PopFont();
  ImGui::SameLine();
  ImGui::BeginGroup();
  ImGui::TextDisabled("%s", outOf);
  ImGui::TextColored(rgba(proficient ? colors::kGood : colors::kBad), proficient ? "PROFICIENT" : "NOT PROFICIENT");
  ImGui::EndGroup();
}

bool wrappedSelectable(const char* id, const char* text, bool selected) {
  const float width = ImGui::GetContentRegionAvail().x;
  const ImVec2 size = ImGui::CalcTextSize(text, nullptr, false, width);
  const ImVec2 at = ImGui::GetCursorScreenPos();
  const bool clicked = ImGui::Selectable(id, selected, 0, ImVec2(width, size.y));
  ImGui::GetWindowDrawList()->AddText(ImGui::GetFont(), ImGui::GetFontSize(), at, ImGui::GetColorU32(ImGuiCol_Text),
                                      text, nullptr, width);
  return clicked;
}

void heading(const Fonts& fonts, const char* text) {
  ImGui::PushFont(fonts.bold);
  ImGui::TextUnformatted(text);
  ImGui::PopFont();
}

ImVec2 centreNextWindow(glm::vec2 viewport, float widthEm, float heightEm) {
  const float em = ImGui::GetFontSize();
  const ImVec2 size(std::min(viewport.x - 2 * em, em * widthEm), std::min(viewport.y - 2 * em, em * heightEm));
  ImGui::SetNextWindowPos(ImVec2((viewport.x - size.x) * 0.5f, (viewport.y - size.y) * 0.5f));
  ImGui::SetNextWindowSize(size);
  return size;
}

void wrapped(const std::string& text) {
  ImGui::PushTextWrapPos(0.0f);
  ImGui::TextUnformatted(text.c_str());
  ImGui::PopTextWrapPos();
}

bool primaryButton(const char* label, ImVec2 size, ImFont* font) {
  ImGui::PushStyleColor(ImGuiCol_Button, ImVec4(0.12f, 0.48f, 0.69f, 1.0f));
  ImGui::PushStyleColor(ImGuiCol_ButtonHovered, ImVec4(0.16f, 0.56f, 0.78f, 1.0f));
  ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(1, 1, 1, 1));
  if (font) ImGui::PushFont(font);
  const bool pressed = ImGui::Button(label, size);
  if (font) ImGui::PopFont();
  ImGui::PopStyleColor(3);
  return pressed;
}

void patientReplies(const std::vector<std::string>& replies) {
  for (const std::string& reply : replies) {
    ImGui::PushTextWrapPos(0.0f);
    ImGui::TextColored(ImVec4(0.25f, 0.35f, 0.55f, 1.0f), "Patient: \"%s\"", reply.c_str());
    ImGui::PopTextWrapPos();
  }
}

void faultLine(const CaseFault& f) {
  ImGui::PushTextWrapPos(0.0f);
  ImGui::TextColored(rgba(f.critical ? colors::kBad : colors::kWarn), "%s%s", f.critical ? "Critical: " : "",
                     f.explanation.c_str());
  if (!f.expected.empty()) ImGui::TextDisabled("Expected: %s", f.expected.c_str());
  if (!f.done.empty()) ImGui::TextDisabled("Done: %s", f.done.c_str());
  ImGui::PopTextWrapPos();
}

std::string zoneLabel(const ZoneMap* zones, const std::string& id) {
  const int z = zones ? zones->find(id) : -1;
  return z >= 0 ? zones->zones[z].name : id;
}

const char* faultTitle(FaultKind kind) {
  return faultKindInfo(kind).title.data();
}

}  // namespace mnsim::app::ui
