// Reading and writing whole files. Every reader of user files goes through readFile, so that a
// missing or unreadable file reads the same everywhere; writeFileAtomic never leaves half a file
// behind (runs, results, edited scenarios).
#pragma once

#include <string>
#include <string_view>

#include "mnsim/base/error.h"

namespace mnsim {

// The whole file as bytes. A file that cannot be opened or read gives an Io error naming it:
// "cannot open the <what>".
Result<std::string> readFile(const std::string& path, std::string_view what = "file");

// Who may read a file mnsim writes: as the user's umask says, or its owner only (runs, keys:
// what they hold about a person or a station stays with them).
enum class FileAccess { Default, OwnerOnly };

// Writes `bytes` beside the target and renames it over the target: a crash or a full disk
// leaves either the old file or the new one, never a mix. Errors name the <what>.
Status writeFileAtomic(const std::string& path, std::string_view bytes, std::string_view what = "file",
                       FileAccess access = FileAccess::Default);

// Writes all the bytes to an open file descriptor, going on after interruptions and short
// writes. False (errno set) when the system refuses: a full disk, a removed file system.
bool writeAll(int fd, std::string_view bytes);

// Creates the file with these bytes only if it does not exist yet, whole or not at all, even
// when several processes try at once: true when this call made it, false when it was there.
Result<bool> createFileOnce(const std::string& path, std::string_view bytes, std::string_view what = "file",
                            FileAccess access = FileAccess::Default);

// A UTF-8 byte-order mark at the start of a text, as spreadsheet programs write it, skipped.
std::string_view withoutByteOrderMark(std::string_view text);

}  // namespace mnsim
