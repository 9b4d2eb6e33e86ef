#include "core/lesion_writer.h"

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <vector>

#include <glm/geometric.hpp>

namespace mnsim::app {

namespace {

int indentOf(const std::string& line) {
  int n = 0;
  while (n < static_cast<int>(line.size()) && line[n] == ' ') ++n;
  return n;
}

bool blankOrComment(const std::string& line) {
  const int i = indentOf(line);
  return i >= static_cast<int>(line.size()) || line[i] == '#' || line[i] == '\r';
}

std::string number(float v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f", v);
  std::string s = buf;
  if (s == "-0.0") s = "0.0";
  return s;
}

}  // namespace

NewLesion lesionAt(const SurfacePoint& at, const Asset& asset, const Scenario* scenario) {
  const ZoneMap& zones = asset.zones;
  NewLesion lesion;
  lesion.zoneId = zones.zones[at.zone].id;
  float best = 1e30f;
  for (const Landmark& l : zones.landmarks) {
    const float d = glm::length(l.positionMm - at.pointMm);
    if (d < best) {
      best = d;
      lesion.landmark = l.name;
      lesion.offsetMm = at.pointMm - l.positionMm;
    }
  }
  if (lesion.landmark.empty()) lesion.offsetMm = at.pointMm - summarizeZones(asset)[at.zone].centroid;
  for (int n = 1;; ++n) {
    lesion.name = "spot_" + std::to_string(n);
    bool taken = false;
    if (scenario)
      for (const PatientLesion& l : scenario->patient.lesions) taken = taken || l.name == lesion.name;
    if (!taken) break;
  }
  return lesion;
}

Result<std::string> insertLesion(const std::string& text, const NewLesion& l, const std::string& file) {
  std::vector<std::string> lines;
  {
    std::istringstream in(text);
    std::string line;
    while (std::getline(in, line)) lines.push_back(line);
  }
  // The top-level `patient:` block: from its line to the next top-level key.
  int patient = -1;
  for (int i = 0; i < static_cast<int>(lines.size()); ++i)
    if (lines[i].rfind("patient:", 0) == 0) patient = i;
  if (patient < 0) return makeError(ErrorCode::Format, "the scenario has no top-level 'patient:' to add a lesion to", {file, 0, 0});
  int end = patient + 1;
  while (end < static_cast<int>(lines.size()) && (blankOrComment(lines[end]) || indentOf(lines[end]) > 0)) ++end;
  while (end > patient + 1 && blankOrComment(lines[end - 1])) --end;  // keep trailing comments after the block

  std::ostringstream item;
  item << "{name: " << l.name << ", kind: " << l.kind << ", zone: " << l.zoneId;
  if (!l.landmark.empty()) item << ", landmark: " << l.landmark;
  item << ", offset_mm: [" << number(l.offsetMm.x) << ", " << number(l.offsetMm.y) << ", " << number(l.offsetMm.z) << "]"
       << ", radius_mm: " << number(l.radiusMm) << ", no_go: " << (l.noGo ? "true" : "false") << "}";

  // Inside the block: `lesions:` with its items, or not yet.
  int lesions = -1, keyIndent = 2;
  for (int i = patient + 1; i < end; ++i) {
    if (blankOrComment(lines[i])) continue;
    const int ind = indentOf(lines[i]);
    if (lesions < 0 && lines[i].compare(ind, 8, "lesions:") == 0) {
      lesions = i;
      keyIndent = ind;
    }
  }
  if (lesions < 0) {
    // No lesions yet: a new key at the end of the patient block, indented like its other keys.
    for (int i = patient + 1; i < end; ++i)
      if (!blankOrComment(lines[i])) {
        keyIndent = indentOf(lines[i]);
        break;
      }
    lines.insert(lines.begin() + end, {std::string(keyIndent, ' ') + "lesions:",
                                       std::string(keyIndent + 2, ' ') + "- " + item.str()});
  } else {
    const std::string& keyLine = lines[lesions];
    const size_t after = keyLine.find("lesions:") + 8;
    const std::string rest = keyLine.substr(after);
    if (rest.find('[') != std::string::npos)
      return makeError(ErrorCode::Format, "'lesions:' is written as a flow list; write it as a block list to add to it",
                       {file, lesions + 1, static_cast<int>(after) + 1});
    // The end of the list: the first line indented no deeper than the key.
    int last = lesions + 1, itemIndent = -1;
    for (int i = lesions + 1; i < end; ++i) {
      if (blankOrComment(lines[i])) continue;
      const int ind = indentOf(lines[i]);
      if (ind <= keyIndent && lines[i][ind] != '-') break;
      if (ind < keyIndent) break;
      if (lines[i][ind] == '-' && itemIndent < 0) itemIndent = ind;
      last = i + 1;
    }
    if (itemIndent < 0) itemIndent = keyIndent + 2;
    lines.insert(lines.begin() + last, std::string(itemIndent, ' ') + "- " + item.str());
  }
  std::string out;
  for (const std::string& line : lines) out += line + "\n";
  if (!text.empty() && text.back() != '\n') out.pop_back();
  return out;
}

Status addLesionToFile(const std::string& path, const NewLesion& lesion) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return makeError(ErrorCode::Io, "cannot read the scenario to add the lesion", {path, 0, 0});
  std::ostringstream buffer;
  buffer << in.rdbuf();
  const std::string original = buffer.str();
  auto updated = insertLesion(original, lesion, path);
  if (!updated) return updated.error();
  std::error_code ec;
  const std::string keep = path + ".orig";
  if (!std::filesystem::exists(keep, ec)) std::filesystem::copy_file(path, keep, ec);
  const std::string temp = path + ".tmp";
  {
    std::ofstream out(temp, std::ios::binary);
    out << *updated;
    if (!out) return makeError(ErrorCode::Io, "cannot write the scenario", {path, 0, 0});
  }
  std::filesystem::rename(temp, path, ec);
  if (ec) return makeError(ErrorCode::Io, "cannot replace the scenario: " + ec.message(), {path, 0, 0});
  return Ok{};
}

}  // namespace mnsim::app
