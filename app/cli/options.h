// Option values that more than one command reads, each by one rule and with one message.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "cli/args.h"

namespace mnsim::app {

// --seed N: a whole number from 0 (digits only, up to 2^64 - 1). Absent: `seed` is left as it
// is. Otherwise the usage error "--seed must be a whole number from 0, found '-1'".
std::optional<UsageError> readSeed(const ParsedArgs& args, std::optional<uint64_t>& seed);

}  // namespace mnsim::app
