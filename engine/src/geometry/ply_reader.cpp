#include "geometry/ply_reader.h"
#include "mnsim/base/files.h"

#include <algorithm>
#include <bit>
#include <charconv>
#include <cmath>
#include <cstring>
#include <fstream>
#include <optional>
#include <sstream>
#include <vector>

namespace mnsim {

namespace {

enum class Type { Int8, UInt8, Int16, UInt16, Int32, UInt32, Float32, Float64, Invalid };

Type parseType(const std::string& name) {
  if (name == "char" || name == "int8") return Type::Int8;
  if (name == "uchar" || name == "uint8") return Type::UInt8;
  if (name == "short" || name == "int16") return Type::Int16;
  if (name == "ushort" || name == "uint16") return Type::UInt16;
  if (name == "int" || name == "int32") return Type::Int32;
  if (name == "uint" || name == "uint32") return Type::UInt32;
  if (name == "float" || name == "float32") return Type::Float32;
  if (name == "double" || name == "float64") return Type::Float64;
  return Type::Invalid;
}

size_t typeSize(Type t) {
  switch (t) {
    case Type::Int8:
    case Type::UInt8: return 1;
    case Type::Int16:
    case Type::UInt16: return 2;
    case Type::Int32:
    case Type::UInt32:
    case Type::Float32: return 4;
    case Type::Float64: return 8;
    case Type::Invalid: return 0;
  }
  return 0;
}

struct Property {
  std::string name;
  Type type = Type::Invalid;       // scalar type, or the list's item type
  bool list = false;
  Type countType = Type::Invalid;  // list length type
};

struct Element {
  std::string name;
  uint64_t count = 0;
  std::vector<Property> properties;
  int headerLine = 0;
};

// Reads values one at a time from the body, ASCII or binary, tracking where it is.
class BodyReader {
 public:
  BodyReader(const std::string& data, size_t offset, int format, int firstLine)
      : m_data(data), m_pos(offset), m_format(format), m_line(firstLine) {}

  // False at end of data or on a malformed ASCII token.
  bool read(Type type, double& out) {
    if (m_format == 0) return readAscii(out);
    const size_t size = typeSize(type);
    if (m_pos + size > m_data.size()) return false;
    unsigned char bytes[8];
    std::memcpy(bytes, m_data.data() + m_pos, size);
    m_pos += size;
    const bool swap = (m_format == 2) == (std::endian::native == std::endian::little);
    if (swap) std::reverse(bytes, bytes + size);
    switch (type) {
      case Type::Int8: out = static_cast<int8_t>(bytes[0]); break;
      case Type::UInt8: out = bytes[0]; break;
      case Type::Int16: { int16_t v; std::memcpy(&v, bytes, 2); out = v; break; }
      case Type::UInt16: { uint16_t v; std::memcpy(&v, bytes, 2); out = v; break; }
      case Type::Int32: { int32_t v; std::memcpy(&v, bytes, 4); out = v; break; }
      case Type::UInt32: { uint32_t v; std::memcpy(&v, bytes, 4); out = v; break; }
      case Type::Float32: { float v; std::memcpy(&v, bytes, 4); out = v; break; }
      case Type::Float64: { double v; std::memcpy(&v, bytes, 8); out = v; break; }
      case Type::Invalid: return false;
    }
    return true;
  }
  bool atEnd() {
    if (m_format != 0) return m_pos >= m_data.size();
    skipSpace();
    return m_pos >= m_data.size();
  }
  int line() const { return m_line; }
  std::string badToken() const { return m_badToken; }

 private:
  void skipSpace() {
    while (m_pos < m_data.size() && std::isspace(static_cast<unsigned char>(m_data[m_pos]))) {
      if (m_data[m_pos] == '\n') ++m_line;
      ++m_pos;
    }
  }
  bool readAscii(double& out) {
    skipSpace();
    if (m_pos >= m_data.size()) return false;
    size_t end = m_pos;
    while (end < m_data.size() && !std::isspace(static_cast<unsigned char>(m_data[end]))) ++end;
    const char* first = m_data.data() + m_pos;
    const char* last = m_data.data() + end;
    auto [ptr, ec] = std::from_chars(first, last, out);
    if (ec != std::errc() || ptr != last) {
      m_badToken.assign(first, last);
      return false;
    }
    m_pos = end;
    return true;
  }

  const std::string& m_data;
  size_t m_pos;
  int m_format;  // 0 ascii, 1 little endian, 2 big endian
  int m_line;
  std::string m_badToken;
};

}  // namespace

bool looksLikePly(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  char magic[4] = {};
  in.read(magic, 4);
  return in.gcount() == 4 && std::memcmp(magic, "ply", 3) == 0 && (magic[3] == '\n' || magic[3] == '\r');
}

namespace {

struct Header {
  std::vector<Element> elements;
  int format = -1;  // 0 ascii, 1 little endian, 2 big endian
  size_t bodyStart = 0;
  int lines = 0;    // lines in the header
};

Error meshError(const std::string& path, int line, const std::string& message) {
  return makeError(ErrorCode::Mesh, message, {path, line, 0});
}

// One "property ..." line of the header.
std::optional<std::string> readProperty(std::istringstream& words, Property& p) {
  std::string first;
  words >> first;
  if (first == "list") {
    std::string countType, itemType;
    words >> countType >> itemType >> p.name;
    p.list = true;
    p.countType = parseType(countType);
    p.type = parseType(itemType);
    if (p.countType == Type::Invalid || p.type == Type::Invalid || p.name.empty())
      return "a list property must read 'property list COUNT_TYPE ITEM_TYPE NAME'";
    return std::nullopt;
  }
  p.type = parseType(first);
  words >> p.name;
  if (p.type == Type::Invalid || p.name.empty()) return "unknown property type '" + first + "'";
  return std::nullopt;
}

// One header line after the first; sets `ended` at end_header.
std::optional<std::string> readHeaderLine(const std::string& text, Header& h, bool& ended) {
  std::istringstream words(text);
  std::string keyword;
  words >> keyword;
  if (keyword.empty() || keyword == "comment" || keyword == "obj_info") return std::nullopt;
  if (keyword == "format") {
    std::string name, version;
    words >> name >> version;
    if (name == "ascii") h.format = 0;
    else if (name == "binary_little_endian") h.format = 1;
    else if (name == "binary_big_endian") h.format = 2;
    else return "unknown PLY format '" + name + "'";
  } else if (keyword == "element") {
    Element e;
    std::string count;
    words >> e.name >> count;
    auto [ptr, ec] = std::from_chars(count.data(), count.data() + count.size(), e.count);
    if (e.name.empty() || ec != std::errc() || ptr != count.data() + count.size())
      return "an element line must read 'element NAME COUNT'";
    e.headerLine = h.lines;
    h.elements.push_back(e);
  } else if (keyword == "property") {
    if (h.elements.empty()) return "a property comes before any element";
    Property p;
    if (auto problem = readProperty(words, p)) return problem;
    h.elements.back().properties.push_back(p);
  } else if (keyword == "end_header") {
    ended = true;
  } else {
    return "unexpected header line '" + text + "'";
  }
  return std::nullopt;
}

Result<Header> readHeader(const std::string& path, const std::string& data) {
  Header h;
  bool ended = false;
  size_t pos = 0;
  while (pos < data.size() && !ended) {
    const size_t eol = data.find('\n', pos);
    if (eol == std::string::npos) break;
    std::string text = data.substr(pos, eol - pos);
    pos = eol + 1;
    ++h.lines;
    if (!text.empty() && text.back() == '\r') text.pop_back();
    if (h.lines == 1) {
      std::istringstream words(text);
      std::string keyword;
      words >> keyword;
      if (keyword != "ply") return meshError(path, 1, "not a PLY file: the first line must be 'ply'");
      continue;
    }
    if (auto problem = readHeaderLine(text, h, ended)) return meshError(path, h.lines, *problem);
  }
  if (!ended) return meshError(path, 0, "the file ends before 'end_header': it is truncated or not a PLY file");
  if (h.format < 0) return meshError(path, h.lines, "the header has no 'format' line");
  h.bodyStart = pos;
  // A first size check for binary files: every element needs at least its fixed bytes.
  if (h.format != 0) {
    uint64_t minimum = 0;
    for (const Element& e : h.elements) {
      uint64_t perItem = 0;
      for (const Property& p : e.properties) perItem += p.list ? typeSize(p.countType) : typeSize(p.type);
      minimum += perItem * e.count;
    }
    if (minimum > data.size() - pos) {
      std::ostringstream msg;
      msg << "the file is truncated: its header needs at least " << minimum << " bytes of data, the file has "
          << data.size() - pos;
      return meshError(path, 0, msg.str());
    }
  }
  return h;
}

// Reads the body element by element into a mesh: vertices' x, y, z and faces' index lists
// (polygons fan-triangulated); other elements and properties are read and dropped.
class BodyParser {
 public:
  BodyParser(const std::string& path, const std::string& data, const Header& h, float unitToMm)
      : m_path(path), m_format(h.format), m_unitToMm(unitToMm), m_body(data, h.bodyStart, h.format, h.lines + 1) {}

  std::optional<Error> element(const Element& e);
  std::optional<Error> finish() {
    if (!m_sawVertices) return meshError(m_path, 0, "the file has no vertex element");
    if (!m_sawFaces || mesh.triangles.empty()) return meshError(m_path, 0, "the file contains no triangles");
    if (m_format == 0 && !m_body.atEnd()) return meshError(m_path, m_body.line(), "unexpected data after the last element");
    return std::nullopt;
  }
  TriMesh mesh;

 private:
  Error error(const std::string& message) const { return meshError(m_path, m_format == 0 ? m_body.line() : 0, message); }
  Error ended(const Element& e, uint64_t item) const {
    std::ostringstream msg;
    if (!m_body.badToken().empty())
      msg << "expected a number, found '" << m_body.badToken() << "' (" << e.name << " " << item << ")";
    else
      msg << "the file ends inside the " << e.name << " data (" << e.name << " " << item << " of " << e.count
          << "): it is truncated";
    return error(msg.str());
  }
  std::optional<Error> face(uint64_t item, int n);

  const std::string& m_path;
  int m_format;
  float m_unitToMm;
  BodyReader m_body;
  std::vector<double> m_values;
  bool m_sawVertices = false, m_sawFaces = false;
};

std::optional<Error> BodyParser::face(uint64_t item, int n) {
  if (n < 3) return error("face " + std::to_string(item) + " has fewer than 3 vertices");
  for (int j = 0; j < n; ++j)
    if (m_values[j] < 0 || m_values[j] >= static_cast<double>(mesh.positions.size()) ||
        m_values[j] != std::floor(m_values[j]))
      return error("face " + std::to_string(item) + " refers to vertex " + std::to_string(m_values[j]) +
                   ", which does not exist");
  for (int j = 1; j + 1 < n; ++j)  // fan triangulation of polygons
    mesh.triangles.emplace_back(static_cast<uint32_t>(m_values[0]), static_cast<uint32_t>(m_values[j]),
                                static_cast<uint32_t>(m_values[j + 1]));
  return std::nullopt;
}

std::optional<Error> BodyParser::element(const Element& e) {
  int ix = -1, iy = -1, iz = -1, iFace = -1;
  for (size_t k = 0; k < e.properties.size(); ++k) {
    const std::string& n = e.properties[k].name;
    if (n == "x") ix = static_cast<int>(k);
    if (n == "y") iy = static_cast<int>(k);
    if (n == "z") iz = static_cast<int>(k);
    if ((n == "vertex_indices" || n == "vertex_index") && e.properties[k].list) iFace = static_cast<int>(k);
  }
  const bool isVertex = e.name == "vertex", isFace = e.name == "face";
  if (isVertex) {
    if (ix < 0 || iy < 0 || iz < 0) return meshError(m_path, e.headerLine, "the vertex element has no x, y, z properties");
    m_sawVertices = true;
    if (e.count > 100'000'000) return meshError(m_path, e.headerLine, "too many vertices");
    mesh.positions.reserve(e.count);
  }
  if (isFace) {
    if (iFace < 0) return meshError(m_path, e.headerLine, "the face element has no vertex_indices list");
    m_sawFaces = true;
  }
  for (uint64_t item = 0; item < e.count; ++item) {
    glm::vec3 p(0.0f);
    for (size_t k = 0; k < e.properties.size(); ++k) {
      const Property& prop = e.properties[k];
      double v = 0.0;
      if (prop.list) {
        if (!m_body.read(prop.countType, v)) return ended(e, item);
        if (v < 0 || v > 1000 || v != std::floor(v)) return error("a list has an impossible length");
        const int n = static_cast<int>(v);
        m_values.resize(n);
        for (int j = 0; j < n; ++j)
          if (!m_body.read(prop.type, m_values[j])) return ended(e, item);
        if (isFace && static_cast<int>(k) == iFace)
          if (auto problem = face(item, n)) return problem;
        continue;
      }
      if (!m_body.read(prop.type, v)) return ended(e, item);
      if (isVertex) {
        if (static_cast<int>(k) == ix) p.x = static_cast<float>(v * m_unitToMm);
        if (static_cast<int>(k) == iy) p.y = static_cast<float>(v * m_unitToMm);
        if (static_cast<int>(k) == iz) p.z = static_cast<float>(v * m_unitToMm);
      }
    }
    if (isVertex) mesh.positions.push_back(p);
  }
  return std::nullopt;
}

}  // namespace

Result<TriMesh> readPly(const std::string& path, float unitToMm) {
  auto file = readFile(path, "mesh file");
  if (!file) return file.error();
  auto header = readHeader(path, *file);
  if (!header) return header.error();
  BodyParser body(path, *file, *header, unitToMm);
  for (const Element& e : header->elements)
    if (auto problem = body.element(e)) return *problem;
  if (auto problem = body.finish()) return *problem;
  return std::move(body.mesh);
}

}  // namespace mnsim
