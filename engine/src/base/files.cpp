#include "mnsim/base/files.h"

#include <cstdio>
#include <fstream>
#include <sstream>

namespace mnsim {

Result<std::string> readFile(const std::string& path, std::string_view what) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return makeError(ErrorCode::Io, "cannot open the " + std::string(what), {path, 0, 0});
  std::ostringstream buffer;
  buffer << in.rdbuf();
  if (in.bad()) return makeError(ErrorCode::Io, "cannot read the " + std::string(what), {path, 0, 0});
  return buffer.str();
}

Status writeFileAtomic(const std::string& path, std::string_view bytes, std::string_view what) {
  const std::string temp = path + ".partial";
  {
    std::ofstream out(temp, std::ios::binary);
    if (!out) return makeError(ErrorCode::Io, "cannot write the " + std::string(what), {path, 0, 0});
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    out.flush();
    if (!out) {
      out.close();
      std::remove(temp.c_str());
      return makeError(ErrorCode::Io, "writing the " + std::string(what) + " failed (is the disk full?)",
                       {path, 0, 0});
    }
  }
  if (std::rename(temp.c_str(), path.c_str()) != 0) {
    std::remove(temp.c_str());
    return makeError(ErrorCode::Io, "cannot replace the " + std::string(what), {path, 0, 0});
  }
  return Ok{};
}

std::string_view withoutByteOrderMark(std::string_view text) {
  return text.substr(0, 3) == "\xEF\xBB\xBF" ? text.substr(3) : text;
}

}  // namespace mnsim
