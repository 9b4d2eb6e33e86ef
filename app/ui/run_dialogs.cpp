// Who is training, and the recovery of a run a crash left unfinished.
#include "ui/run_dialogs.h"

#include <cstdio>

#include <imgui.h>

#include "ui/widgets.h"

namespace mnsim::app::ui {

namespace {

void copyInto(char* out, size_t size, const std::string& text) { std::snprintf(out, size, "%s", text.c_str()); }

void row(const char* label, const std::string& value) {
  ImGui::TextDisabled("%s", label);
  ImGui::SameLine(ImGui::GetFontSize() * 7.5f);
  ImGui::TextUnformatted(value.c_str());
}

}  // namespace

IdentityAction drawIdentityDialog(IdentityDraft& d, const Fonts& fonts) {
  if (!d.open) return IdentityAction::None;
  const char* title = "Who is training?";
  if (!ImGui::IsPopupOpen(title)) ImGui::OpenPopup(title);
  IdentityAction action = IdentityAction::None;
  ImGui::SetNextWindowSize(ImVec2(ImGui::GetFontSize() * 30.0f, 0.0f), ImGuiCond_Always);
  if (ImGui::BeginPopupModal(title, nullptr, ImGuiWindowFlags_AlwaysAutoResize | ImGuiWindowFlags_NoSavedSettings)) {
    ImGui::PushFont(fonts.bold);
    ImGui::TextUnformatted(d.firstStart ? "Welcome to mnsim" : "Switch trainee");
    ImGui::PopFont();
    ImGui::PushTextWrapPos(ImGui::GetFontSize() * 28.0f);
    ImGui::TextDisabled(
        "Every case and needling session on this station is recorded as a signed run in the trainee's "
        "name, for their debriefs and for the assessors. Runs stay on this station, readable by its "
        "user account only.");
    ImGui::PopTextWrapPos();
    ImGui::Spacing();
    if (!d.known.empty()) {
      ImGui::TextUnformatted("Trained here before");
      for (size_t i = 0; i < d.known.size() && i < 6; ++i) {
        const KnownTrainee& k = d.known[i];
        const std::string label = k.name + "  (" + k.id + (k.cohort.empty() ? "" : ", " + k.cohort) + ")##known" +
                                  std::to_string(i);
        if (ImGui::Selectable(label.c_str(), k.id == d.id)) {
          copyInto(d.id, sizeof d.id, k.id);
          copyInto(d.name, sizeof d.name, k.name);
          copyInto(d.cohort, sizeof d.cohort, k.cohort);
        }
      }
      ImGui::Separator();
    }
    const float field = ImGui::GetFontSize() * 18.0f;
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted("Name");
    ImGui::SameLine(ImGui::GetFontSize() * 9.0f);
    ImGui::SetNextItemWidth(field);
    if (ImGui::IsWindowAppearing()) ImGui::SetKeyboardFocusHere();
    ImGui::InputTextWithHint("##name", "as it should appear on reports", d.name, sizeof d.name);
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted("Trainee id");
    ImGui::SameLine(ImGui::GetFontSize() * 9.0f);
    ImGui::SetNextItemWidth(field);
    ImGui::InputTextWithHint("##id", "the academy's id, e.g. T-0042", d.id, sizeof d.id);
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted("Cohort");
    ImGui::SameLine(ImGui::GetFontSize() * 9.0f);
    ImGui::SetNextItemWidth(field);
    ImGui::InputTextWithHint("##cohort", "optional, e.g. 2026-autumn", d.cohort, sizeof d.cohort);
    if (!d.problem.empty()) ImGui::TextColored(rgba(colors::kBad), "%s", d.problem.c_str());
    ImGui::Spacing();
    const bool enter = ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Enter));
    if (ImGui::Button("Start training", ImVec2(ImGui::GetFontSize() * 9.0f, 0)) || enter) {
      if (d.name[0] == 0 || d.id[0] == 0) {
        d.problem = "Give both a name and a trainee id.";
      } else {
        d.problem.clear();
        action = IdentityAction::Save;
      }
    }
    if (!d.firstStart) {
      ImGui::SameLine();
      if (ImGui::Button("Cancel", ImVec2(ImGui::GetFontSize() * 6.0f, 0)) ||
          ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape)))
        action = IdentityAction::Cancel;
    }
    if (action != IdentityAction::None) {
      d.open = false;
      ImGui::CloseCurrentPopup();
    }
    ImGui::EndPopup();
  }
  return action;
}

RecoverAction drawRecoverPrompt(const RecoverPrompt& p, const Fonts& fonts) {
  if (!p.open) return RecoverAction::None;
  const char* title = "An unfinished run was found";
  if (!ImGui::IsPopupOpen(title)) ImGui::OpenPopup(title);
  RecoverAction action = RecoverAction::None;
  ImGui::SetNextWindowSize(ImVec2(ImGui::GetFontSize() * 34.0f, 0.0f), ImGuiCond_Always);
  if (ImGui::BeginPopupModal(title, nullptr, ImGuiWindowFlags_AlwaysAutoResize | ImGuiWindowFlags_NoSavedSettings)) {
    ImGui::PushFont(fonts.bold);
    ImGui::TextUnformatted("mnsim stopped while this run was being recorded");
    ImGui::PopFont();
    if (p.count > 1) ImGui::TextDisabled("Run %d of %d", p.index + 1, p.count);
    ImGui::Spacing();
    row("Run", p.what);
    row("Trainee", p.trainee);
    row("Mode", p.mode);
    row("Started", p.started);
    row("Last input", p.lastInput);
    row("Recorded", p.events);
    const size_t slash = p.path.find_last_of('/');
    row("File", slash == std::string::npos ? p.path : p.path.substr(slash + 1));
    if (slash != std::string::npos) row("Folder", p.path.substr(0, slash));
    ImGui::Spacing();
    ImGui::PushTextWrapPos(ImGui::GetFontSize() * 32.0f);
    ImGui::TextDisabled(
        "Every input up to the last one above is safe. Resume goes on where it stopped; the gap is "
        "recorded and assessors see it. Close seals the run as interrupted: it still scores, and it says "
        "interrupted wherever it is shown.");
    if (!p.canResume) ImGui::TextColored(rgba(colors::kWarn), "It cannot be resumed: %s", p.cannotResume.c_str());
    ImGui::PopTextWrapPos();
    ImGui::Spacing();
    const float w = ImGui::GetFontSize() * 9.0f;
    ImGui::BeginDisabled(!p.canResume);
    if (ImGui::Button("Resume the run", ImVec2(w, 0))) action = RecoverAction::Resume;
    ImGui::EndDisabled();
    ImGui::SameLine();
    if (ImGui::Button("Close as interrupted", ImVec2(w * 1.25f, 0))) action = RecoverAction::Close;
    ImGui::SameLine();
    if (ImGui::Button("Later", ImVec2(ImGui::GetFontSize() * 5.0f, 0))) action = RecoverAction::Later;
    if (action != RecoverAction::None) ImGui::CloseCurrentPopup();
    ImGui::EndPopup();
  }
  return action;
}

}  // namespace mnsim::app::ui
