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

namespace {

// Reads a trace line by line: the format line, the header, then one sample per row. Each step
// returns the first problem it finds, at its line and column.
class TraceParser {
 public:
  TraceParser(const std::string& file, const TraceLimits& limits) : m_file(file), m_limits(limits) {
    std::fill(std::begin(m_columnOf), std::end(m_columnOf), -1);
    m_cells.reserve(16);
  }

  // Feeds one line (without its end-of-line); false with the error set when it is malformed.
  bool line(std::string_view line, int lineNo, PenTrace& trace);
  Result<PenTrace> finish(PenTrace trace, int lineNo) const;
  const Error& error() const { return *m_error; }

 private:
  bool formatLine(std::string_view trimmed);
  bool header(PenTrace& trace);
  bool sample(PenSample& s);
  bool fail(int column, std::string message) {
    m_error = makeError(ErrorCode::Value, std::move(message), {m_file, m_lineNo, column});
    return false;
  }
  const Cell& cell(int col) const { return m_cells[m_columnOf[col]]; }
  bool has(int col) const { return m_columnOf[col] >= 0; }
  // A number cell; empty leaves `out` as it is, and is allowed only when not required.
  bool number(int col, double& out, bool required);
  bool flag(int col, bool& out);
  bool axis(PenSample& s);
  bool optionalValues(PenSample& s);
  bool pass(PenSample& s);

  const std::string& m_file;
  const TraceLimits& m_limits;
  std::optional<Error> m_error;
  int m_lineNo = 0;
  bool m_sawFormat = false, m_sawHeader = false;
  int m_columnOf[kColumnCount];
  size_t m_headerCells = 0;
  std::vector<Cell> m_cells;
  double m_lastTime = -INFINITY;
  int m_lastTimeLine = 0;
};

bool TraceParser::line(std::string_view line, int lineNo, PenTrace& trace) {
  m_lineNo = lineNo;
  if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
  const std::string_view trimmed = trim(line);
  if (!m_sawFormat) return formatLine(trimmed);
  if (trimmed.empty() || trimmed.front() == '#') return true;
  splitCells(line, m_cells);
  if (!m_sawHeader) return header(trace);
  if (m_cells.size() != m_headerCells) {
    const int column = m_cells.size() > m_headerCells ? m_cells[m_headerCells].column : static_cast<int>(line.size()) + 1;
    return fail(column, "expected " + std::to_string(m_headerCells) + " cells as in the header, found " +
                            std::to_string(m_cells.size()));
  }
  PenSample s;
  s.line = lineNo;
  if (!sample(s)) return false;
  trace.samples.push_back(s);
  return true;
}

// The first line names the format and version: "# mnsim-trace 1".
bool TraceParser::formatLine(std::string_view trimmed) {
  const std::string_view name = kTraceFileFormat.name;
  std::string_view tag = trimmed;
  if (tag.substr(0, 1) == "#") tag = trim(tag.substr(1));
  if (trimmed.substr(0, 1) != "#" || tag.substr(0, name.size()) != name) {
    m_error = makeError(ErrorCode::Format,
                        "not an mnsim pen trace: the first line must be '# " + kTraceFileFormat.tag() + "'",
                        {m_file, m_lineNo, 1});
    return false;
  }
  const std::string found = std::string(name) + " " + std::string(trim(tag.substr(name.size())));
  if (auto problem = checkFormatTag(found, kTraceFileFormat)) {
    m_error = makeError(ErrorCode::Format, *problem, {m_file, m_lineNo, 1});
    return false;
  }
  m_sawFormat = true;
  return true;
}

bool TraceParser::header(PenTrace& trace) {
  for (size_t c = 0; c < m_cells.size(); ++c) {
    const std::string name(m_cells[c].text);
    int known = -1;
    for (int k = 0; k < kColumnCount; ++k)
      if (name == kColumnNames[k]) known = k;
    if (known < 0) {
      if (name.empty()) return fail(m_cells[c].column, "empty column name in the header");
      const std::string hint = didYouMean(name, traceColumns());
      return fail(m_cells[c].column,
                  "unknown column '" + name + "'" +
                      (hint.empty() ? " (known columns: t_s, x_mm, y_mm, z_mm, ax, ay, az, contact, pressure, "
                                      "depth_mm, rate_hz, stretch, pass)"
                                    : hint));
    }
    if (m_columnOf[known] >= 0) return fail(m_cells[c].column, "column '" + name + "' appears twice");
    m_columnOf[known] = static_cast<int>(c);
    trace.columns.push_back(name);
  }
  for (int k : {kT, kX, kY, kZ, kContact})
    if (!has(k))
      return fail(1, std::string("the header has no '") + kColumnNames[k] +
                         "' column (required: t_s, x_mm, y_mm, z_mm, contact)");
  const int axisColumns = has(kAx) + has(kAy) + has(kAz);
  if (axisColumns != 0 && axisColumns != 3)
    return fail(1, "the pen axis needs all three columns ax, ay, az, or none of them");
  m_headerCells = m_cells.size();
  m_sawHeader = true;
  return true;
}

bool TraceParser::number(int col, double& out, bool required) {
  const Cell& c = cell(col);
  if (c.text.empty()) return !required || fail(c.column, std::string("'") + kColumnNames[col] + "' is empty but required");
  const char* first = c.text.data();
  const char* last = first + c.text.size();
  if (*first == '+') ++first;
  auto [ptr, ec] = std::from_chars(first, last, out);
  if (ec != std::errc() || ptr != last)
    return fail(c.column, std::string("'") + kColumnNames[col] + "' must be a number, found '" + std::string(c.text) + "'");
  if (!std::isfinite(out))
    return fail(c.column,
                std::string("'") + kColumnNames[col] + "' is not a finite number: '" + std::string(c.text) + "'");
  return true;
}

bool TraceParser::flag(int col, bool& out) {
  const Cell& c = cell(col);
  if (c.text == "1") out = true;
  else if (c.text == "0" || (c.text.empty() && col != kContact)) out = false;
  else return fail(c.column, std::string("'") + kColumnNames[col] + "' must be 0 or 1, found '" + std::string(c.text) + "'");
  return true;
}

bool TraceParser::sample(PenSample& s) {
  if (!number(kT, s.timeS, true)) return false;
  if (s.timeS < m_lastTime) {
    std::ostringstream msg;
    msg << "time goes backwards: t_s " << s.timeS << " comes after " << m_lastTime << " on line " << m_lastTimeLine;
    return fail(cell(kT).column, msg.str());
  }
  m_lastTime = s.timeS;
  m_lastTimeLine = m_lineNo;
  for (int k = 0; k < 3; ++k) {
    double v = 0.0;
    if (!number(kX + k, v, true)) return false;
    s.tipMm[k] = static_cast<float>(v);
  }
  if (!flag(kContact, s.contact)) return false;
  if (has(kAx) && !axis(s)) return false;
  if (!optionalValues(s)) return false;
  if (has(kStretch) && !flag(kStretch, s.stretch)) return false;
  return !has(kPass) || pass(s);
}

bool TraceParser::axis(PenSample& s) {
  int present = 0;
  glm::vec3 axis(0.0f);
  for (int k = 0; k < 3; ++k) {
    double a = NAN;
    if (!number(kAx + k, a, false)) return false;
    if (!std::isnan(a)) {
      axis[k] = static_cast<float>(a);
      ++present;
    }
  }
  if (present == 0) return true;
  if (present != 3) return fail(cell(kAx).column, "the pen axis needs all of ax, ay, az, or none");
  const float len = glm::length(axis);
  if (!(len > 1e-6f)) return fail(cell(kAx).column, "the pen axis (ax, ay, az) is zero");
  s.hasAxis = true;
  // Axes written by mnsim are already unit length: keep them bit for bit, so that a recorded
  // trace replays exactly as it was scored live.
  s.axis = std::fabs(len - 1.0f) > 1e-5f ? axis / len : axis;
  return true;
}

// Pressure, dial depth and rate: each optional, each checked against its range.
bool TraceParser::optionalValues(PenSample& s) {
  auto outOfRange = [&](int col, const std::string& what) {
    return fail(cell(col).column, std::string("'") + kColumnNames[col] + "' " + what);
  };
  double p = NAN, d = NAN, r = NAN;
  if (has(kPressure) && !number(kPressure, p, false)) return false;
  if (!std::isnan(p)) {
    if (p < 0.0 || p > 1.0) return outOfRange(kPressure, "must be between 0 and 1, found " + shortest(p));
    s.pressure = static_cast<float>(p);
  }
  if (has(kDepth) && !number(kDepth, d, false)) return false;
  if (!std::isnan(d)) {
    const double steps = d / m_limits.depthStepMm;
    if (d < m_limits.depthMinMm - 1e-6 || d > m_limits.depthMaxMm + 1e-6 || std::fabs(steps - std::round(steps)) > 1e-3) {
      std::ostringstream msg;
      msg << "must be a dial setting from " << m_limits.depthMinMm << " to " << m_limits.depthMaxMm << " mm in "
          << m_limits.depthStepMm << " mm steps, found " << shortest(d);
      return outOfRange(kDepth, msg.str());
    }
    s.depthMm = static_cast<float>(d);
  }
  if (has(kRate) && !number(kRate, r, false)) return false;
  if (!std::isnan(r)) {
    if (r < m_limits.rateMinHz || r > m_limits.rateMaxHz) {
      std::ostringstream msg;
      msg << "must be between " << m_limits.rateMinHz << " and " << m_limits.rateMaxHz << " Hz, found " << shortest(r);
      return outOfRange(kRate, msg.str());
    }
    s.rateHz = static_cast<float>(r);
  }
  return true;
}

bool TraceParser::pass(PenSample& s) {
  const Cell& c = cell(kPass);
  if (c.text.empty()) return true;
  int p = 0;
  auto [ptr, ec] = std::from_chars(c.text.data(), c.text.data() + c.text.size(), p);
  if (ec != std::errc() || ptr != c.text.data() + c.text.size() || p < 1 || p > 999)
    return fail(c.column, "'pass' must be a whole number from 1 to 999 or empty, found '" + std::string(c.text) + "'");
  s.pass = p;
  return true;
}

Result<PenTrace> TraceParser::finish(PenTrace trace, int lineNo) const {
  if (!m_sawFormat) return makeError(ErrorCode::Format, "the trace file is empty", {m_file, 0, 0});
  if (!m_sawHeader) return makeError(ErrorCode::Format, "the trace has no header row of column names", {m_file, lineNo, 0});
  if (trace.samples.empty()) return makeError(ErrorCode::Value, "the trace has no samples", {m_file, lineNo, 0});
  return trace;
}

}  // namespace

Result<PenTrace> parseTrace(std::string_view text, const std::string& file, const TraceLimits& limits) {
  // Spreadsheet programs start a CSV file with a UTF-8 byte-order mark; it is not part of the text.
  text = withoutByteOrderMark(text);
  PenTrace trace;
  trace.path = file;
  trace.samples.reserve(static_cast<size_t>(std::count(text.begin(), text.end(), '\n')));
  TraceParser parser(file, limits);
  int lineNo = 0;
  for (size_t pos = 0; pos < text.size();) {
    size_t eol = text.find('\n', pos);
    if (eol == std::string_view::npos) eol = text.size();
    if (!parser.line(text.substr(pos, eol - pos), ++lineNo, trace)) return parser.error();
    pos = eol + 1;
  }
  return parser.finish(std::move(trace), lineNo);
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
