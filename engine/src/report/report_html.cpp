#include "mnsim/report/report_html.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <sstream>

namespace mnsim {

namespace {

std::string esc(const std::string& s) {
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

std::string base64(const std::string& bytes) {
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

std::string num(double v, int decimals = 1) {
  char buf[48];
  std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
  return buf;
}

std::string clock(double s) {
  char buf[32];
  const int m = static_cast<int>(s / 60.0);
  std::snprintf(buf, sizeof buf, "%d:%04.1f", m, s - 60.0 * m);
  return buf;
}

std::string image(const ReportPicture& p, const char* figureClass = "") {
  if (p.pngBytes.empty()) return "";
  return std::string("<figure class=\"") + figureClass + "\"><img alt=\"" + esc(p.caption) + "\" src=\"data:image/png;base64," + base64(p.pngBytes) +
         "\"><figcaption>" + esc(p.caption) + "</figcaption></figure>";
}

// An inline SVG line chart of one series against time, with a band (lo..hi, none when hi <= lo)
// and up to two limit lines.
std::string chart(const std::string& title, const std::string& unit, const std::vector<double>& t,
                  const std::vector<float>& v, double bandLo, double bandHi, std::vector<double> limits) {
  if (t.size() < 2) return "";
  const double w = 640, h = 160, left = 44, bottom = 22, top = 8;
  const double t0 = t.front(), t1 = std::max(t.back(), t0 + 1e-6);
  double vmax = *std::max_element(v.begin(), v.end());
  vmax = std::max({vmax, bandHi, limits.empty() ? 0.0 : *std::max_element(limits.begin(), limits.end())}) * 1.1 + 1e-6;
  auto x = [&](double time) { return left + (time - t0) / (t1 - t0) * (w - left - 6); };
  auto y = [&](double value) { return top + (1.0 - value / vmax) * (h - top - bottom); };
  std::ostringstream s;
  s << "<figure class=\"chart\"><svg viewBox=\"0 0 " << w << " " << h << "\" role=\"img\" aria-label=\"" << esc(title)
    << "\">";
  if (bandHi > bandLo)
    s << "<rect class=\"band\" x=\"" << left << "\" y=\"" << y(bandHi) << "\" width=\"" << (w - left - 6) << "\" height=\""
      << (y(bandLo) - y(bandHi)) << "\"/>";
  for (double l : limits)
    s << "<line class=\"limit\" x1=\"" << left << "\" x2=\"" << (w - 6) << "\" y1=\"" << y(l) << "\" y2=\"" << y(l) << "\"/>";
  s << "<polyline class=\"series\" points=\"";
  for (size_t i = 0; i < t.size(); ++i) s << num(x(t[i]), 1) << "," << num(y(v[i]), 1) << " ";
  s << "\"/>";
  for (int k = 0; k <= 4; ++k) {
    const double value = vmax / 1.1 * k / 4.0;
    s << "<text class=\"axis\" x=\"" << left - 4 << "\" y=\"" << y(value) + 4 << "\" text-anchor=\"end\">" << num(value, 1)
      << "</text>";
  }
  s << "<text class=\"axis\" x=\"" << left << "\" y=\"" << h - 4 << "\">" << clock(t0) << "</text>";
  s << "<text class=\"axis\" x=\"" << w - 6 << "\" y=\"" << h - 4 << "\" text-anchor=\"end\">" << clock(t1) << "</text>";
  s << "</svg><figcaption>" << esc(title) << " (" << esc(unit) << ")</figcaption></figure>";
  return s.str();
}

const char* kStyle = R"(
body{font:14px/1.45 "DejaVu Sans",sans-serif;color:#222;margin:24px auto;max-width:980px;padding:0 16px}
h1{font-size:22px;margin:0 0 4px}h2{font-size:17px;margin:22px 0 8px;border-bottom:1px solid #ccd}
.sub{color:#667}.verdict{font-weight:bold}.ok{color:#2e7d32}.bad{color:#c62828}.warn{color:#d98200}
.banner{padding:8px 12px;border-radius:6px;color:#fff;margin:10px 0}.banner.ok{background:#2e9a4c}
.banner.bad{background:#c82b2b}.banner.warn{background:#e08f1e}
table{border-collapse:collapse;width:100%}td,th{padding:4px 6px;border-bottom:1px solid #e4e6ea;text-align:left;vertical-align:top}
th{background:#f2f4f7}.score{font-size:34px;font-weight:bold}
figure{display:inline-block;margin:6px;text-align:center}figure img{width:300px;border:1px solid #dde}
figure.fault img{width:220px}figcaption{color:#556;font-size:12px}
.chart svg{width:640px;height:160px;background:#fff;border:1px solid #dde}.band{fill:#cfe8d2}
.limit{stroke:#e0a040;stroke-dasharray:4 3}.series{fill:none;stroke:#1f6fb0;stroke-width:1.2}.axis{font-size:10px;fill:#667}
@media print{body{margin:0;max-width:none;font-size:11px}h2{break-after:avoid}tr,figure{break-inside:avoid}
.banner{border:1px solid #000;color:#000;background:none!important}}
)";

void runSection(std::ostringstream& o, const RunReport& r) {
  o << "<h1>" << esc(r.caseTitle) << "</h1><div class=\"sub\">" << esc(r.traineeName) << " (" << esc(r.traineeId) << ")"
    << (r.cohort.empty() ? "" : ", " + esc(r.cohort)) << " &middot; " << esc(r.mode) << " &middot; " << esc(r.startedUtc)
    << " &middot; station " << esc(r.stationId) << " &middot; " << esc(r.runFile) << "</div>";
  const bool ok = r.verify == "ok";
  const bool bad = r.verify == "altered" || r.verify == "unreadable";
  o << "<div class=\"banner " << (ok ? "ok" : bad ? "bad" : "warn") << "\" id=\"verify\">Verify: " << esc(r.verifyMessage)
    << "</div>";
  o << "<p><span class=\"score\">" << num(r.score) << "</span> / 100 &nbsp; <span class=\"verdict "
    << (r.proficient ? "ok\">PROFICIENT" : "bad\">NOT YET PROFICIENT") << "</span></p>";
  if (!r.why.empty()) {
    o << "<p>Why not yet: ";
    for (size_t i = 0; i < r.why.size(); ++i) o << (i ? "; " : "") << esc(r.why[i]);
    o << ".</p>";
  }
  if (!r.phases.empty()) {
    o << "<h2>Phases</h2><table><tr><th>Phase</th><th>Score</th><th>Needed</th><th></th></tr>";
    for (const RunReport::Phase& p : r.phases)
      o << "<tr><td>" << esc(p.name) << "</td><td>" << (p.scored ? num(p.score) : "-") << "</td><td>" << num(p.threshold)
        << "</td><td class=\"" << (p.met ? "ok\">met" : "bad\">not met") << "</td></tr>";
    o << "</table>";
  }
}

void zonesSection(std::ostringstream& o, const RunReport& r, const ReportPictures& pictures) {
  if (r.zones.empty()) return;
  o << "<h2>The needling</h2>";
  for (const ReportPicture& p : pictures.coverage) o << image(p);
  o << "<p class=\"sub\">The coverage at the end: green 3 or more passes, amber 1 pass, red outline untreated skin.</p>";
  o << "<table><tr><th>Zone</th><th>Score</th><th>Coverage per pass</th><th>Depth in range</th><th>Angle</th>"
       "<th>Speed in band</th><th>Unmet</th></tr>";
  for (const ReportZone& z : r.zones) {
    o << "<tr><td>" << esc(z.name) << "</td><td class=\"" << (z.proficient ? "ok" : "bad") << "\">" << num(z.score, 0)
      << "</td><td>";
    for (double c : z.passCoverage) o << num(100.0 * c, 0) << "% ";
    o << "</td><td>" << num(100.0 * z.depthInRangeShare, 0) << "%</td><td>" << num(100.0 * z.angleWithinShare, 0)
      << "%</td><td>" << num(100.0 * z.speedInBandShare, 0) << "%</td><td>";
    for (const std::string& u : z.unmet) o << esc(u) << " ";
    o << "</td></tr>";
  }
  o << "</table>";
  for (const ReportSeries& s : r.series) {
    float depthLo = 1e9f, depthHi = 0.0f, speedLo = 1e9f, speedHi = 0.0f;
    for (const ReportZone& z : r.zones)
      if (z.needling == s.needling) {
        depthLo = std::min(depthLo, z.depthMinMm);
        depthHi = std::max(depthHi, z.depthMaxMm);
        if (z.speedMaxMmPerS > 0.0f) {
          speedLo = std::min(speedLo, z.speedMinMmPerS);
          speedHi = std::max(speedHi, z.speedMaxMmPerS);
        }
      }
    o << "<h2>Over time: " << esc(s.needling) << "</h2>";
    o << chart("Hand speed", "mm/s", s.timeS, s.speedMmPerS, speedLo, speedHi, {});
    o << chart("Dial depth", "mm", s.timeS, s.dialDepthMm, depthLo, depthHi, {});
    o << chart("Pen angle", "degrees", s.timeS, s.angleDeg, 0.0, 0.0, {s.angleWarnDeg, s.angleFaultDeg});
  }
}

void faultsSection(std::ostringstream& o, const RunReport& r, const ReportPictures& pictures) {
  o << "<h2>Critical errors and faults</h2>";
  if (r.faults.empty()) o << "<p>None.</p>";
  for (size_t i = 0; i < r.faults.size(); ++i) {
    const ReportFault& f = r.faults[i];
    o << "<div class=\"fault\"><p><b class=\"" << (f.critical ? "bad\">Critical: " : "warn\">") << esc(f.title) << "</b> at "
      << clock(f.timeS) << (f.endTimeS > f.timeS ? " to " + clock(f.endTimeS) : "") << (f.zone.empty() ? "" : ", " + esc(f.zone))
      << "<br>" << esc(f.explanation);
    if (!f.expected.empty()) o << "<br><span class=\"sub\">Expected: " << esc(f.expected) << " &middot; done: " << esc(f.done) << "</span>";
    o << "</p>";
    if (i < pictures.faults.size() && !pictures.faults[i].pngBytes.empty()) {
      o << image(pictures.faults[i], "fault");
    }
    o << "</div>";
  }
}

void stepsSection(std::ostringstream& o, const RunReport& r) {
  if (r.steps.empty()) return;
  o << "<h2>The case, step by step</h2><table><tr><th>When</th><th>Step</th><th>Answer</th><th>Points</th><th>Feedback</th></tr>";
  for (const ReportStep& s : r.steps) {
    o << "<tr><td>" << clock(s.endS) << "</td><td>" << esc(s.title) << "</td><td>" << esc(s.answer) << "</td><td>"
      << (s.maxPoints > 0.0 ? num(s.points, 2) + " / " + num(s.maxPoints, 2) : "-") << "</td><td>";
    for (const std::string& f : s.feedback) o << esc(f) << "<br>";
    o << "</td></tr>";
  }
  o << "</table>";
}

void reviewSection(std::ostringstream& o, const RunReport& r) {
  if (!r.review) return;
  const Review& v = *r.review;
  o << "<h2>The assessor's review</h2><p>" << (v.isSigned() ? "Signed off by " + esc(v.assessorName) + " at " + esc(v.signedUtc)
                                                              : "A draft by " + esc(v.assessorName) + ", not signed off")
    << " &middot; review check: " << esc(r.reviewVerify) << "</p>";
  o << "<table><tr><th>Rubric item</th><th>Pre-filled</th><th>Assessor</th><th>Reason</th></tr>";
  for (const RatingItem& i : v.rubric.osats)
    o << "<tr><td>" << esc(i.title) << "</td><td>" << i.prefilled << "</td><td>" << i.value << "</td><td>" << esc(i.overrideReason)
      << "</td></tr>";
  for (const CheckItem& i : v.rubric.dops)
    o << "<tr><td>" << esc(i.title) << "</td><td>" << checkValueId(i.prefilled) << "</td><td>" << checkValueId(i.value)
      << "</td><td>" << esc(i.overrideReason) << "</td></tr>";
  o << "<tr><td>" << esc(v.rubric.overall.title) << "</td><td>" << judgementName(v.rubric.overall.prefilled) << "</td><td>"
    << judgementName(v.rubric.overall.value) << "</td><td>" << esc(v.rubric.overall.overrideReason) << "</td></tr></table>";
  if (!v.comments.empty()) {
    o << "<h2>Comments</h2><ol>";
    for (const ReviewComment& c : v.comments) o << "<li>" << clock(c.timeS) << ": " << esc(c.text) << "</li>";
    o << "</ol>";
  }
  if (!v.summary.empty()) o << "<h2>Summary</h2><p>" << esc(v.summary) << "</p>";
}

}  // namespace

std::string reportToHtml(const RunReport& r, const ReportPictures& pictures) {
  std::ostringstream o;
  o << "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>" << esc(r.caseTitle) << " &middot; "
    << esc(r.traineeName) << "</title><style>" << kStyle << "</style></head><body>";
  runSection(o, r);
  zonesSection(o, r, pictures);
  faultsSection(o, r, pictures);
  stepsSection(o, r);
  reviewSection(o, r);
  o << "<p class=\"sub\">mnsim report (mnsim-report/1) &middot; every figure recomputed from the run's inputs.</p></body></html>\n";
  return o.str();
}

}  // namespace mnsim
