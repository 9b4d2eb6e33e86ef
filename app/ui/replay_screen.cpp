// The replay screen: the title bar, the verify banner, the timeline along the bottom, the moment
// panel on the left, and the pen's ghost, trail and comment pins over the skin.
#include <algorithm>
#include <cmath>
#include <cstdio>

#include <imgui.h>

#include "ui/replay_panels.h"
#include "ui/widgets.h"

namespace mnsim::app::ui {

namespace {

unsigned markColour(TimelineMarkKind kind) {
  switch (kind) {
    case TimelineMarkKind::Phase: return 0xFF5A4A3A;
    case TimelineMarkKind::Step: return 0xFFA09890;
    case TimelineMarkKind::Pass: return colors::kGood;
    case TimelineMarkKind::Fault: return colors::kWarn;
    case TimelineMarkKind::Critical: return colors::kBad;
    case TimelineMarkKind::Comment: return 0xFFC800FF;  // the pins' magenta
  }
  return colors::kMuted;
}

// Framebuffer pixels to ImGui's coordinates.
ImVec2 toUi(glm::vec2 px) {
  const ImVec2 scale = ImGui::GetIO().DisplayFramebufferScale;
  return ImVec2(px.x / std::max(scale.x, 1e-3f), px.y / std::max(scale.y, 1e-3f));
}

}  // namespace

std::string replayClock(double s) {
  char buf[32];
  const int m = static_cast<int>(s / 60.0);
  std::snprintf(buf, sizeof buf, "%d:%04.1f", m, s - 60.0 * m);
  return buf;
}

float replayBannerHeight() { return ImGui::GetFontSize() * 1.9f; }
float replayTimelineHeight() { return ImGui::GetFontSize() * 6.4f; }

void beginRightPanel(const char* id, glm::vec2 viewport) {
  const float em = ImGui::GetFontSize();
  const float top = toolbarHeight() + replayBannerHeight() + em * 0.5f;
  const float w = std::min(em * 24.0f, viewport.x * 0.34f);
  ImGui::SetNextWindowPos(ImVec2(viewport.x - w - em * 0.5f, top));
  ImGui::SetNextWindowSize(ImVec2(w, viewport.y - top - replayTimelineHeight() - em * 0.5f));
  ImGui::Begin(id, nullptr, kSessionPanel);
}

void drawVerifyBanner(const ReplayView& v, glm::vec2 viewport, float top) {
  const bool ok = v.verify == "ok";
  const bool bad = v.verify == "altered" || v.verify == "unreadable";
  const unsigned colour = ok ? colors::kGood : bad ? colors::kBad : colors::kWarn;
  ImGui::SetNextWindowPos(ImVec2(0, top));
  ImGui::SetNextWindowSize(ImVec2(viewport.x, replayBannerHeight()));
  ImGui::PushStyleColor(ImGuiCol_WindowBg, rgba(colour));
  ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(1, 1, 1, 1));
  ImGui::Begin("##verify", nullptr, kSessionPanel | ImGuiWindowFlags_NoBringToFrontOnFocus);
  std::string label = ok                           ? "Verified"
                      : v.verify == "altered"      ? "ALTERED: not evidence, cannot be signed off"
                      : v.verify == "truncated"    ? "TRUNCATED: cut short or never finished"
                      : v.verify == "interrupted"  ? "INTERRUPTED: closed after a crash"
                      : v.verify == "unsigned"     ? "UNSIGNED: no station signature"
                      : v.verify == "unknown-key"  ? "UNKNOWN KEY: signed by a station not trusted here"
                                                   : "UNREADABLE";
  ImGui::Text("%s: %s", label.c_str(), v.verifyMessage.c_str());
  ImGui::End();
  ImGui::PopStyleColor(2);
}

void drawTimeline(const ReplayView& v, glm::vec2 viewport, ReplayActions& a) {
  const float em = ImGui::GetFontSize();
  const float h = replayTimelineHeight();
  ImGui::SetNextWindowPos(ImVec2(0, viewport.y - h));
  ImGui::SetNextWindowSize(ImVec2(viewport.x, h));
  ImGui::Begin("##timeline", nullptr, kSessionPanel);
  // Transport.
  if (ImGui::Button("|<")) a.stepStroke = -1;
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("Previous stroke (Shift+Left)");
  ImGui::SameLine();
  if (ImGui::Button("<")) a.stepStamp = -1;
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("Previous stamp (Left)");
  ImGui::SameLine();
  if (ImGui::Button(v.playing ? "Pause" : "Play", ImVec2(em * 4.0f, 0))) a.togglePlay = true;
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("Space");
  ImGui::SameLine();
  if (ImGui::Button(">")) a.stepStamp = 1;
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("Next stamp (Right)");
  ImGui::SameLine();
  if (ImGui::Button(">|")) a.stepStroke = 1;
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("Next stroke (Shift+Right)");
  ImGui::SameLine();
  ImGui::SetNextItemWidth(em * 5.0f);
  char speed[16];
  std::snprintf(speed, sizeof speed, "%gx", kReplaySpeeds[v.speedIndex]);
  if (ImGui::BeginCombo("##speed", speed)) {
    for (int i = 0; i < kReplaySpeedCount; ++i) {
      char item[16];
      std::snprintf(item, sizeof item, "%gx", kReplaySpeeds[i]);
      if (ImGui::Selectable(item, i == v.speedIndex)) a.speedIndex = i;
    }
    ImGui::EndCombo();
  }
  ImGui::SameLine();
  ImGui::Text("%s / %s", replayClock(v.timeS).c_str(), replayClock(v.durationS).c_str());
  ImGui::SameLine(0, em * 1.5f);
  const char* views[] = {"Skin", "Zones", "Coverage", "Endpoint"};
  ImGui::SetNextItemWidth(em * 7.0f);
  if (ImGui::BeginCombo("##view", views[v.view])) {
    for (int i = 0; i < 4; ++i)
      if (ImGui::Selectable(views[i], i == v.view)) a.view = i;
    ImGui::EndCombo();
  }
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("The skin's view (keys 1-4)");
  ImGui::SameLine(viewport.x - em * 31.0f);
  for (auto [kind, name] : {std::pair{TimelineMarkKind::Phase, "phase"}, {TimelineMarkKind::Pass, "pass"},
                            {TimelineMarkKind::Fault, "fault"}, {TimelineMarkKind::Critical, "critical error"},
                            {TimelineMarkKind::Comment, "comment"}}) {
    ImGui::TextColored(rgba(markColour(kind)), "|");
    ImGui::SameLine(0, em * 0.2f);
    ImGui::TextDisabled("%s", name);
    ImGui::SameLine();
  }
  ImGui::NewLine();

  // The bar: markers above, the scrubber below; click or drag to seek.
  const ImVec2 origin = ImGui::GetCursorScreenPos();
  const float width = ImGui::GetContentRegionAvail().x;
  const float barH = h - (origin.y - ImGui::GetWindowPos().y) - em * 0.6f;
  ImGui::InvisibleButton("##bar", ImVec2(width, barH));
  const bool hovered = ImGui::IsItemHovered();
  const double duration = std::max(v.durationS, 1e-6);
  auto xOf = [&](double t) { return origin.x + static_cast<float>(t / duration) * width; };
  if (ImGui::IsItemActive()) {
    const float x = std::clamp(ImGui::GetIO().MousePos.x - origin.x, 0.0f, width);
    a.seek = duration * x / width;
  }
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const float trackY = origin.y + barH * 0.62f;
  dl->AddRectFilled(ImVec2(origin.x, trackY - 3), ImVec2(origin.x + width, trackY + 3), 0xFFD8D0C8, 3.0f);
  dl->AddRectFilled(ImVec2(origin.x, trackY - 3), ImVec2(xOf(v.timeS), trackY + 3), colors::kAccent, 3.0f);
  int hoveredMark = -1;
  for (size_t i = 0; i < v.marks.size(); ++i) {
    const TimelineMark& m = v.marks[i];
    const float x0 = xOf(m.timeS), x1 = std::max(xOf(m.endTimeS), x0 + 2.0f);
    const float top = origin.y + (m.kind == TimelineMarkKind::Phase ? 0.0f : barH * 0.12f);
    const float bottom = trackY - 5.0f;
    const bool episode = m.endTimeS > m.timeS && (m.kind == TimelineMarkKind::Fault || m.kind == TimelineMarkKind::Critical);
    if (episode)
      dl->AddRectFilled(ImVec2(x0, bottom - barH * 0.18f), ImVec2(x1, bottom), markColour(m.kind) & 0x90FFFFFF);
    dl->AddLine(ImVec2(x0, top), ImVec2(x0, bottom), markColour(m.kind), m.kind == TimelineMarkKind::Step ? 1.0f : 2.0f);
    if (m.kind == TimelineMarkKind::Comment) dl->AddCircleFilled(ImVec2(x0, top + 4), 4.5f, markColour(m.kind));
    const ImVec2 mouse = ImGui::GetIO().MousePos;
    if (ImGui::IsWindowHovered() && mouse.y >= top && mouse.y <= bottom && std::abs(mouse.x - x0) < 4.0f &&
        m.kind != TimelineMarkKind::Step)
      hoveredMark = static_cast<int>(i);
  }
  const float sx = xOf(v.timeS);
  dl->AddCircleFilled(ImVec2(sx, trackY), 7.0f, colors::kAccent);
  dl->AddCircle(ImVec2(sx, trackY), 7.0f, 0xFFFFFFFF, 0, 2.0f);
  if (hoveredMark >= 0) {
    ImGui::SetTooltip("%s  %s", replayClock(v.marks[static_cast<size_t>(hoveredMark)].timeS).c_str(),
                      v.marks[static_cast<size_t>(hoveredMark)].label.c_str());
    if (ImGui::IsMouseClicked(ImGuiMouseButton_Left)) {
      a.jumpMark = hoveredMark;
      a.seek.reset();
    }
  } else if (hovered) {
    const float x = std::clamp(ImGui::GetIO().MousePos.x - origin.x, 0.0f, width);
    ImGui::SetTooltip("%s", replayClock(duration * x / width).c_str());
  }
  ImGui::End();
}

void drawMomentPanel(const ReplayView& v, const Fonts& fonts, glm::vec2 viewport) {
  const float em = ImGui::GetFontSize();
  const float top = toolbarHeight() + replayBannerHeight() + em * 0.5f;
  const float w = std::min(em * 19.0f, viewport.x * 0.28f);
  ImGui::SetNextWindowPos(ImVec2(em * 0.5f, top));
  ImGui::SetNextWindowSize(ImVec2(w, viewport.y - top - replayTimelineHeight() - em * 0.5f));
  ImGui::Begin("##moment", nullptr, kSessionPanel);
  heading(fonts, "At this moment");
  if (!v.step.empty()) wrapped(v.step);
  if (v.pen) {
    ImGui::Separator();
    ImGui::TextDisabled(v.penLive ? "Needling under way" : "Needling finished");
    if (v.penLive) {
      ImGui::Text("Pen %s", v.contact ? "on the skin" : "lifted");
      ImGui::Text("Dial depth   %.2f mm", v.dialDepthMm);
      ImGui::Text("Hand speed   %.0f mm/s", v.speedMmPerS);
      ImGui::Text("Angle        %.0f°", v.angleDeg);
      if (!v.zone.empty()) ImGui::Text("Zone         %s%s", v.zone.c_str(), v.pass > 0 ? (", pass " + std::to_string(v.pass)).c_str() : "");
    }
  }
  if (!v.answered.empty()) {
    ImGui::Separator();
    heading(fonts, "Answered so far");
    ImGui::BeginChild("answered", ImVec2(0, -em * 3.2f));
    for (const std::string& line : v.answered) wrapped(line);
    if (ImGui::GetScrollY() >= ImGui::GetScrollMaxY() - 1.0f) ImGui::SetScrollHereY(1.0f);  // follow the newest
    ImGui::EndChild();
  }
  ImGui::Separator();
  wrapped(v.result);
  ImGui::End();
}

void drawSkinOverlays(const ReplayView& v) {
  ImDrawList* dl = ImGui::GetBackgroundDrawList();
  for (size_t i = 1; i < v.trail.size(); ++i) {
    const unsigned alpha = static_cast<unsigned>(40 + 200 * i / v.trail.size());
    dl->AddLine(toUi(v.trail[i - 1]), toUi(v.trail[i]), (alpha << 24) | 0x00F0A040, 2.5f);
  }
  for (size_t i = 1; i < v.expertTrail.size(); ++i) {
    const unsigned alpha = static_cast<unsigned>(40 + 200 * i / v.expertTrail.size());
    dl->AddLine(toUi(v.expertTrail[i - 1]), toUi(v.expertTrail[i]), (alpha << 24) | 0x00B060A0, 2.5f);
  }
  if (v.expertGhost) {
    dl->AddLine(toUi(v.expertTip), toUi(v.expertHand), 0xB0FFFFFF, 7.0f);
    dl->AddLine(toUi(v.expertTip), toUi(v.expertHand), 0xD0B060A0, 3.0f);
    dl->AddCircle(toUi(v.expertTip), 6.0f, 0xD0B060A0, 0, 2.0f);
  }
  if (v.ghost) {
    dl->AddLine(toUi(v.ghostTip), toUi(v.ghostHand), 0xB0FFFFFF, 7.0f);
    dl->AddLine(toUi(v.ghostTip), toUi(v.ghostHand), 0xC0B07A1F, 3.0f);
  }
  for (const ScreenPin& p : v.pins) {
    const ImVec2 c = toUi(p.px);
    dl->AddCircleFilled(c, 9.0f, 0xFFFFFFFF);
    dl->AddCircleFilled(c, 7.0f, markColour(TimelineMarkKind::Comment));
    char n[16];
    std::snprintf(n, sizeof n, "%d", p.comment + 1);
    dl->AddText(ImVec2(c.x + 10.0f, c.y - 8.0f), 0xFFFFFFFF, n);
  }
}

ReplayActions drawReplay(const ReplayView& v, ReviewPanelState& review, const Fonts& fonts, glm::vec2 viewport) {
  ReplayActions a;
  const float bar = toolbarHeight();
  beginTitleBar("##replaybar", viewport.x, bar, 0, fonts, v.title.c_str(), v.subtitle.c_str());
  if (rightAlignedButtons({"Back"}, viewport.x) == 0) a.back = true;
  ImGui::End();
  drawVerifyBanner(v, viewport, bar);
  drawSkinOverlays(v);
  drawMomentPanel(v, fonts, viewport);
  drawTimeline(v, viewport, a);
  if (v.assessor) {
    drawReviewPanel(v, review, fonts, viewport, a);
    drawReviewDialogs(review, fonts, a);
  } else if (!v.expert.empty()) {
    beginRightPanel("##expert", viewport);  // the trainee's replay: the comparison where the review would be
    drawExpertComparison(v.expert, v.comparisons, "You", fonts);
    ImGui::End();
  }
  return a;
}

}  // namespace mnsim::app::ui
