// Numbers and words as mnsim writes them: in tables, in the lines of a debrief, in files. One
// place for each form, so that the same number reads the same everywhere.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace mnsim {

// printf's "%.*f": 12.345 with 1 decimal is "12.3".
std::string fixedNumber(double v, int decimals);
// fixedNumber with trailing zeros (and a bare '.') removed: 0.50 -> "0.5", 4.00 -> "4".
std::string trimmedNumber(double v, int decimals);
// A number as a trainee reads it: 2 decimals below 10, 1 below 100, none above; no trailing
// zeros, never "-0" (0.25, 12.5, 506, 4800).
std::string readableNumber(double v);
// The shortest text that reads back as exactly this value (std::to_chars).
std::string shortestNumber(double v);
std::string shortestNumber(float v);
// v rounded to 6 decimals, as the JSON forms write numbers.
double round6(double v);

// "1 pass", "3 passes", "2 untreated areas".
std::string plural(size_t n, const std::string& word);
// Pads to `width` characters, counting UTF-8 code points (so "°" and "²" line up).
std::string padRight(std::string s, size_t width);
// 'text' in single quotes, as messages name keys, values and files.
std::string quoted(std::string_view text);
// An id as files write them: a lowercase letter, then lowercase letters, digits or '_'.
bool isSnakeCaseId(std::string_view id);
// Spaces and tabs removed from both ends (and a '\r' at the end).
std::string_view trimSpaces(std::string_view s);

}  // namespace mnsim
