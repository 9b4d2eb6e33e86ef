#include "mnsim/formats/trace_file.h"
#include "mnsim/base/files.h"

#include "mnsim/procedure/session.h"
#include "mnsim/procedure/pen_sample.h"

#include <algorithm>
#include <charconv>
#include <fstream>
#include <optional>
#include <sstream>

#include <glm/geometric.hpp>

namespace mnsim {

namespace {

enum Column { kT, kX, kY, kZ, kContact, kAx, kAy, kAz, kPressure, kDepth, kRate, kStretch, kPass, kColumnCount };

const char* const kColumnNames[kColumnCount] = {"t_s",      "x_mm",     "y_mm",    "z_mm",    "contact",
                                                "ax",       "ay",       "az",      "pressure", "depth_mm",
                                                "rate_hz",  "stretch",  "pass"};

struct Cell {
  std::string_view text;
  int column;  // 1-based character column
};

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

void splitCells(std::string_view line, std::vector<Cell>& cells) {
  cells.clear();
  size_t start = 0;
  for (;;) {
    const size_t comma = line.find(',', start);
    const size_t end = comma == std::string_view::npos ? line.size() : comma;
    std::string_view raw = line.substr(start, end - start);
    size_t lead = 0;
    while (lead < raw.size() && (raw[lead] == ' ' || raw[lead] == '\t')) ++lead;
    cells.push_back({trim(raw), static_cast<int>(start + lead) + 1});
    if (comma == std::string_view::npos) break;
    start = comma + 1;
  }
}

std::string shortest(double v) {
  char buf[64];
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v);
  return ec == std::errc() ? std::string(buf, end) : std::string("0");
}

std::string shortestF(float v) {
  char buf[64];
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v);
  return ec == std::errc() ? std::string(buf, end) : std::string("0");
}

}  // namespace

const std::vector<std::string>& traceColumns() {
  static const std::vector<std::string> names(kColumnNames, kColumnNames + kColumnCount);
  return names;
}

bool PenTrace::hasColumn(std::string_view name) const {
  return std::find(columns.begin(), columns.end(), name) != columns.end();
}

Result<PenTrace> readTrace(const std::string& path, const TraceLimits& limits) {
  auto text = readFile(path, "trace file");
  if (!text) return text.error();
  return parseTrace(*text, path, limits);
}

Result<PenTrace> parseTrace(std::string_view text, const std::string& file, const TraceLimits& limits) {
  PenTrace trace;
  trace.path = file;
  auto fail = [&](int line, int column, std::string message) -> Result<PenTrace> {
    return makeError(ErrorCode::Value, std::move(message), {file, line, column});
  };

  trace.samples.reserve(static_cast<size_t>(std::count(text.begin(), text.end(), '\n')));
  int lineNo = 0;
  size_t pos = 0;
  bool sawFormat = false, sawHeader = false;
  int columnOf[kColumnCount];
  std::fill(std::begin(columnOf), std::end(columnOf), -1);
  size_t headerCells = 0;
  std::vector<Cell> cells;
  cells.reserve(16);
  double lastTime = -INFINITY;
  int lastTimeLine = 0;

  while (pos < text.size()) {
    size_t eol = text.find('\n', pos);
    if (eol == std::string_view::npos) eol = text.size();
    std::string_view line = text.substr(pos, eol - pos);
    pos = eol + 1;
    ++lineNo;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    const std::string_view trimmed = trim(line);

    if (!sawFormat) {
      // The first line names the format and version: "# mnsim-trace 1".
      const std::string_view name = kTraceFileFormat.name;
      std::string_view tag = trimmed;
      if (tag.substr(0, 1) == "#") tag = trim(tag.substr(1));
      if (trimmed.substr(0, 1) != "#" || tag.substr(0, name.size()) != name)
        return makeError(ErrorCode::Format,
                         "not an mnsim pen trace: the first line must be '# " + kTraceFileFormat.tag() + "'",
                         {file, lineNo, 1});
      const std::string found = std::string(name) + " " + std::string(trim(tag.substr(name.size())));
      if (auto problem = checkFormatTag(found, kTraceFileFormat))
        return makeError(ErrorCode::Format, *problem, {file, lineNo, 1});
      sawFormat = true;
      continue;
    }
    if (trimmed.empty() || trimmed.front() == '#') continue;

    splitCells(line, cells);
    if (!sawHeader) {
      for (size_t c = 0; c < cells.size(); ++c) {
        const std::string name(cells[c].text);
        int known = -1;
        for (int k = 0; k < kColumnCount; ++k)
          if (name == kColumnNames[k]) known = k;
        if (known < 0) {
          if (name.empty()) return fail(lineNo, cells[c].column, "empty column name in the header");
          std::string message = "unknown column '" + name + "'";
          const std::string hint = closestMatch(name, traceColumns());
          message += hint.empty() ? " (known columns: t_s, x_mm, y_mm, z_mm, ax, ay, az, contact, "
                                    "pressure, depth_mm, rate_hz, stretch, pass)"
                                  : " (did you mean '" + hint + "'?)";
          return fail(lineNo, cells[c].column, message);
        }
        if (columnOf[known] >= 0)
          return fail(lineNo, cells[c].column, "column '" + name + "' appears twice");
        columnOf[known] = static_cast<int>(c);
        trace.columns.push_back(name);
      }
      for (int k : {kT, kX, kY, kZ, kContact})
        if (columnOf[k] < 0)
          return fail(lineNo, 1,
                      std::string("the header has no '") + kColumnNames[k] +
                          "' column (required: t_s, x_mm, y_mm, z_mm, contact)");
      const int axisColumns = (columnOf[kAx] >= 0) + (columnOf[kAy] >= 0) + (columnOf[kAz] >= 0);
      if (axisColumns != 0 && axisColumns != 3)
        return fail(lineNo, 1, "the pen axis needs all three columns ax, ay, az, or none of them");
      headerCells = cells.size();
      sawHeader = true;
      continue;
    }

    if (cells.size() != headerCells) {
      const int column = cells.size() > headerCells ? cells[headerCells].column : static_cast<int>(line.size()) + 1;
      return fail(lineNo, column,
                  "expected " + std::to_string(headerCells) + " cells as in the header, found " +
                      std::to_string(cells.size()));
    }

    PenSample s;
    s.line = lineNo;
    // Reads a number cell; empty is allowed only for optional columns.
    auto number = [&](int col, double& out, bool required) -> std::optional<Error> {
      const Cell& cell = cells[columnOf[col]];
      if (cell.text.empty()) {
        if (required)
          return makeError(ErrorCode::Value, std::string("'") + kColumnNames[col] + "' is empty but required",
                           {file, lineNo, cell.column});
        return std::nullopt;
      }
      const char* first = cell.text.data();
      const char* last = first + cell.text.size();
      if (*first == '+') ++first;
      auto [ptr, ec] = std::from_chars(first, last, out);
      if (ec != std::errc() || ptr != last)
        return makeError(ErrorCode::Value,
                         std::string("'") + kColumnNames[col] + "' must be a number, found '" +
                             std::string(cell.text) + "'",
                         {file, lineNo, cell.column});
      if (!std::isfinite(out))
        return makeError(ErrorCode::Value,
                         std::string("'") + kColumnNames[col] + "' is not a finite number: '" +
                             std::string(cell.text) + "'",
                         {file, lineNo, cell.column});
      return std::nullopt;
    };
    auto flag = [&](int col, bool& out) -> std::optional<Error> {
      const Cell& cell = cells[columnOf[col]];
      if (cell.text == "1") out = true;
      else if (cell.text == "0" || (cell.text.empty() && col != kContact)) out = false;
      else
        return makeError(ErrorCode::Value,
                         std::string("'") + kColumnNames[col] + "' must be 0 or 1, found '" +
                             std::string(cell.text) + "'",
                         {file, lineNo, cell.column});
      return std::nullopt;
    };
    auto outOfRange = [&](int col, const std::string& what) {
      return makeError(ErrorCode::Value, std::string("'") + kColumnNames[col] + "' " + what,
                       {file, lineNo, cells[columnOf[col]].column});
    };

    double v = 0.0;
    if (auto e = number(kT, s.timeS, true)) return *e;
    if (s.timeS < lastTime) {
      std::ostringstream msg;
      msg << "time goes backwards: t_s " << s.timeS << " comes after " << lastTime << " on line " << lastTimeLine;
      return fail(lineNo, cells[columnOf[kT]].column, msg.str());
    }
    lastTime = s.timeS;
    lastTimeLine = lineNo;
    for (int k = 0; k < 3; ++k) {
      if (auto e = number(kX + k, v, true)) return *e;
      s.tipMm[k] = static_cast<float>(v);
    }
    if (auto e = flag(kContact, s.contact)) return *e;
    if (columnOf[kAx] >= 0) {
      int present = 0;
      glm::vec3 axis(0.0f);
      for (int k = 0; k < 3; ++k) {
        double a = NAN;
        if (auto e = number(kAx + k, a, false)) return *e;
        if (!std::isnan(a)) {
          axis[k] = static_cast<float>(a);
          ++present;
        }
      }
      if (present == 3) {
        const float len = glm::length(axis);
        if (!(len > 1e-6f)) return fail(lineNo, cells[columnOf[kAx]].column, "the pen axis (ax, ay, az) is zero");
        s.hasAxis = true;
        // Axes written by mnsim are already unit length: keep them bit for bit, so that a
        // recorded trace replays exactly as it was scored live.
        s.axis = std::fabs(len - 1.0f) > 1e-5f ? axis / len : axis;
      } else if (present != 0) {
        return fail(lineNo, cells[columnOf[kAx]].column, "the pen axis needs all of ax, ay, az, or none");
      }
    }
    if (columnOf[kPressure] >= 0) {
      double p = NAN;
      if (auto e = number(kPressure, p, false)) return *e;
      if (!std::isnan(p)) {
        if (p < 0.0 || p > 1.0) return outOfRange(kPressure, "must be between 0 and 1, found " + shortest(p));
        s.pressure = static_cast<float>(p);
      }
    }
    if (columnOf[kDepth] >= 0) {
      double d = NAN;
      if (auto e = number(kDepth, d, false)) return *e;
      if (!std::isnan(d)) {
        const double steps = d / limits.depthStepMm;
        if (d < limits.depthMinMm - 1e-6 || d > limits.depthMaxMm + 1e-6 ||
            std::fabs(steps - std::round(steps)) > 1e-3) {
          std::ostringstream msg;
          msg << "must be a dial setting from " << limits.depthMinMm << " to " << limits.depthMaxMm << " mm in "
              << limits.depthStepMm << " mm steps, found " << shortest(d);
          return outOfRange(kDepth, msg.str());
        }
        s.depthMm = static_cast<float>(d);
      }
    }
    if (columnOf[kRate] >= 0) {
      double r = NAN;
      if (auto e = number(kRate, r, false)) return *e;
      if (!std::isnan(r)) {
        if (r < limits.rateMinHz || r > limits.rateMaxHz) {
          std::ostringstream msg;
          msg << "must be between " << limits.rateMinHz << " and " << limits.rateMaxHz << " Hz, found " << shortest(r);
          return outOfRange(kRate, msg.str());
        }
        s.rateHz = static_cast<float>(r);
      }
    }
    if (columnOf[kStretch] >= 0)
      if (auto e = flag(kStretch, s.stretch)) return *e;
    if (columnOf[kPass] >= 0) {
      const Cell& cell = cells[columnOf[kPass]];
      if (!cell.text.empty()) {
        int p = 0;
        auto [ptr, ec] = std::from_chars(cell.text.data(), cell.text.data() + cell.text.size(), p);
        if (ec != std::errc() || ptr != cell.text.data() + cell.text.size() || p < 1 || p > 999)
          return fail(lineNo, cell.column,
                      "'pass' must be a whole number from 1 to 999 or empty, found '" + std::string(cell.text) + "'");
        s.pass = p;
      }
    }
    trace.samples.push_back(s);
  }
  if (!sawFormat) return makeError(ErrorCode::Format, "the trace file is empty", {file, 0, 0});
  if (!sawHeader) return makeError(ErrorCode::Format, "the trace has no header row of column names", {file, lineNo, 0});
  if (trace.samples.empty()) return makeError(ErrorCode::Value, "the trace has no samples", {file, lineNo, 0});
  return trace;
}

std::string formatTrace(const std::vector<PenSample>& samples) {
  std::string out = "# mnsim-trace 1\n";
  out += "t_s,x_mm,y_mm,z_mm,ax,ay,az,contact,pressure,depth_mm,rate_hz,stretch,pass\n";
  for (const PenSample& s : samples) {
    out += shortest(s.timeS);
    for (int k = 0; k < 3; ++k) out += ',' + shortestF(s.tipMm[k]);
    for (int k = 0; k < 3; ++k) {
      out += ',';
      if (s.hasAxis) out += shortestF(s.axis[k]);
    }
    out += s.contact ? ",1," : ",0,";
    out += shortestF(s.pressure);
    out += ',';
    if (!std::isnan(s.depthMm)) out += shortestF(s.depthMm);
    out += ',';
    if (!std::isnan(s.rateHz)) out += shortestF(s.rateHz);
    out += s.stretch ? ",1," : ",0,";
    if (s.pass > 0) out += std::to_string(s.pass);
    out += '\n';
  }
  return out;
}

Status writeTrace(const std::vector<PenSample>& samples, const std::string& path) {
  return writeFileAtomic(path, formatTrace(samples), "trace file");
}

ProcedureResult scoreTrace(const SkinModel& model, const TreatmentPlan& plan, const PenTrace& trace) {
  ProcedureSession session({&model, &plan});
  session.reserve(trace.durationS());
  session.setInputNames(plan.path, trace.path);
  for (const PenSample& s : trace.samples) session.addSample(s);
  session.finish();
  return session.result();
}

}  // namespace mnsim
