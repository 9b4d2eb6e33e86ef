// The step panel: the current step of the case with a body per step type (question, decision,
// checklist, timer, procedure, observation, schedule), or the feedback on the last answer.
#include <algorithm>
#include <cstdio>

#include <imgui.h>

#include "ui/case_panels.h"
#include "ui/case_time.h"
#include "ui/widgets.h"

namespace mnsim::app::ui {

namespace {

bool contains(const std::vector<std::string>& v, const std::string& s) {
  return std::find(v.begin(), v.end(), s) != v.end();
}

void toggle(std::vector<std::string>& v, const std::string& s) {
  auto it = std::find(v.begin(), v.end(), s);
  if (it == v.end())
    v.push_back(s);
  else
    v.erase(it);
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

// The step's button, greyed until the answer is complete.
bool submitButton(const char* label, bool ready) {
  if (!ready) ImGui::BeginDisabled();
  const bool pressed = primaryButton(label, ImVec2(ImGui::GetFontSize() * 10.0f, ImGui::GetFontSize() * 2.0f));
  if (!ready) ImGui::EndDisabled();
  return pressed;
}

void feedback(const StepResult& r, const Step& step, const Fonts& fonts, CaseActions& a) {
  const bool scored = r.maxPoints > 0.0;
  bool critical = false;
  for (const CaseFault& f : r.faults) critical = critical || f.critical;
  const bool full = scored && r.points >= r.maxPoints - 1e-9;
  if (scored) {
    ImGui::PushFont(fonts.bold);
    ImGui::TextColored(rgba(critical ? colors::kBad
                            : full   ? colors::kGood
                                     : colors::kWarn),
                       "%s",
                       critical ? "Critical error"
                       : full   ? "Correct"
                                : "Not quite");
    ImGui::PopFont();
    ImGui::SameLine();
    ImGui::TextDisabled("%.1f of %.1f points", r.points, r.maxPoints);
  }
  patientReplies(r.replies);
  for (const std::string& line : r.feedback) wrapped(line);
  for (const CaseFault& f : r.faults) faultLine(f);
  if (step.type == StepType::Procedure && r.procedure)
    ImGui::Text("Needling score %.0f / 100 · %s", r.procedure->score,
                r.procedure->proficient ? "proficient" : "not proficient");
  ImGui::Spacing();
  if (primaryButton("Continue", ImVec2(ImGui::GetFontSize() * 9.0f, ImGui::GetFontSize() * 2.0f))) a.proceed = true;
}

void question(const Step& step, StepDraft& d, CaseActions& a) {
  const bool multiple = step.multiple || step.type == StepType::Instructions;
  ImGui::TextDisabled(multiple ? "Choose every one that applies" : "Choose one");
  for (const Choice& c : step.options) {
    if (wrappedChoice(c.id.c_str(), c.text, contains(d.choices, c.id), !multiple)) {
      if (multiple)
        toggle(d.choices, c.id);
      else
        d.choices = {c.id};
    }
  }
  ImGui::Spacing();
  const bool ready = multiple || !d.choices.empty();
  if (submitButton(step.type == StepType::Instructions ? "Give this advice" : "Answer", ready)) a.submit = true;
}

void decision(const Step& step, StepDraft& d, CaseActions& a) {
  ImGui::TextDisabled("Decide");
  for (const Choice& c : step.options)
    if (wrappedChoice(c.id.c_str(), c.text, contains(d.choices, c.id), true)) d.choices = {c.id};
  ImGui::Spacing();
  if (submitButton("Decide", !d.choices.empty())) a.submit = true;
}

void checklist(const Step& step, StepDraft& d, const Fonts& fonts, CaseActions& a) {
  ImGui::TextDisabled("Click the steps in the order you do them");
  for (const ChecklistItem& item : step.items) {
    const bool done = contains(d.choices, item.id);
    if (done) ImGui::BeginDisabled();
    ImGui::PushID(item.id.c_str());
    // Long items wrap inside a selectable row.
    const float h =
        ImGui::CalcTextSize(item.text.c_str(), nullptr, false, ImGui::GetContentRegionAvail().x - 8.0f).y + 6.0f;
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
    const ChecklistItem* item = step.item(d.choices[k]);
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
  if (submitButton("Finished", true)) a.submit = true;
}

void timer(const Step& step, const StepDraft& d, const Fonts& fonts, CaseActions& a) {
  ImGui::Text("%s", step.timer.label.c_str());
  ImGui::PushFont(fonts.large);
  ImGui::TextUnformatted(clockText(d.waitedS).c_str());
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
  if (submitButton("End the wait", true)) a.submit = true;
}

void procedure(const CaseState& s, const Step& step, const Fonts& fonts, CaseActions& a) {
  const TreatmentPlan& plan = step.procedure.plan;
  heading(fonts, "The plan");
  if (const Cartridge* c = plan.cartridge())
    ImGui::Text("%s, %s", plan.device().name.c_str(), c->name.c_str());
  else
    ImGui::TextUnformatted(plan.device().name.c_str());
  for (const ZonePlan& z : plan.zones)
    ImGui::BulletText("%s: %.2f-%.2f mm, %d passes", zoneLabel(s.zones, z.zoneId).c_str(), z.depthMinMm, z.depthMaxMm,
                      z.passes);
  ImGui::Spacing();
  wrapped("Needle these zones on the " + plan.assetName + ". End the needling with the Finish button in the toolbar.");
  if (submitButton("Start needling", true)) a.startNeedling = true;
}

void observation(const Step& step, StepDraft& d, const Fonts& fonts, CaseActions& a) {
  const ObservationSpec& o = step.observation;
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
  for (const Choice& c : step.options)
    if (wrappedChoice(c.id.c_str(), c.text, contains(d.choices, c.id), true)) d.choices = {c.id};
  ImGui::Spacing();
  const bool ready = !d.assessment.empty() && (step.options.empty() || !d.choices.empty());
  if (submitButton("Submit", ready)) a.submit = true;
}

void schedule(const Step& step, StepDraft& d, CaseActions& a) {
  const ScheduleSpec& sp = step.schedule;
  ImGui::PushItemWidth(ImGui::GetFontSize() * 7.0f);
  if (sp.sessions.given) ImGui::InputFloat("sessions in the series", &d.sessions, 1.0f, 1.0f, "%.0f");
  if (sp.intervalWeeks.given) ImGui::InputFloat("weeks between sessions", &d.intervalWeeks, 1.0f, 1.0f, "%.0f");
  if (sp.maintenanceMonths.given)
    ImGui::InputFloat("months between maintenance sessions", &d.maintenanceMonths, 1.0f, 1.0f, "%.0f");
  ImGui::PopItemWidth();
  ImGui::Spacing();
  if (submitButton("Set the plan", true)) a.submit = true;
}

// What the trainee answers with, by the step's type.
void answer(const CaseState& s, const Step& step, StepDraft& d, const Fonts& fonts, CaseActions& a) {
  switch (step.type) {
    case StepType::Narrative:
      if (submitButton("Continue", true)) a.submit = true;
      break;
    case StepType::Question:
    case StepType::Instructions:
      question(step, d, a);
      break;
    case StepType::Decision:
      decision(step, d, a);
      break;
    case StepType::Checklist:
      checklist(step, d, fonts, a);
      break;
    case StepType::Timer:
      timer(step, d, fonts, a);
      break;
    case StepType::Procedure:
      procedure(s, step, fonts, a);
      break;
    case StepType::Observation:
      observation(step, d, fonts, a);
      break;
    case StepType::Schedule:
      schedule(step, d, a);
      break;
  }
}

}  // namespace

void drawStepPanel(const CaseState& s, StepDraft& d, const Fonts& fonts, glm::vec2 viewport, CaseActions& a) {
  const float em = ImGui::GetFontSize();
  const float top = caseHeaderHeight() + em * 0.5f;
  const float width = std::min(em * 27.0f, viewport.x * 0.36f);
  ImGui::SetNextWindowPos(ImVec2(viewport.x - width - em * 0.5f, top));
  ImGui::SetNextWindowSize(ImVec2(width, viewport.y - top - em * 0.5f));
  ImGui::Begin("Step", nullptr, kFixedPanel | ImGuiWindowFlags_NoTitleBar);
  if (s.session->finished() && !s.shownResult) {
    heading(fonts, "The case has ended");
    ImGui::TextDisabled("Outcome: %s", outcomeId(s.session->result().outcome));
    if (primaryButton("Open the debrief", ImVec2(em * 11.0f, em * 2.0f))) a.showDebrief = true;
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
  }
  ImGui::TextDisabled("%s · %s", phaseName(step->phase), stepTypeId(step->type));
  ImGui::PushFont(fonts.title);
  ImGui::PushTextWrapPos(0.0f);
  ImGui::TextUnformatted(step->title.empty() ? step->id.c_str() : step->title.c_str());
  ImGui::PopTextWrapPos();
  ImGui::PopFont();
  if (!step->text.empty()) wrapped(step->text);
  ImGui::Separator();
  if (s.shownResult)
    feedback(*s.shownResult, *step, fonts, a);
  else
    answer(s, *step, d, fonts, a);
  ImGui::End();
}

}  // namespace mnsim::app::ui
