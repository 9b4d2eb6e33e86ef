#include "mnsim/base/versioned_header.h"

#include <charconv>

#include "mnsim/base/text.h"

namespace mnsim {

std::string FileFormat::tag() const { return std::string(name) + separator + std::to_string(version); }

std::optional<std::string> checkFormatTag(std::string_view found, const FileFormat& format) {
  const size_t cut = found.find(format.separator);
  const std::string_view name = found.substr(0, cut);
  if (name != format.name) return "this is a '" + std::string(name) + "' file, expected '" + format.tag() + "'";
  const std::string_view digits = cut == std::string_view::npos ? std::string_view() : found.substr(cut + 1);
  int version = 0;
  const auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), version);
  if (digits.empty() || ec != std::errc() || end != digits.data() + digits.size() || version <= 0)
    return mnsim::quoted(found) + " must name its version, like " + mnsim::quoted(format.tag());
  if (version > format.version)
    return mnsim::quoted(found) + " is newer than this mnsim reads (" + format.tag() + "); update mnsim";
  return std::nullopt;
}

}  // namespace mnsim
