#include "mnsim/cases/scenario.h"
#include "mnsim/base/files.h"

#include <algorithm>
#include <fstream>
#include <set>
#include <sstream>

#include "mnsim/base/hash.h"
#include "formats/plan_yaml.h"
#include "cases/scenario_internal.h"
#include "base/yaml_reader.h"

namespace mnsim {

// ---------------------------------------------------------------------------------------------
// Names

bool isSnakeId(const std::string& id) {
  if (id.empty() || id.size() > 64 || !(id[0] >= 'a' && id[0] <= 'z')) return false;
  for (char c : id)
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_')) return false;
  return true;
}

namespace {

constexpr const char* kPhaseIds[kPhaseCount] = {
    "consultation", "preparation", "procedure", "aftercare", "recovery", "results", "maintenance"};
constexpr const char* kPhaseNames[kPhaseCount] = {"Consultation",        "Preparation", "Procedure",
                                                  "Post-treatment care", "Recovery",    "Results",
                                                  "Maintenance"};
constexpr const char* kStepTypeIds[] = {"narrative",    "question",    "checklist",
                                        "decision",     "timer",       "procedure",
                                        "instructions", "observation", "schedule"};
constexpr const char* kOutcomeIds[] = {"completed", "deferred", "referred", "excluded"};

}  // namespace

const char* phaseId(Phase phase) {
  return kPhaseIds[static_cast<int>(phase)];
}
const char* phaseName(Phase phase) {
  return kPhaseNames[static_cast<int>(phase)];
}

std::optional<Phase> phaseFromId(std::string_view id) {
  for (int i = 0; i < kPhaseCount; ++i)
    if (id == kPhaseIds[i]) return static_cast<Phase>(i);
  return std::nullopt;
}

const std::array<Phase, kPhaseCount>& allPhases() {
  static const std::array<Phase, kPhaseCount> phases = {
      Phase::Consultation, Phase::Preparation, Phase::Procedure,  Phase::Aftercare,
      Phase::Recovery,     Phase::Results,     Phase::Maintenance};
  return phases;
}

const char* stepTypeId(StepType type) {
  return kStepTypeIds[static_cast<int>(type)];
}

std::optional<StepType> stepTypeFromId(std::string_view id) {
  for (int i = 0; i < 9; ++i)
    if (id == kStepTypeIds[i]) return static_cast<StepType>(i);
  return std::nullopt;
}

const char* outcomeId(Outcome outcome) {
  return kOutcomeIds[static_cast<int>(outcome)];
}

std::optional<Outcome> outcomeFromId(std::string_view id) {
  for (int i = 0; i < 4; ++i)
    if (id == kOutcomeIds[i]) return static_cast<Outcome>(i);
  return std::nullopt;
}

const std::vector<std::string>& skinFeatureIds() {
  // What the face can show: treatment endpoints, the normal course of healing, complications,
  // and the conditions being treated (microneedling.md §2, §6).
  static const std::vector<std::string> ids = {"erythema",
                                               "swelling",
                                               "pinpoint_bleeding",
                                               "bruising",
                                               "peeling",
                                               "crusting",
                                               "pustules",
                                               "vesicles",
                                               "papules",
                                               "hyperpigmentation",
                                               "scars",
                                               "lines",
                                               "laxity",
                                               "pores",
                                               "melasma",
                                               "striae",
                                               "hair_density",
                                               "inflammatory_acne"};
  return ids;
}

const std::array<double, kPhaseCount>& defaultPhaseWeights() {
  // Consultation and the procedure carry most: deciding whether to treat and needling well
  // are where patients are harmed (product.md §2). mnsim default, documented in the guide.
  static const std::array<double, kPhaseCount> weights = {25, 15, 30, 10, 10, 5, 5};
  return weights;
}

double ScoringSpec::threshold(Phase phase) const {
  const auto& t = phaseThresholds[static_cast<int>(phase)];
  return t ? *t : phaseThreshold;
}

const Choice* Step::option(std::string_view id) const {
  for (const Choice& c : options)
    if (c.id == id) return &c;
  return nullptr;
}

const ChecklistItem* Step::item(std::string_view id) const {
  for (const ChecklistItem& c : items)
    if (c.id == id) return &c;
  return nullptr;
}

bool Step::scored() const {
  return type != StepType::Narrative && points > 0.0;
}

int Scenario::findStep(std::string_view stepId) const {
  for (size_t i = 0; i < steps.size(); ++i)
    if (steps[i].id == stepId) return static_cast<int>(i);
  return -1;
}

int Scenario::findVisit(std::string_view visitId) const {
  for (size_t i = 0; i < visits.size(); ++i)
    if (visits[i].id == visitId) return static_cast<int>(i);
  return -1;
}

int Scenario::firstStepOfVisit(int visit) const {
  if (visit < 0 || visit >= static_cast<int>(visits.size())) return -1;
  for (const PhaseBlock& p : visits[visit].phases)
    if (!p.steps.empty()) return p.steps.front();
  return -1;
}

int Scenario::nextInOrder(int step) const {
  if (step < 0 || step >= static_cast<int>(steps.size())) return -1;
  const Step& s = steps[step];
  const Visit& v = visits[s.visit];
  bool found = false;
  for (const PhaseBlock& p : v.phases) {
    for (int id : p.steps) {
      if (found) return id;
      if (id == step) found = true;
    }
  }
  for (int k = s.visit + 1; k < static_cast<int>(visits.size()); ++k)
    if (int first = firstStepOfVisit(k); first >= 0) return first;
  return -1;
}

// ---------------------------------------------------------------------------------------------
// The key table

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
    const std::vector<std::string> option = {"id",     "text",     "correct",
                                             "points", "critical", "feedback"};
    t["option.question"] = join({option, {"reply"}});
    t["option.decision"] = join({option, flow});
    t["option.instructions"] = join({option, {"harmful"}});
    t["option.action"] = option;
    t["item"] = {"id", "text", "correct", "critical", "feedback"};
    t["order_rule"] = {"first", "then", "critical", "feedback"};
    t["timer_limit"] = {"critical", "feedback"};
    t["schedule_item"] = {"range", "critical", "feedback"};
    return t;
  }();
  return table;
}

// ---------------------------------------------------------------------------------------------
// Reading

namespace {

using Node = YAML::Node;

class Loader {
 public:
  Loader(std::string file) : r(file), m_file(std::move(file)) {}

  yaml::Reader r;
  std::vector<Diagnostic> warnings;
  Scenario s;
  SourceLocation assetWhere, visitsWhere;
  // Errors about keys alone (unknown, repeated, misplaced): the model read is still whole, so
  // the reference and flow checks can run too and report everything in one go.
  size_t keyErrors = 0;

  void warn(const Node& node, std::string message) {
    warnings.push_back(
        makeDiagnostic(Severity::Warning, ErrorCode::Value, std::move(message), r.at(node)));
  }

  // Unknown keys (with "did you mean") and repeated keys.
  void keys(const Node& map, const std::string& table, const std::string& what,
            const std::vector<std::string>* otherKeys = nullptr,
            const std::string& otherWhat = {}) {
    if (!map.IsMap()) return;
    const std::vector<std::string>& allowed = scenarioKeyTable().at(table);
    std::set<std::string> seen;
    for (const auto& kv : map) {
      const std::string key = kv.first.IsScalar() ? kv.first.Scalar() : std::string();
      if (!kv.first.IsScalar()) {
        r.error(kv.first, ErrorCode::Value, "keys in " + what + " must be plain words");
        continue;
      }
      if (!seen.insert(key).second) {
        r.error(kv.first, ErrorCode::Value, "key '" + key + "' appears twice in " + what);
        ++keyErrors;
        continue;
      }
      if (std::find(allowed.begin(), allowed.end(), key) != allowed.end()) continue;
      if (otherKeys && std::find(otherKeys->begin(), otherKeys->end(), key) != otherKeys->end()) {
        r.error(kv.first, ErrorCode::Value, "'" + key + "' does not apply to " + otherWhat);
        ++keyErrors;
        continue;
      }
      std::string message = "unknown key '" + key + "' in " + what;
      const std::string hint = closestMatch(key, allowed);
      if (!hint.empty()) message += " (did you mean '" + hint + "'?)";
      r.error(kv.first, ErrorCode::Value, message);
      ++keyErrors;
    }
  }

  std::string text(const Node& map, const char* key, bool required = false) {
    return r.string(map, key, required).value_or("");
  }

  std::string id(const Node& map, const char* key, const std::string& what) {
    auto v = r.string(map, key, true);
    if (!v) return {};
    if (!isSnakeId(*v)) {
      r.error(map[key], ErrorCode::Value,
              what + " '" + *v +
                  "' must be snake_case: a letter, then letters, digits or _ (a-z, 0-9, _)");
    }
    return *v;
  }

  std::vector<std::string> texts(const Node& map, const char* key, const std::string& what) {
    std::vector<std::string> out;
    const Node node = map[key];
    if (!node) return out;
    if (node.IsScalar()) {
      out.push_back(node.Scalar());
      return out;
    }
    if (!node.IsSequence()) {
      r.error(node, ErrorCode::Value,
              "'" + std::string(key) + "' must be a list of " + what + ", found " +
                  yaml::nodeTypeName(node));
      return out;
    }
    for (const Node& item : node)
      if (auto t = r.asString(item, "an entry of '" + std::string(key) + "'")) out.push_back(*t);
    return out;
  }

  std::vector<std::string> idList(const Node& map, const char* key,
                                  std::vector<SourceLocation>* where = nullptr) {
    std::vector<std::string> out;
    const Node node = map[key];
    if (!node) return out;
    if (!node.IsSequence()) {
      r.error(
          node, ErrorCode::Value,
          "'" + std::string(key) + "' must be a list of ids, found " + yaml::nodeTypeName(node));
      return out;
    }
    for (const Node& item : node) {
      if (auto t = r.asString(item, "an entry of '" + std::string(key) + "'")) {
        out.push_back(*t);
        if (where) where->push_back(r.at(item));
      }
    }
    return out;
  }

  // A number, or {range: [lo, hi]} drawn with the run's seed.
  DrawSpec drawNumber(const Node& map, const char* key, const std::string& path, double lo,
                      double hi, bool integer, double fallback) {
    DrawSpec d;
    d.path = path;
    d.integer = integer;
    d.value = fallback;
    const Node node = map[key];
    if (!node) return d;
    d.where = r.at(node);
    if (node.IsMap()) {
      keys(node, "draw", "a drawn value");
      if (node["one_of"])
        r.error(node["one_of"], ErrorCode::Value,
                "'" + std::string(key) + "' is a number: use 'range: [min, max]'");
      if (auto range = r.range(node, "range", true, lo, hi)) {
        if (integer && (range->first != static_cast<long long>(range->first) ||
                        range->second != static_cast<long long>(range->second))) {
          r.error(node["range"], ErrorCode::Value,
                  "'" + std::string(key) + "' takes whole numbers");
        } else {
          d.drawn = range->first != range->second;
          d.lo = range->first;
          d.hi = range->second;
          d.value = range->first;
        }
      }
      return d;
    }
    if (integer) {
      if (auto v = r.integer(map, key, false, static_cast<int>(lo), static_cast<int>(hi)))
        d.value = *v;
    } else if (auto v = r.number(map, key, false, lo, hi)) {
      d.value = *v;
    }
    return d;
  }

  // A text from a fixed set, or {one_of: [...]} drawn with the run's seed.
  DrawSpec drawText(const Node& map, const char* key, const std::string& path,
                    const std::vector<std::string>& allowed, const std::string& fallback) {
    DrawSpec d;
    d.path = path;
    d.numeric = false;
    d.text = fallback;
    const Node node = map[key];
    if (!node) return d;
    d.where = r.at(node);
    auto check = [&](const Node& n) -> std::optional<std::string> {
      auto t = r.asString(n, "'" + std::string(key) + "'");
      if (!t) return std::nullopt;
      if (std::find(allowed.begin(), allowed.end(), *t) == allowed.end()) {
        std::string message = "'" + std::string(key) + "' must be one of";
        for (const std::string& a : allowed) message += " " + a;
        message += ", found '" + *t + "'";
        const std::string hint = closestMatch(*t, allowed);
        if (!hint.empty()) message += " (did you mean '" + hint + "'?)";
        r.error(n, ErrorCode::Value, message);
        return std::nullopt;
      }
      return t;
    };
    if (node.IsMap()) {
      keys(node, "draw", "a drawn value");
      if (node["range"])
        r.error(node["range"], ErrorCode::Value,
                "'" + std::string(key) + "' is a word: use 'one_of: [...]'");
      const Node list = node["one_of"];
      if (!list) {
        r.error(node, ErrorCode::Value, "missing required key 'one_of'");
      } else if (!list.IsSequence() || list.size() == 0) {
        r.error(list, ErrorCode::Value, "'one_of' must be a non-empty list");
      } else {
        for (const Node& item : list)
          if (auto t = check(item)) d.oneOf.push_back(*t);
        if (!d.oneOf.empty()) d.text = d.oneOf.front();
        d.drawn = d.oneOf.size() > 1;
      }
      return d;
    }
    if (auto t = check(node)) d.text = *t;
    return d;
  }

  SkinSpec skin(const Node& node, const std::string& path) {
    SkinSpec out;
    if (!node) return out;
    if (!r.expectMap(node, "'skin'")) return out;
    keys(node, "skin", "'skin'");
    for (const auto& kv : node) {
      if (!kv.first.IsScalar()) continue;
      const std::string key = kv.first.Scalar();
      if (key == "zones") {
        out.zones = idList(node, "zones", &out.zoneWhere);
        continue;
      }
      const auto& features = skinFeatureIds();
      if (std::find(features.begin(), features.end(), key) == features.end()) continue;
      out.features.emplace_back(
          key, drawNumber(node, key.c_str(), path + "." + key, 0.0, 1.0, false, 0.0));
    }
    return out;
  }

  FlowTarget flow(const Node& map) {
    FlowTarget f;
    int given = 0;
    for (const char* key : {"next", "next_visit", "end"}) {
      const Node node = map[key];
      if (!node) continue;
      if (++given > 1) {
        r.error(node, ErrorCode::Value, "give only one of 'next', 'next_visit' and 'end'");
        continue;
      }
      auto value = r.asString(node, "'" + std::string(key) + "'");
      if (!value) continue;
      f.where = r.at(node);
      if (std::string(key) == "next") {
        f.kind = FlowTarget::Kind::Step;
        f.target = *value;
      } else if (std::string(key) == "next_visit") {
        f.kind = FlowTarget::Kind::Visit;
        f.target = *value;
      } else {
        f.kind = FlowTarget::Kind::End;
        if (auto o = outcomeFromId(*value)) {
          f.outcome = *o;
        } else {
          std::vector<std::string> ids(kOutcomeIds, kOutcomeIds + 4);
          std::string message =
              "'end' must be one of completed, deferred, referred, excluded, found '" + *value +
              "'";
          const std::string hint = closestMatch(*value, ids);
          if (!hint.empty()) message += " (did you mean '" + hint + "'?)";
          r.error(node, ErrorCode::Value, message);
        }
      }
    }
    return f;
  }

  void options(const Node& stepNode, const char* key, Step& step, const std::string& table) {
    const Node list = stepNode[key];
    if (!list) {
      r.error(stepNode, ErrorCode::Value, std::string("missing required key '") + key + "'");
      return;
    }
    if (!list.IsSequence() || list.size() == 0) {
      r.error(list, ErrorCode::Value, std::string("'") + key + "' must be a non-empty list");
      return;
    }
    std::set<std::string> seen;
    for (const Node& o : list) {
      if (!r.expectMap(o, "an option")) continue;
      keys(o, table, "an option");
      Choice c;
      c.where = r.at(o);
      c.id = id(o, "id", "option id");
      if (!c.id.empty()) {
        c.where = r.at(o["id"]);
        if (!seen.insert(c.id).second)
          r.error(o["id"], ErrorCode::Value,
                  "option '" + c.id + "' appears twice in step '" + step.id + "'");
      }
      c.text = text(o, "text", true);
      c.correct = r.boolean(o, "correct", false).value_or(false);
      c.harmful = r.boolean(o, "harmful", false).value_or(false);
      if (c.harmful && c.correct)
        r.error(o["harmful"], ErrorCode::Value, "harmful advice cannot also be correct");
      c.critical = r.boolean(o, "critical", false).value_or(false);
      c.feedback = text(o, "feedback");
      c.reply = text(o, "reply");
      const bool several = step.multiple || step.type == StepType::Instructions;
      c.points = c.correct ? 1.0 : (several ? -1.0 : 0.0);
      if (auto p = r.number(o, "points", false, -100.0, 100.0)) c.points = *p;
      if (step.type == StepType::Decision) c.flow = flow(o);
      step.options.push_back(std::move(c));
    }
  }

  void stepBody(const Node& n, Step& step) {
    switch (step.type) {
      case StepType::Narrative:
        step.points = 0.0;
        break;
      case StepType::Question:
        step.multiple = r.boolean(n, "multiple", false).value_or(false);
        options(n, "options", step, "option.question");
        break;
      case StepType::Decision:
        options(n, "options", step, "option.decision");
        break;
      case StepType::Instructions:
        step.multiple = true;
        options(n, "options", step, "option.instructions");
        break;
      case StepType::Checklist: {
        step.ordered = r.boolean(n, "ordered", false).value_or(false);
        const Node items = n["items"];
        if (!items) {
          r.error(n, ErrorCode::Value, "missing required key 'items'");
        } else if (!items.IsSequence() || items.size() == 0) {
          r.error(items, ErrorCode::Value, "'items' must be a non-empty list");
        } else {
          std::set<std::string> seen;
          for (const Node& it : items) {
            if (!r.expectMap(it, "a checklist item")) continue;
            keys(it, "item", "a checklist item");
            ChecklistItem c;
            c.where = r.at(it);
            c.id = id(it, "id", "item id");
            if (!c.id.empty()) {
              c.where = r.at(it["id"]);
              if (!seen.insert(c.id).second)
                r.error(it["id"], ErrorCode::Value,
                        "item '" + c.id + "' appears twice in step '" + step.id + "'");
            }
            c.text = text(it, "text", true);
            c.correct = r.boolean(it, "correct", false).value_or(true);
            c.critical = r.boolean(it, "critical", false).value_or(false);
            c.feedback = text(it, "feedback");
            step.items.push_back(std::move(c));
          }
        }
        if (const Node order = n["order"]) {
          if (!order.IsSequence()) {
            r.error(order, ErrorCode::Value, "'order' must be a list of {first, then} rules");
          } else {
            for (const Node& o : order) {
              if (!r.expectMap(o, "an order rule")) continue;
              keys(o, "order_rule", "an order rule");
              OrderRule rule;
              rule.where = r.at(o);
              rule.first = text(o, "first", true);
              rule.then = text(o, "then", true);
              rule.critical = r.boolean(o, "critical", false).value_or(false);
              rule.feedback = text(o, "feedback");
              step.orderRules.push_back(std::move(rule));
            }
          }
        }
        break;
      }
      case StepType::Timer: {
        TimerSpec& t = step.timer;
        t.label = text(n, "label");
        auto lo = r.number(n, "min_s", true, 0.0, 86400.0);
        auto hi = r.number(n, "max_s", true, 0.0, 86400.0);
        if (lo) t.minS = *lo;
        if (hi) t.maxS = *hi;
        if (lo && hi && *lo > *hi)
          r.error(n["max_s"], ErrorCode::Value, "'max_s' must not be smaller than 'min_s'");
        if (auto v = r.number(n, "suggested_s", false, 0.0, 86400.0)) t.suggestedS = *v;
        auto limit = [&](const char* key, bool& critical, std::string& feedback) {
          const Node node = n[key];
          if (!node) return;
          if (!r.expectMap(node, std::string("'") + key + "'")) return;
          keys(node, "timer_limit", std::string("'") + key + "'");
          critical = r.boolean(node, "critical", false).value_or(false);
          feedback = text(node, "feedback");
        };
        limit("too_short", t.criticalShort, t.feedbackShort);
        limit("too_long", t.criticalLong, t.feedbackLong);
        break;
      }
      case StepType::Procedure: {
        step.procedure.requireProficient = r.boolean(n, "require_proficient", false).value_or(true);
        const Node plan = n["plan"];
        if (!plan) {
          r.error(n, ErrorCode::Value,
                  "missing required key 'plan' (the treatment plan: zones, depths, passes)");
        } else if (r.expectMap(plan, "'plan'")) {
          TreatmentPlan& p = step.procedure.plan;
          p.path = m_file;
          PlanKeysOptions po;
          po.embedded = true;
          po.defaultAsset = s.assetName;
          po.what = "'plan'";
          readPlanKeys(r, plan, p, po);
          if (p.title.empty()) p.title = step.title.empty() ? s.title : step.title;
          if (plan["asset"] && p.assetName != s.assetName)
            r.error(plan["asset"], ErrorCode::Value,
                    "the plan's asset '" + p.assetName + "' differs from the scenario's asset '" +
                        s.assetName + "'; remove it (a plan uses the scenario's asset)");
        }
        break;
      }
      case StepType::Observation: {
        ObservationSpec& o = step.observation;
        if (auto d = r.integer(n, "day", true, 0, 3650)) o.day = *d;
        o.description = text(n, "description", true);
        o.skin = skin(n["skin"], "steps." + step.id + ".skin");
        if (auto v = r.boolean(n, "normal", true)) o.normal = *v;
        o.critical = r.boolean(n, "critical", false).value_or(false);
        o.feedback = text(n, "feedback");
        options(n, "actions", step, "option.action");
        break;
      }
      case StepType::Schedule: {
        auto item = [&](const char* key, ScheduleItem& out, double max) {
          const Node node = n[key];
          if (!node) return;
          out.where = r.at(node);
          std::optional<std::pair<double, double>> range;
          if (node.IsMap()) {
            keys(node, "schedule_item", "'" + std::string(key) + "'");
            range = r.range(node, "range", true, 0.0, max);
            out.critical = r.boolean(node, "critical", false).value_or(false);
            out.feedback = text(node, "feedback");
          } else {
            range = r.range(n, key, true, 0.0, max);
          }
          if (range) {
            out.given = true;
            out.lo = range->first;
            out.hi = range->second;
          }
        };
        item("sessions", step.schedule.sessions, 100.0);
        item("interval_weeks", step.schedule.intervalWeeks, 520.0);
        item("maintenance_months", step.schedule.maintenanceMonths, 120.0);
        if (!n["sessions"] && !n["interval_weeks"] && !n["maintenance_months"])
          r.error(n, ErrorCode::Value,
                  "a schedule step needs at least one of 'sessions', 'interval_weeks', "
                  "'maintenance_months'");
        break;
      }
    }
  }

  void step(const Node& n, Phase phase, int visit, std::vector<int>& out) {
    if (!r.expectMap(n, "a step")) return;
    Step st;
    st.phase = phase;
    st.visit = visit;
    st.where = r.at(n);
    const Node typeNode = n["type"];
    std::string table = "step.narrative";
    if (!typeNode) {
      r.error(n, ErrorCode::Value,
              "missing required key 'type' (narrative, question, checklist, decision, timer, "
              "procedure, instructions, observation, schedule)");
      return;
    }
    auto typeText = r.asString(typeNode, "'type'");
    if (!typeText) return;
    auto type = stepTypeFromId(*typeText);
    if (!type) {
      std::vector<std::string> ids(kStepTypeIds, kStepTypeIds + 9);
      std::string message = "unknown step type '" + *typeText + "'";
      const std::string hint = closestMatch(*typeText, ids);
      message += hint.empty() ? " (types: narrative, question, checklist, decision, timer, "
                                "procedure, instructions, observation, schedule)"
                              : " (did you mean '" + hint + "'?)";
      r.error(typeNode, ErrorCode::Value, message);
      return;
    }
    st.type = *type;
    table = std::string("step.") + stepTypeId(st.type);
    // Keys of other step types are named as such, not as unknown.
    static const std::vector<std::string> allStepKeys = [] {
      std::set<std::string> all;
      for (const auto& [name, list] : scenarioKeyTable())
        if (name.rfind("step.", 0) == 0) all.insert(list.begin(), list.end());
      return std::vector<std::string>(all.begin(), all.end());
    }();
    keys(n, table, "a " + std::string(stepTypeId(st.type)) + " step", &allStepKeys,
         "a " + std::string(stepTypeId(st.type)) + " step");
    st.id = id(n, "id", "step id");
    if (!st.id.empty()) st.where = r.at(n["id"]);
    st.title = text(n, "title");
    st.text = text(n, "text", st.type == StepType::Narrative);
    if (auto p = r.number(n, "points", false, 0.0, 1000.0)) st.points = *p;
    st.sources = idList(n, "sources");
    if (st.type != StepType::Decision) st.flow = flow(n);
    stepBody(n, st);
    out.push_back(static_cast<int>(s.steps.size()));
    s.steps.push_back(std::move(st));
  }

  void visit(const Node& n, int index) {
    if (!r.expectMap(n, "a visit")) return;
    keys(n, "visit", "a visit");
    Visit v;
    v.where = r.at(n);
    v.id = id(n, "id", "visit id");
    if (!v.id.empty()) v.where = r.at(n["id"]);
    v.title = text(n, "title");
    if (auto d = r.integer(n, "day", false, 0, 36500)) v.day = *d;
    v.note = text(n, "note");
    v.skin =
        skin(n["skin"], "visits." + (v.id.empty() ? std::to_string(index + 1) : v.id) + ".skin");
    s.visits.push_back(v);
    const Node phases = n["phases"];
    if (!phases) {
      r.error(n, ErrorCode::Value, "missing required key 'phases'");
      return;
    }
    if (!phases.IsSequence() || phases.size() == 0) {
      r.error(phases, ErrorCode::Value, "'phases' must be a non-empty list");
      return;
    }
    for (const Node& p : phases) {
      if (!r.expectMap(p, "a phase")) continue;
      keys(p, "phase", "a phase");
      PhaseBlock block;
      block.where = r.at(p);
      auto name = r.string(p, "phase", true);
      if (!name) continue;
      auto phase = phaseFromId(*name);
      if (!phase) {
        std::vector<std::string> ids(kPhaseIds, kPhaseIds + kPhaseCount);
        std::string message = "unknown phase '" + *name + "'";
        const std::string hint = closestMatch(*name, ids);
        message += hint.empty() ? " (phases: consultation, preparation, procedure, aftercare, "
                                  "recovery, results, maintenance)"
                                : " (did you mean '" + hint + "'?)";
        r.error(p["phase"], ErrorCode::Value, message);
        continue;
      }
      block.phase = *phase;
      block.where = r.at(p["phase"]);
      const Node steps = p["steps"];
      if (!steps) {
        r.error(p, ErrorCode::Value, "missing required key 'steps'");
      } else if (!steps.IsSequence() || steps.size() == 0) {
        r.error(steps, ErrorCode::Value, "'steps' must be a non-empty list");
      } else {
        for (const Node& st : steps) step(st, block.phase, index, block.steps);
      }
      s.visits[index].phases.push_back(std::move(block));
    }
  }

  void patient(const Node& n) {
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
      r.error(n["sex"], ErrorCode::Value,
              "'sex' must be female, male or other, found '" + p.sex + "'");
    p.fitzpatrick = drawText(n, "fitzpatrick", "patient.fitzpatrick",
                             {"I", "II", "III", "IV", "V", "VI"}, "III");
    if (!n["fitzpatrick"])
      r.error(n, ErrorCode::Value, "missing required key 'fitzpatrick' (I to VI)");
    p.skinThickness = drawText(n, "skin_thickness", "patient.skin_thickness",
                               {"thin", "normal", "thick"}, "normal");
    p.history = texts(n, "history", "lines");
    p.medicines = texts(n, "medicines", "lines");
    p.allergies = texts(n, "allergies", "lines");
    p.goals = texts(n, "goals", "lines");
    if (const Node lesions = n["lesions"]) {
      if (!lesions.IsSequence()) {
        r.error(lesions, ErrorCode::Value, "'lesions' must be a list");
      } else {
        std::set<std::string> seen;
        for (const Node& l : lesions) {
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
          if (auto rad = r.number(l, "radius_mm", false, 0.1, 50.0))
            lesion.radiusMm = static_cast<float>(*rad);
          lesion.noGo = r.boolean(l, "no_go", false).value_or(false);
          lesion.description = text(l, "description");
          lesion.visits = idList(l, "visits");
          p.lesions.push_back(std::move(lesion));
        }
      }
    }
  }

  void scoring(const Node& n) {
    s.scoring.weights = defaultPhaseWeights();
    if (!n) return;
    if (!r.expectMap(n, "'scoring'")) return;
    keys(n, "scoring", "'scoring'");
    if (const Node w = n["weights"]) {
      if (r.expectMap(w, "'weights'")) {
        keys(w, "phase_numbers", "'weights'");
        // Weights given replace the defaults; phases left out weigh 0.
        s.scoring.weights.fill(0.0);
        for (Phase ph : allPhases())
          if (auto v = r.number(w, phaseId(ph), false, 0.0, 1000.0))
            s.scoring.weights[static_cast<int>(ph)] = *v;
        double sum = 0;
        for (double v : s.scoring.weights) sum += v;
        if (sum <= 0.0)
          r.error(w, ErrorCode::Value,
                  "the phase weights add up to 0; give at least one phase a weight");
      }
    }
    if (auto v = r.number(n, "pass_threshold", false, 0.0, 100.0)) s.scoring.passThreshold = *v;
    if (auto v = r.number(n, "phase_threshold", false, 0.0, 100.0)) s.scoring.phaseThreshold = *v;
    if (const Node t = n["phase_thresholds"]) {
      if (r.expectMap(t, "'phase_thresholds'")) {
        keys(t, "phase_numbers", "'phase_thresholds'");
        for (Phase ph : allPhases())
          if (auto v = r.number(t, phaseId(ph), false, 0.0, 100.0))
            s.scoring.phaseThresholds[static_cast<int>(ph)] = *v;
      }
    }
  }

  void root(const Node& n) {
    keys(n, "scenario", "the scenario");
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
      if (*d != "beginner" && *d != "intermediate" && *d != "advanced") {
        std::string message =
            "'difficulty' must be beginner, intermediate or advanced, found '" + *d + "'";
        const std::string hint =
            closestMatch(*d, std::vector<std::string>{"beginner", "intermediate", "advanced"});
        if (!hint.empty()) message += " (did you mean '" + hint + "'?)";
        r.error(n["difficulty"], ErrorCode::Value, message);
      } else {
        s.difficulty = *d;
      }
    }
    if (auto m = r.integer(n, "estimated_minutes", false, 1, 10000)) s.estimatedMinutes = *m;
    s.summary = text(n, "summary");
    s.objectives = texts(n, "objectives", "lines");
    if (const Node refs = n["references"]) {
      if (!refs.IsSequence()) {
        r.error(refs, ErrorCode::Value,
                "'references' must be a list of {id, citation, url, evidence}");
      } else {
        std::set<std::string> seen;
        for (const Node& ref : refs) {
          if (!r.expectMap(ref, "a reference")) continue;
          keys(ref, "reference", "a reference");
          Reference rf;
          rf.where = r.at(ref);
          rf.id = id(ref, "id", "reference id");
          if (!rf.id.empty()) {
            rf.where = r.at(ref["id"]);
            if (!seen.insert(rf.id).second)
              r.error(ref["id"], ErrorCode::Value, "reference '" + rf.id + "' appears twice");
          }
          rf.citation = text(ref, "citation", true);
          rf.url = text(ref, "url");
          rf.evidence = text(ref, "evidence");
          if (!rf.evidence.empty() && rf.evidence != "P" && rf.evidence != "M" &&
              rf.evidence != "C")
            r.error(
                ref["evidence"], ErrorCode::Value,
                "'evidence' must be P (peer-reviewed), M (manufacturer) or C (clinic), found '" +
                    rf.evidence + "'");
          s.references.push_back(std::move(rf));
        }
      }
    }
    if (const Node positions = n["positions"]) {
      if (!positions.IsSequence()) {
        r.error(positions, ErrorCode::Value,
                "'positions' must be a list of {topic, teaches, sources}");
      } else {
        for (const Node& pn : positions) {
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
    }
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

  bool checkSchema(const Node& root) {
    const Node node = root["schema"];
    const std::string expected = kScenarioFormat;
    if (!node) {
      std::string message = "missing 'schema: " + expected + "' at the top of the file";
      if (root["format"]) message += " (scenarios name their format with 'schema:', not 'format:')";
      r.error(root, ErrorCode::Format, message);
      return false;
    }
    if (!node.IsScalar()) {
      r.error(node, ErrorCode::Format, "'schema' must be '" + expected + "'");
      return false;
    }
    const std::string value = node.Scalar();
    const auto slash = value.find('/');
    const std::string name = value.substr(0, slash);
    if (name != "mnsim-scenario") {
      r.error(node, ErrorCode::Format,
              "this is a '" + name + "' file, expected '" + expected + "'");
      return false;
    }
    int version = 0;
    if (slash != std::string::npos) {
      const std::string digits = value.substr(slash + 1);
      if (!digits.empty() && digits.size() < 6 &&
          std::all_of(digits.begin(), digits.end(), ::isdigit))
        version = std::stoi(digits);
    }
    if (version <= 0) {
      r.error(node, ErrorCode::Format, "'schema' must name a version, like '" + expected + "'");
      return false;
    }
    if (version > kScenarioVersion) {
      r.error(node, ErrorCode::Format,
              "scenario format version " + std::to_string(version) +
                  " is newer than this mnsim reads (" + expected + "); update mnsim");
      return false;
    }
    return true;
  }

 private:
  std::string m_file;
};

ScenarioLoad finish(Loader& loader, const ScenarioOptions& options, bool readable) {
  ScenarioLoad out;
  for (const Error& e : loader.r.errors())
    out.diagnostics.push_back(Diagnostic{Severity::Error, e});
  out.diagnostics.insert(out.diagnostics.end(), loader.warnings.begin(), loader.warnings.end());
  if (readable) {
    validateScenario(loader.s, options, out.diagnostics, loader.assetWhere, loader.visitsWhere,
                     loader.r.errors().size() > loader.keyErrors);
    out.scenario = std::move(loader.s);
  }
  sortByLocation(out.diagnostics);
  return out;
}

ScenarioLoad parseText(const std::string& text, const std::string& name,
                       const ScenarioOptions& options) {
  Loader loader(name);
  loader.s.path = name;
  loader.s.sha256 = sha256Hex(text);
  auto root = yaml::loadString(text, name);
  if (!root) {
    ScenarioLoad out;
    out.diagnostics.push_back(Diagnostic{Severity::Error, root.error()});
    return out;
  }
  bool readable = true;
  try {
    if (!root->IsMap()) {
      loader.r.expectMap(*root, "a scenario");
      readable = false;
    } else if (!loader.checkSchema(*root)) {
      readable = false;
    } else {
      loader.root(*root);
    }
  } catch (const YAML::Exception& e) {
    // A YAML node used in a way the checks above did not foresee: report, never crash.
    loader.r.error(makeError(ErrorCode::Internal,
                             std::string("unexpected YAML structure: ") + e.what(),
                             {name, e.mark.line + 1, e.mark.column + 1}));
  }
  return finish(loader, options, readable);
}

}  // namespace

ScenarioLoad parseScenario(std::string_view text, const std::string& nameForErrors,
                           const ScenarioOptions& options) {
  return parseText(std::string(text), nameForErrors, options);
}

ScenarioLoad loadScenario(const std::string& path, const ScenarioOptions& options) {
  auto text = readFile(path);
  if (!text) {
    ScenarioLoad out;
    out.diagnostics.push_back(Diagnostic{Severity::Error, text.error()});
    return out;
  }
  return parseText(*text, path, options);
}

}  // namespace mnsim

namespace mnsim {

FlowResult followFlow(const Scenario& scenario, int fromStep, const FlowTarget& target) {
  FlowResult out;
  switch (target.kind) {
    case FlowTarget::Kind::Next:
      out.step = scenario.nextInOrder(fromStep);
      break;
    case FlowTarget::Kind::Step:
      out.step = scenario.findStep(target.target);
      break;
    case FlowTarget::Kind::Visit:
      out.step = scenario.firstStepOfVisit(scenario.findVisit(target.target));
      break;
    case FlowTarget::Kind::End:
      out.step = -1;
      out.outcome = target.outcome;
      break;
  }
  return out;
}

}  // namespace mnsim
