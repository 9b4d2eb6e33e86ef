// The steps of a case, one struct per kind of content: options, checklist items, timers,
// schedules, observations and procedures, and where the case goes after each (FlowTarget).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "mnsim/base/error.h"
#include "mnsim/cases/patient.h"
#include "mnsim/cases/phases.h"
#include "mnsim/procedure/plan.h"

namespace mnsim {

// Where the case goes after a step or a decision option.
struct FlowTarget {
  enum class Kind { Next, Step, Visit, End };
  Kind kind = Kind::Next;  // Next: the following step (then phase, then visit, then end)
  std::string target;      // step id (Step) or visit id (Visit)
  Outcome outcome = Outcome::Completed;  // End
  SourceLocation where;                  // the key that set it
};

// An option of a question, decision, instruction list or observation action.
struct Choice {
  std::string id;         // unique within its step
  std::string text;       // what the trainee sees
  bool correct = false;   // the right answer (for a multiple choice: one that should be chosen)
  double points = 0.0;    // weight (defaults: 1 if correct; 0 single choice, -1 multiple if wrong)
  bool critical = false;  // choosing it when wrong, or leaving it out when correct (multiple),
                          // is a critical error
  bool harmful = false;   // instructions: harmful advice (always wrong; fails the phase)
  bool failsPhase = false;  // choosing it when wrong, or leaving it out when correct (multiple),
                            // fails the step's phase whatever its score (`fails_phase`)
  std::string feedback;   // shown after answering; explains a critical error
  std::string reply;      // question: what the patient answers when this is asked
  FlowTarget flow;        // decision: where choosing it leads
  SourceLocation where;
};

struct ChecklistItem {
  std::string id;
  std::string text;
  bool correct = true;    // false: a distractor that must not be done (e.g. "reuse the cartridge")
  bool critical = false;  // omitting it (correct) or doing it (distractor) is a critical error
  bool failsPhase = false;  // ...fails the step's phase whatever its score
  std::string feedback;
  SourceLocation where;
};

struct OrderRule {
  std::string first, then;  // `first` must be done before `then`
  bool critical = false;
  std::string feedback;
  SourceLocation where;
};

struct TimerSpec {
  std::string label;              // "numbing cream"
  double minS = 0.0, maxS = 0.0;  // acceptable wait
  double suggestedS = 0.0;        // what the app's fast-forward offers first (0: minS)
  bool criticalShort = false;     // ending before minS is a critical error
  bool criticalLong = false;      // ending after maxS is a critical error
  bool failsPhaseShort = false;   // ending before minS fails the step's phase
  bool failsPhaseLong = false;    // ending after maxS fails the step's phase
  std::string feedbackShort, feedbackLong;
};

struct ScheduleItem {
  bool given = false;         // the scenario asks for it
  double lo = 0.0, hi = 0.0;  // acceptable range
  bool critical = false;      // outside the range is a critical error
  bool failsPhase = false;    // outside the range fails the step's phase
  std::string feedback;       // shown when outside
  SourceLocation where;
};

struct ScheduleSpec {
  ScheduleItem sessions;           // sessions in the series
  ScheduleItem intervalWeeks;      // weeks between sessions
  ScheduleItem maintenanceMonths;  // months between maintenance sessions
};

struct ObservationSpec {
  int day = 0;              // days after the procedure
  std::string description;  // what the patient reports and what is seen
  SkinSpec skin;            // drawn on the face
  bool normal = true;       // the truth: a normal course or not
  bool critical = false;    // misjudging normal/abnormal is a critical error
  std::string feedback;     // explains the finding
};

struct ProcedureSpec {
  TreatmentPlan plan;             // the plan keys of docs/formats/plan.md (asset: the scenario's)
  bool requireProficient = true;  // case proficiency needs a proficient procedure
};

struct Step {
  std::string id;  // unique in the scenario
  StepType type = StepType::Narrative;
  Phase phase = Phase::Consultation;
  int visit = 0;                     // index into Scenario::visits
  std::string title;                 // short heading
  std::string text;                  // narrative text or the prompt
  double points = 1.0;               // its weight within the phase (0 for narratives)
  std::vector<std::string> sources;  // ids of Scenario::references it rests on
  FlowTarget flow;                   // after the step (decisions: per option)

  bool multiple = false;              // question: several answers may be chosen
  std::vector<Choice> options;        // question, decision, instructions; observation: the actions
  std::vector<ChecklistItem> items;   // checklist
  bool ordered = false;               // checklist: the correct items in the order listed
  std::vector<OrderRule> orderRules;  // checklist: explicit order constraints
  TimerSpec timer;
  ProcedureSpec procedure;
  ObservationSpec observation;
  ScheduleSpec schedule;

  SourceLocation where;  // the step's `id`

  const Choice* option(std::string_view id) const;
  const ChecklistItem* item(std::string_view id) const;
  bool scored() const;  // carries points (not a narrative, points > 0)
};

}  // namespace mnsim
