#include "cases/scenario_reader.h"

#include <algorithm>

#include "cases/phase_ids.h"
#include "mnsim/base/text.h"
#include "mnsim/cases/scenario_loader.h"

namespace mnsim {

bool isSnakeId(const std::string& id) { return id.size() <= 64 && isSnakeCaseId(id); }

std::string unknownWord(const std::string& what, const std::string& word, const std::vector<std::string>& known,
                        const std::string& knownList) {
  const std::string hint = didYouMean(word, known);
  return "unknown " + what + " '" + word + "'" + (hint.empty() ? " (" + knownList + ")" : hint);
}

void ScenarioReader::warn(const Node& node, std::string message) {
  warnings.push_back(
      makeDiagnostic(Severity::Warning, ErrorCode::Value, std::move(message), r.at(node)));
}

void ScenarioReader::keys(const Node& map, const std::string& table, const std::string& what, const std::vector<std::string>* otherKeys, const std::string& otherWhat) {
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
    r.error(kv.first, ErrorCode::Value, "unknown key '" + key + "' in " + what + didYouMean(key, allowed));
    ++keyErrors;
  }
}

std::string ScenarioReader::text(const Node& map, const char* key, bool required) {
  return r.string(map, key, required).value_or("");
}

std::string ScenarioReader::id(const Node& map, const char* key, const std::string& what) {
  auto v = r.string(map, key, true);
  if (!v) return {};
  if (!isSnakeId(*v)) {
    r.error(map[key], ErrorCode::Value,
            what + " '" + *v +
                "' must be snake_case: a letter, then letters, digits or _ (a-z, 0-9, _)");
  }
  return *v;
}

std::vector<std::string> ScenarioReader::texts(const Node& map, const char* key, const std::string& what) {
  std::vector<std::string> out;
  const Node node = map[key];
  if (!node) return out;
  if (node.IsScalar()) {
    out.push_back(node.Scalar());
    return out;
  }
  if (!node.IsSequence()) {
    r.error(node, ErrorCode::Value,
            quoted(key) + " must be a list of " + what + ", found " +
                yaml::nodeTypeName(node));
    return out;
  }
  for (const Node& item : node)
    if (auto t = r.asString(item, "an entry of " + quoted(key))) out.push_back(*t);
  return out;
}

std::vector<std::string> ScenarioReader::idList(const Node& map, const char* key, std::vector<SourceLocation>* where) {
  std::vector<std::string> out;
  const Node node = map[key];
  if (!node) return out;
  if (!node.IsSequence()) {
    r.error(node, ErrorCode::Value, quoted(key) + " must be a list of ids, found " + yaml::nodeTypeName(node));
    return out;
  }
  for (const Node& item : node) {
    if (auto t = r.asString(item, "an entry of " + quoted(key))) {
      out.push_back(*t);
      if (where) where->push_back(r.at(item));
    }
  }
  return out;
}

DrawSpec ScenarioReader::drawNumber(const Node& map, const char* key, const std::string& path, double lo, double hi, bool integer, double fallback) {
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
              quoted(key) + " is a number: use 'range: [min, max]'");
    if (auto range = r.range(node, "range", true, lo, hi)) {
      if (integer && (range->first != static_cast<long long>(range->first) ||
                      range->second != static_cast<long long>(range->second))) {
        r.error(node["range"], ErrorCode::Value,
                quoted(key) + " takes whole numbers");
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

DrawSpec ScenarioReader::drawText(const Node& map, const char* key, const std::string& path, const std::vector<std::string>& allowed, const std::string& fallback) {
  DrawSpec d;
  d.path = path;
  d.numeric = false;
  d.text = fallback;
  const Node node = map[key];
  if (!node) return d;
  d.where = r.at(node);
  auto check = [&](const Node& n) -> std::optional<std::string> {
    auto t = r.asString(n, quoted(key));
    if (!t) return std::nullopt;
    if (std::find(allowed.begin(), allowed.end(), *t) == allowed.end()) {
      std::string message = quoted(key) + " must be one of";
      for (const std::string& a : allowed) message += " " + a;
      r.error(n, ErrorCode::Value, message + ", found '" + *t + "'" + didYouMean(*t, allowed));
      return std::nullopt;
    }
    return t;
  };
  if (node.IsMap()) {
    keys(node, "draw", "a drawn value");
    if (node["range"])
      r.error(node["range"], ErrorCode::Value,
              quoted(key) + " is a word: use 'one_of: [...]'");
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

SkinSpec ScenarioReader::skin(const Node& node, const std::string& path) {
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

FlowTarget ScenarioReader::flow(const Node& map) {
  FlowTarget f;
  int given = 0;
  for (const char* key : {"next", "next_visit", "end"}) {
    const Node node = map[key];
    if (!node) continue;
    if (++given > 1) {
      r.error(node, ErrorCode::Value, "give only one of 'next', 'next_visit' and 'end'");
      continue;
    }
    auto value = r.asString(node, quoted(key));
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
        const std::vector<std::string> ids(kOutcomeIds, kOutcomeIds + kOutcomeCount);
        r.error(node, ErrorCode::Value,
                "'end' must be one of completed, deferred, referred, excluded, found '" + *value + "'" +
                    didYouMean(*value, ids));
      }
    }
  }
  return f;
}

std::string ScenarioReader::uniqueId(const Node& map, const char* key, const std::string& what,
                                     std::set<std::string>& seen, const std::string& inWhere,
                                     SourceLocation& location) {
  location = r.at(map);
  std::string value = id(map, key, what + " " + key);
  if (value.empty()) return value;
  location = r.at(map[key]);
  if (!seen.insert(value).second)
    r.error(map[key], ErrorCode::Value, what + " '" + value + "' appears twice" + inWhere);
  return value;
}

std::optional<YAML::Node> ScenarioReader::nonEmptyList(const Node& map, const char* key) {
  const Node list = map[key];
  if (!list) {
    r.error(map, ErrorCode::Value, std::string("missing required key '") + key + "'");
    return std::nullopt;
  }
  if (!list.IsSequence() || list.size() == 0) {
    r.error(list, ErrorCode::Value, std::string("'") + key + "' must be a non-empty list");
    return std::nullopt;
  }
  return list;
}

}  // namespace mnsim
