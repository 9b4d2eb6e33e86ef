// The case screens: phase timeline, patient card, a panel per step type, the case debrief and
// the author's diagnostics.
#include "ui/case_screens.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include <imgui.h>

#include "ui/screens.h"

namespace mnsim::app::ui {

namespace {

constexpr ImGuiWindowFlags kFixed = ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoResize | ImGuiWindowFlags_NoCollapse |
                                    ImGuiWindowFlags_NoSavedSettings;


float toolbarHeight() { return ImGui::GetFontSize() * 2.9f; }
float timelineHeight() { return ImGui::GetFontSize() * 2.1f; }

// A zone's name for people; its id when the asset does not know it.
std::string zoneLabel(const ZoneMap* zones, const std::string& id) {
  const int z = zones ? zones->find(id) : -1;
  return z >= 0 ? zones->zones[z].name : id;
}

void wrapped(const std::string& text) {
  ImGui::PushTextWrapPos(0.0f);
  ImGui::TextUnformatted(text.c_str());
  ImGui::PopTextWrapPos();
}

void heading(const Fonts& fonts, const char* text) {
  ImGui::PushFont(fonts.bold);
  ImGui::TextUnformatted(text);
  ImGui::PopFont();
}

bool primaryButton(const char* label, float width) {
  ImGui::PushStyleColor(ImGuiCol_Button, ImVec4(0.12f, 0.48f, 0.69f, 1.0f));
  ImGui::PushStyleColor(ImGuiCol_ButtonHovered, ImVec4(0.16f, 0.56f, 0.78f, 1.0f));
  ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(1, 1, 1, 1));
  const bool pressed = ImGui::Button(label, ImVec2(width, ImGui::GetFontSize() * 2.0f));
  ImGui::PopStyleColor(3);
  return pressed;
}

bool contains(const std::vector<std::string>& v, const std::string& s) {
  return std::find(v.begin(), v.end(), s) != v.end();
}

// A checkbox or radio button whose label wraps and toggles when clicked.
bool wrappedChoice(const char* id, const std::string& text, bool on, bool radio) {
  ImGui::PushID(id);
  bool pressed = false;
  if (radio) {
    pressed = ImGui::RadioButton("##choice", on);
  } else {
    bool value = on;
    pressed = ImGui::Checkbox("##choice", &value);
  }
  ImGui::SameLine();
  ImGui::PushTextWrapPos(0.0f);
  ImGui::TextUnformatted(text.c_str());
  ImGui::PopTextWrapPos();
  pressed = pressed || ImGui::IsItemClicked();
  ImGui::PopID();
  return pressed;
}

void toggle(std::vector<std::string>& v, const std::string& s) {
  auto it = std::find(v.begin(), v.end(), s);
  if (it == v.end()) v.push_back(s);
  else v.erase(it);
}

std::string clock(double seconds) {
  char buf[32];
  const int s = static_cast<int>(seconds);
  if (s >= 3600) std::snprintf(buf, sizeof buf, "%d:%02d:%02d", s / 3600, (s / 60) % 60, s % 60);
  else std::snprintf(buf, sizeof buf, "%02d:%02d", s / 60, s % 60);
  return buf;
}

void faultLine(const CaseFault& f) {
  ImGui::PushTextWrapPos(0.0f);
  ImGui::TextColored(rgba(f.critical ? colors::kBad : colors::kWarn), "%s%s", f.critical ? "Critical: " : "",
                     f.explanation.c_str());
  if (!f.expected.empty()) ImGui::TextDisabled("Expected: %s", f.expected.c_str());
  if (!f.done.empty()) ImGui::TextDisabled("Done: %s", f.done.c_str());
  ImGui::PopTextWrapPos();
}

}  // namespace

// ------------------------------------------------------------------ toolbar and timeline

void drawCaseToolbar(const CaseState& s, const Fonts& fonts, glm::vec2 viewport, CaseActions& a) {
  const Scenario& sc = s.session->scenario();
  const float em = ImGui::GetFontSize();
  beginTitleBar("CaseBar", viewport.x, toolbarHeight(), kFixed, fonts, "mnsim", sc.title.c_str());
  const ImGuiStyle& style = ImGui::GetStyle();
  const char* badge = s.authorMode ? "AUTHOR" : (s.practice ? "PRACTICE" : "ASSESSMENT");
  float right = style.WindowPadding.x;
  for (const char* t : {badge, "00:00:00", "Help", "Problems (99)", "Quit"})
    right += ImGui::CalcTextSize(t).x + style.FramePadding.x * 2 + style.ItemSpacing.x;
  if (!s.authorMode) right -= ImGui::CalcTextSize("Problems (99)").x + style.FramePadding.x * 2 + style.ItemSpacing.x;
  ImGui::SameLine(viewport.x - right);
  ImGui::PushStyleColor(ImGuiCol_Button, s.authorMode ? ImVec4(0.86f, 0.82f, 0.98f, 1)
                                         : s.practice ? ImVec4(0.80f, 0.90f, 0.82f, 1)
                                                      : ImVec4(0.98f, 0.86f, 0.70f, 1));
  ImGui::SmallButton(badge);
  ImGui::PopStyleColor();
  ImGui::SameLine();
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted(clock(s.clockS).c_str());
  ImGui::SameLine();
  if (s.authorMode) {
    char label[48];
    std::snprintf(label, sizeof label, "Problems (%d)", s.diagnosticsErrors + s.diagnosticsWarnings);
    if (s.diagnosticsErrors) ImGui::PushStyleColor(ImGuiCol_Text, rgba(colors::kBad));
    if (ImGui::Button(label)) a.toggleDiagnostics = true;
    if (s.diagnosticsErrors) ImGui::PopStyleColor();
    ImGui::SameLine();
  }
  if (ImGui::Button("Help")) a.toggleHelp = true;
  ImGui::SameLine();
  if (ImGui::Button("Quit")) a.quit = true;
  ImGui::End();

  // The phases of the current visit, done ones filled, the current one marked.
  ImGui::SetNextWindowPos(ImVec2(0, toolbarHeight()));
  ImGui::SetNextWindowSize(ImVec2(viewport.x, timelineHeight()));
  ImGui::PushStyleColor(ImGuiCol_WindowBg, ImVec4(0.93f, 0.94f, 0.96f, 0.96f));
  ImGui::Begin("Timeline", nullptr, kFixed | ImGuiWindowFlags_NoDecoration);
  const Visit* visit = s.session->currentVisit();
  const Step* step = s.session->currentStep();
  const int visitIndex = visit ? static_cast<int>(visit - sc.visits.data()) : static_cast<int>(sc.visits.size()) - 1;
  char visitLabel[96];
  std::snprintf(visitLabel, sizeof visitLabel, "Visit %d of %zu · day %d", visitIndex + 1, sc.visits.size(),
                visit ? visit->day : 0);
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted(visitLabel);
  ImGui::SameLine(em * 12.0f);
  const float width = (viewport.x - em * 13.0f) / kPhaseCount;
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const ImVec2 origin = ImGui::GetCursorScreenPos();
  const int current = step ? static_cast<int>(step->phase) : kPhaseCount;
  for (int p = 0; p < kPhaseCount; ++p) {
    bool present = false;
    if (visit)
      for (const PhaseBlock& b : visit->phases) present = present || static_cast<int>(b.phase) == p;
    const ImVec2 a0(origin.x + p * width, origin.y), a1(origin.x + (p + 1) * width - 4.0f, origin.y + em * 1.4f);
    const ImU32 fill = p == current ? IM_COL32(31, 122, 176, 255)
                       : p < current && present ? IM_COL32(170, 205, 228, 255)
                                                : IM_COL32(222, 226, 232, 255);
    dl->AddRectFilled(a0, a1, fill, 4.0f);
    const char* name = phaseName(static_cast<Phase>(p));
    const ImVec2 ts = ImGui::CalcTextSize(name);
    const ImU32 text = p == current ? IM_COL32(255, 255, 255, 255) : present ? IM_COL32(40, 46, 54, 255) : IM_COL32(150, 156, 164, 255);
    dl->PushClipRect(a0, a1, true);
    dl->AddText(ImVec2(a0.x + std::max(4.0f, (a1.x - a0.x - ts.x) * 0.5f), a0.y + (em * 1.4f - ts.y) * 0.5f), text, name);
    dl->PopClipRect();
  }
  ImGui::End();
  ImGui::PopStyleColor();
}

// ------------------------------------------------------------------ patient card

void drawPatientCard(const CaseState& s, const Fonts& fonts, glm::vec2 viewport) {
  const float em = ImGui::GetFontSize();
  const float top = toolbarHeight() + timelineHeight() + em * 0.5f;
  ImGui::SetNextWindowPos(ImVec2(em * 0.5f, top));
  ImGui::SetNextWindowSize(ImVec2(em * 17.0f, viewport.y - top - em * 0.5f));
  ImGui::Begin("Patient", nullptr, kFixed);
  const PatientView pv = s.session->patient();
  ImGui::PushFont(fonts.title);
  ImGui::TextUnformatted(pv.name.c_str());
  ImGui::PopFont();
  ImGui::Text("%d years · %s", pv.age, pv.sex.c_str());
  ImGui::Text("Fitzpatrick %s · %s skin", pv.fitzpatrick.c_str(), pv.skinThickness.c_str());
  ImGui::Separator();
  const Patient& p = *pv.patient;
  auto section = [&](const char* title, const std::vector<std::string>& lines) {
    if (lines.empty()) return;
    heading(fonts, title);
    for (const std::string& l : lines) {
      ImGui::Bullet();
      ImGui::TextWrapped("%s", l.c_str());
    }
    ImGui::Spacing();
  };
  section("Goals", p.goals);
  section("History", p.history);
  section("Medicines", p.medicines);
  section("Allergies", p.allergies.empty() ? std::vector<std::string>{"none known"} : p.allergies);
  // Lesions present at this visit.
  const Visit* visit = s.session->currentVisit();
  std::vector<const PatientLesion*> present;
  for (const PatientLesion& l : p.lesions)
    if (l.visits.empty() || !visit || std::find(l.visits.begin(), l.visits.end(), visit->id) != l.visits.end())
      present.push_back(&l);
  if (!present.empty()) {
    heading(fonts, "On the skin");
    for (const PatientLesion* lesion : present) {
      const PatientLesion& l = *lesion;
      ImGui::Bullet();
      ImGui::TextWrapped("%s (%s)", l.kind.c_str(), zoneLabel(s.zones, l.zoneId).c_str());
      ImGui::PushTextWrapPos(0.0f);
      if (!l.description.empty()) ImGui::TextDisabled("%s", l.description.c_str());
      if (l.noGo) ImGui::TextColored(rgba(colors::kBad), "do not needle over it");
      ImGui::PopTextWrapPos();
    }
  }
  ImGui::End();
}

// ------------------------------------------------------------------ step panels

namespace {

void drawFeedback(const StepResult& r, const Step& step, const Fonts& fonts, CaseActions& a) {
  const bool scored = r.maxPoints > 0.0;
  bool critical = false;
  for (const CaseFault& f : r.faults) critical = critical || f.critical;
  const bool full = scored && r.points >= r.maxPoints - 1e-9;
  if (scored) {
    ImGui::PushFont(fonts.bold);
    ImGui::TextColored(rgba(critical ? colors::kBad : full ? colors::kGood : colors::kWarn), "%s",
                       critical ? "Critical error" : full ? "Correct" : "Not quite");
    ImGui::PopFont();
    ImGui::SameLine();
    ImGui::TextDisabled("%.1f of %.1f points", r.points, r.maxPoints);
  }
  for (const std::string& reply : r.replies) {
    ImGui::PushTextWrapPos(0.0f);
    ImGui::TextColored(ImVec4(0.25f, 0.35f, 0.55f, 1.0f), "Patient: \"%s\"", reply.c_str());
    ImGui::PopTextWrapPos();
  }
  for (const std::string& line : r.feedback) wrapped(line);
  for (const CaseFault& f : r.faults) faultLine(f);
  if (step.type == StepType::Procedure && r.procedure)
    ImGui::Text("Needling score %.0f / 100 · %s", r.procedure->score, r.procedure->proficient ? "proficient" : "not proficient");
  ImGui::Spacing();
  if (primaryButton("Continue", ImGui::GetFontSize() * 9.0f)) a.proceed = true;
}

}  // namespace

void drawStepPanel(const CaseState& s, StepDraft& d, const Fonts& fonts, glm::vec2 viewport, CaseActions& a) {
  const float em = ImGui::GetFontSize();
  const float top = toolbarHeight() + timelineHeight() + em * 0.5f;
  const float width = std::min(em * 27.0f, viewport.x * 0.36f);
  ImGui::SetNextWindowPos(ImVec2(viewport.x - width - em * 0.5f, top));
  ImGui::SetNextWindowSize(ImVec2(width, viewport.y - top - em * 0.5f));
  ImGui::Begin("Step", nullptr, kFixed | ImGuiWindowFlags_NoTitleBar);
  if (s.session->finished() && !s.shownResult) {
    heading(fonts, "The case has ended");
    ImGui::TextDisabled("Outcome: %s", outcomeId(s.session->result().outcome));
    if (primaryButton("Open the debrief", em * 11.0f)) a.showDebrief = true;
    ImGui::End();
    return;
  }
  const Step* step = s.shownResult ? &s.session->scenario().steps[s.session->scenario().findStep(s.shownResult->stepId)]
                                   : s.session->currentStep();
  if (!step) {
    ImGui::End();
    return;
  }
  if (d.stepId != step->id) {
    d = StepDraft();
    d.stepId = step->id;
    d.sessions = static_cast<float>(step->schedule.sessions.given ? 0 : 0);
  }
  ImGui::TextDisabled("%s · %s", phaseName(step->phase), stepTypeId(step->type));
  ImGui::PushFont(fonts.title);
  ImGui::PushTextWrapPos(0.0f);
  ImGui::TextUnformatted(step->title.empty() ? step->id.c_str() : step->title.c_str());
  ImGui::PopTextWrapPos();
  ImGui::PopFont();
  if (!step->text.empty()) wrapped(step->text);
  ImGui::Separator();

  if (s.shownResult) {
    drawFeedback(*s.shownResult, *step, fonts, a);
    ImGui::End();
    return;
  }

  const float buttonW = em * 10.0f;
  switch (step->type) {
    case StepType::Narrative:
      if (primaryButton("Continue", buttonW)) a.submit = true;
      break;
    case StepType::Question:
    case StepType::Instructions: {
      const bool multiple = step->multiple || step->type == StepType::Instructions;
      ImGui::TextDisabled(multiple ? "Choose every one that applies" : "Choose one");
      for (const Choice& c : step->options) {
        if (wrappedChoice(c.id.c_str(), c.text, contains(d.choices, c.id), !multiple)) {
          if (multiple) toggle(d.choices, c.id);
          else d.choices = {c.id};
        }
      }
      ImGui::Spacing();
      const bool ready = multiple || !d.choices.empty();
      if (!ready) ImGui::BeginDisabled();
      if (primaryButton(step->type == StepType::Instructions ? "Give this advice" : "Answer", buttonW)) a.submit = true;
      if (!ready) ImGui::EndDisabled();
      break;
    }
    case StepType::Decision:
      ImGui::TextDisabled("Decide");
      for (const Choice& c : step->options)
        if (wrappedChoice(c.id.c_str(), c.text, contains(d.choices, c.id), true)) d.choices = {c.id};
      ImGui::Spacing();
      if (d.choices.empty()) ImGui::BeginDisabled();
      if (primaryButton("Decide", buttonW)) a.submit = true;
      if (d.choices.empty()) ImGui::EndDisabled();
      break;
    case StepType::Checklist: {
      ImGui::TextDisabled("Click the steps in the order you do them");
      for (const ChecklistItem& item : step->items) {
        const bool done = contains(d.choices, item.id);
        if (done) ImGui::BeginDisabled();
        ImGui::PushID(item.id.c_str());
        // Long items wrap inside a selectable row.
        const float h = ImGui::CalcTextSize(item.text.c_str(), nullptr, false, ImGui::GetContentRegionAvail().x - 8.0f).y + 6.0f;
        const ImVec2 at = ImGui::GetCursorScreenPos();
        if (ImGui::Button("##item", ImVec2(-1, h))) d.choices.push_back(item.id);
        ImGui::GetWindowDrawList()->PushClipRectFullScreen();
        ImGui::GetWindowDrawList()->AddText(nullptr, 0.0f, ImVec2(at.x + 4.0f, at.y + 3.0f),
                                            ImGui::GetColorU32(ImGuiCol_Text), item.text.c_str(), nullptr,
                                            ImGui::GetContentRegionAvail().x - 8.0f);
        ImGui::GetWindowDrawList()->PopClipRect();
        ImGui::PopID();
        if (done) ImGui::EndDisabled();
      }
      ImGui::Separator();
      heading(fonts, "Done so far");
      for (size_t k = 0; k < d.choices.size(); ++k) {
        const ChecklistItem* item = step->item(d.choices[k]);
        ImGui::PushTextWrapPos(0.0f);
        ImGui::Text("%zu. %s", k + 1, item ? item->text.c_str() : d.choices[k].c_str());
        ImGui::PopTextWrapPos();
      }
      if (d.choices.empty()) ImGui::TextDisabled("nothing yet");
      ImGui::Spacing();
      if (!d.choices.empty()) {
        if (ImGui::Button("Undo the last")) d.choices.pop_back();
        ImGui::SameLine();
      }
      if (primaryButton("Finished", buttonW)) a.submit = true;
      break;
    }
    case StepType::Timer: {
      ImGui::Text("%s", step->timer.label.c_str());
      ImGui::PushFont(fonts.large);
      ImGui::TextUnformatted(clock(d.waitedS).c_str());
      ImGui::PopFont();
      ImGui::TextDisabled("waited so far (fast-forwarded)");
      for (int minutes : {1, 5, 10}) {
        char label[24];
        std::snprintf(label, sizeof label, "+%d min", minutes);
        if (ImGui::Button(label)) a.fastForwardS = minutes * 60.0;
        ImGui::SameLine();
      }
      ImGui::NewLine();
      ImGui::Spacing();
      if (primaryButton("End the wait", buttonW)) a.submit = true;
      break;
    }
    case StepType::Procedure: {
      const TreatmentPlan& plan = step->procedure.plan;
      heading(fonts, "The plan");
      if (const Cartridge* c = plan.cartridge()) ImGui::Text("%s, %s", plan.device().name.c_str(), c->name.c_str());
      else ImGui::TextUnformatted(plan.device().name.c_str());
      for (const ZonePlan& z : plan.zones)
        ImGui::BulletText("%s: %.2f-%.2f mm, %d passes", zoneLabel(s.zones, z.zoneId).c_str(), z.depthMinMm, z.depthMaxMm, z.passes);
      ImGui::Spacing();
      wrapped("Needle these zones on the " + plan.assetName + ". End the needling with the Finish button in the toolbar.");
      if (primaryButton("Start needling", buttonW)) a.startNeedling = true;
      break;
    }
    case StepType::Observation: {
      const ObservationSpec& o = step->observation;
      ImGui::Text("Day %d after the treatment", o.day);
      ImGui::PushTextWrapPos(0.0f);
      ImGui::TextColored(ImVec4(0.25f, 0.35f, 0.55f, 1.0f), "%s", o.description.c_str());
      ImGui::PopTextWrapPos();
      ImGui::TextDisabled("The face shows the skin on that day: turn it to look.");
      ImGui::Spacing();
      heading(fonts, "This course is");
      if (ImGui::RadioButton("normal", d.assessment == "normal")) d.assessment = "normal";
      ImGui::SameLine();
      if (ImGui::RadioButton("abnormal", d.assessment == "abnormal")) d.assessment = "abnormal";
      heading(fonts, "What you do");
      for (const Choice& c : step->options)
        if (wrappedChoice(c.id.c_str(), c.text, contains(d.choices, c.id), true)) d.choices = {c.id};
      ImGui::Spacing();
      const bool ready = !d.assessment.empty() && (step->options.empty() || !d.choices.empty());
      if (!ready) ImGui::BeginDisabled();
      if (primaryButton("Submit", buttonW)) a.submit = true;
      if (!ready) ImGui::EndDisabled();
      break;
    }
    case StepType::Schedule: {
      const ScheduleSpec& sp = step->schedule;
      ImGui::PushItemWidth(em * 7.0f);
      if (sp.sessions.given) ImGui::InputFloat("sessions in the series", &d.sessions, 1.0f, 1.0f, "%.0f");
      if (sp.intervalWeeks.given) ImGui::InputFloat("weeks between sessions", &d.intervalWeeks, 1.0f, 1.0f, "%.0f");
      if (sp.maintenanceMonths.given) ImGui::InputFloat("months between maintenance sessions", &d.maintenanceMonths, 1.0f, 1.0f, "%.0f");
      ImGui::PopItemWidth();
      ImGui::Spacing();
      if (primaryButton("Set the plan", buttonW)) a.submit = true;
      break;
    }
  }
  ImGui::End();
}

// ------------------------------------------------------------------ case debrief

const CaseFault* caseDebriefFault(const CaseResult& r, int index) {
  if (index < 0) return nullptr;
  if (index < static_cast<int>(r.criticalErrors.size())) return &r.criticalErrors[index];
  index -= static_cast<int>(r.criticalErrors.size());
  return index < static_cast<int>(r.faults.size()) ? &r.faults[index] : nullptr;
}

CaseDebriefActions drawCaseDebrief(CaseDebriefState& s, const Fonts& fonts, glm::vec2 viewport) {
  CaseDebriefActions a;
  const CaseResult& r = *s.result;
  const float em = ImGui::GetFontSize();
  const float top = toolbarHeight();
  const ImGuiStyle& style = ImGui::GetStyle();

  beginTitleBar("CaseDebriefBar", viewport.x, top, kFixed, fonts, "Case debrief", r.scenarioTitle.c_str());
  float right = style.WindowPadding.x;
  for (const char* t : {"Try again", "Home"}) right += ImGui::CalcTextSize(t).x + style.FramePadding.x * 2 + style.ItemSpacing.x;
  ImGui::SameLine(viewport.x - right);
  if (ImGui::Button("Try again")) a.again = true;
  ImGui::SameLine();
  if (ImGui::Button("Home")) a.home = true;
  ImGui::End();

  // Left: the decision and the phases.
  const float leftW = std::min(em * 24.0f, viewport.x * 0.32f);
  ImGui::SetNextWindowPos(ImVec2(em * 0.5f, top + em * 0.5f));
  ImGui::SetNextWindowSize(ImVec2(leftW, viewport.y - top - em));
  ImGui::Begin("Case result", nullptr, kFixed | ImGuiWindowFlags_NoTitleBar);
  ImGui::PushFont(fonts.large);
  ImGui::Text("%.0f", r.score);
  ImGui::PopFont();
  ImGui::SameLine();
  ImGui::BeginGroup();
  ImGui::TextDisabled("/ 100 (pass: %.0f)", r.passThreshold);
  ImGui::TextColored(rgba(r.proficient ? colors::kGood : colors::kBad), r.proficient ? "PROFICIENT" : "NOT PROFICIENT");
  ImGui::EndGroup();
  ImGui::Text("Outcome: %s%s", outcomeId(r.outcome), r.finished ? "" : " (unfinished)");
  // The run is saved as the case goes: an assessor can score it again with 'mnsim score RUN'.
  ImGui::PushTextWrapPos(0.0f);
  if (!s.runPath.empty()) {
    ImGui::TextDisabled("Run saved to %s", s.runPath.c_str());
    if (ImGui::SmallButton("Copy the path")) a.copyRunPath = true;
  } else if (!s.runError.empty()) {
    ImGui::TextColored(rgba(colors::kBad), "The run could not be saved: %s", s.runError.c_str());
  }
  ImGui::PopTextWrapPos();
  if (!r.unmet.empty()) {
    std::string unmet;
    for (const std::string& u : r.unmet) unmet += (unmet.empty() ? "" : ", ") + u;
    ImGui::PushTextWrapPos(0.0f);
    ImGui::TextColored(rgba(colors::kBad), "Why not: %s", unmet.c_str());
    ImGui::PopTextWrapPos();
  }
  ImGui::Separator();
  heading(fonts, "Phases");
  if (ImGui::BeginTable("phases", 3, ImGuiTableFlags_SizingStretchProp)) {
    ImGui::TableSetupColumn("phase", ImGuiTableColumnFlags_WidthFixed, ImGui::CalcTextSize(phaseName(Phase::Aftercare)).x);
    ImGui::TableSetupColumn("bar", ImGuiTableColumnFlags_WidthStretch);
    ImGui::TableSetupColumn("score", ImGuiTableColumnFlags_WidthFixed, ImGui::CalcTextSize("100").x);
    for (const PhaseResult& p : r.phases) {
      ImGui::TableNextRow();
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(phaseName(p.phase));
      ImGui::TableNextColumn();
      if (!p.scored) {
        ImGui::TextDisabled("not reached");
        ImGui::TableNextColumn();
        continue;
      }
      const ImVec2 pos = ImGui::GetCursorScreenPos();
      const float w = ImGui::GetContentRegionAvail().x, h = em * 0.7f;
      ImDrawList* dl = ImGui::GetWindowDrawList();
      dl->AddRectFilled(ImVec2(pos.x, pos.y + 3), ImVec2(pos.x + w, pos.y + 3 + h), IM_COL32(225, 229, 234, 255), 3.0f);
      dl->AddRectFilled(ImVec2(pos.x, pos.y + 3), ImVec2(pos.x + w * static_cast<float>(p.score / 100.0), pos.y + 3 + h),
                        p.met ? colors::kGood : colors::kBad, 3.0f);
      const float tx = pos.x + w * static_cast<float>(p.threshold / 100.0);
      dl->AddLine(ImVec2(tx, pos.y + 1), ImVec2(tx, pos.y + 5 + h), IM_COL32(60, 60, 60, 180), 1.5f);
      ImGui::Dummy(ImVec2(w, h + 4));
      ImGui::TableNextColumn();
      ImGui::Text("%.0f", p.score);
    }
    ImGui::EndTable();
  }
  if (s.heatmap) {
    ImGui::PushTextWrapPos(0.0f);
    ImGui::TextDisabled("The face shows the last needling: %s", kHeatmapLegend);
    ImGui::PopTextWrapPos();
  }
  ImGui::Separator();
  // Identical errors (a stroke crossing a lesion line after line) are grouped with a count.
  const int total = static_cast<int>(r.criticalErrors.size() + r.faults.size());
  heading(fonts, total ? "Errors and faults" : "No errors or faults");
  ImGui::BeginChild("faults", ImVec2(0, 0));
  for (int i = 0; i < total; ++i) {
    const CaseFault* f = caseDebriefFault(r, i);
    bool seen = false;
    for (int j = 0; j < i && !seen; ++j) {
      const CaseFault* g = caseDebriefFault(r, j);
      seen = g->critical == f->critical && g->kind == f->kind && g->stepId == f->stepId && g->zoneId == f->zoneId;
    }
    if (seen) continue;
    int count = 0;
    for (int j = i; j < total; ++j) {
      const CaseFault* g = caseDebriefFault(r, j);
      count += g->critical == f->critical && g->kind == f->kind && g->stepId == f->stepId && g->zoneId == f->zoneId;
    }
    // What, where (the zone, else the step) and how often.
    const int stepIndex = s.scenario->findStep(f->stepId);
    const std::string where = !f->zoneId.empty()                                       ? zoneLabel(s.zones, f->zoneId)
                              : stepIndex >= 0 && !s.scenario->steps[stepIndex].title.empty() ? s.scenario->steps[stepIndex].title
                                                                                       : std::string(phaseName(f->phase));
    char label[260], id[16];
    std::snprintf(label, sizeof label, "%s%s · %s%s", f->critical ? "Critical: " : "", faultTitle(f->kind), where.c_str(),
                  count > 1 ? (" ×" + std::to_string(count)).c_str() : "");
    std::snprintf(id, sizeof id, "##f%d", i);
    if (f->critical) ImGui::PushStyleColor(ImGuiCol_Text, rgba(colors::kBad));
    if (wrappedSelectable(id, label, s.selectedFault == i)) {
      s.selectedFault = i;
      if (f->hasPoint) a.focusFault = i;
    }
    if (f->critical) ImGui::PopStyleColor();
    if (s.selectedFault == i) faultLine(*f);
  }
  ImGui::EndChild();
  ImGui::End();

  // Right: the steps as taken, and the selected one's detail.
  const float rightW = std::min(em * 26.0f, viewport.x * 0.34f);
  ImGui::SetNextWindowPos(ImVec2(viewport.x - rightW - em * 0.5f, top + em * 0.5f));
  ImGui::SetNextWindowSize(ImVec2(rightW, viewport.y - top - em));
  ImGui::Begin("Steps", nullptr, kFixed | ImGuiWindowFlags_NoTitleBar);
  heading(fonts, "Steps, in the order taken");
  ImGui::BeginChild("steps", ImVec2(0, ImGui::GetContentRegionAvail().y * 0.55f), true);
  for (size_t i = 0; i < r.steps.size(); ++i) {
    const StepResult& st = r.steps[i];
    const int index = s.scenario->findStep(st.stepId);
    const std::string title = index >= 0 && !s.scenario->steps[index].title.empty() ? s.scenario->steps[index].title : st.stepId;
    bool critical = false;
    for (const CaseFault& f : st.faults) critical = critical || f.critical;
    char label[200];
    std::snprintf(label, sizeof label, "%s##s%zu", title.c_str(), i);
    if (critical) ImGui::PushStyleColor(ImGuiCol_Text, rgba(colors::kBad));
    if (ImGui::Selectable(label, s.selectedStep == static_cast<int>(i))) s.selectedStep = static_cast<int>(i);
    if (critical) ImGui::PopStyleColor();
    if (st.maxPoints > 0.0) {
      char points[48];
      std::snprintf(points, sizeof points, "%.3g / %.3g", st.points, st.maxPoints);
      ImGui::SameLine(ImGui::GetWindowContentRegionMax().x - ImGui::CalcTextSize(points).x);  // right-aligned
      const bool full = st.points >= st.maxPoints - 1e-9;
      ImGui::TextColored(rgba(full ? colors::kGood : colors::kWarn), "%s", points);
    }
  }
  ImGui::EndChild();
  if (s.selectedStep >= 0 && s.selectedStep < static_cast<int>(r.steps.size())) {
    const StepResult& st = r.steps[s.selectedStep];
    ImGui::TextDisabled("%s · %s · visit %s", phaseName(st.phase), stepTypeId(st.type), st.visitId.c_str());
    ImGui::BeginChild("detail", ImVec2(0, 0));
    for (const std::string& reply : st.replies) {
      ImGui::PushTextWrapPos(0.0f);
      ImGui::TextColored(ImVec4(0.25f, 0.35f, 0.55f, 1.0f), "Patient: \"%s\"", reply.c_str());
      ImGui::PopTextWrapPos();
    }
    for (const std::string& line : st.feedback) wrapped(line);
    for (const CaseFault& f : st.faults) faultLine(f);
    if (st.procedure) {
      ImGui::Text("Needling: %.0f / 100, %s", st.procedure->score, st.procedure->proficient ? "proficient" : "not proficient");
      if (ImGui::Button("Open the needling debrief")) a.openProcedure = s.selectedStep;
    }
    ImGui::EndChild();
  } else {
    ImGui::TextDisabled("Select a step to see the feedback.");
  }
  ImGui::End();
  return a;
}

// ------------------------------------------------------------------ author mode

void drawDiagnostics(const std::string& file, const std::vector<Diagnostic>& diagnostics, bool& open,
                     const Fonts& fonts, glm::vec2 viewport, double reloadedAgoS) {
  if (!open) return;
  const float em = ImGui::GetFontSize();
  ImGui::SetNextWindowPos(ImVec2(viewport.x * 0.5f, viewport.y - em), ImGuiCond_Appearing, ImVec2(0.5f, 1.0f));
  ImGui::SetNextWindowSize(ImVec2(std::min(viewport.x - 2 * em, em * 60), em * 12), ImGuiCond_Appearing);
  ImGui::Begin("Problems in the scenario", &open, ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoCollapse);
  ImGui::TextDisabled("%s · reloaded %.0f s ago (saving the file reloads it)", file.c_str(), reloadedAgoS);
  ImGui::Separator();
  if (diagnostics.empty()) ImGui::TextColored(rgba(colors::kGood), "No problems: the scenario validates.");
  for (const Diagnostic& d : diagnostics) {
    const bool error = d.severity == Severity::Error;
    ImGui::PushTextWrapPos(0.0f);
    ImGui::TextColored(rgba(error ? colors::kBad : colors::kWarn), "%s", error ? "error" : "warning");
    ImGui::SameLine();
    ImGui::TextUnformatted(d.format().c_str());
    ImGui::PopTextWrapPos();
  }
  (void)fonts;
  ImGui::End();
}

}  // namespace mnsim::app::ui
