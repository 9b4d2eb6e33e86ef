// Reading a scenario's steps: the keys every step has, then one reader per step type.
#include <set>

#include "cases/phase_ids.h"
#include "cases/scenario_reader.h"
#include "mnsim/base/text.h"
#include "formats/plan_yaml.h"
#include "mnsim/cases/scenario_loader.h"

namespace mnsim {

namespace {

const std::string kStepTypeList =
    "narrative, question, checklist, decision, timer, procedure, instructions, observation, schedule";

// Every key of every step type: a key of another type is named as such, not as unknown.
const std::vector<std::string>& allStepKeys() {
  static const std::vector<std::string> keys = [] {
    std::set<std::string> all;
    for (const auto& [name, list] : scenarioKeyTable())
      if (name.rfind("step.", 0) == 0) all.insert(list.begin(), list.end());
    return std::vector<std::string>(all.begin(), all.end());
  }();
  return keys;
}

}  // namespace

void ScenarioReader::step(const Node& n, Phase phase, int visit, std::vector<int>& out) {
  if (!r.expectMap(n, "a step")) return;
  Step st;
  st.phase = phase;
  st.visit = visit;
  st.where = r.at(n);
  const std::optional<StepType> type = stepType(n);
  if (!type) return;
  st.type = *type;
  const std::string what = "a " + std::string(stepTypeId(st.type)) + " step";
  keys(n, std::string("step.") + stepTypeId(st.type), what, &allStepKeys(), what);
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

std::optional<StepType> ScenarioReader::stepType(const Node& n) {
  const Node typeNode = n["type"];
  if (!typeNode) {
    r.error(n, ErrorCode::Value, "missing required key 'type' (" + kStepTypeList + ")");
    return std::nullopt;
  }
  auto typeText = r.asString(typeNode, "'type'");
  if (!typeText) return std::nullopt;
  auto type = stepTypeFromId(*typeText);
  if (!type) {
    const std::vector<std::string> ids(kStepTypeIds, kStepTypeIds + kStepTypeCount);
    r.error(typeNode, ErrorCode::Value, unknownWord("step type", *typeText, ids, "types: " + kStepTypeList));
  }
  return type;
}

void ScenarioReader::stepBody(const Node& n, Step& step) {
  switch (step.type) {
    case StepType::Narrative: step.points = 0.0; break;
    case StepType::Question:
      step.multiple = r.boolean(n, "multiple", false).value_or(false);
      options(n, "options", step, "option.question");
      break;
    case StepType::Decision: options(n, "options", step, "option.decision"); break;
    case StepType::Instructions:
      step.multiple = true;
      options(n, "options", step, "option.instructions");
      break;
    case StepType::Checklist: checklist(n, step); break;
    case StepType::Timer: timer(n, step); break;
    case StepType::Procedure: procedure(n, step); break;
    case StepType::Observation: observation(n, step); break;
    case StepType::Schedule: schedule(n, step); break;
  }
}

void ScenarioReader::options(const Node& stepNode, const char* key, Step& step, const std::string& table) {
  const std::optional<Node> list = nonEmptyList(stepNode, key);
  if (!list) return;
  std::set<std::string> seen;
  for (const Node& o : *list) {
    if (!r.expectMap(o, "an option")) continue;
    keys(o, table, "an option");
    Choice c;
    c.id = uniqueId(o, "id", "option", seen, " in step '" + step.id + "'", c.where);
    c.text = text(o, "text", true);
    c.correct = r.boolean(o, "correct", false).value_or(false);
    c.harmful = r.boolean(o, "harmful", false).value_or(false);
    if (c.harmful && c.correct) r.error(o["harmful"], ErrorCode::Value, "harmful advice cannot also be correct");
    c.critical = r.boolean(o, "critical", false).value_or(false);
    c.failsPhase = c.harmful || r.boolean(o, "fails_phase", false).value_or(false);
    c.feedback = text(o, "feedback");
    c.reply = text(o, "reply");
    const bool several = step.multiple || step.type == StepType::Instructions;
    c.points = c.correct ? 1.0 : (several ? -1.0 : 0.0);
    if (auto p = r.number(o, "points", false, -100.0, 100.0)) c.points = *p;
    if (step.type == StepType::Decision) c.flow = flow(o);
    step.options.push_back(std::move(c));
  }
}

void ScenarioReader::checklist(const Node& n, Step& step) {
  step.ordered = r.boolean(n, "ordered", false).value_or(false);
  if (const std::optional<Node> items = nonEmptyList(n, "items")) {
    std::set<std::string> seen;
    for (const Node& it : *items) {
      if (!r.expectMap(it, "a checklist item")) continue;
      keys(it, "item", "a checklist item");
      ChecklistItem c;
      c.id = uniqueId(it, "id", "item", seen, " in step '" + step.id + "'", c.where);
      c.text = text(it, "text", true);
      c.correct = r.boolean(it, "correct", false).value_or(true);
      c.critical = r.boolean(it, "critical", false).value_or(false);
      c.failsPhase = r.boolean(it, "fails_phase", false).value_or(false);
      c.feedback = text(it, "feedback");
      step.items.push_back(std::move(c));
    }
  }
  const Node order = n["order"];
  if (!order) return;
  if (!order.IsSequence()) {
    r.error(order, ErrorCode::Value, "'order' must be a list of {first, then} rules");
    return;
  }
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

void ScenarioReader::timer(const Node& n, Step& step) {
  TimerSpec& t = step.timer;
  t.label = text(n, "label");
  auto lo = r.number(n, "min_s", true, 0.0, 86400.0);
  auto hi = r.number(n, "max_s", true, 0.0, 86400.0);
  if (lo) t.minS = *lo;
  if (hi) t.maxS = *hi;
  if (lo && hi && *lo > *hi) r.error(n["max_s"], ErrorCode::Value, "'max_s' must not be smaller than 'min_s'");
  if (auto v = r.number(n, "suggested_s", false, 0.0, 86400.0)) t.suggestedS = *v;
  auto limit = [&](const char* key, bool& critical, bool& failsPhase, std::string& feedback) {
    const Node node = n[key];
    if (!node) return;
    if (!r.expectMap(node, std::string("'") + key + "'")) return;
    keys(node, "timer_limit", std::string("'") + key + "'");
    critical = r.boolean(node, "critical", false).value_or(false);
    failsPhase = r.boolean(node, "fails_phase", false).value_or(false);
    feedback = text(node, "feedback");
  };
  limit("too_short", t.criticalShort, t.failsPhaseShort, t.feedbackShort);
  limit("too_long", t.criticalLong, t.failsPhaseLong, t.feedbackLong);
}

void ScenarioReader::procedure(const Node& n, Step& step) {
  step.procedure.requireProficient = r.boolean(n, "require_proficient", false).value_or(true);
  const Node plan = n["plan"];
  if (!plan) {
    r.error(n, ErrorCode::Value, "missing required key 'plan' (the treatment plan: zones, depths, passes)");
    return;
  }
  if (!r.expectMap(plan, "'plan'")) return;
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
            "the plan's asset '" + p.assetName + "' differs from the scenario's asset '" + s.assetName +
                "'; remove it (a plan uses the scenario's asset)");
}

void ScenarioReader::observation(const Node& n, Step& step) {
  ObservationSpec& o = step.observation;
  if (auto d = r.integer(n, "day", true, 0, 3650)) o.day = *d;
  o.description = text(n, "description", true);
  o.skin = skin(n["skin"], "steps." + step.id + ".skin");
  if (auto v = r.boolean(n, "normal", true)) o.normal = *v;
  o.critical = r.boolean(n, "critical", false).value_or(false);
  o.feedback = text(n, "feedback");
  options(n, "actions", step, "option.action");
}

void ScenarioReader::schedule(const Node& n, Step& step) {
  auto item = [&](const char* key, ScheduleItem& out, double max) {
    const Node node = n[key];
    if (!node) return;
    out.where = r.at(node);
    std::optional<std::pair<double, double>> range;
    if (node.IsMap()) {
      keys(node, "schedule_item", quoted(key));
      range = r.range(node, "range", true, 0.0, max);
      out.critical = r.boolean(node, "critical", false).value_or(false);
      out.failsPhase = r.boolean(node, "fails_phase", false).value_or(false);
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
            "a schedule step needs at least one of 'sessions', 'interval_weeks', 'maintenance_months'");
}

}  // namespace mnsim
