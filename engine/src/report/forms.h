// What the report module's written forms share (report_html.cpp, report_data.cpp, cohort_forms.cpp):
// escaping, numbers, a CSV field, the pages' style and an inline SVG line chart. Internal.
#pragma once

#include <algorithm>
#include <cstdio>
#include <functional>
#include <sstream>
#include <string>
#include <vector>

namespace mnsim::forms {

inline std::string esc(const std::string& s) {
  std::string out;
  for (char c : s) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      default: out += c;
    }
  }
  return out;
}

inline std::string base64(const std::string& bytes) {
  static const char* kAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  size_t i = 0;
  for (; i + 2 < bytes.size(); i += 3) {
    const unsigned v = (static_cast<unsigned char>(bytes[i]) << 16) | (static_cast<unsigned char>(bytes[i + 1]) << 8) |
                       static_cast<unsigned char>(bytes[i + 2]);
    out += {kAlphabet[v >> 18], kAlphabet[(v >> 12) & 63], kAlphabet[(v >> 6) & 63], kAlphabet[v & 63]};
  }
  if (i < bytes.size()) {
    const unsigned v = (static_cast<unsigned char>(bytes[i]) << 16) |
                       (i + 1 < bytes.size() ? static_cast<unsigned char>(bytes[i + 1]) << 8 : 0);
    out += kAlphabet[v >> 18];
    out += kAlphabet[(v >> 12) & 63];
    out += i + 1 < bytes.size() ? kAlphabet[(v >> 6) & 63] : '=';
    out += '=';
  }
  return out;
}

// One CSV field (RFC 4180): quoted when it holds a comma, a quote or a line break.
inline std::string csvField(const std::string& s) {
  if (s.find_first_of(",\"\n\r") == std::string::npos) return s;
  std::string out = "\"";
  for (char c : s) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

inline std::string num(double v, int decimals = 1) {
  char buf[48];
  std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
  return buf;
}

inline std::string clock(double s) {
  char buf[32];
  const int m = static_cast<int>(s / 60.0);
  std::snprintf(buf, sizeof buf, "%d:%04.1f", m, s - 60.0 * m);
  return buf;
}

// An inline SVG line chart of one series (x ascending), with a band (lo..hi, none when hi <= lo),
// limit lines, the two ends of the x axis labelled by `xLabel`, and with `dots` a dot at each point.
inline std::string lineChart(const std::string& title, const std::string& unit, const std::vector<double>& x,
                             const std::vector<double>& v, double bandLo, double bandHi, std::vector<double> limits,
                             const std::function<std::string(double)>& xLabel, bool dots = false) {
  if (x.size() < (dots ? 1u : 2u) || v.size() != x.size()) return "";
  const double w = 640, h = 160, left = 44, bottom = 22, top = 8;
  const double x0 = x.front(), x1 = std::max(x.back(), x0 + 1e-6);
  double vmax = *std::max_element(v.begin(), v.end());
  vmax = std::max({vmax, bandHi, limits.empty() ? 0.0 : *std::max_element(limits.begin(), limits.end())}) * 1.1 + 1e-6;
  auto px = [&](double at) { return left + (at - x0) / (x1 - x0) * (w - left - 6); };
  auto py = [&](double value) { return top + (1.0 - value / vmax) * (h - top - bottom); };
  std::ostringstream s;
  s << "<figure class=\"chart\"><svg viewBox=\"0 0 " << w << " " << h << "\" role=\"img\" aria-label=\"" << esc(title)
    << "\">";
  if (bandHi > bandLo)
    s << "<rect class=\"band\" x=\"" << left << "\" y=\"" << py(bandHi) << "\" width=\"" << (w - left - 6) << "\" height=\""
      << (py(bandLo) - py(bandHi)) << "\"/>";
  for (double l : limits)
    s << "<line class=\"limit\" x1=\"" << left << "\" x2=\"" << (w - 6) << "\" y1=\"" << py(l) << "\" y2=\"" << py(l) << "\"/>";
  s << "<polyline class=\"series\" points=\"";
  for (size_t i = 0; i < x.size(); ++i) s << num(px(x[i]), 1) << "," << num(py(v[i]), 1) << " ";
  s << "\"/>";
  if (dots)
    for (size_t i = 0; i < x.size(); ++i)
      s << "<circle class=\"dot\" cx=\"" << num(px(x[i]), 1) << "\" cy=\"" << num(py(v[i]), 1) << "\" r=\"3\"/>";
  for (int k = 0; k <= 4; ++k) {
    const double value = vmax / 1.1 * k / 4.0;
    s << "<text class=\"axis\" x=\"" << left - 4 << "\" y=\"" << py(value) + 4 << "\" text-anchor=\"end\">" << num(value, 1)
      << "</text>";
  }
  s << "<text class=\"axis\" x=\"" << left << "\" y=\"" << h - 4 << "\">" << esc(xLabel(x0)) << "</text>";
  s << "<text class=\"axis\" x=\"" << w - 6 << "\" y=\"" << h - 4 << "\" text-anchor=\"end\">" << esc(xLabel(x1)) << "</text>";
  s << "</svg><figcaption>" << esc(title) << " (" << esc(unit) << ")</figcaption></figure>";
  return s.str();
}

inline const char* const kStyle = R"(
body{font:14px/1.45 "DejaVu Sans",sans-serif;color:#222;margin:24px auto;max-width:980px;padding:0 16px}
h1{font-size:22px;margin:0 0 4px}h2{font-size:17px;margin:22px 0 8px;border-bottom:1px solid #ccd}
.sub{color:#667}.verdict{font-weight:bold}.ok{color:#2e7d32}.bad{color:#c62828}.warn{color:#d98200}
.banner{padding:8px 12px;border-radius:6px;color:#fff;margin:10px 0}.banner.ok{background:#2e9a4c}
.banner.bad{background:#c82b2b}.banner.warn{background:#e08f1e}
table{border-collapse:collapse;width:100%}td,th{padding:4px 6px;border-bottom:1px solid #e4e6ea;text-align:left;vertical-align:top}
th{background:#f2f4f7}.score{font-size:34px;font-weight:bold}
figure{display:inline-block;margin:6px;text-align:center}figure img{width:300px;border:1px solid #dde}
figure.fault img{width:220px}div.fault{display:flex;gap:14px;align-items:flex-start;border-bottom:1px solid #eef0f3}div.fault p{flex:1;margin:8px 0}div.fault figure{margin:6px 0}figcaption{color:#556;font-size:12px}
.chart svg{width:640px;height:160px;background:#fff;border:1px solid #dde}.band{fill:#cfe8d2}
.limit{stroke:#e0a040;stroke-dasharray:4 3}.series{fill:none;stroke:#1f6fb0;stroke-width:1.2}.axis{font-size:10px;fill:#667}.dot{fill:#1f6fb0}
@media print{body{margin:0;max-width:none;font-size:11px}figure img{width:205px}figure.fault img{width:170px}.chart svg{width:560px;height:140px}h2{break-after:avoid}tr,figure,div.fault{break-inside:avoid}
.banner{border:1px solid #000;color:#000;background:none!important}}
)";


}  // namespace mnsim::forms
