#include "mnsim/formats/trace_file.h"
#include "mnsim/procedure/pen_sample.h"

#include <gtest/gtest.h>

#include "traces/raster_trace.h"

namespace mnsim {
namespace {

std::string traceErrorOf(const std::string& text) {
  auto r = parseTrace(text, "t.csv");
  EXPECT_FALSE(r.ok());
  return r.ok() ? "" : r.error().format();
}

TEST(Trace, ReadsRequiredColumnsInAnyOrderWithDefaults) {
  auto r = parseTrace("# mnsim-trace 1\r\n# a comment\r\ncontact,z_mm,t_s,y_mm,x_mm\r\n0,0.5,0,-30,-40\r\n\r\n1,0,0.010,-30,-40\r\n",
                      "t.csv");
  ASSERT_TRUE(r.ok()) << r.error().format();
  ASSERT_EQ(r->samples.size(), 2u);
  const PenSample& s = r->samples[1];
  EXPECT_DOUBLE_EQ(s.timeS, 0.010);
  EXPECT_FLOAT_EQ(s.tipMm.x, -40.0f);
  EXPECT_FLOAT_EQ(s.tipMm.y, -30.0f);
  EXPECT_FLOAT_EQ(s.tipMm.z, 0.0f);
  EXPECT_TRUE(s.contact);
  EXPECT_FALSE(s.hasAxis);
  EXPECT_FLOAT_EQ(s.pressure, 0.5f);
  EXPECT_TRUE(std::isnan(s.depthMm));
  EXPECT_TRUE(std::isnan(s.rateHz));
  EXPECT_FALSE(s.stretch);
  EXPECT_EQ(s.pass, 0);
  EXPECT_EQ(s.line, 6);
  EXPECT_TRUE(r->hasColumn("x_mm"));
  EXPECT_FALSE(r->hasColumn("pass"));
}

TEST(Trace, ReadsTheProductExample) {
  auto r = parseTrace(
      "# mnsim-trace 1\n"
      "t_s,x_mm,y_mm,z_mm,ax,ay,az,contact,pressure,depth_mm,rate_hz,stretch,pass\n"
      "0.000,-40.0,-30.0,0.5,0,0,1,0,0.5,0.5,100,0,\n"
      "0.010,-40.0,-30.0,0.0,0,0,1,1,0.5,0.5,100,0,1\n",
      "t.csv");
  ASSERT_TRUE(r.ok()) << r.error().format();
  EXPECT_TRUE(r->samples[0].hasAxis);
  EXPECT_EQ(r->samples[0].pass, 0);
  EXPECT_EQ(r->samples[1].pass, 1);
  EXPECT_FLOAT_EQ(r->samples[1].depthMm, 0.5f);
  EXPECT_FLOAT_EQ(r->samples[1].rateHz, 100.0f);
  EXPECT_FLOAT_EQ(r->samples[1].axis.z, 1.0f);
}

TEST(Trace, EmptyOptionalCellsTakeTheirDefaults) {
  auto r = parseTrace("# mnsim-trace 1\nt_s,x_mm,y_mm,z_mm,contact,pressure,depth_mm,ax,ay,az\n0,1,2,3,1,,,,,\n", "t.csv");
  ASSERT_TRUE(r.ok()) << r.error().format();
  EXPECT_FLOAT_EQ(r->samples[0].pressure, 0.5f);
  EXPECT_TRUE(std::isnan(r->samples[0].depthMm));
  EXPECT_FALSE(r->samples[0].hasAxis);
}

// Spreadsheet programs save CSV with a UTF-8 byte-order mark; the trace reads as without it, and
// columns are still counted from the first character after it.
TEST(Trace, AByteOrderMarkIsSkipped) {
  const std::string body = "# mnsim-trace 1\nt_s,x_mm,y_mm,z_mm,contact\n0,1,2,3,1\n0.5,1,2,3,0\n";
  auto plain = parseTrace(body, "t.csv");
  auto marked = parseTrace("\xEF\xBB\xBF" + body, "t.csv");
  ASSERT_TRUE(marked.ok()) << marked.error().format();
  ASSERT_EQ(marked->samples.size(), plain->samples.size());
  EXPECT_EQ(formatTrace(marked->samples), formatTrace(plain->samples));
  EXPECT_EQ(traceErrorOf("\xEF\xBB\xBF# mnsim-trace 1\nt_s,x_mm,y_mm,z_mm,contact\n0,x,2,3,1\n"),
            "t.csv:3:3: error: 'x_mm' must be a number, found 'x'");
}

TEST(Trace, ErrorsNameFileLineAndColumn) {
  EXPECT_EQ(traceErrorOf("t_s,x_mm\n"), "t.csv:1:1: error: not an mnsim pen trace: the first line must be '# mnsim-trace 1'");
  EXPECT_EQ(traceErrorOf("# mnsim-trace 2\n"), "t.csv:1:1: error: 'mnsim-trace 2' is newer than this mnsim reads (mnsim-trace 1); update mnsim");
  EXPECT_EQ(traceErrorOf("# mnsim-trace 1\nt_s,x_mm,y_mm,z_mm\n"),
            "t.csv:2:1: error: the header has no 'contact' column (required: t_s, x_mm, y_mm, z_mm, contact)");
  EXPECT_EQ(traceErrorOf("# mnsim-trace 1\nt_s,x_mm,y_mm,z_mm,contact,presure\n"),
            "t.csv:2:28: error: unknown column 'presure' (did you mean 'pressure'?)");
  EXPECT_EQ(traceErrorOf("# mnsim-trace 1\nt_s,x_mm,y_mm,z_mm,contact,colour\n"),
            "t.csv:2:28: error: unknown column 'colour' (known columns: t_s, x_mm, y_mm, z_mm, ax, ay, az, contact, "
            "pressure, depth_mm, rate_hz, stretch, pass)");
  EXPECT_EQ(traceErrorOf("# mnsim-trace 1\nt_s,x_mm,y_mm,z_mm,contact,x_mm\n"), "t.csv:2:28: error: column 'x_mm' appears twice");
  EXPECT_EQ(traceErrorOf("# mnsim-trace 1\nt_s,x_mm,y_mm,z_mm,contact,ax\n"),
            "t.csv:2:1: error: the pen axis needs all three columns ax, ay, az, or none of them");
  EXPECT_EQ(traceErrorOf("# mnsim-trace 1\nt_s,x_mm,y_mm,z_mm,contact\n0,nan,0,0,1\n"),
            "t.csv:3:3: error: 'x_mm' is not a finite number: 'nan'");
  EXPECT_EQ(traceErrorOf("# mnsim-trace 1\nt_s,x_mm,y_mm,z_mm,contact\n0,1.5.2,0,0,1\n"),
            "t.csv:3:3: error: 'x_mm' must be a number, found '1.5.2'");
  EXPECT_EQ(traceErrorOf("# mnsim-trace 1\nt_s,x_mm,y_mm,z_mm,contact\n0,1,2,3,1\n0.5,1,2,3,1\n0.4,1,2,3,1\n"),
            "t.csv:5:1: error: time goes backwards: t_s 0.4 comes after 0.5 on line 4");
  EXPECT_EQ(traceErrorOf("# mnsim-trace 1\nt_s,x_mm,y_mm,z_mm,contact\n0,1,2,3\n"),
            "t.csv:3:8: error: expected 5 cells as in the header, found 4");
  EXPECT_EQ(traceErrorOf("# mnsim-trace 1\nt_s,x_mm,y_mm,z_mm,contact\n0,1,2,3,1,7\n"),
            "t.csv:3:11: error: expected 5 cells as in the header, found 6");
  EXPECT_EQ(traceErrorOf("# mnsim-trace 1\nt_s,x_mm,y_mm,z_mm,contact\n0,1,2,3,yes\n"),
            "t.csv:3:9: error: 'contact' must be 0 or 1, found 'yes'");
  EXPECT_EQ(traceErrorOf("# mnsim-trace 1\nt_s,x_mm,y_mm,z_mm,contact\n0,1,2,3,\n"),
            "t.csv:3:9: error: 'contact' must be 0 or 1, found ''");
  EXPECT_EQ(traceErrorOf("# mnsim-trace 1\nt_s,x_mm,y_mm,z_mm,contact,pressure\n0,1,2,3,1,1.4\n"),
            "t.csv:3:11: error: 'pressure' must be between 0 and 1, found 1.4");
  EXPECT_EQ(traceErrorOf("# mnsim-trace 1\nt_s,x_mm,y_mm,z_mm,contact,depth_mm\n0,1,2,3,1,0.6\n"),
            "t.csv:3:11: error: 'depth_mm' must be a dial setting from 0.25 to 2.5 mm in 0.25 mm steps, found 0.6");
  EXPECT_EQ(traceErrorOf("# mnsim-trace 1\nt_s,x_mm,y_mm,z_mm,contact,ax,ay,az\n0,1,2,3,1,0,0,0\n"),
            "t.csv:3:11: error: the pen axis (ax, ay, az) is zero");
  EXPECT_EQ(traceErrorOf("# mnsim-trace 1\nt_s,x_mm,y_mm,z_mm,contact,ax,ay,az\n0,1,2,3,1,0,,1\n"),
            "t.csv:3:11: error: the pen axis needs all of ax, ay, az, or none");
  EXPECT_EQ(traceErrorOf("# mnsim-trace 1\nt_s,x_mm,y_mm,z_mm,contact,pass\n0,1,2,3,1,0\n"),
            "t.csv:3:11: error: 'pass' must be a whole number from 1 to 999 or empty, found '0'");
  EXPECT_EQ(traceErrorOf("# mnsim-trace 1\nt_s,x_mm,y_mm,z_mm,contact\n"), "t.csv:2: error: the trace has no samples");
  EXPECT_EQ(traceErrorOf(""), "t.csv: error: the trace file is empty");
}

TEST(Trace, MissingFileIsAnIoError) {
  auto r = readTrace("/nonexistent/trace.csv");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, ErrorCode::Io);
  EXPECT_EQ(r.error().format(), "/nonexistent/trace.csv: error: cannot open the trace file");
}

TEST(Trace, RateIsCheckedAgainstTheDevice) {
  TraceLimits pen;
  pen.rateMinHz = 50.0f;
  pen.rateMaxHz = 150.0f;
  auto r = parseTrace("# mnsim-trace 1\nt_s,x_mm,y_mm,z_mm,contact,rate_hz\n0,1,2,3,1,200\n", "t.csv", pen);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().format(), "t.csv:3:11: error: 'rate_hz' must be between 50 and 150 Hz, found 200");
}

TEST(Trace, WritingAndReadingBackIsExact) {
  RasterDesc d;
  d.tiltDeg = 13.0f;
  d.depthMm = 0.75f;
  d.pass = 2;
  d.stretch = true;
  std::vector<PenSample> samples = rasterTrace(d);
  samples[3].rateHz = 120.0f;
  auto back = parseTrace(formatTrace(samples), "x.csv");
  ASSERT_TRUE(back.ok()) << back.error().format();
  ASSERT_EQ(back->samples.size(), samples.size());
  for (size_t i = 0; i < samples.size(); ++i) {
    const PenSample &a = samples[i], &b = back->samples[i];
    EXPECT_EQ(a.timeS, b.timeS);
    EXPECT_EQ(a.tipMm, b.tipMm);
    EXPECT_EQ(a.axis, b.axis);
    EXPECT_EQ(a.hasAxis, b.hasAxis);
    EXPECT_EQ(a.contact, b.contact);
    EXPECT_EQ(a.pressure, b.pressure);
    EXPECT_EQ(a.depthMm, b.depthMm);
    EXPECT_EQ(std::isnan(a.rateHz), std::isnan(b.rateHz));
    EXPECT_EQ(a.stretch, b.stretch);
    EXPECT_EQ(a.pass, b.pass);
  }
}

}  // namespace
}  // namespace mnsim
