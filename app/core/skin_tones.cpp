#include "core/skin_tones.h"

#include <algorithm>
#include <cmath>
#include <filesystem>

#include <yaml-cpp/yaml.h>

#include <mnsim/base/files.h>
#include <mnsim/base/versioned_header.h>

namespace mnsim::app {

namespace {

float toLinear(float c) {
  return c <= 0.04045f ? c / 12.92f : std::pow((c + 0.055f) / 1.055f, 2.4f);
}

SourceLocation where(const std::string& path, const YAML::Node& node) {
  const YAML::Mark mark = node.Mark();
  return {path, mark.line + 1, mark.column + 1};
}

// A [r, g, b] list of three numbers.
Result<glm::vec3> readColor(const std::string& path, const YAML::Node& type, const char* key) {
  const YAML::Node node = type[key];
  if (!node || !node.IsSequence() || node.size() != 3)
    return makeError(ErrorCode::Value,
                     std::string("'") + key + "' must be a list of three numbers, like [0.8, 0.6, 0.5]",
                     where(path, node ? node : type));
  glm::vec3 out;
  for (int k = 0; k < 3; ++k) {
    try {
      out[k] = node[k].as<float>();
    } catch (const YAML::Exception&) {
      return makeError(ErrorCode::Value, std::string("'") + key + "' must hold numbers", where(path, node[k]));
    }
  }
  return out;
}

}  // namespace

const SkinTone& SkinTones::tone(int type) const {
  return m_types[std::clamp(type, 1, 6) - 1];
}

Result<SkinTones> readSkinTones(const std::string& path) {
  auto text = readFile(path, "skin table");
  if (!text) return text.error();
  YAML::Node root;
  try {
    root = YAML::Load(*text);
  } catch (const YAML::ParserException& e) {
    return makeError(ErrorCode::Syntax, e.msg, {path, e.mark.line + 1, e.mark.column + 1});
  }
  const FileFormat format{"mnsim-skin", 1};
  const YAML::Node tag = root["format"];
  if (auto problem = checkFormatTag(tag && tag.IsScalar() ? tag.Scalar() : "", format))
    return makeError(ErrorCode::Format, *problem, where(path, tag ? tag : root));
  static const char* const kRoman[] = {"I", "II", "III", "IV", "V", "VI"};
  const YAML::Node types = root["types"];
  if (!types || !types.IsSequence() || types.size() != 6)
    return makeError(ErrorCode::Value, "'types' must list the six Fitzpatrick types, I to VI",
                     where(path, types ? types : root));
  SkinTones table;
  for (int t = 0; t < 6; ++t) {
    const YAML::Node node = types[t];
    const YAML::Node id = node["type"];
    if (!id || !id.IsScalar() || id.Scalar() != kRoman[t])
      return makeError(ErrorCode::Value, std::string("type ") + kRoman[t] + " must come here (the types go I to VI)",
                       where(path, id ? id : node));
    auto srgb = readColor(path, node, "albedo_srgb");
    if (!srgb) return srgb.error();
    auto scatter = readColor(path, node, "scatter_tint");
    if (!scatter) return scatter.error();
    SkinTone& tone = table.m_types[t];
    tone.type = t + 1;
    tone.tone = node["tone"] && node["tone"].IsScalar() ? node["tone"].Scalar() : "";
    tone.swatchSrgb = *srgb;
    tone.albedoLinear = srgbToLinear(*srgb);
    tone.scatterLinear = *scatter;
  }
  return table;
}

Result<SkinTones> loadSkinTones(const AssetSearch& search) {
  std::error_code ec;
  for (const std::string& folder : search.folders) {
    const std::filesystem::path path = std::filesystem::path(folder) / "skin" / "fitzpatrick.yaml";
    if (std::filesystem::exists(path, ec)) return readSkinTones(path.string());
  }
  return makeError(ErrorCode::Io, "no skin table (skin/fitzpatrick.yaml) in the asset folders; set MNSIM_ASSET_DIR");
}

glm::vec3 srgbToLinear(glm::vec3 c) {
  return {toLinear(c.x), toLinear(c.y), toLinear(c.z)};
}

glm::vec3 zoneColor(int zone) {
  static const glm::vec3 kPalette[] = {
      {0.36f, 0.56f, 0.80f}, {0.86f, 0.58f, 0.28f}, {0.44f, 0.72f, 0.48f}, {0.74f, 0.46f, 0.72f},
      {0.90f, 0.80f, 0.36f}, {0.40f, 0.74f, 0.78f}, {0.84f, 0.48f, 0.50f}, {0.60f, 0.62f, 0.36f},
      {0.56f, 0.48f, 0.80f}, {0.92f, 0.66f, 0.62f}, {0.40f, 0.60f, 0.60f}, {0.76f, 0.64f, 0.48f},
  };
  return kPalette[static_cast<unsigned>(zone) % (sizeof kPalette / sizeof kPalette[0])];
}

}  // namespace mnsim::app
