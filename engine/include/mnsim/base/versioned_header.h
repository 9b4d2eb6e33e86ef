// Every mnsim file names its format and version (`format: mnsim-plan/1`, `schema:
// mnsim-scenario/1`, `"format": "mnsim-run/1"`, `# mnsim-trace 1`). One check reads that tag for
// all of them, so that a file of another kind, a tag without a version and a file from a newer
// mnsim are refused with the same words everywhere.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace mnsim {

struct FileFormat {
  std::string_view name;    // "mnsim-plan"
  int version = 1;          // the newest version this mnsim reads (older ones are read too)
  char separator = '/';     // between name and version: '/' in YAML and JSON, ' ' in a trace's first line

  // "mnsim-plan/1": how the tag is written.
  std::string tag() const;
};

// Checks a tag as found in a file. nullopt when it names `format` in a version this mnsim reads;
// otherwise the problem, one sentence without the file's name:
//   this is a 'mnsim-plan' file, expected 'mnsim-scenario/1'
//   'mnsim-plan' must name its version, like 'mnsim-plan/1'
//   'mnsim-plan/2' is newer than this mnsim reads (mnsim-plan/1); update mnsim
std::optional<std::string> checkFormatTag(std::string_view found, const FileFormat& format);

}  // namespace mnsim
