#include "mnsim/base/files.h"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <sstream>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace mnsim {

Result<std::string> readFile(const std::string& path, std::string_view what) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return makeError(ErrorCode::Io, "cannot open the " + std::string(what), {path, 0, 0});
  std::ostringstream buffer;
  buffer << in.rdbuf();
  if (in.bad()) return makeError(ErrorCode::Io, "cannot read the " + std::string(what), {path, 0, 0});
  return buffer.str();
}

Status writeFileAtomic(const std::string& path, std::string_view bytes, std::string_view what,
                       FileAccess access) {
  const std::string temp = path + ".partial";
  const mode_t mode = access == FileAccess::OwnerOnly ? 0600 : 0666;
  const int fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, mode);
  if (fd < 0) return makeError(ErrorCode::Io, "cannot write the " + std::string(what), {path, 0, 0});
  if (access == FileAccess::OwnerOnly) ::fchmod(fd, 0600);  // also when the .partial was left before
  bool ok = writeAll(fd, bytes);
  ok = ::close(fd) == 0 && ok;
  if (!ok) {
    std::remove(temp.c_str());
    return makeError(ErrorCode::Io, "writing the " + std::string(what) + " failed (is the disk full?)",
                     {path, 0, 0});
  }
  if (std::rename(temp.c_str(), path.c_str()) != 0) {
    std::remove(temp.c_str());
    return makeError(ErrorCode::Io, "cannot replace the " + std::string(what), {path, 0, 0});
  }
  return Ok{};
}

bool writeAll(int fd, std::string_view bytes) {
  size_t done = 0;
  while (done < bytes.size()) {
    const ssize_t n = ::write(fd, bytes.data() + done, bytes.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    done += static_cast<size_t>(n);
  }
  return true;
}

Result<bool> createFileOnce(const std::string& path, std::string_view bytes, std::string_view what,
                            FileAccess access) {
  const std::string temp = path + "." + std::to_string(::getpid()) + ".partial";
  if (auto written = writeFileAtomic(temp, bytes, what, access); !written) return written.error();
  const int linked = ::link(temp.c_str(), path.c_str());
  const int error = errno;
  std::remove(temp.c_str());
  if (linked == 0) return true;
  if (error == EEXIST) return false;
  return makeError(ErrorCode::Io, "cannot create the " + std::string(what) + ": " + std::strerror(error), {path, 0, 0});
}

std::string_view withoutByteOrderMark(std::string_view text) {
  return text.substr(0, 3) == "\xEF\xBB\xBF" ? text.substr(3) : text;
}

}  // namespace mnsim
