// Scenarios (scenarios/README.md, format `mnsim-scenario/1`): one patient, one or more visits,
// each a walk through the phases of a clinic session (product.md §2), each phase a list of
// steps. Read by cases/scenario_loader.h; run by cases/case_session.h.
#pragma once

#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "mnsim/base/error.h"
#include "mnsim/base/versioned_header.h"
#include "mnsim/cases/patient.h"
#include "mnsim/cases/phases.h"
#include "mnsim/cases/steps.h"

namespace mnsim {

inline constexpr FileFormat kScenarioFileFormat{"mnsim-scenario", 1};

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

}  // namespace mnsim
