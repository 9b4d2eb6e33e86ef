#include "mnsim/base/text.h"

#include <charconv>
#include <cmath>
#include <cstdio>

namespace mnsim {

std::string fixedNumber(double v, int decimals) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
  return buf;
}

std::string trimmedNumber(double v, int decimals) {
  std::string s = fixedNumber(v, decimals);
  if (s.find('.') != std::string::npos) {
    while (s.back() == '0') s.pop_back();
    if (s.back() == '.') s.pop_back();
  }
  return s;
}

std::string readableNumber(double v) {
  const double magnitude = std::fabs(v);
  const std::string s = trimmedNumber(v, magnitude < 10.0 ? 2 : (magnitude < 100.0 ? 1 : 0));
  return s == "-0" ? "0" : s;
}

namespace {

template <class T>
std::string shortest(T v) {
  char buf[64];
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v);
  return ec == std::errc() ? std::string(buf, end) : std::string("0");
}

}  // namespace

std::string shortestNumber(double v) { return shortest(v); }
std::string shortestNumber(float v) { return shortest(v); }

double round6(double v) { return std::round(v * 1e6) / 1e6; }

std::string plural(size_t n, const std::string& word) {
  const bool sibilant = !word.empty() && word.back() == 's';
  return std::to_string(n) + " " + word + (n == 1 ? "" : (sibilant ? "es" : "s"));
}

std::string padRight(std::string s, size_t width) {
  size_t chars = 0;
  for (unsigned char c : s) chars += (c & 0xC0) != 0x80;
  if (chars < width) s.append(width - chars, ' ');
  return s;
}

std::string quoted(std::string_view text) {
  std::string out;
  out.reserve(text.size() + 2);
  out += '\'';
  out += text;
  out += '\'';
  return out;
}

bool isSnakeCaseId(std::string_view id) {
  if (id.empty() || !(id[0] >= 'a' && id[0] <= 'z')) return false;
  for (char c : id)
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_')) return false;
  return true;
}

std::string_view trimSpaces(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

}  // namespace mnsim
