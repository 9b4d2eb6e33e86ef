#include "cli/options.h"

#include <charconv>

namespace mnsim::app {

std::optional<UsageError> readSeed(const ParsedArgs& args, std::optional<uint64_t>& seed) {
  if (!args.has("seed")) return std::nullopt;
  const std::string text = args.get("seed");
  uint64_t value = 0;
  const char* end = text.data() + text.size();
  const auto [stop, error] = std::from_chars(text.data(), end, value);
  if (text.empty() || error != std::errc() || stop != end)
    return UsageError{"--seed must be a whole number from 0, found '" + text + "'"};
  seed = value;
  return std::nullopt;
}

}  // namespace mnsim::app
