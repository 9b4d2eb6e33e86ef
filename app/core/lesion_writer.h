// Writes a lesion placed by an author into a scenario file, as text: a new item is added to
// `patient: lesions:` and nothing else in the file changes (formatting, comments, order).
#pragma once

#include <string>

#include <glm/vec3.hpp>

#include <mnsim/base/error.h>
#include <mnsim/cases/scenario.h>
#include <mnsim/skin/asset.h>
#include <mnsim/skin/skin_model.h>

namespace mnsim::app {

struct NewLesion {
  std::string name;          // unique within the patient
  std::string kind = "raised mole";
  std::string zoneId;
  std::string landmark;      // the offset is measured from it ("" = from the zone's centroid)
  glm::vec3 offsetMm{0.0f};
  float radiusMm = 3.0f;
  bool noGo = true;
};

// A lesion where the author clicked: in the zone there, offset from the nearest landmark (so the
// spot stays put if the mesh is refined; from the zone's centroid when the asset has none), named
// spot_N with the first N the patient (of `scenario`, when there is one) does not use yet.
NewLesion lesionAt(const SurfacePoint& at, const Asset& asset, const Scenario* scenario);

// The file's text with the lesion added; an error (naming the file) when the file has no
// top-level `patient:` block.
Result<std::string> insertLesion(const std::string& text, const NewLesion& lesion, const std::string& fileForErrors);

// Reads the file, adds the lesion and writes it back (atomically; the first edit of a session
// keeps the original as FILE.orig beside it).
Status addLesionToFile(const std::string& path, const NewLesion& lesion);

}  // namespace mnsim::app
