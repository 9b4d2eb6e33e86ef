// Private: reads a scenario's YAML into the model (cases/scenario.h), collecting every problem
// with its line and column. The checks across the whole scenario (references, flow, the asset)
// come after it, in scenario_validate.cpp.
#pragma once

#include <optional>
#include <set>
#include <string>
#include <vector>

#include "base/yaml_reader.h"
#include "mnsim/base/diagnostic.h"
#include "mnsim/cases/scenario.h"

namespace mnsim {

class ScenarioReader {
 public:
  using Node = YAML::Node;

  explicit ScenarioReader(std::string file) : r(file), m_file(std::move(file)) {}

  yaml::Reader r;
  std::vector<Diagnostic> warnings;
  Scenario s;
  SourceLocation assetWhere, visitsWhere;
  // Errors about keys alone (unknown, repeated, misplaced): the model read is still whole, so
  // the reference and flow checks can run too and report everything in one go.
  size_t keyErrors = 0;

  // The `schema:` line; false (with the problem recorded) when the file is not a scenario this
  // mnsim reads.
  bool checkSchema(const Node& root);
  // Everything below the schema line (scenario_reader_case.cpp).
  void root(const Node& n);

 private:
  // Shared readers (scenario_reader.cpp).
  void warn(const Node& node, std::string message);
  // Unknown keys (with "did you mean") and repeated keys.
  void keys(const Node& map, const std::string& table, const std::string& what,
            const std::vector<std::string>* otherKeys = nullptr, const std::string& otherWhat = {});
  std::string text(const Node& map, const char* key, bool required = false);
  std::string id(const Node& map, const char* key, const std::string& what);
  // An id unique among `seen`; a repeat is an error "<what> '<id>' appears twice<where>".
  std::string uniqueId(const Node& map, const char* key, const std::string& what, std::set<std::string>& seen,
                       const std::string& inWhere, SourceLocation& location);
  std::vector<std::string> texts(const Node& map, const char* key, const std::string& what);
  std::vector<std::string> idList(const Node& map, const char* key, std::vector<SourceLocation>* where = nullptr);
  // A number, or {range: [lo, hi]} drawn with the run's seed.
  DrawSpec drawNumber(const Node& map, const char* key, const std::string& path, double lo, double hi, bool integer,
                      double fallback);
  // A text from a fixed set, or {one_of: [...]} drawn with the run's seed.
  DrawSpec drawText(const Node& map, const char* key, const std::string& path, const std::vector<std::string>& allowed,
                    const std::string& fallback);
  SkinSpec skin(const Node& node, const std::string& path);
  FlowTarget flow(const Node& map);
  // The node holding a non-empty list, or nullopt with the problem recorded.
  std::optional<Node> nonEmptyList(const Node& map, const char* key);

  // Steps (scenario_reader_steps.cpp).
  void step(const Node& n, Phase phase, int visit, std::vector<int>& out);
  std::optional<StepType> stepType(const Node& n);
  void stepBody(const Node& n, Step& step);
  void options(const Node& stepNode, const char* key, Step& step, const std::string& table);
  void checklist(const Node& n, Step& step);
  void timer(const Node& n, Step& step);
  void procedure(const Node& n, Step& step);
  void observation(const Node& n, Step& step);
  void schedule(const Node& n, Step& step);

  // The case around the steps (scenario_reader_case.cpp).
  void metadata(const Node& n);
  void references(const Node& refs);
  void positions(const Node& list);
  void visit(const Node& n, int index);
  void phaseBlock(const Node& p, int visitIndex);
  void patient(const Node& n);
  void lesions(const Node& list, Patient& p);
  void scoring(const Node& n);

  std::string m_file;
};

// True for ids made of a-z, 0-9 and _ that start with a letter, at most 64 characters.
bool isSnakeId(const std::string& id);

// "unknown <what> '<word>' (did you mean '<hint>'?)", or with the list of known words when no
// word is close.
std::string unknownWord(const std::string& what, const std::string& word, const std::vector<std::string>& known,
                        const std::string& knownList);

}  // namespace mnsim
