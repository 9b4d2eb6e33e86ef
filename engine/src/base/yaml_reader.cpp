#include "base/yaml_reader.h"
#include "mnsim/base/files.h"
#include "mnsim/base/text.h"

#include <cmath>
#include <fstream>
#include <sstream>

namespace mnsim::yaml {

namespace {

Result<YAML::Node> parse(std::istream& in, const std::string& name) {
  try {
    YAML::Node root = YAML::Load(in);
    if (!root.IsDefined() || root.IsNull())
      return makeError(ErrorCode::Format, "the file is empty", {name, 0, 0});
    return root;
  } catch (const YAML::ParserException& e) {
    return makeError(ErrorCode::Syntax, "YAML syntax: " + e.msg,
                     {name, e.mark.line + 1, e.mark.column + 1});
  } catch (const YAML::Exception& e) {
    return makeError(ErrorCode::Syntax, std::string("YAML: ") + e.what(), {name, 0, 0});
  }
}

}  // namespace

Result<YAML::Node> loadFile(const std::string& path) {
  auto text = readFile(path);
  if (!text) return text.error();
  return loadString(*text, path);
}

Result<YAML::Node> loadString(const std::string& text, const std::string& nameForErrors) {
  std::istringstream in(text);
  return parse(in, nameForErrors);
}

std::string nodeTypeName(const YAML::Node& node) {
  switch (node.Type()) {
    case YAML::NodeType::Null: return "nothing";
    case YAML::NodeType::Scalar: return "a value";
    case YAML::NodeType::Sequence: return "a list";
    case YAML::NodeType::Map: return "a map";
    case YAML::NodeType::Undefined: return "nothing";
  }
  return "nothing";
}

SourceLocation Reader::at(const YAML::Node& node) const {
  const YAML::Mark mark = node.Mark();
  if (mark.is_null()) return {m_file, 0, 0};
  return {m_file, mark.line + 1, mark.column + 1};
}

void Reader::error(const YAML::Node& node, ErrorCode code, std::string message) {
  m_errors.push_back(makeError(code, std::move(message), at(node)));
}

bool Reader::expectMap(const YAML::Node& node, std::string_view what) {
  if (node.IsMap()) return true;
  error(node, ErrorCode::Value,
        std::string(what) + " must be a map of keys, found " + nodeTypeName(node));
  return false;
}

void Reader::checkKeys(const YAML::Node& map, const std::vector<std::string>& allowed, std::string_view what) {
  const std::vector<std::string_view> views(allowed.begin(), allowed.end());
  checkKeysIn(map, views, what);
}

void Reader::checkKeys(const YAML::Node& map, std::initializer_list<std::string_view> allowed,
                       std::string_view what) {
  checkKeysIn(map, allowed, what);
}

template <class Range>
void Reader::checkKeysIn(const YAML::Node& map, const Range& allowed, std::string_view what) {
  if (!map.IsMap()) return;
  for (const auto& kv : map) {
    const std::string key = kv.first.Scalar();
    bool known = false;
    for (std::string_view a : allowed) known = known || a == key;
    if (known) continue;
    std::string message = "unknown key '" + key + "' in " + std::string(what);
    const std::string hint = closestMatch(key, allowed);
    if (!hint.empty()) message += " (did you mean '" + hint + "'?)";
    error(kv.first, ErrorCode::Value, message);
  }
}

std::optional<std::string> Reader::asString(const YAML::Node& node, std::string_view what) {
  if (!node.IsScalar()) {
    error(node, ErrorCode::Value, std::string(what) + " must be text, found " + nodeTypeName(node));
    return std::nullopt;
  }
  return node.Scalar();
}

std::optional<double> Reader::asNumber(const YAML::Node& node, std::string_view what) {
  double value = 0.0;
  if (!node.IsScalar() || !YAML::convert<double>::decode(node, value)) {
    const std::string found = node.IsScalar() ? "'" + node.Scalar() + "'" : nodeTypeName(node);
    error(node, ErrorCode::Value, std::string(what) + " must be a number, found " + found);
    return std::nullopt;
  }
  if (!std::isfinite(value)) {
    error(node, ErrorCode::Value, std::string(what) + " must be a finite number");
    return std::nullopt;
  }
  return value;
}

std::optional<std::string> Reader::string(const YAML::Node& map, const char* key, bool required) {
  const YAML::Node node = map[key];
  if (!node) {
    if (required) error(map, ErrorCode::Value, std::string("missing required key '") + key + "'");
    return std::nullopt;
  }
  return asString(node, std::string("'") + key + "'");
}

std::optional<double> Reader::number(const YAML::Node& map, const char* key, bool required,
                                     double lo, double hi) {
  const YAML::Node node = map[key];
  if (!node) {
    if (required) error(map, ErrorCode::Value, std::string("missing required key '") + key + "'");
    return std::nullopt;
  }
  auto value = asNumber(node, std::string("'") + key + "'");
  if (!value) return std::nullopt;
  if (*value < lo || *value > hi) {
    std::ostringstream msg;
    msg << "'" << key << "' must be between " << lo << " and " << hi << ", found " << *value;
    error(node, ErrorCode::Value, msg.str());
    return std::nullopt;
  }
  return value;
}

std::optional<int> Reader::integer(const YAML::Node& map, const char* key, bool required, int lo,
                                   int hi) {
  const YAML::Node node = map[key];
  if (!node) {
    if (required) error(map, ErrorCode::Value, std::string("missing required key '") + key + "'");
    return std::nullopt;
  }
  int value = 0;
  if (!node.IsScalar() || !YAML::convert<int>::decode(node, value)) {
    const std::string found = node.IsScalar() ? "'" + node.Scalar() + "'" : nodeTypeName(node);
    error(node, ErrorCode::Value, std::string("'") + key + "' must be a whole number, found " + found);
    return std::nullopt;
  }
  if (value < lo || value > hi) {
    error(node, ErrorCode::Value,
          std::string("'") + key + "' must be between " + std::to_string(lo) + " and " +
              std::to_string(hi) + ", found " + std::to_string(value));
    return std::nullopt;
  }
  return value;
}

std::optional<bool> Reader::boolean(const YAML::Node& map, const char* key, bool required) {
  const YAML::Node node = map[key];
  if (!node) {
    if (required) error(map, ErrorCode::Value, std::string("missing required key '") + key + "'");
    return std::nullopt;
  }
  bool value = false;
  if (!node.IsScalar() || !YAML::convert<bool>::decode(node, value)) {
    const std::string found = node.IsScalar() ? "'" + node.Scalar() + "'" : nodeTypeName(node);
    error(node, ErrorCode::Value, std::string("'") + key + "' must be true or false, found " + found);
    return std::nullopt;
  }
  return value;
}

std::optional<glm::vec3> Reader::vec3(const YAML::Node& map, const char* key, bool required) {
  const YAML::Node node = map[key];
  if (!node) {
    if (required) error(map, ErrorCode::Value, std::string("missing required key '") + key + "'");
    return std::nullopt;
  }
  if (!node.IsSequence() || node.size() != 3) {
    error(node, ErrorCode::Value, std::string("'") + key + "' must be a list of three numbers [x, y, z]");
    return std::nullopt;
  }
  glm::vec3 v(0.0f);
  for (int k = 0; k < 3; ++k) {
    auto c = asNumber(node[k], std::string("'") + key + "' coordinate");
    if (!c) return std::nullopt;
    v[k] = static_cast<float>(*c);
  }
  return v;
}

std::optional<std::pair<double, double>> Reader::range(const YAML::Node& map, const char* key,
                                                       bool required, double min, double max) {
  const YAML::Node node = map[key];
  if (!node) {
    if (required) error(map, ErrorCode::Value, std::string("missing required key '") + key + "'");
    return std::nullopt;
  }
  if (!node.IsSequence() || node.size() != 2) {
    error(node, ErrorCode::Value, std::string("'") + key + "' must be a list of two numbers [min, max]");
    return std::nullopt;
  }
  auto lo = asNumber(node[0], std::string("'") + key + "' minimum");
  auto hi = asNumber(node[1], std::string("'") + key + "' maximum");
  if (!lo || !hi) return std::nullopt;
  std::ostringstream msg;
  if (*lo > *hi) {
    msg << "'" << key << "' minimum " << *lo << " is larger than its maximum " << *hi;
    error(node, ErrorCode::Value, msg.str());
    return std::nullopt;
  }
  if (*lo < min || *hi > max) {
    msg << "'" << key << "' must lie within [" << min << ", " << max << "], found [" << *lo << ", "
        << *hi << "]";
    error(node, ErrorCode::Value, msg.str());
    return std::nullopt;
  }
  return std::make_pair(*lo, *hi);
}

bool Reader::checkFormat(const YAML::Node& root, const FileFormat& format, const char* key) {
  const YAML::Node node = root[key];
  const std::string expected = format.tag();
  if (!node) {
    error(root, ErrorCode::Format, "missing '" + std::string(key) + ": " + expected + "' at the top of the file");
    return false;
  }
  if (!node.IsScalar()) {
    error(node, ErrorCode::Format, mnsim::quoted(key) + " must be " + mnsim::quoted(expected));
    return false;
  }
  if (auto problem = checkFormatTag(node.Scalar(), format)) {
    error(node, ErrorCode::Format, *problem);
    return false;
  }
  return true;
}

}  // namespace mnsim::yaml
