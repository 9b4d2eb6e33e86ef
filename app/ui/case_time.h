// How the case screens write a time: 05:30, or 1:05:30 past an hour. Private to app/ui.
#pragma once

#include <cstdio>
#include <string>

namespace mnsim::app::ui {

inline std::string clockText(double seconds) {
  char buf[32];
  const int s = static_cast<int>(seconds);
  if (s >= 3600)
    std::snprintf(buf, sizeof buf, "%d:%02d:%02d", s / 3600, (s / 60) % 60, s % 60);
  else
    std::snprintf(buf, sizeof buf, "%02d:%02d", s / 60, s % 60);
  return buf;
}

}  // namespace mnsim::app::ui
