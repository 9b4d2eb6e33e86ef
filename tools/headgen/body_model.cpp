#include "body_model.h"

#include <algorithm>
#include <cmath>

#include <glm/geometric.hpp>

#include "detmath.h"
#include "sdf.h"

namespace headgen {

namespace {

// The umbilicus sits on the midline a little below the middle of the patch.
constexpr double kUmbX = 0.0, kUmbY = -12.0;

enum BodyZone : uint16_t { kUpper, kLowerLeft, kLowerRight, kUmbilicus };

}  // namespace

double bodySurfaceZ(double x, double y) {
  // Abdomen: curved across (radius ~160 mm) and gently along (radius ~500 mm).
  double z = -(x * x) / (2.0 * 160.0) - (y * y) / (2.0 * 500.0);
  // Umbilicus: a funnel about 6 mm deep inside a soft rim.
  const double r = std::sqrt(sq(x - kUmbX) + sq(y - kUmbY));
  const double t = r / 6.5;
  if (t < 1.0) z -= 6.0 * sq(1.0 - t * t);
  const double rim = (r - 7.5) / 2.5;
  if (std::fabs(rim) < 1.0) z += 0.8 * sq(1.0 - rim * rim);
  return z;
}

BodyPatch buildBodyPatch() {
  BodyPatch b;
  b.infos = {
      {"abdomen_upper", "Upper abdomen", true, false, false, false, true},
      {"abdomen_lower_left", "Left lower abdomen", true, false, false, false, true},
      {"abdomen_lower_right", "Right lower abdomen", true, false, false, false, true},
      {"umbilicus", "Umbilicus", false, true, false, false, false},
  };
  // A regular grid, 1 mm apart, split into triangles with alternating diagonals; grid points
  // near the rim of the umbilicus are moved onto the circle so that its border is round.
  const int nx = static_cast<int>(kBodyWidthMm) + 1, ny = static_cast<int>(kBodyHeightMm) + 1;
  const double h = 1.0;
  std::vector<glm::dvec2> xy;
  for (int j = 0; j < ny; ++j)
    for (int i = 0; i < nx; ++i) {
      glm::dvec2 p(-kBodyWidthMm / 2 + i * h, -kBodyHeightMm / 2 + j * h);
      const glm::dvec2 d = p - glm::dvec2(kUmbX, kUmbY);
      const double r = glm::length(d);
      if (std::fabs(r - kUmbilicusRadiusMm) < 0.5 * h && r > 0.0) p = glm::dvec2(kUmbX, kUmbY) + d * (kUmbilicusRadiusMm / r);
      xy.push_back(p);
    }
  std::vector<glm::uvec3> tris;
  std::vector<uint16_t> zones;
  auto id = [nx](int i, int j) { return static_cast<uint32_t>(j * nx + i); };
  for (int j = 0; j + 1 < ny; ++j)
    for (int i = 0; i + 1 < nx; ++i) {
      const uint32_t a = id(i, j), bq = id(i + 1, j), c = id(i + 1, j + 1), d = id(i, j + 1);
      // Counter-clockwise seen from +Z (x right, y up).
      if ((i + j) % 2 == 0) {
        tris.push_back({a, bq, c});
        tris.push_back({a, c, d});
      } else {
        tris.push_back({a, bq, d});
        tris.push_back({bq, c, d});
      }
    }
  for (const glm::uvec3& t : tris) {
    const glm::dvec2 c = (xy[t.x] + xy[t.y] + xy[t.z]) / 3.0;
    uint16_t z;
    if (glm::length(c - glm::dvec2(kUmbX, kUmbY)) < kUmbilicusRadiusMm) z = kUmbilicus;
    else if (c.y >= kUmbY) z = kUpper;
    else z = c.x >= 0.0 ? kLowerLeft : kLowerRight;
    zones.push_back(z);
  }
  // Sort by zone; vertices by first use.
  std::vector<uint32_t> order(tris.size());
  for (uint32_t i = 0; i < order.size(); ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(), [&](uint32_t a, uint32_t c) { return zones[a] < zones[c]; });
  std::vector<uint32_t> remap(xy.size(), UINT32_MAX);
  for (uint32_t o : order) {
    glm::uvec3 t = tris[o];
    for (int k = 0; k < 3; ++k) {
      if (remap[t[k]] == UINT32_MAX) {
        remap[t[k]] = static_cast<uint32_t>(b.mesh.positions.size());
        const glm::dvec2 p = xy[t[k]];
        b.mesh.positions.emplace_back(static_cast<float>(p.x), static_cast<float>(p.y),
                                      static_cast<float>(bodySurfaceZ(p.x, p.y)));
      }
      t[k] = remap[t[k]];
    }
    b.mesh.triangles.push_back(t);
    b.zones.push_back(zones[o]);
  }
  b.mesh.computeVertexNormals();
  auto onSkin = [](double x, double y) {
    return glm::vec3(static_cast<float>(x), static_cast<float>(y), static_cast<float>(bodySurfaceZ(x, y)));
  };
  b.landmarks = {
      {"umbilicus", onSkin(kUmbX, kUmbY)},
      {"midline_top", onSkin(0.0, kBodyHeightMm / 2)},
      {"midline_bottom", onSkin(0.0, -kBodyHeightMm / 2)},
  };
  return b;
}

}  // namespace headgen
