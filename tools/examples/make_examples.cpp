// Writes the example pen traces in docs/examples and the headless demo's trace in assets/demo
// (run: build/tools/mnsim_make_examples docs/examples assets/demo). Each one is a scripted trainee
// on the practice pad; the plans beside them are written by hand.
#include <cstdio>
#include <string>

#include "traces/raster_trace.h"

namespace {

mnsim::RasterDesc padA() {
  mnsim::RasterDesc d;
  d.minMm = {-60.0f, -40.0f};
  d.maxMm = {-0.05f, 40.0f};
  d.speedMmPerS = 40.0f;
  d.sampleRateHz = 50.0;
  d.depthMm = 0.5f;
  return d;
}

std::vector<mnsim::PenSample> crossed(mnsim::RasterDesc d) {
  std::vector<mnsim::PenSample> out;
  for (float dir : {0.0f, 90.0f, 45.0f}) {
    d.directionDeg = dir;
    mnsim::appendTrace(out, mnsim::rasterTrace(d));
  }
  return out;
}

bool write(const std::string& dir, const char* name, const std::vector<mnsim::PenSample>& samples) {
  const std::string path = dir + "/" + name;
  auto status = mnsim::writeTrace(samples, path);
  if (!status) {
    std::fprintf(stderr, "%s\n", status.error().format().c_str());
    return false;
  }
  std::printf("wrote %s (%zu samples)\n", path.c_str(), samples.size());
  return true;
}

}  // namespace

// The demo (mnsim demo): pass 1 horizontal and pass 2 vertical, neat; pass 3 diagonal with lines a
// little too far apart.
std::vector<mnsim::PenSample> demoTrace() {
  mnsim::RasterDesc desc;
  desc.minMm = {-60.0f, -40.0f};
  desc.maxMm = {-0.5f, 40.0f};
  desc.spacingMm = 6.0f;
  desc.speedMmPerS = 40.0f;
  desc.depthMm = 0.5f;
  std::vector<mnsim::PenSample> trace = mnsim::rasterTrace(desc);
  desc.directionDeg = 90.0f;
  mnsim::appendTrace(trace, mnsim::rasterTrace(desc));
  desc.directionDeg = 45.0f;
  desc.spacingMm = 7.5f;
  mnsim::appendTrace(trace, mnsim::rasterTrace(desc));
  return trace;
}

int main(int argc, char** argv) {
  if (argc != 3) {
    std::fprintf(stderr, "usage: mnsim_make_examples EXAMPLES_DIR DEMO_DIR\n");
    return 2;
  }
  const std::string dir = argv[1];
  bool ok = write(argv[2], "demo_trace.csv", demoTrace());
  // Lines one head-width (6 mm) apart: full coverage, no faults.
  mnsim::RasterDesc good = padA();
  ok &= write(dir, "pad_good.csv", crossed(good));
  // Lines twice the head width apart: each pass covers about half, with gaps.
  mnsim::RasterDesc wide = padA();
  wide.spacingMm = 12.0f;
  ok &= write(dir, "pad_wide.csv", crossed(wide));
  // The good raster with the pen tilted 30 degrees: an angle fault on every stamp.
  mnsim::RasterDesc tilted = padA();
  tilted.tiltDeg = 30.0f;
  ok &= write(dir, "pad_tilted.csv", crossed(tilted));
  // Too deep for pad_a's thin skin: 1.5 mm where 0.5 mm is the limit.
  mnsim::RasterDesc deep = padA();
  deep.depthMm = 1.5f;
  ok &= write(dir, "pad_too_deep.csv", crossed(deep));
  // One stroke straight across the mole on pad_b.
  std::vector<mnsim::PenSample> mole = mnsim::strokeTrace({5.0f, 20.0f}, {55.0f, 20.0f}, 40.0f, 50.0);
  ok &= write(dir, "pad_mole.csv", mole);
  return ok ? 0 : 1;
}
