// The review panel on the right of the replay: the rubric (OSATS ratings, DOPS checklist, the
// overall judgement, free text) with each item's pre-filled value and why, changes that wait for
// a reason, the comments pinned to the run, and the sign-off; a signed review is read-only.
#include <algorithm>
#include <cstdio>
#include <cstring>

#include <imgui.h>

#include "ui/replay_panels.h"
#include "ui/widgets.h"

namespace mnsim::app::ui {

namespace {

std::string fileName(const std::string& path) { return path.substr(path.find_last_of('/') + 1); }

const char* checkName(CheckValue v) {
  return v == CheckValue::Met ? "Met" : v == CheckValue::NotMet ? "Not met" : "Not observed";
}

// The pre-filled value, why, and the change made, under an item.
template <typename V, typename Name>
void itemNotes(const RubricItem<V>& item, Name name) {
  ImGui::PushTextWrapPos(0.0f);
  ImGui::TextDisabled("pre-filled %s: %s", name(item.prefilled).c_str(), item.basis.c_str());
  if (item.overridden() && !item.overrideReason.empty())
    ImGui::TextColored(rgba(colors::kWarn), "changed to %s: %s", name(item.value).c_str(), item.overrideReason.c_str());
  ImGui::PopTextWrapPos();
}

// A change waits here for its reason; Apply sends it through the engine's rule.
template <typename V>
void pendingChange(RubricItem<V>& item, ReviewPanelState& s, ReplayActions& a) {
  if (s.pendingItem != item.id) return;
  ImGui::Indent();
  ImGui::PushTextWrapPos(0.0f);
  ImGui::TextColored(rgba(colors::kWarn), "Why change it? (kept beside the pre-filled value)");
  ImGui::PopTextWrapPos();
  ImGui::SetNextItemWidth(-1);
  ImGui::InputText(("##reason" + item.id).c_str(), s.reason, sizeof s.reason);
  if (ImGui::Button(("Apply##" + item.id).c_str())) {
    const Status done = overrideItem(item, static_cast<V>(s.pendingValue), s.reason);
    if (done) {
      s.pendingItem.clear();
      s.reason[0] = 0;
      s.problem.clear();
      a.changed = true;
    } else {
      s.problem = done.error().message;
    }
  }
  ImGui::SameLine();
  if (ImGui::Button(("Cancel##" + item.id).c_str())) {
    s.pendingItem.clear();
    s.problem.clear();
  }
  if (!s.problem.empty()) {
    ImGui::PushTextWrapPos(0.0f);
    ImGui::TextColored(rgba(colors::kBad), "%s", s.problem.c_str());
    ImGui::PopTextWrapPos();
  }
  ImGui::Unindent();
}

// A value chosen: back to the pre-filled one at once, any other waits for a reason.
template <typename V>
void choose(RubricItem<V>& item, V value, ReviewPanelState& s, ReplayActions& a) {
  if (value == item.prefilled) {
    (void)overrideItem(item, value, "");
    s.pendingItem.clear();
    a.changed = true;
    return;
  }
  s.pendingItem = item.id;
  s.pendingValue = static_cast<int>(value);
  std::snprintf(s.reason, sizeof s.reason, "%s", item.overrideReason.c_str());
}

void ratings(ReviewPanelState& s, const Fonts& fonts, ReplayActions& a) {
  Rubric& r = s.review->rubric;
  heading(fonts, "Global rating (OSATS)");
  for (RatingItem& item : r.osats) {
    ImGui::TextUnformatted(item.title.c_str());
    for (int v = 1; v <= 5; ++v) {
      if (v > 1) ImGui::SameLine();
      const bool shown = s.pendingItem == item.id ? s.pendingValue == v : item.value == v;
      if (ImGui::RadioButton((std::to_string(v) + "##" + item.id).c_str(), shown) && !s.readOnly) choose(item, v, s, a);
    }
    itemNotes(item, [](int v) { return v == 0 ? std::string("none") : std::to_string(v); });
    pendingChange(item, s, a);
  }
  ImGui::TextDisabled("Total %d of 25", r.osatsTotal());
}

void checklist(ReviewPanelState& s, const Fonts& fonts, ReplayActions& a) {
  Rubric& r = s.review->rubric;
  heading(fonts, "Checklist (DOPS)");
  for (CheckItem& item : r.dops) {
    ImGui::TextUnformatted(item.title.c_str());
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 8.0f);
    const CheckValue shown = s.pendingItem == item.id ? static_cast<CheckValue>(s.pendingValue) : item.value;
    if (ImGui::BeginCombo(("##" + item.id).c_str(), checkName(shown))) {
      for (CheckValue v : {CheckValue::Met, CheckValue::NotMet, CheckValue::NotObserved})
        if (ImGui::Selectable(checkName(v), v == shown) && !s.readOnly) choose(item, v, s, a);
      ImGui::EndCombo();
    }
    itemNotes(item, [](CheckValue v) { return std::string(checkName(v)); });
    pendingChange(item, s, a);
  }
}

void overall(ReviewPanelState& s, const Fonts& fonts, ReplayActions& a) {
  JudgementItem& item = s.review->rubric.overall;
  heading(fonts, "Overall judgement");
  const Judgement shown = s.pendingItem == item.id ? static_cast<Judgement>(s.pendingValue) : item.value;
  for (Judgement v : {Judgement::Below, Judgement::Borderline, Judgement::Meets, Judgement::Above}) {
    if (ImGui::RadioButton(judgementName(v), shown == v) && !s.readOnly) choose(item, v, s, a);
  }
  itemNotes(item, [](Judgement v) { return std::string(judgementName(v)); });
  pendingChange(item, s, a);
  heading(fonts, "Summary for the trainee");
  if (!s.summaryLoaded) {
    std::snprintf(s.summary, sizeof s.summary, "%s", s.review->summary.c_str());
    s.summaryLoaded = true;
  }
  if (ImGui::InputTextMultiline("##summary", s.summary, sizeof s.summary, ImVec2(-1, ImGui::GetFontSize() * 4.5f),
                                s.readOnly ? ImGuiInputTextFlags_ReadOnly : 0)) {
    s.review->summary = s.summary;
    a.changed = true;
  }
}

void comments(const ReplayView& v, ReviewPanelState& s, ReplayActions& a) {
  std::vector<ReviewComment>& list = s.review->comments;
  if (list.empty()) ImGui::TextDisabled("No comments yet.");
  if (!s.readOnly) {
    ImGui::PushTextWrapPos(0.0f);
    ImGui::TextDisabled("Pause, then click the face to pin a comment to that spot and moment.");
    ImGui::PopTextWrapPos();
  }
  for (size_t i = 0; i < list.size(); ++i) {
    ImGui::PushID(static_cast<int>(i));
    const ReviewComment& c = list[i];
    char label[600];
    std::snprintf(label, sizeof label, "%zu  %s  %s", i + 1, replayClock(c.timeS).c_str(), c.text.c_str());
    if (wrappedSelectable("##c", label, s.selectedComment == static_cast<int>(i))) {
      s.selectedComment = static_cast<int>(i);
      a.focusComment = static_cast<int>(i);
    }
    if (s.selectedComment == static_cast<int>(i) && !s.readOnly) {
      char text[512];
      std::snprintf(text, sizeof text, "%s", c.text.c_str());
      ImGui::SetNextItemWidth(-ImGui::GetFontSize() * 4.5f);
      if (ImGui::InputText("##edit", text, sizeof text)) {
        list[i].text = text;
        a.changed = true;
      }
      ImGui::SameLine();
      if (ImGui::Button("Delete")) a.deleteComment = static_cast<int>(i);
    }
    ImGui::PopID();
  }
  (void)v;
}

void signOffArea(ReviewPanelState& s, ReplayActions& a) {
  ImGui::Separator();
  Review& r = *s.review;
  if (r.isSigned()) {
    ImGui::PushTextWrapPos(0.0f);
    ImGui::TextColored(rgba(colors::kGood), "Signed off by %s at %s", r.assessorName.c_str(), r.signedUtc.c_str());
    ImGui::TextDisabled("Read-only: %s", fileName(s.reviewFile).c_str());
    ImGui::PopTextWrapPos();
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", s.reviewFile.c_str());
    if (!s.runAltered && ImGui::Button("New review (supersedes this one)")) a.newReview = true;
    return;
  }
  if (!s.supersededNote.empty()) ImGui::TextDisabled("%s", s.supersededNote.c_str());
  if (s.runAltered) {
    ImGui::PushTextWrapPos(0.0f);
    ImGui::TextColored(rgba(colors::kBad), "This run has been altered since it was recorded: it cannot be signed off.");
    ImGui::PopTextWrapPos();
    ImGui::BeginDisabled();
  }
  if (primaryButton("Sign off...", ImVec2(-1, 0))) {
    s.signOffOpen = true;
    s.problem.clear();
  }
  if (s.runAltered) ImGui::EndDisabled();
  ImGui::PushTextWrapPos(0.0f);
  ImGui::TextDisabled("Draft: %s", s.reviewFile.empty() ? "nothing changed yet" : fileName(s.reviewFile).c_str());
  ImGui::PopTextWrapPos();
  if (!s.reviewFile.empty() && ImGui::IsItemHovered()) ImGui::SetTooltip("Saved as you go: %s", s.reviewFile.c_str());
}

}  // namespace

void drawReviewPanel(const ReplayView& v, ReviewPanelState& s, const Fonts& fonts, glm::vec2 viewport,
                     ReplayActions& a) {
  if (!s.review) return;
  const float em = ImGui::GetFontSize();
  beginRightPanel("##review", viewport);
  const float reserve = em * (s.review->isSigned() ? 7.6f : 5.8f);  // the sign-off area under the tabs
  if (ImGui::BeginTabBar("##reviewtabs")) {
    if (ImGui::BeginTabItem("Rubric", nullptr, s.requestTab == 0 ? ImGuiTabItemFlags_SetSelected : 0)) {
      ImGui::BeginChild("rubric", ImVec2(0, -reserve));
      ratings(s, fonts, a);
      ImGui::Separator();
      checklist(s, fonts, a);
      ImGui::Separator();
      overall(s, fonts, a);
      ImGui::EndChild();
      ImGui::EndTabItem();
    }
    char commentsTab[48];
    std::snprintf(commentsTab, sizeof commentsTab, "Comments (%zu)###comments", s.review->comments.size());
    if (ImGui::BeginTabItem(commentsTab, nullptr, s.requestTab == 1 ? ImGuiTabItemFlags_SetSelected : 0)) {
      ImGui::BeginChild("comments", ImVec2(0, -reserve));
      comments(v, s, a);
      ImGui::EndChild();
      ImGui::EndTabItem();
    }
    if (!v.expert.empty() && ImGui::BeginTabItem("Expert", nullptr, s.requestTab == 2 ? ImGuiTabItemFlags_SetSelected : 0)) {
      ImGui::BeginChild("expert", ImVec2(0, -reserve));
      drawExpertComparison(v.expert, v.comparisons, "Trainee", fonts);
      ImGui::EndChild();
      ImGui::EndTabItem();
    }
    ImGui::EndTabBar();
    s.requestTab = -1;
  }
  signOffArea(s, a);
  ImGui::End();
}

void drawReviewDialogs(ReviewPanelState& s, const Fonts& fonts, ReplayActions& a) {
  if (s.commentOpen) {
    ImGui::OpenPopup("Comment");
    s.commentOpen = false;
  }
  if (ImGui::BeginPopupModal("Comment", nullptr, ImGuiWindowFlags_AlwaysAutoResize)) {
    ImGui::TextUnformatted("A comment at this spot and moment:");
    if (ImGui::IsWindowAppearing()) ImGui::SetKeyboardFocusHere();
    ImGui::InputTextMultiline("##comment", s.commentText, sizeof s.commentText,
                              ImVec2(ImGui::GetFontSize() * 22.0f, ImGui::GetFontSize() * 4.0f));
    const bool empty = s.commentText[0] == 0;
    if (empty) ImGui::BeginDisabled();
    if (ImGui::Button("Pin it", ImVec2(ImGui::GetFontSize() * 6.0f, 0))) {
      a.saveComment = true;
      ImGui::CloseCurrentPopup();
    }
    if (empty) ImGui::EndDisabled();
    ImGui::SameLine();
    if (ImGui::Button("Cancel")) {
      s.commentText[0] = 0;
      ImGui::CloseCurrentPopup();
    }
    ImGui::EndPopup();
  }
  if (s.signOffOpen) {
    ImGui::OpenPopup("Sign off");
    s.signOffOpen = false;
  }
  if (ImGui::BeginPopupModal("Sign off", nullptr, ImGuiWindowFlags_AlwaysAutoResize)) {
    heading(fonts, "Sign this review off");
    ImGui::PushTextWrapPos(ImGui::GetFontSize() * 26.0f);
    ImGui::TextUnformatted(
        "Your name and your own key sign the review together with the run's hash. The review becomes "
        "read-only; a later review can supersede it, visibly.");
    ImGui::PopTextWrapPos();
    ImGui::InputText("Assessor", s.assessorName, sizeof s.assessorName);
    if (!s.keyId.empty())
      ImGui::TextDisabled("Signed with your key %s", s.keyId.c_str());
    else
      ImGui::TextDisabled("Your own key is made when you first sign off.");
    if (!s.problem.empty()) {
      ImGui::PushTextWrapPos(ImGui::GetFontSize() * 26.0f);
      ImGui::TextColored(rgba(colors::kBad), "%s", s.problem.c_str());
      ImGui::PopTextWrapPos();
    }
    if (primaryButton("Sign", ImVec2(ImGui::GetFontSize() * 6.0f, 0))) a.signOff = true;
    ImGui::SameLine();
    if (ImGui::Button("Cancel")) {
      s.problem.clear();
      ImGui::CloseCurrentPopup();
    }
    if (s.review && s.review->isSigned()) ImGui::CloseCurrentPopup();
    ImGui::EndPopup();
  }
}

}  // namespace mnsim::app::ui
