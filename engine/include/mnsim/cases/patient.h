// The patient of a case: the intake the trainee reads, lesions placed on the skin, and what the
// face shows (the app draws it; visits and observations set it). Values may be drawn from ranges
// with the run's seed (DrawSpec).
#pragma once

#include <string>
#include <utility>
#include <vector>

#include <glm/vec3.hpp>

#include "mnsim/base/error.h"

namespace mnsim {

// A value of the scenario: fixed, or drawn from a range with the run's seed.
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

// Known features, each 0..1 (0 = none). Scenarios name them in snake_case.
const std::vector<std::string>& skinFeatureIds();

struct SkinSpec {
  std::vector<std::pair<std::string, DrawSpec>> features;  // in file order
  std::vector<std::string> zones;  // where it shows; empty: the treated zones
  std::vector<SourceLocation> zoneWhere;
};

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

}  // namespace mnsim
