// Writers for the generated files. All output is byte-for-byte reproducible: fixed number
// formats, no time stamps, little-endian binary.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include <glm/vec2.hpp>
#include <glm/vec3.hpp>

namespace headgen {

// Binary little-endian PLY with float positions and int triangle indices.
void writePly(const std::string& path, const std::vector<glm::vec3>& positions,
              const std::vector<glm::uvec3>& triangles, const std::string& comment);

// Wavefront OBJ with positions, texture coordinates and normals sharing one index per corner;
// a `usemtl` line starts each run of triangles with the same group.
void writeObj(const std::string& path, const std::vector<glm::vec3>& positions, const std::vector<glm::vec2>& uvs,
              const std::vector<glm::vec3>& normals, const std::vector<glm::uvec3>& triangles,
              const std::vector<uint32_t>& triangleGroup, const std::vector<std::string>& groupNames,
              const std::string& mtlFile, const std::string& comment);

// 8-bit RGB or RGBA PNG.
void writePng(const std::string& path, int width, int height, int channels, const std::vector<uint8_t>& pixels);

void writeText(const std::string& path, const std::string& text);

// "%.4f"-style number with trailing zeros trimmed, "-0" written as "0".
std::string fmt(double v, int decimals = 4);

}  // namespace headgen
