// The pen traces of the case library (scenarios/traces): which trace each scripted path
// needles, and how it is made from the scenario's own plan on the current asset. Used by
// mnsim_make_case_traces (to write them) and by the library tests (to check that the shipped
// files are what the generator makes from the current assets).
#pragma once

#include <mnsim/base/error.h>
#include <mnsim/cases/scenario.h>
#include <mnsim/skin/skin_model.h>

#include <cmath>
#include <string>
#include <vector>

namespace mnsim::cases {

struct CaseTraceSpec {
  std::string file;         // under scenarios/traces, e.g. "acne_scars.good.csv"
  std::string scenario;     // under scenarios/, e.g. "acne_scars.yaml"
  std::string step;         // the procedure step whose plan it needles
  std::string description;  // what the scripted trainee does (written as a comment)
  std::vector<std::pair<std::string, float>> depthMm;  // zone -> dial, instead of its setting_mm
  float tiltDeg = 0.0f;                                // pen leaning along the strokes
  float pressure = 0.5f;                               // hand pressure, 0-1 (0.5: the trace's default)
  int passes = 0;                      // passes per zone; 0: as many as the plan asks
  bool overLesions = false;            // raster straight over the plan's lesions
  std::vector<std::string> crossings;  // then one stroke across each named lesion or zone
  float crossingDepthMm = 0.0f;        // the dial for those strokes; 0: the first zone's setting
  bool noStretch = false;              // never stretch the skin
  float speedScale = 1.0f;             // hand speed, times the centre of the plan's band
  float spacingScale = 1.0f;           // line spacing, times the plan's expected spacing
  bool declarePasses = true;           // false: a blank pass column, as trackers record
  double sampleRateHz = 10.0;          // samples per second while gliding: the pen moves at most
                                       // ~4 mm between samples; stamps follow the device's clock
};

const std::vector<CaseTraceSpec>& caseTraceCatalogue();

// The trace's text (formatCompactTrace) for one spec, from the scenario's plan on the model.
Result<std::string> makeCaseTrace(const CaseTraceSpec& spec, const Scenario& scenario,
                                  const SkinModel& model);

}  // namespace mnsim::cases
