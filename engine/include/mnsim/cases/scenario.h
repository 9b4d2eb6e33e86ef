// Scenarios (scenarios/README.md, format `mnsim-scenario/1`): one patient, one or more visits,
// each a walk through the phases of a clinic session (product.md §2), each phase a list of
// steps. The loader checks everything it can and reports every problem as a Diagnostic
// (`file:line:col: error|warning: message`); CaseSession (case_session.h) runs a loaded case.
#pragma once

#include <array>
#include <glm/vec3.hpp>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "mnsim/base/diagnostic.h"
#include "mnsim/base/error.h"
#include "mnsim/procedure/plan.h"

namespace mnsim {

constexpr const char* kScenarioFormat = "mnsim-scenario/1";
constexpr int kScenarioVersion = 1;

// ---------------------------------------------------------------------------------------------
// Phases, steps, outcomes

// The phases of a visit, in the order they must appear (product.md §2).
enum class Phase {
  Consultation,
  Preparation,
  Procedure,
  Aftercare,
  Recovery,
  Results,
  Maintenance
};
constexpr int kPhaseCount = 7;
const char* phaseId(Phase phase);    // "consultation", ..., "aftercare" (post-treatment care)
const char* phaseName(Phase phase);  // "Consultation", ..., "Post-treatment care"
std::optional<Phase> phaseFromId(std::string_view id);
const std::array<Phase, kPhaseCount>& allPhases();

enum class StepType {
  Narrative,     // text to read; no answer, no points
  Question,      // single or multiple choice; points, feedback, patient replies, critical options
  Checklist,     // items done in an order; missing, wrong and misordered items
  Decision,      // single choice whose option branches: to a step, a visit, or an end
  Timer,         // a wait with a minimum and maximum (e.g. numbing), fast-forwarded
  Procedure,     // needling by a treatment plan, scored by the procedure scorer (scoring.md)
  Instructions,  // choosing the advice to give (aftercare); harmful advice is penalised
  Observation,   // recovery day N: the skin shown; normal or abnormal, and the action
  Schedule,      // the series: sessions, interval, maintenance
};
const char* stepTypeId(StepType type);
std::optional<StepType> stepTypeFromId(std::string_view id);

// How a case ends.
enum class Outcome { Completed, Deferred, Referred, Excluded };
const char* outcomeId(Outcome outcome);  // "completed", "deferred", "referred", "excluded"
std::optional<Outcome> outcomeFromId(std::string_view id);

// Where the case goes after a step or a decision option.
struct FlowTarget {
  enum class Kind { Next, Step, Visit, End };
  Kind kind = Kind::Next;  // Next: the following step (then phase, then visit, then end)
  std::string target;      // step id (Step) or visit id (Visit)
  Outcome outcome = Outcome::Completed;  // End
  SourceLocation where;                  // the key that set it
};

// ---------------------------------------------------------------------------------------------
// Values drawn from ranges (recorded with the run's seed)

struct DrawSpec {
  bool drawn = false;              // false: a fixed value
  double value = 0.0;              // fixed number (or the first of a numeric range)
  std::string text;                // fixed text
  bool numeric = true;             // number or text
  bool integer = false;            // whole numbers only (age)
  double lo = 0.0, hi = 0.0;       // range: [lo, hi]
  std::vector<std::string> oneOf;  // or: one of these texts
  std::string path;                // "patient.age", "visits.v2.skin.scars": names the draw
  SourceLocation where;
};

// ---------------------------------------------------------------------------------------------
// Skin state: what the face shows (the app draws it; observations and visits set it)

// Known features, each 0..1 (0 = none). Scenarios name them in snake_case.
const std::vector<std::string>& skinFeatureIds();

struct SkinSpec {
  std::vector<std::pair<std::string, DrawSpec>> features;  // in file order
  std::vector<std::string> zones;  // where it shows; empty: the treated zones
  std::vector<SourceLocation> zoneWhere;
};

// ---------------------------------------------------------------------------------------------
// Patient

struct PatientLesion {
  std::string name;                 // unique within the patient, e.g. "cold_sore"
  std::string kind;                 // free text: "ice-pick scar", "active cold sore", "raised mole"
  std::string zoneId;               // the zone it lies in
  std::string landmark;             // optional: offset measured from this landmark
  glm::vec3 offsetMm{0.0f};         // from the landmark, or from the zone's centroid
  float radiusMm = 2.0f;            // extent on the skin
  bool noGo = false;                // needling over it is a critical error (added to every plan)
  std::string description;          // shown on the patient card
  std::vector<std::string> visits;  // visit ids where it is present; empty: every visit
  glm::vec3 centerMm{0.0f};         // resolved on the asset's surface (loadScenario with an asset)
  bool resolved = false;            // centerMm is valid
  SourceLocation where;
};

struct Patient {
  std::string name;                  // display name
  DrawSpec age;                      // years
  std::string sex;                   // "female", "male", "other"
  DrawSpec fitzpatrick;              // "I".."VI"
  DrawSpec skinThickness;            // "thin", "normal", "thick"
  std::vector<std::string> history;  // medical and skin history, one line each
  std::vector<std::string> medicines;
  std::vector<std::string> allergies;
  std::vector<std::string> goals;
  std::vector<PatientLesion> lesions;
};

// ---------------------------------------------------------------------------------------------
// Steps

// An option of a question, decision, instruction list or observation action.
struct Choice {
  std::string id;         // unique within its step
  std::string text;       // what the trainee sees
  bool correct = false;   // the right answer (for a multiple choice: one that should be chosen)
  double points = 0.0;    // weight (defaults: 1 if correct; 0 single choice, -1 multiple if wrong)
  bool critical = false;  // choosing it when wrong, or leaving it out when correct (multiple),
                          // is a critical error
  bool harmful = false;   // instructions: harmful advice (always wrong)
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
  std::string feedbackShort, feedbackLong;
};

struct ScheduleItem {
  bool given = false;         // the scenario asks for it
  double lo = 0.0, hi = 0.0;  // acceptable range
  bool critical = false;      // outside the range is a critical error
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

struct PhaseBlock {
  Phase phase = Phase::Consultation;
  std::vector<int> steps;  // indices into Scenario::steps, in order
  SourceLocation where;
};

struct Visit {
  std::string id;
  std::string title;
  int day = 0;       // days since the first visit
  std::string note;  // what changed since the last visit
  SkinSpec skin;     // the skin at the start of the visit
  std::vector<PhaseBlock> phases;
  SourceLocation where;
};

// ---------------------------------------------------------------------------------------------
// Metadata, scoring

struct Reference {
  std::string id;        // cited by steps (`sources:`) and positions
  std::string citation;  // author, year, title
  std::string url;
  std::string evidence;  // "P" peer-reviewed, "M" manufacturer, "C" clinic (microneedling.md)
  SourceLocation where;
};

// Where sources disagree, the position a case teaches.
struct Position {
  std::string topic;                 // "isotretinoin"
  std::string teaches;               // the position taken
  std::vector<std::string> sources;  // reference ids
  SourceLocation where;
};

struct ScoringSpec {
  std::array<double, kPhaseCount> weights{};  // per phase; normalised over the phases scored
  double passThreshold = 70.0;                // case score needed (0-100)
  double phaseThreshold = 60.0;               // every scored phase needs at least this...
  std::array<std::optional<double>, kPhaseCount> phaseThresholds{};  // ...unless set per phase
  double threshold(Phase phase) const;
};

// Default phase weights (scenarios/README.md).
const std::array<double, kPhaseCount>& defaultPhaseWeights();

struct Scenario {
  std::string path;    // file it came from
  std::string sha256;  // of the file's bytes, hex
  std::string id;      // stable id (snake_case)
  std::string title;
  std::string author;
  int version = 1;            // the case's own revision
  std::string kind = "case";  // "case" (every phase) or "drill" (skills only)
  std::string difficulty;     // "beginner", "intermediate", "advanced"
  int estimatedMinutes = 0;
  std::string summary;  // one paragraph for the case list
  std::vector<std::string> objectives;
  std::vector<Reference> references;
  std::vector<Position> positions;
  std::string assetName = "head";
  Patient patient;
  std::vector<Visit> visits;
  std::vector<Step> steps;  // every step in file order
  ScoringSpec scoring;

  int findStep(std::string_view id) const;   // -1 when absent
  int findVisit(std::string_view id) const;  // -1 when absent
  // The step that follows `step` when it does not branch: the next in its phase, else the
  // first of the next phase, else the first of the next visit; -1 at the very end.
  int nextInOrder(int step) const;
  int firstStepOfVisit(int visit) const;  // -1 when the visit has no steps
};

// Where a flow target leads from a step: the next step, or the end (step -1) with its outcome.
struct FlowResult {
  int step = -1;                         // index into Scenario::steps; -1: the case ends
  Outcome outcome = Outcome::Completed;  // when it ends
};
FlowResult followFlow(const Scenario& scenario, int fromStep, const FlowTarget& target);

// ---------------------------------------------------------------------------------------------
// Loading

class AssetLibrary;

struct ScenarioOptions {
  // Assets for checking zones and landmarks and for placing lesions. Null: references to the
  // asset are not checked (a warning says so).
  AssetLibrary* assets = nullptr;
};

struct ScenarioLoad {
  std::optional<Scenario> scenario;     // present when the file could be read at all
  std::vector<Diagnostic> diagnostics;  // sorted by line and column
  bool ok() const { return scenario.has_value() && !hasErrors(diagnostics); }
};

ScenarioLoad loadScenario(const std::string& path, const ScenarioOptions& options = {});
ScenarioLoad parseScenario(std::string_view text, const std::string& nameForErrors,
                           const ScenarioOptions& options = {});

// The keys each kind of map in a scenario accepts: the loader checks against them and a test
// holds the JSON Schema (scenarios/schema) to the same lists.
const std::map<std::string, std::vector<std::string>>& scenarioKeyTable();

}  // namespace mnsim
