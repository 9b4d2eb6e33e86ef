#include "mnsim/runs/scripted_answers.h"
#include "mnsim/base/files.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "cases/scenario_validate.h"
#include "base/yaml_reader.h"

namespace mnsim {

namespace {

using Node = YAML::Node;

class AnswersReader {
 public:
  AnswersReader(const std::string& file, const Scenario& scenario)
      : r(file), m_scenario(scenario) {}

  yaml::Reader r;

  std::optional<std::string> knownId(const Node& node, const Step& step,
                                     const std::vector<std::string>& ids, const char* what) {
    auto id = r.asString(node, std::string("a ") + what + " id");
    if (!id) return std::nullopt;
    if (std::find(ids.begin(), ids.end(), *id) == ids.end()) {
      std::string message = "step '" + step.id + "' has no " + what + " '" + *id + "'";
      const std::string hint = closestMatch(*id, ids);
      message += hint.empty() ? " (" + std::string(what) + "s:" + join(ids) + ")"
                              : " (did you mean '" + hint + "'?)";
      r.error(node, ErrorCode::Reference, message);
      return std::nullopt;
    }
    return id;
  }

  static std::string join(const std::vector<std::string>& ids) {
    std::string out;
    for (const std::string& id : ids) out += " " + id;
    return out;
  }

  std::vector<std::string> idList(const Node& node, const Step& step,
                                  const std::vector<std::string>& ids, const char* what) {
    std::vector<std::string> out;
    if (!node.IsSequence()) {
      r.error(node, ErrorCode::Value,
              "step '" + step.id + "' takes a list of " + what + " ids, found " +
                  yaml::nodeTypeName(node));
      return out;
    }
    for (const Node& item : node) {
      auto id = knownId(item, step, ids, what);
      if (!id) continue;
      if (std::find(out.begin(), out.end(), *id) != out.end()) {
        r.error(item, ErrorCode::Value, std::string(what) + " '" + *id + "' is listed twice");
        continue;
      }
      out.push_back(*id);
    }
    return out;
  }

  // Checks a map form's keys: `allowed` plus `at_s`.
  void mapKeys(const Node& node, std::initializer_list<std::string_view> allowed,
               const Step& step) {
    std::vector<std::string> names{"at_s"};
    for (std::string_view a : allowed) names.emplace_back(a);
    for (const auto& kv : node) {
      const std::string key = kv.first.IsScalar() ? kv.first.Scalar() : std::string();
      if (std::find(names.begin(), names.end(), key) != names.end()) continue;
      std::string message = "unknown key '" + key + "' in the answer to " + stepTypeId(step.type) +
                            " step '" + step.id + "'";
      const std::string hint = closestMatch(key, names);
      if (!hint.empty()) message += " (did you mean '" + hint + "'?)";
      r.error(kv.first, ErrorCode::Value, message);
    }
  }

  void entry(const Node& key, const Node& value, ScriptedAnswers& out, const std::string& baseDir) {
    auto stepId = r.asString(key, "a step id");
    if (!stepId) return;
    const int index = m_scenario.findStep(*stepId);
    if (index < 0) {
      std::vector<std::string> ids;
      for (const Step& s : m_scenario.steps) ids.push_back(s.id);
      std::string message = "scenario '" + m_scenario.id + "' has no step '" + *stepId + "'";
      const std::string hint = closestMatch(*stepId, ids);
      if (!hint.empty()) message += " (did you mean '" + hint + "'?)";
      r.error(key, ErrorCode::Reference, message);
      return;
    }
    const Step& step = m_scenario.steps[index];
    ScriptedAnswer a;
    a.stepId = *stepId;
    a.where = r.at(key);
    if (out.steps.count(*stepId)) {
      r.error(key, ErrorCode::Value, "step '" + *stepId + "' is answered twice");
      return;
    }
    std::vector<std::string> optionIds;
    for (const Choice& c : step.options) optionIds.push_back(c.id);
    std::vector<std::string> itemIds;
    for (const ChecklistItem& c : step.items) itemIds.push_back(c.id);
    const bool isMap = value.IsMap();
    if (isMap && value["at_s"]) {
      if (auto t = r.number(value, "at_s", false, 0.0, 1e9)) a.atS = *t;
    }
    switch (step.type) {
      case StepType::Narrative:
        if (isMap) mapKeys(value, {}, step);
        break;
      case StepType::Question:
      case StepType::Decision:
      case StepType::Instructions: {
        const bool several = step.type != StepType::Decision && step.multiple;
        if (several) {
          if (isMap) {
            mapKeys(value, {"choices"}, step);
            if (!value["choices"])
              r.error(value, ErrorCode::Value, "missing required key 'choices'");
            else
              a.answer.choices = idList(value["choices"], step, optionIds, "option");
          } else if (value.IsNull()) {
            // Nothing chosen.
          } else {
            a.answer.choices = idList(value, step, optionIds, "option");
          }
        } else {
          // Node::operator= would write into the document; reset() only rebinds the handle.
          Node choice;
          choice.reset(value);
          if (isMap) {
            mapKeys(value, {"choice"}, step);
            if (!value["choice"]) {
              r.error(value, ErrorCode::Value, "missing required key 'choice'");
              break;
            }
            choice.reset(value["choice"]);
          }
          if (choice.IsSequence()) {
            if (choice.size() != 1) {
              r.error(choice, ErrorCode::Value,
                      std::string(stepTypeId(step.type)) + " step '" + step.id +
                          "' takes exactly one option, found " + std::to_string(choice.size()));
              break;
            }
            const Node first = choice[0];
            choice.reset(first);
          }
          if (auto id = knownId(choice, step, optionIds, "option")) a.answer.choices = {*id};
        }
        break;
      }
      case StepType::Checklist:
        if (isMap) {
          mapKeys(value, {"choices"}, step);
          if (!value["choices"])
            r.error(value, ErrorCode::Value, "missing required key 'choices'");
          else
            a.answer.choices = idList(value["choices"], step, itemIds, "item");
        } else if (!value.IsNull()) {
          a.answer.choices = idList(value, step, itemIds, "item");
        }
        break;
      case StepType::Timer:
        if (isMap) {
          mapKeys(value, {"wait_s"}, step);
          if (auto w = r.number(value, "wait_s", true, 0.0, 1e7)) a.answer.waitS = *w;
        } else if (auto w = r.asNumber(value, "the seconds waited")) {
          if (*w < 0)
            r.error(value, ErrorCode::Value, "the seconds waited must not be negative");
          else
            a.answer.waitS = *w;
        }
        break;
      case StepType::Observation:
        if (!r.expectMap(value,
                         "the answer to observation step '" + step.id + "' ({assessment, action})"))
          break;
        mapKeys(value, {"assessment", "action"}, step);
        if (auto v = r.string(value, "assessment", true)) {
          if (*v != "normal" && *v != "abnormal")
            r.error(value["assessment"], ErrorCode::Value,
                    "'assessment' must be normal or abnormal, found '" + *v + "'");
          else
            a.answer.assessment = *v;
        }
        if (!value["action"])
          r.error(value, ErrorCode::Value, "missing required key 'action'");
        else if (auto id = knownId(value["action"], step, optionIds, "action"))
          a.answer.choices = {*id};
        break;
      case StepType::Schedule:
        if (!r.expectMap(value, "the answer to schedule step '" + step.id + "'")) break;
        mapKeys(value, {"sessions", "interval_weeks", "maintenance_months"}, step);
        if (auto v = r.number(value, "sessions", false, 0, 1000)) a.answer.sessions = *v;
        if (auto v = r.number(value, "interval_weeks", false, 0, 1000)) a.answer.intervalWeeks = *v;
        if (auto v = r.number(value, "maintenance_months", false, 0, 1000))
          a.answer.maintenanceMonths = *v;
        for (auto [given, item, name] :
             {std::tuple{a.answer.sessions.has_value(), &step.schedule.sessions, "sessions"},
              std::tuple{a.answer.intervalWeeks.has_value(), &step.schedule.intervalWeeks,
                         "interval_weeks"},
              std::tuple{a.answer.maintenanceMonths.has_value(), &step.schedule.maintenanceMonths,
                         "maintenance_months"}}) {
          if (item->given && !given && !value[name])
            r.error(value, ErrorCode::Value, "step '" + step.id + "' asks for '" + name + "'");
          if (!item->given && value[name])
            r.error(value[name], ErrorCode::Value,
                    "step '" + step.id + "' does not ask for '" + name + "'");
        }
        break;
      case StepType::Procedure: {
        Node trace;
        trace.reset(value);
        if (isMap) {
          mapKeys(value, {"trace"}, step);
          if (!value["trace"]) break;
          trace.reset(value["trace"]);
        }
        if (trace.IsNull()) break;
        if (auto path = r.asString(trace, "'trace'")) {
          std::filesystem::path p(*path);
          a.tracePath = p.is_absolute() || baseDir.empty()
                            ? p.string()
                            : (std::filesystem::path(baseDir) / p).lexically_normal().string();
        }
        break;
      }
    }
    out.steps.emplace(*stepId, std::move(a));
  }

  std::optional<ScriptedAnswers> read(const Node& root, const std::string& file) {
    if (!r.expectMap(root, "an answers file")) return std::nullopt;
    if (!r.checkFormat(root, kAnswersFileFormat)) return std::nullopt;
    r.checkKeys(root, {"format", "scenario", "description", "seed", "answers"}, "the answers file");
    ScriptedAnswers out;
    out.path = file;
    out.description = r.string(root, "description", false).value_or("");
    if (auto id = r.string(root, "scenario", true)) {
      out.scenarioId = *id;
      if (*id != m_scenario.id)
        r.error(root["scenario"], ErrorCode::Reference,
                "these answers are for scenario '" + *id + "', not '" + m_scenario.id + "'");
    }
    if (const Node seed = root["seed"]) {
      uint64_t v = 0;
      if (!seed.IsScalar() || !YAML::convert<uint64_t>::decode(seed, v) ||
          (!seed.Scalar().empty() && seed.Scalar()[0] == '-'))
        r.error(seed, ErrorCode::Value,
                "'seed' must be a whole number from 0 to 18446744073709551615");
      else
        out.seed = v;
    }
    const Node answers = root["answers"];
    if (!answers) {
      r.error(root, ErrorCode::Value, "missing required key 'answers' (step id: answer)");
    } else if (!answers.IsMap()) {
      r.error(answers, ErrorCode::Value,
              "'answers' must be a map of step id: answer, found " + yaml::nodeTypeName(answers));
    } else {
      const std::string baseDir = std::filesystem::path(file).parent_path().string();
      for (const auto& kv : answers) entry(kv.first, kv.second, out, baseDir);
    }
    return out;
  }

 private:
  const Scenario& m_scenario;
};

}  // namespace

AnswersLoad parseAnswers(std::string_view text, const std::string& name, const Scenario& scenario) {
  AnswersLoad out;
  auto root = yaml::loadString(std::string(text), name);
  if (!root) {
    out.diagnostics.push_back(Diagnostic{Severity::Error, root.error()});
    return out;
  }
  AnswersReader reader(name, scenario);
  try {
    out.answers = reader.read(*root, name);
  } catch (const YAML::Exception& e) {
    reader.r.error(makeError(ErrorCode::Internal,
                             std::string("unexpected YAML structure: ") + e.what(),
                             {name, e.mark.line + 1, e.mark.column + 1}));
  }
  for (const Error& e : reader.r.errors())
    out.diagnostics.push_back(Diagnostic{Severity::Error, e});
  sortByLocation(out.diagnostics);
  return out;
}

AnswersLoad loadAnswers(const std::string& path, const Scenario& scenario) {
  auto text = readFile(path);
  if (!text) {
    AnswersLoad out;
    out.diagnostics.push_back(Diagnostic{Severity::Error, text.error()});
    return out;
  }
  return parseAnswers(*text, path, scenario);
}

}  // namespace mnsim
