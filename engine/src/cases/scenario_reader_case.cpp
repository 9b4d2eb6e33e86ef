// Reading everything of a scenario around its steps: metadata, references and positions, the
// patient and lesions, scoring, visits and their phases.
#include <algorithm>
#include <set>

#include "cases/phase_ids.h"
#include "cases/scenario_reader.h"

namespace mnsim {

bool ScenarioReader::checkSchema(const Node& root) {
  if (!root["schema"] && root["format"]) {
    r.error(root, ErrorCode::Format,
            "missing 'schema: " + kScenarioFileFormat.tag() +
                "' at the top of the file (scenarios name their format with 'schema:', not 'format:')");
    return false;
  }
  return r.checkFormat(root, kScenarioFileFormat, "schema");
}

void ScenarioReader::root(const Node& n) {
  keys(n, "scenario", "the scenario");
  metadata(n);
  if (const Node refs = n["references"]) references(refs);
  if (const Node list = n["positions"]) positions(list);
  if (auto a = r.string(n, "asset", true)) {
    s.assetName = *a;
    assetWhere = r.at(n["asset"]);
  } else {
    assetWhere = r.at(n);
  }
  if (const Node p = n["patient"]) {
    patient(p);
  } else {
    r.error(n, ErrorCode::Value, "missing required key 'patient'");
  }
  scoring(n["scoring"]);
  const Node visits = n["visits"];
  visitsWhere = r.at(visits ? visits : n);
  if (!visits) {
    r.error(n, ErrorCode::Value, "missing required key 'visits'");
  } else if (!visits.IsSequence() || visits.size() == 0) {
    r.error(visits, ErrorCode::Value, "'visits' must be a non-empty list of visits");
  } else {
    int index = 0;
    for (const Node& v : visits) {
      if (!v.IsMap()) {
        r.expectMap(v, "a visit");
        continue;
      }
      visit(v, index++);
    }
  }
}

void ScenarioReader::metadata(const Node& n) {
  s.id = id(n, "id", "scenario id");
  s.title = text(n, "title", true);
  s.author = text(n, "author");
  if (auto v = r.integer(n, "version", false, 1, 1000000)) s.version = *v;
  if (auto k = r.string(n, "kind", false)) {
    if (*k != "case" && *k != "drill")
      r.error(n["kind"], ErrorCode::Value, "'kind' must be case or drill, found '" + *k + "'");
    else
      s.kind = *k;
  }
  if (auto d = r.string(n, "difficulty", false)) {
    const std::vector<std::string> levels{"beginner", "intermediate", "advanced"};
    if (std::find(levels.begin(), levels.end(), *d) == levels.end())
      r.error(n["difficulty"], ErrorCode::Value,
              "'difficulty' must be beginner, intermediate or advanced, found '" + *d + "'" + didYouMean(*d, levels));
    else
      s.difficulty = *d;
  }
  if (auto m = r.integer(n, "estimated_minutes", false, 1, 10000)) s.estimatedMinutes = *m;
  s.summary = text(n, "summary");
  s.objectives = texts(n, "objectives", "lines");
}

void ScenarioReader::references(const Node& refs) {
  if (!refs.IsSequence()) {
    r.error(refs, ErrorCode::Value, "'references' must be a list of {id, citation, url, evidence}");
    return;
  }
  std::set<std::string> seen;
  for (const Node& ref : refs) {
    if (!r.expectMap(ref, "a reference")) continue;
    keys(ref, "reference", "a reference");
    Reference rf;
    rf.id = uniqueId(ref, "id", "reference", seen, "", rf.where);
    rf.citation = text(ref, "citation", true);
    rf.url = text(ref, "url");
    rf.evidence = text(ref, "evidence");
    if (!rf.evidence.empty() && rf.evidence != "P" && rf.evidence != "M" && rf.evidence != "C")
      r.error(ref["evidence"], ErrorCode::Value,
              "'evidence' must be P (peer-reviewed), M (manufacturer) or C (clinic), found '" + rf.evidence + "'");
    s.references.push_back(std::move(rf));
  }
}

void ScenarioReader::positions(const Node& list) {
  if (!list.IsSequence()) {
    r.error(list, ErrorCode::Value, "'positions' must be a list of {topic, teaches, sources}");
    return;
  }
  for (const Node& pn : list) {
    if (!r.expectMap(pn, "a position")) continue;
    keys(pn, "position", "a position");
    Position p;
    p.where = r.at(pn);
    p.topic = text(pn, "topic", true);
    p.teaches = text(pn, "teaches", true);
    p.sources = idList(pn, "sources");
    s.positions.push_back(std::move(p));
  }
}

void ScenarioReader::visit(const Node& n, int index) {
  if (!r.expectMap(n, "a visit")) return;
  keys(n, "visit", "a visit");
  Visit v;
  v.where = r.at(n);
  v.id = id(n, "id", "visit id");
  if (!v.id.empty()) v.where = r.at(n["id"]);
  v.title = text(n, "title");
  if (auto d = r.integer(n, "day", false, 0, 36500)) v.day = *d;
  v.note = text(n, "note");
  v.skin = skin(n["skin"], "visits." + (v.id.empty() ? std::to_string(index + 1) : v.id) + ".skin");
  s.visits.push_back(v);
  if (const std::optional<Node> phases = nonEmptyList(n, "phases"))
    for (const Node& p : *phases) phaseBlock(p, index);
}

void ScenarioReader::phaseBlock(const Node& p, int visitIndex) {
  if (!r.expectMap(p, "a phase")) return;
  keys(p, "phase", "a phase");
  PhaseBlock block;
  block.where = r.at(p);
  auto name = r.string(p, "phase", true);
  if (!name) return;
  auto phase = phaseFromId(*name);
  if (!phase) {
    const std::vector<std::string> ids(kPhaseIds, kPhaseIds + kPhaseCount);
    r.error(p["phase"], ErrorCode::Value,
            unknownWord("phase", *name, ids,
                        "phases: consultation, preparation, procedure, aftercare, recovery, results, maintenance"));
    return;
  }
  block.phase = *phase;
  block.where = r.at(p["phase"]);
  if (const std::optional<Node> steps = nonEmptyList(p, "steps"))
    for (const Node& st : *steps) step(st, block.phase, visitIndex, block.steps);
  s.visits[visitIndex].phases.push_back(std::move(block));
}

void ScenarioReader::patient(const Node& n) {
  Patient& p = s.patient;
  p.age.value = 30;
  p.fitzpatrick.text = "III";
  p.skinThickness.text = "normal";
  if (!r.expectMap(n, "'patient'")) return;
  keys(n, "patient", "'patient'");
  p.name = text(n, "name");
  p.age = drawNumber(n, "age", "patient.age", 0, 120, true, 30);
  if (!n["age"]) r.error(n, ErrorCode::Value, "missing required key 'age'");
  p.sex = text(n, "sex");
  if (!p.sex.empty() && p.sex != "female" && p.sex != "male" && p.sex != "other")
    r.error(n["sex"], ErrorCode::Value, "'sex' must be female, male or other, found '" + p.sex + "'");
  p.fitzpatrick = drawText(n, "fitzpatrick", "patient.fitzpatrick", {"I", "II", "III", "IV", "V", "VI"}, "III");
  if (!n["fitzpatrick"]) r.error(n, ErrorCode::Value, "missing required key 'fitzpatrick' (I to VI)");
  p.skinThickness = drawText(n, "skin_thickness", "patient.skin_thickness", {"thin", "normal", "thick"}, "normal");
  p.history = texts(n, "history", "lines");
  p.medicines = texts(n, "medicines", "lines");
  p.allergies = texts(n, "allergies", "lines");
  p.goals = texts(n, "goals", "lines");
  if (const Node list = n["lesions"]) lesions(list, p);
}

void ScenarioReader::lesions(const Node& list, Patient& p) {
  if (!list.IsSequence()) {
    r.error(list, ErrorCode::Value, "'lesions' must be a list");
    return;
  }
  std::set<std::string> seen;
  for (const Node& l : list) {
    if (!r.expectMap(l, "a lesion")) continue;
    keys(l, "lesion", "a lesion");
    PatientLesion lesion;
    lesion.where = r.at(l);
    lesion.name = id(l, "name", "lesion name");
    if (!lesion.name.empty() && !seen.insert(lesion.name).second)
      r.error(l["name"], ErrorCode::Value, "lesion '" + lesion.name + "' appears twice");
    lesion.kind = text(l, "kind");
    lesion.zoneId = text(l, "zone", true);
    lesion.landmark = text(l, "landmark");
    if (auto o = r.vec3(l, "offset_mm", false)) lesion.offsetMm = *o;
    if (auto rad = r.number(l, "radius_mm", false, 0.1, 50.0)) lesion.radiusMm = static_cast<float>(*rad);
    lesion.noGo = r.boolean(l, "no_go", false).value_or(false);
    lesion.description = text(l, "description");
    lesion.visits = idList(l, "visits");
    p.lesions.push_back(std::move(lesion));
  }
}

void ScenarioReader::scoring(const Node& n) {
  s.scoring.weights = defaultPhaseWeights();
  if (!n) return;
  if (!r.expectMap(n, "'scoring'")) return;
  keys(n, "scoring", "'scoring'");
  if (const Node w = n["weights"]; w && r.expectMap(w, "'weights'")) {
    keys(w, "phase_numbers", "'weights'");
    // Weights given replace the defaults; phases left out weigh 0.
    s.scoring.weights.fill(0.0);
    for (Phase ph : allPhases())
      if (auto v = r.number(w, phaseId(ph), false, 0.0, 1000.0)) s.scoring.weights[static_cast<int>(ph)] = *v;
    double sum = 0;
    for (double v : s.scoring.weights) sum += v;
    if (sum <= 0.0) r.error(w, ErrorCode::Value, "the phase weights add up to 0; give at least one phase a weight");
  }
  if (auto v = r.number(n, "pass_threshold", false, 0.0, 100.0)) s.scoring.passThreshold = *v;
  if (auto v = r.number(n, "phase_threshold", false, 0.0, 100.0)) s.scoring.phaseThreshold = *v;
  if (const Node t = n["phase_thresholds"]; t && r.expectMap(t, "'phase_thresholds'")) {
    keys(t, "phase_numbers", "'phase_thresholds'");
    for (Phase ph : allPhases())
      if (auto v = r.number(t, phaseId(ph), false, 0.0, 100.0))
        s.scoring.phaseThresholds[static_cast<int>(ph)] = *v;
  }
}

}  // namespace mnsim
