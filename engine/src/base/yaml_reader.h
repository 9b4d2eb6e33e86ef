// Private helpers for reading YAML user files with precise file:line:col errors.
#pragma once

#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <glm/vec3.hpp>
#include <yaml-cpp/yaml.h>

#include "mnsim/base/error.h"
#include "mnsim/base/versioned_header.h"

namespace mnsim::yaml {

// Parses a whole file; a syntax error becomes an Error at its line and column.
Result<YAML::Node> loadFile(const std::string& path);
Result<YAML::Node> loadString(const std::string& text, const std::string& nameForErrors);

// Collects every problem found while reading one document.
class Reader {
 public:
  explicit Reader(std::string file) : m_file(std::move(file)) {}

  const std::string& file() const { return m_file; }
  SourceLocation at(const YAML::Node& node) const;
  void error(const YAML::Node& node, ErrorCode code, std::string message);
  void error(Error e) { m_errors.push_back(std::move(e)); }
  bool failed() const { return !m_errors.empty(); }
  const std::vector<Error>& errors() const { return m_errors; }

  // The node must be a map; keys outside `allowed` are errors with a "did you mean" hint.
  bool expectMap(const YAML::Node& node, std::string_view what);
  void checkKeys(const YAML::Node& map, std::initializer_list<std::string_view> allowed,
                 std::string_view what);
  void checkKeys(const YAML::Node& map, const std::vector<std::string>& allowed, std::string_view what);

  // Typed getters. A missing optional key returns the fallback; a missing required key, or
  // a value of the wrong type, records an error and returns nullopt / fallback.
  std::optional<std::string> string(const YAML::Node& map, const char* key, bool required);
  std::optional<double> number(const YAML::Node& map, const char* key, bool required,
                               double lo = -1e300, double hi = 1e300);
  std::optional<int> integer(const YAML::Node& map, const char* key, bool required, int lo = INT32_MIN,
                             int hi = INT32_MAX);
  std::optional<bool> boolean(const YAML::Node& map, const char* key, bool required);
  std::optional<glm::vec3> vec3(const YAML::Node& map, const char* key, bool required);
  // [lo, hi] with lo <= hi, each within [min, max].
  std::optional<std::pair<double, double>> range(const YAML::Node& map, const char* key,
                                                 bool required, double min, double max);

  // Scalar conversions of a node itself.
  std::optional<double> asNumber(const YAML::Node& node, std::string_view what);
  std::optional<std::string> asString(const YAML::Node& node, std::string_view what);

  // The file's "format: NAME/VERSION" (or another key's) against the format mnsim reads: other
  // formats and newer versions are refused (base/versioned_header.h).
  bool checkFormat(const YAML::Node& root, const FileFormat& format, const char* key = "format");

 private:
  template <class Range>
  void checkKeysIn(const YAML::Node& map, const Range& allowed, std::string_view what);
  std::string m_file;
  std::vector<Error> m_errors;
};

std::string nodeTypeName(const YAML::Node& node);

}  // namespace mnsim::yaml
