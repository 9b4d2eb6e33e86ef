#include "mnsim/report/report_html.h"

#include "forms.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <sstream>

namespace mnsim {

namespace {

using forms::esc;
using forms::base64;
using forms::num;
using forms::clock;
using forms::kStyle;

// One series of a needling over time, drawn against the run clock.
std::string chart(const std::string& title, const std::string& unit, const std::vector<double>& t,
                  const std::vector<float>& v, double bandLo, double bandHi, std::vector<double> limits) {
  return forms::lineChart(title, unit, t, std::vector<double>(v.begin(), v.end()), bandLo, bandHi, std::move(limits),
                         [](double time) { return clock(time); });
}

std::string image(const ReportPicture& p, const char* figureClass = "") {
  if (p.pngBytes.empty()) return "";
  return std::string("<figure class=\"") + figureClass + "\"><img alt=\"" + esc(p.caption) + "\" src=\"data:image/png;base64," + base64(p.pngBytes) +
         "\"><figcaption>" + esc(p.caption) + "</figcaption></figure>";
}

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
  o << "<h2 id=\"faults\">Critical errors and faults</h2>";
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
