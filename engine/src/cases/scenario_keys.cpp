// The keys each kind of map in a scenario accepts (the loader checks against them; a test holds
// the JSON Schema in scenarios/schema to the same lists).
#include "cases/phase_ids.h"
#include "mnsim/cases/patient.h"
#include "mnsim/cases/scenario_loader.h"

namespace mnsim {

namespace {

std::vector<std::string> join(std::initializer_list<std::vector<std::string>> parts) {
  std::vector<std::string> out;
  for (const auto& p : parts) out.insert(out.end(), p.begin(), p.end());
  return out;
}

}  // namespace

const std::map<std::string, std::vector<std::string>>& scenarioKeyTable() {
  static const std::map<std::string, std::vector<std::string>> table = [] {
    std::map<std::string, std::vector<std::string>> t;
    t["scenario"] = {"schema",  "id",         "title",      "author",
                     "version", "kind",       "difficulty", "estimated_minutes",
                     "summary", "objectives", "references", "positions",
                     "asset",   "patient",    "scoring",    "visits"};
    t["reference"] = {"id", "citation", "url", "evidence"};
    t["position"] = {"topic", "teaches", "sources"};
    t["patient"] = {"name",    "age",       "sex",       "fitzpatrick", "skin_thickness",
                    "history", "medicines", "allergies", "goals",       "lesions"};
    t["draw"] = {"range", "one_of"};
    t["lesion"] = {"name",      "kind",  "zone",        "landmark", "offset_mm",
                   "radius_mm", "no_go", "description", "visits"};
    t["scoring"] = {"weights", "pass_threshold", "phase_threshold", "phase_thresholds"};
    t["phase_numbers"] = std::vector<std::string>(kPhaseIds, kPhaseIds + kPhaseCount);
    t["visit"] = {"id", "title", "day", "note", "skin", "phases"};
    t["phase"] = {"phase", "steps"};
    t["skin"] = join({skinFeatureIds(), {"zones"}});
    const std::vector<std::string> base = {"id", "type", "title", "text", "points", "sources"};
    const std::vector<std::string> flow = {"next", "next_visit", "end"};
    t["step.narrative"] = {"id", "type", "title", "text", "sources", "next", "next_visit", "end"};
    t["step.question"] = join({base, flow, {"multiple", "options"}});
    t["step.decision"] = join({base, {"options"}});
    t["step.instructions"] = join({base, flow, {"options"}});
    t["step.checklist"] = join({base, flow, {"items", "ordered", "order"}});
    t["step.timer"] =
        join({base, flow, {"label", "min_s", "max_s", "suggested_s", "too_short", "too_long"}});
    t["step.procedure"] = join({base, flow, {"plan", "require_proficient"}});
    t["step.observation"] = join(
        {base, flow, {"day", "description", "skin", "normal", "critical", "feedback", "actions"}});
    t["step.schedule"] = join({base, flow, {"sessions", "interval_weeks", "maintenance_months"}});
    const std::vector<std::string> option = {"id",       "text",     "correct",    "points",
                                             "critical", "feedback", "fails_phase"};
    t["option.question"] = join({option, {"reply"}});
    t["option.decision"] = join({option, flow});
    t["option.instructions"] = join({option, {"harmful"}});
    t["option.action"] = option;
    t["item"] = {"id", "text", "correct", "critical", "fails_phase", "feedback"};
    t["order_rule"] = {"first", "then", "critical", "feedback"};
    t["timer_limit"] = {"critical", "fails_phase", "feedback"};
    t["schedule_item"] = {"range", "critical", "fails_phase", "feedback"};
    return t;
  }();
  return table;
}

}  // namespace mnsim
