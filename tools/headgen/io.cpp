#include "io.h"

#include <cstdio>
#include <cstring>
#include <fstream>
#include <sstream>
#include <stdexcept>

#define STB_IMAGE_WRITE_IMPLEMENTATION
#include <stb_image_write.h>

namespace headgen {

namespace {

void appendLe(std::string& out, const void* data, size_t size) {
  // The generator runs on little-endian machines only (x86-64, ARM64); say so loudly if not.
  static_assert(sizeof(float) == 4);
  const uint16_t probe = 1;
  if (*reinterpret_cast<const uint8_t*>(&probe) != 1) throw std::runtime_error("big-endian hosts are not supported");
  out.append(static_cast<const char*>(data), size);
}

}  // namespace

void writeText(const std::string& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary);
  if (!out) throw std::runtime_error("cannot write " + path);
  out.write(text.data(), static_cast<std::streamsize>(text.size()));
  if (!out) throw std::runtime_error("writing " + path + " failed");
}

std::string fmt(double v, int decimals) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
  std::string s = buf;
  if (s.find('.') != std::string::npos) {
    while (!s.empty() && s.back() == '0') s.pop_back();
    if (!s.empty() && s.back() == '.') s.pop_back();
  }
  if (s == "-0") s = "0";
  return s;
}

void writePly(const std::string& path, const std::vector<glm::vec3>& positions,
              const std::vector<glm::uvec3>& triangles, const std::string& comment) {
  std::string out;
  out += "ply\nformat binary_little_endian 1.0\n";
  out += "comment " + comment + "\n";
  out += "element vertex " + std::to_string(positions.size()) + "\n";
  out += "property float x\nproperty float y\nproperty float z\n";
  out += "element face " + std::to_string(triangles.size()) + "\n";
  out += "property list uchar int vertex_indices\nend_header\n";
  out.reserve(out.size() + positions.size() * 12 + triangles.size() * 13);
  for (const glm::vec3& p : positions) appendLe(out, &p, 12);
  for (const glm::uvec3& t : triangles) {
    const uint8_t three = 3;
    const int32_t idx[3] = {static_cast<int32_t>(t.x), static_cast<int32_t>(t.y), static_cast<int32_t>(t.z)};
    appendLe(out, &three, 1);
    appendLe(out, idx, 12);
  }
  writeText(path, out);
}

void writeObj(const std::string& path, const std::vector<glm::vec3>& positions, const std::vector<glm::vec2>& uvs,
              const std::vector<glm::vec3>& normals, const std::vector<glm::uvec3>& triangles,
              const std::vector<uint32_t>& triangleGroup, const std::vector<std::string>& groupNames,
              const std::string& mtlFile, const std::string& comment) {
  std::string out;
  out.reserve(positions.size() * 80 + triangles.size() * 40);
  out += "# " + comment + "\n";
  if (!mtlFile.empty()) out += "mtllib " + mtlFile + "\n";
  char buf[160];
  for (const glm::vec3& p : positions) {
    std::snprintf(buf, sizeof buf, "v %s %s %s\n", fmt(p.x).c_str(), fmt(p.y).c_str(), fmt(p.z).c_str());
    out += buf;
  }
  for (const glm::vec2& t : uvs) {
    std::snprintf(buf, sizeof buf, "vt %s %s\n", fmt(t.x, 6).c_str(), fmt(t.y, 6).c_str());
    out += buf;
  }
  for (const glm::vec3& n : normals) {
    std::snprintf(buf, sizeof buf, "vn %s %s %s\n", fmt(n.x).c_str(), fmt(n.y).c_str(), fmt(n.z).c_str());
    out += buf;
  }
  uint32_t current = UINT32_MAX;
  for (size_t t = 0; t < triangles.size(); ++t) {
    if (!triangleGroup.empty() && triangleGroup[t] != current) {
      current = triangleGroup[t];
      out += "g " + groupNames[current] + "\nusemtl " + groupNames[current] + "\n";
    }
    const glm::uvec3 f = triangles[t] + 1u;
    std::snprintf(buf, sizeof buf, "f %u/%u/%u %u/%u/%u %u/%u/%u\n", f.x, f.x, f.x, f.y, f.y, f.y, f.z, f.z, f.z);
    out += buf;
  }
  writeText(path, out);
}

void writePng(const std::string& path, int width, int height, int channels, const std::vector<uint8_t>& pixels) {
  int length = 0;
  stbi_write_png_compression_level = 9;
  unsigned char* png = stbi_write_png_to_mem(pixels.data(), width * channels, width, height, channels, &length);
  if (!png) throw std::runtime_error("cannot encode " + path);
  std::string data(reinterpret_cast<const char*>(png), static_cast<size_t>(length));
  STBIW_FREE(png);
  writeText(path, data);
}

}  // namespace headgen
