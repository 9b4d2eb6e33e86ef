#include "head_asset.h"

#include <algorithm>
#include <chrono>
#include <stdexcept>
#include <cstdlib>
#include <cstdio>
#include <filesystem>
#include <tuple>

#include <mnsim/geometry/bvh.h>
#include <mnsim/geometry/mesh.h>

#include "detmath.h"
#include "extract.h"
#include "face_measure.h"
#include "face_fit.h"
#include "hash_map.h"
#include "head_landmarks.h"
#include "head_model.h"
#include "head_zones.h"
#include "bake.h"
#include "body_model.h"
#include "uv_atlas.h"
#include "io.h"
#include "parallel.h"
#include "remesh.h"
#include "render.h"
#include "skin_tones.h"

namespace headgen {

namespace fs = std::filesystem;

// Remeshing targets (mm). A remesh started from a much finer mesh settles at about 0.75 of its
// target (collapses that would make edges longer than 4/3 of it are refused), so these are set
// about a third above the wanted lengths: ~1.4 mm on the scoring mesh, ~0.8 mm at fine detail
// (lid margins, lips, nostrils, ears), and ~4.5 mm on the drawing mesh.
constexpr double kFineEdgeMm = 1.85;
constexpr double kFineDetailEdgeMm = 1.05;
constexpr double kDrawEdgeMm = 5.9;
constexpr double kDrawDetailEdgeMm = 2.3;
// The coarse head of --preview and of the face's fit rounds: extraction cell, edge, detail edge.
constexpr double kPreviewCellMm = 1.1, kPreviewEdgeMm = 2.4, kPreviewDetailEdgeMm = 1.1;

namespace {

struct Timer {
  std::chrono::steady_clock::time_point start = std::chrono::steady_clock::now();
  void lap(const char* what) {
    const auto now = std::chrono::steady_clock::now();
    std::fprintf(stderr, "  %-34s %6.2f s\n", what, std::chrono::duration<double>(now - start).count());
    start = now;
  }
};

mnsim::TriMesh toTriMesh(const TriSoup& soup) {
  mnsim::TriMesh m;
  m.positions.reserve(soup.positions.size());
  for (const V3& p : soup.positions) m.positions.emplace_back(p);
  for (const auto& t : soup.triangles) m.triangles.emplace_back(t[0], t[1], t[2]);
  m.computeVertexNormals();
  return m;
}

TriSoup buildHeadSurface(const HeadModel& model, double cellMm, double edgeMm, double fineEdgeMm, Timer& timer) {
  const Sdf sdf = [&](const V3& p) { return model.sdf(p); };
  ExtractDesc ex;
  ex.cellMm = cellMm;
  ex.lo = V3(-110.0, model.proportions().neckCutY, -125.0);
  ex.hi = V3(110.0, 150.0, 140.0);
  ex.cutY = model.proportions().neckCutY;
  ExtractStats stats;
  TriSoup soup = extractSurface(sdf, ex, &stats);
  std::fprintf(stderr, "  extraction: %zu evaluations, %zu cells, %zu triangles\n", stats.evaluations,
               stats.activeCells, soup.triangles.size());
  soup = largestComponent(soup);
  timer.lap("surface extraction");
  RemeshDesc rd;
  rd.targetEdgeMm = edgeMm;
  rd.sizing = [&](const V3& p) { return model.edgeLength(p, edgeMm, fineEdgeMm); };
  rd.iterations = 10;
  rd.hasCut = true;
  rd.cutY = model.proportions().neckCutY;
  TriSoup fine = remeshSurface(soup, sdf, rd);
  timer.lap("isotropic remeshing");
  std::fprintf(stderr, "  fine mesh: %s\n", describe(measureQuality(fine)).c_str());
  {
    // Euler characteristic: 1 for a disk (closed but for the neck's cut, no handles).
    HashMap<uint8_t> edges;
    size_t e = 0;
    for (const auto& t : fine.triangles)
      for (int k = 0; k < 3; ++k) {
        const uint32_t a = std::min(t[k], t[(k + 1) % 3]), b = std::max(t[k], t[(k + 1) % 3]);
        if (edges.insert((uint64_t(a) << 32) | b, 1)) ++e;
      }
    const long euler = long(fine.positions.size()) - long(e) + long(fine.triangles.size());
    std::fprintf(stderr, "  topology: V - E + F = %ld%s\n", euler, euler == 1 ? " (a disk)" : " (handles!)");
    if (euler != 1 && std::getenv("HEADGEN_REMESH_DEBUG")) {
      // Genus of pieces of the surface inside boxes: g = (2 - b - chi) / 2 per connected piece.
      struct Box { const char* name; V3 lo, hi; };
      const Box boxes[] = {{"left ear", {55, -45, -50}, {110, 50, 20}}, {"right ear", {-110, -45, -50}, {-55, 50, 20}},
                           {"nose", {-26, -42, 70}, {26, 30, 130}}, {"left eye", {10, 0, 50}, {55, 30, 100}},
                           {"mouth", {-35, -75, 60}, {35, -35, 120}}};
      for (const Box& bx : boxes) {
        std::vector<std::array<uint32_t, 3>> tris;
        for (const auto& t : fine.triangles) {
          const V3 c = (fine.positions[t[0]] + fine.positions[t[1]] + fine.positions[t[2]]) / 3.0;
          if (c.x > bx.lo.x && c.y > bx.lo.y && c.z > bx.lo.z && c.x < bx.hi.x && c.y < bx.hi.y && c.z < bx.hi.z) tris.push_back(t);
        }
        HashMap<uint32_t> ecount;
        std::vector<uint64_t> keys;
        HashMap<uint8_t> verts;
        size_t nv = 0;
        for (const auto& t : tris)
          for (int k = 0; k < 3; ++k) {
            if (verts.insert(t[k], 1)) ++nv;
            const uint32_t a2 = std::min(t[k], t[(k + 1) % 3]), b2 = std::max(t[k], t[(k + 1) % 3]);
            const uint64_t key = (uint64_t(a2) << 32) | b2;
            if (ecount.insert(key, 1)) keys.push_back(key);
            else {
              // count second use
              keys.push_back(key | 0);
            }
          }
        std::sort(keys.begin(), keys.end());
        size_t ne = 0, nb = 0;
        for (size_t i = 0; i < keys.size();) {
          size_t j = i;
          while (j < keys.size() && keys[j] == keys[i]) ++j;
          ++ne;
          if (j - i == 1) ++nb;
          i = j;
        }
        const long chi = long(nv) - long(ne) + long(tris.size());
        std::fprintf(stderr, "    %s: chi %ld, %zu boundary edges\n", bx.name, chi, nb);
      }
    }
  }
  if (std::getenv("HEADGEN_REMESH_DEBUG")) {
    for (const auto& t : fine.triangles) {
      const V3 p[3] = {fine.positions[t[0]], fine.positions[t[1]], fine.positions[t[2]]};
      double minAngle = 180.0;
      for (int k = 0; k < 3; ++k) {
        const V3 e1 = p[(k + 1) % 3] - p[k], e2 = p[(k + 2) % 3] - p[k];
        minAngle = std::min(minAngle, dm::acos(glm::dot(e1, e2) / (glm::length(e1) * glm::length(e2))) * 180.0 / dm::kPi);
      }
      if (minAngle < 20.0) {
        const V3 c = (p[0] + p[1] + p[2]) / 3.0;
        std::fprintf(stderr, "    bad triangle %.1f deg at (%.1f, %.1f, %.1f)\n", minAngle, c.x, c.y, c.z);
      }
    }
    const mnsim::TriMesh tm = toTriMesh(fine);
    HashMap<uint32_t> dir;
    for (uint32_t t = 0; t < tm.triangles.size(); ++t)
      for (int k = 0; k < 3; ++k) dir.insert((uint64_t(tm.triangles[t][k]) << 32) | tm.triangles[t][(k + 1) % 3], t);
    for (uint32_t t = 0; t < tm.triangles.size(); ++t)
      for (int k = 0; k < 3; ++k) {
        const uint32_t* o = dir.find((uint64_t(tm.triangles[t][(k + 1) % 3]) << 32) | tm.triangles[t][k]);
        if (o && *o > t && glm::dot(tm.faceNormal(t), tm.faceNormal(*o)) < -0.2f) {
          const glm::vec3 c = tm.centroid(t);
          std::fprintf(stderr, "    fold at (%.1f, %.1f, %.1f)\n", c.x, c.y, c.z);
        }
      }
  }
  return fine;
}

// Sculpting aid: where the surface should pass in each section (Farkas norms and profile
// studies; see assets/ASSETS.md). Drawn as red dots on the slice pictures.
struct SliceTarget {
  int panel;
  double u, v;
};

void writeSlices(const HeadModel& model, const std::string& dir) {
  fs::create_directories(dir);
  // Sections at 0.5 mm per pixel, grid every 10 mm.
  struct Panel {
    const char* name;
    int axis;  // 0: sagittal (z right, y up) at x = value; 1: horizontal (x right, z up) at y = value;
               // 2: coronal (x right, y up) at z = value
    double value;
  };
  const Panel panels[] = {{"sagittal_x0", 0, 0.0},       {"sagittal_x31", 0, 31.0},
                          {"horizontal_y40", 1, 40.0},   {"horizontal_y13", 1, 13.0},
                          {"horizontal_y-20", 1, -20.0}, {"horizontal_y-55", 1, -55.0},
                          {"horizontal_y-85", 1, -85.0}, {"coronal_z0", 2, 0.0},
                          {"horizontal_y-130", 1, -130.0}, {"sagittal_x60", 0, 60.0},
                          {"coronal_z60", 2, 60.0},      {"sagittal_x17", 0, 17.0},
                          {"ear_x70", 0, 70.0}, {"ear_x72", 0, 72.0}, {"ear_x74", 0, 74.0}, {"ear_x76", 0, 76.0},
                          {"coronal_z20", 2, 20.0}, {"coronal_z40", 2, 40.0}, {"sagittal_x6", 0, 6.5},
                          {"horizontal_y-30", 1, -30.0}, {"sagittal_x45", 0, 45.0}};
  // Sheet layout: three columns of panels.
  const int sheetOrder[12] = {0, 11, 1, 9, 7, 10, 2, 3, 4, 5, 6, 8};
  const size_t panelCount = sizeof(panels) / sizeof(panels[0]);
  std::vector<std::vector<uint8_t>> images(panelCount);
  std::vector<int> widths(panelCount), heights(panelCount);
  const std::vector<SliceTarget> targets = {
      // midsagittal profile (z, y)
      {0, -8, 129}, {0, 40, 120}, {0, 82, 93}, {0, 95, 60}, {0, 98, 31}, {0, 92, 20}, {0, 101, 0},
      {0, 116, -21}, {0, 98, -33}, {0, 103, -45}, {0, 99, -54.5}, {0, 100, -64}, {0, 92, -75},
      {0, 97, -88}, {0, 90, -102}, {0, 80, -104.5}, {0, 60, -110}, {0, 42, -121}, {0, 36, -190},
      {0, -96, 30}, {0, -75, 85}, {0, -45, 112}, {0, -76, -40}, {0, -68, -100}, {0, -78, -190},
      // eye level y = 13 (x, z)
      {3, 0, 90}, {3, 16, 76}, {3, 31, 81.5}, {3, 45, 63}, {3, 52, 56}, {3, 60, 38}, {3, 67, 10},
      {3, 72, -30}, {3, 55, -78}, {3, 0, -97},
      // forehead y = 40
      {2, 0, 97}, {2, 30, 89}, {2, 50, 68}, {2, 62, 40}, {2, 72, 0}, {2, 75, -30}, {2, 0, -97},
      // nose tip level y = -20
      {4, 0, 116}, {4, 17.5, 95}, {4, 30, 83}, {4, 45, 72}, {4, 56, 54}, {4, 63, 30}, {4, 66, 10},
      // mouth y = -55
      {5, 0, 99}, {5, 25.5, 86}, {5, 35, 79}, {5, 45, 62}, {5, 52, 40}, {5, 54, 15}, {5, 48, -40},
      {5, 0, -76},
      // chin y = -85
      {6, 0, 97}, {6, 20, 84}, {6, 32, 66}, {6, 42, 40},
      // coronal z = 0 (x, y)
      {7, 75, 45}, {7, 60, 105}, {7, 0, 129}, {7, 56, -130},
      // neck y = -130
      {8, 0, 42}, {8, 56, -12}, {8, 0, -70},
  };
  const double res = 0.75;
  for (size_t pi = 0; pi < sizeof(panels) / sizeof(panels[0]); ++pi) {
    const Panel& panel = panels[pi];
    double u0, u1, v0, v1;
    if (panel.axis == 0) { u0 = -130; u1 = 135; v0 = -200; v1 = 145; }
    else if (panel.axis == 1) { u0 = -105; u1 = 105; v0 = -125; v1 = 135; }
    else { u0 = -105; u1 = 105; v0 = -200; v1 = 145; }
    const int w = static_cast<int>((u1 - u0) / res), h = static_cast<int>((v1 - v0) / res);
    std::vector<float> d(size_t(w) * h);
    parallelFor(size_t(h), [&](size_t row) {
      for (int x = 0; x < w; ++x) {
        const double u = u0 + (x + 0.5) * res, v = v1 - (row + 0.5) * res;
        V3 p;
        if (panel.axis == 0) p = V3(panel.value, v, u);
        else if (panel.axis == 1) p = V3(u, panel.value, v);
        else p = V3(u, v, panel.value);
        d[row * w + x] = static_cast<float>(model.sdf(p));
      }
    }, 4);
    std::vector<uint8_t> img(size_t(w) * h * 3);
    for (int y = 0; y < h; ++y)
      for (int x = 0; x < w; ++x) {
        const float v = d[size_t(y) * w + x];
        uint8_t r = v < 0 ? 235 : 255, g = v < 0 ? 205 : 255, b = v < 0 ? 190 : 255;
        const int gu = static_cast<int>(std::floor((u0 + x * res) / 10.0)),
                  gu1 = static_cast<int>(std::floor((u0 + (x + 1) * res) / 10.0));
        const int gv = static_cast<int>(std::floor((v1 - y * res) / 10.0)),
                  gv1 = static_cast<int>(std::floor((v1 - (y + 1) * res) / 10.0));
        if (gu != gu1 || gv != gv1) { r = r * 8 / 10; g = g * 8 / 10; b = b * 85 / 100; }
        if ((gu != gu1 && gu1 == 0) || (gv != gv1 && gv == 0)) { r = 100; g = 100; b = 220; }
        if (x + 1 < w && y + 1 < h) {
          const float vr = d[size_t(y) * w + x + 1], vd = d[size_t(y + 1) * w + x];
          if ((v < 0) != (vr < 0) || (v < 0) != (vd < 0)) { r = 0; g = 0; b = 0; }
        }
        uint8_t* px = &img[(size_t(y) * w + x) * 3];
        px[0] = r; px[1] = g; px[2] = b;
      }
    for (const SliceTarget& t : targets) {
      if (t.panel != static_cast<int>(pi)) continue;
      for (int side = -1; side <= 1; side += 2) {
        if (side < 0 && panel.axis == 0) continue;
        const double tu = panel.axis == 0 ? t.u : side * t.u;
        const int cx = static_cast<int>((tu - u0) / res), cy = static_cast<int>((v1 - t.v) / res);
        for (int dy = -3; dy <= 3; ++dy)
          for (int dx = -3; dx <= 3; ++dx) {
            if (dx * dx + dy * dy > 9) continue;
            const int px = cx + dx, py = cy + dy;
            if (px < 0 || py < 0 || px >= w || py >= h) continue;
            uint8_t* q = &img[(size_t(py) * w + px) * 3];
            q[0] = 230; q[1] = 20; q[2] = 20;
          }
      }
    }
    writePng(dir + "/" + panel.name + ".png", w, h, 3, img);
    images[pi] = img;
    widths[pi] = w;
    heights[pi] = h;
  }
  // Rows of three panels each, scaled to fit cells.
  const int cellW = 360, cellH = 470, cols = 4;
  const int rows = 3;
  std::vector<uint8_t> sheet(size_t(cellW * cols) * cellH * rows * 3, 255);
  for (int k = 0; k < 12; ++k) {
    const int pi = sheetOrder[k];
    const int ox = (k % cols) * cellW, oy = (k / cols) * cellH;
    for (int y = 0; y < std::min(heights[pi], cellH - 4); ++y)
      for (int x = 0; x < std::min(widths[pi], cellW - 4); ++x)
        for (int c = 0; c < 3; ++c)
          sheet[(size_t(oy + y) * cellW * cols + ox + x) * 3 + c] = images[pi][(size_t(y) * widths[pi] + x) * 3 + c];
  }
  writePng(dir + "/sheet.png", cellW * cols, cellH * rows, 3, sheet);
}

struct View {
  const char* file;
  double azimuthDeg;  // camera position around the head, 0 = in front
  double elevationDeg;
};

// Where the skin is coloured, 0..1 each: the same definitions for the pictures (headAlbedo)
// and for the assets' tint map (headTint), so that the app's head matches the docs pictures.
struct SkinMarks {
  double cheek = 0.0;    // warmth on the cheeks, as blood shows there
  double lip = 0.0;      // the red of the lips (the vermilion)
  double brow = 0.0;     // eyebrow cover
  double nostril = 0.0;  // the inside of the nostrils
  double hair = 0.0;     // short hair above the hairline (not on the ears)
  double lash = 0.0;     // lashes along the closed lid margin
};

SkinMarks skinMarks(const HeadModel& model, const V3& p) {
  SkinMarks m;
  const double cheek = std::max(0.0, 1.0 - glm::length(glm::dvec2(std::fabs(p.x) - 40.0, p.y + 12.0)) / 22.0);
  m.cheek = cheek * (p.z > 40 ? 1.0 : 0.0);
  m.lip = smoothstep(-0.6, 0.6, model.insideVermilion(p));
  m.brow = model.eyebrow(p);
  m.nostril = smoothstep(0.8, -0.3, model.nostrilPocket(p)) * smoothstep(-32.0, -28.5, p.y);
  m.hair = model.onEar(p) ? 0.0 : smoothstep(-1.0, 4.0, model.aboveHairline(p));
  m.lash = 1.0 - smoothstep(0.6, 1.6, model.lidMarginDistance(p));
  return m;
}

// Colour per vertex for the pictures: skin tone, red of the lips, eyebrows, lashes and short hair.
std::vector<glm::vec3> headAlbedo(const HeadModel& model, const mnsim::TriMesh& mesh, const SkinTone& tone) {
  const glm::vec3 skin = srgbToLinearRgb(tone.srgb);
  const glm::vec3 lip = skin * glm::vec3(0.78f, 0.52f, 0.55f);
  const glm::vec3 hair(0.022f, 0.016f, 0.012f);
  std::vector<glm::vec3> out(mesh.positions.size());
  parallelFor(mesh.positions.size(), [&](size_t i) {
    const SkinMarks m = skinMarks(model, V3(mesh.positions[i]));
    glm::vec3 c = skin;
    c = glm::mix(c, c * glm::vec3(1.04f, 0.93f, 0.92f), static_cast<float>(m.cheek));
    c = glm::mix(c, lip, static_cast<float>(m.lip));
    c = glm::mix(c, hair, static_cast<float>(0.82 * m.brow));
    // The inside of the nostrils is in shade and redder (mucosa): reads as an opening.
    c = glm::mix(c, c * glm::vec3(0.42f, 0.30f, 0.29f), static_cast<float>(m.nostril));
    c = glm::mix(c, hair, static_cast<float>(0.80 * m.hair));
    c = glm::mix(c, hair, static_cast<float>(0.85 * m.lash));
    out[i] = c;
  });
  return out;
}

// Smooth value noise, 0..1, with cells `cellMm` across (per axis): hashed lattice values,
// interpolated with smoothstep weights; integer and polynomial arithmetic only (deterministic).
double valueNoise(const V3& p, const V3& cellMm, uint32_t seed) {
  const V3 q = p / cellMm, f = glm::floor(q), t = q - f, w = t * t * (3.0 - 2.0 * t);
  auto corner = [&](int dx, int dy, int dz) {
    uint32_t h = seed;
    for (const int c : {static_cast<int>(f.x) + dx, static_cast<int>(f.y) + dy, static_cast<int>(f.z) + dz}) {
      h ^= static_cast<uint32_t>(c) + 0x9e3779b9U + (h << 6) + (h >> 2);
      h *= 0x85ebca6bU;
      h ^= h >> 13;
    }
    h *= 0xc2b2ae35U;
    h ^= h >> 16;
    return (h & 0xffffff) / 16777216.0;
  };
  const double x00 = mix(corner(0, 0, 0), corner(1, 0, 0), w.x), x10 = mix(corner(0, 1, 0), corner(1, 1, 0), w.x);
  const double x01 = mix(corner(0, 0, 1), corner(1, 0, 1), w.x), x11 = mix(corner(0, 1, 1), corner(1, 1, 1), w.x);
  return mix(mix(x00, x10, w.y), mix(x01, x11, w.y), w.z);
}

// The tint map's colour factors at a point of the skin: RGB factors on the skin's sRGB colour
// (1 = unchanged), read by the app (head_tint.png). They must look right on every Fitzpatrick
// type: hair and brows are a dark, slightly warm fraction of the skin (dark brown on type I,
// near black on type VI), lips a redder, darker skin, the nostrils' inside darker still. The
// regions are the pictures' (skinMarks); the map adds what its finer texels can hold: a hairline
// broken up by single hairs, a faint grain in the hair and brows, brows lighter at their heads,
// strands of lighter and darker hair.
glm::vec3 headTint(const HeadModel& model, const V3& p) {
  const glm::vec3 warm(1.0f, 0.965f, 0.96f), lip(0.88f, 0.73f, 0.75f), nostril(0.42f, 0.32f, 0.31f);
  const glm::vec3 hair(0.34f, 0.315f, 0.30f), brow(0.38f, 0.34f, 0.32f), lash(0.34f, 0.31f, 0.29f);
  const SkinMarks m = skinMarks(model, p);
  const double grain = valueNoise(p, V3(1.1), 11u), patch = valueNoise(p, V3(7.0), 12u);
  glm::vec3 f(1.0f);
  // Warmth on the cheeks (the pictures' patch, faded out towards the ear instead of cut off at
  // z = 40, which the map's finer texels would show as an edge) and on the nose tip.
  const double cheek = std::max(0.0, 1.0 - glm::length(glm::dvec2(std::fabs(p.x) - 40.0, p.y + 12.0)) / 22.0);
  f = glm::mix(f, warm, static_cast<float>(cheek * smoothstep(34.0, 46.0, p.z)));
  f = glm::mix(f, warm, static_cast<float>(0.6 * std::max(0.0, 1.0 - glm::length(p - V3(0.0, -19.0, 112.0)) / 11.0)));
  f = glm::mix(f, lip, static_cast<float>(m.lip));
  if (m.brow > 0.0) {
    // Edges broken by hairs (grain stretched along the brow), the head sparser than the tail.
    const double strand = valueNoise(p, V3(2.6, 0.7, 0.7), 13u);
    const double cover = smoothstep(0.12, 0.8, m.brow + 0.45 * (strand - 0.5)) *
                         (0.55 + 0.45 * smoothstep(13.0, 22.0, std::fabs(p.x)));
    f = glm::mix(f, brow, static_cast<float>(0.92 * cover));
  }
  f *= glm::mix(glm::vec3(1.0f), nostril, static_cast<float>(m.nostril));
  if (!model.onEar(p)) {
    // Height above the hairline over the length of its gradient: about the distance across the
    // hairline, so that it frays over the same width where it runs steeply (the sideburns,
    // around the ear) as across the forehead. It wanders a little and frays into single hairs;
    // the hair has a faint grain.
    const double e = 0.5, h = model.aboveHairline(p);
    const double gx = (model.aboveHairline(p + V3(e, 0, 0)) - model.aboveHairline(p - V3(e, 0, 0))) / (2 * e);
    const double gz = (model.aboveHairline(p + V3(0, 0, e)) - model.aboveHairline(p - V3(0, 0, e))) / (2 * e);
    // (Far above it, h itself: near the crown, the axis the hairline is described around, the
    // gradient grows without bound.)
    const double across = std::max(h / std::sqrt(1.0 + gx * gx + gz * gz), h - 12.0) + 2.5 * (patch - 0.5);
    const double s = smoothstep(-1.5, 3.5, across);
    const double cover = smoothstep(0.0, 1.0, s + 4.0 * s * (1.0 - s) * 1.2 * (grain - 0.5));
    // Strands: thin across the head's sides (x), long in the sagittal plane, a little lighter
    // and darker each, so that the hair is not one flat colour.
    const double strands = valueNoise(p, V3(0.9, 4.0, 4.0), 21u);
    f = glm::mix(f, hair * static_cast<float>((0.96 + 0.08 * grain) * (0.86 + 0.28 * strands)), static_cast<float>(cover));
  }
  f = glm::mix(f, lash, static_cast<float>(0.85 * m.lash));
  return f;
}

// The skin's fine relief for the normal map, as a height field h (mm) whose slope tilts the
// normal: pores and fine grain over the face (strongest on the nose and cheeks, where pores are
// largest), fine vertical lines on the lips, and strands on the scalp's hair running back and
// down from the crown (so that the hair reads as hair, not as a painted cap). Cells are at least
// 0.7 mm, above the map's 0.29 mm texel. `p` is a point of the sculpt.
double skinRelief(const HeadModel& model, const V3& p, const V3& n) {
  const SkinMarks m = skinMarks(model, p);
  // Pores: pits where a fine noise is high; grain: two octaves of softer noise.
  const double poreNoise = valueNoise(p, V3(0.8), 7u);
  const double pores = -smoothstep(0.62, 0.9, poreNoise) * 0.030;
  const double grain = (valueNoise(p, V3(1.6), 11u) - 0.5) * 0.022 + (valueNoise(p, V3(3.5), 13u) - 0.5) * 0.018;
  const double nose = smoothstep(30.0, 10.0, glm::length(glm::dvec2(p.x, p.y + 18.0))) * (p.z > 80 ? 1.0 : 0.0);
  double h = (grain + pores * (0.6 + 0.8 * std::max(m.cheek, nose))) * (1.0 - m.lip) * (1.0 - m.hair);
  // Lips: fine lines across the vermilion, about a millimetre apart.
  h += m.lip * (valueNoise(p, V3(0.9, 6.0, 0.9), 17u) - 0.5) * 0.05;
  // Hair: strands along the direction of the hair (back and down over the scalp), a fine
  // anisotropic noise, long along the strand and thin across it.
  if (m.hair > 0.0) {
    V3 along = V3(0.0, -0.35, -1.0);
    along = glm::normalize(along - glm::dot(along, n) * n);
    const V3 across = glm::normalize(glm::cross(n, along));
    const V3 q(glm::dot(p, along) / 7.0, glm::dot(p, across) / 0.7, glm::dot(p, n) / 0.7);
    h += m.hair * (valueNoise(q, V3(1.0), 19u) - 0.5) * 0.16;
  }
  return h;
}

// The normal tilted by the relief's slope along the surface (central differences, 0.25 mm).
glm::vec3 reliefNormal(const HeadModel& model, const glm::vec3& point, const glm::vec3& normal) {
  const V3 p(point), n(normal);
  V3 t = glm::abs(n.x) < 0.9 ? V3(1, 0, 0) : V3(0, 1, 0);
  t = glm::normalize(t - glm::dot(t, n) * n);
  const V3 b = glm::cross(n, t);
  const double e = 0.25;
  const double dt = (skinRelief(model, p + e * t, n) - skinRelief(model, p - e * t, n)) / (2 * e);
  const double db = (skinRelief(model, p + e * b, n) - skinRelief(model, p - e * b, n)) / (2 * e);
  return glm::vec3(glm::normalize(n - dt * t - db * b));
}

const std::vector<glm::vec3>& zoneColors() {
  // Calm, distinct colours (sRGB); left and right share a colour.
  static const std::vector<glm::vec3> colors = {
      {0.86f, 0.78f, 0.55f},  // forehead
      {0.82f, 0.60f, 0.56f},  // glabella
      {0.58f, 0.74f, 0.86f}, {0.58f, 0.74f, 0.86f},  // temples
      {0.66f, 0.85f, 0.68f}, {0.66f, 0.85f, 0.68f},  // periorbital
      {0.83f, 0.68f, 0.86f}, {0.83f, 0.68f, 0.86f},  // crow's feet
      {0.95f, 0.56f, 0.44f}, {0.95f, 0.56f, 0.44f},  // eyelids (no-go)
      {0.72f, 0.22f, 0.24f}, {0.72f, 0.22f, 0.24f},  // eyes (no-go)
      {0.64f, 0.66f, 0.92f},                          // nose
      {0.93f, 0.82f, 0.66f}, {0.93f, 0.82f, 0.66f},  // cheeks
      {0.56f, 0.80f, 0.80f},                          // upper lip
      {0.84f, 0.28f, 0.40f},                          // lips (no-go)
      {0.74f, 0.86f, 0.52f},                          // chin
      {0.52f, 0.68f, 0.60f}, {0.52f, 0.68f, 0.60f},  // jawline
      {0.79f, 0.74f, 0.88f},                          // neck
      {0.66f, 0.65f, 0.60f},                          // scalp
      {0.92f, 0.90f, 0.78f}, {0.92f, 0.90f, 0.78f},  // ears
  };
  return colors;
}

void renderHead(const HeadModel& model, const mnsim::TriMesh& mesh, const std::vector<uint16_t>& zones,
                const std::string& dir, bool preview) {
  fs::create_directories(dir);
  Timer timer;
  const mnsim::Bvh bvh = mnsim::Bvh::build(mesh);
  RenderScene scene;
  scene.mesh = &mesh;
  scene.bvh = &bvh;
  scene.vertexAo = smoothVertexField(mesh, vertexAmbientOcclusion(mesh, bvh, preview ? 16 : 64, 45.0f), 3);
  const SkinTone& tone = fitzpatrickTones()[2];
  scene.vertexAlbedo = headAlbedo(model, mesh, tone);
  scene.scatterTint = tone.scatterTint;
  timer.lap("ambient occlusion");
  std::vector<View> views = {{"head_front.png", 0.0, 4.0}, {"head_three_quarter.png", 38.0, 6.0},
                             {"head_profile.png", 90.0, 2.0}, {"head_zones.png", 30.0, 6.0}};
  if (preview) views.push_back({"closeup.png", 25.0, 5.0});
  if (preview || std::getenv("HEADGEN_CLOSEUPS")) views.push_back({"ear.png", 75.0, 12.0});
  if (!preview && std::getenv("HEADGEN_CLOSEUPS")) views.push_back({"closeup.png", 25.0, 5.0});
  if (std::getenv("HEADGEN_CLOSEUPS")) views.push_back({"ear_back.png", 140.0, 25.0});
  if (std::getenv("HEADGEN_CLOSEUPS")) views.push_back({"ear_front.png", 40.0, 10.0});
  if (std::getenv("HEADGEN_CLOSEUPS")) views.push_back({"nose_below.png", 15.0, -35.0});
  if (std::getenv("HEADGEN_CLOSEUPS")) views.push_back({"jaw.png", 60.0, -10.0});
  scene.triangleZone = zones;
  scene.zoneColors = zoneColors();
  if (const char* custom = std::getenv("HEADGEN_VIEW")) {
    // Sculpting aid: one extra picture, custom.png, from "azimuth,elevation,tx,ty,tz,fov".
    double az, el, tx, ty, tz, fov;
    if (std::sscanf(custom, "%lf,%lf,%lf,%lf,%lf,%lf", &az, &el, &tx, &ty, &tz, &fov) == 6) {
      Camera cam;
      cam.target = V3(tx, ty, tz);
      az *= dm::kPi / 180.0;
      el *= dm::kPi / 180.0;
      cam.eye = cam.target + V3(dm::sin(az) * dm::cos(el), dm::sin(el), dm::cos(az) * dm::cos(el)) * 700.0;
      cam.fovYDeg = fov;
      RenderDesc rd;
      rd.width = 960;
      rd.height = 720;
      writePng(dir + "/custom.png", rd.width, rd.height, 3, renderImage(scene, cam, rd));
    }
  }
  for (const View& v : views) {
    Camera cam;
    const double dist = 1150.0;
    const std::string file = v.file;
    if (file == "closeup.png" || file == "nose_below.png" || file == "jaw.png" || file.rfind("ear", 0) == 0) {
      cam.target = file.rfind("ear", 0) == 0 ? V3(74.0, 2.0, -12.0)
                   : file == "nose_below.png" ? V3(0.0, -30.0, 95.0)
                   : file == "jaw.png"        ? V3(20.0, -75.0, 30.0)
                                              : V3(8.0, -15.0, 80.0);
      const double az = v.azimuthDeg * dm::kPi / 180.0, el = v.elevationDeg * dm::kPi / 180.0;
      cam.eye = cam.target + V3(dm::sin(az) * dm::cos(el), dm::sin(el), dm::cos(az) * dm::cos(el)) * 700.0;
      cam.fovYDeg = file.rfind("ear", 0) == 0 || file == "nose_below.png" ? 7.0 : 11.0;
      RenderDesc rd;
      rd.width = 960;
      rd.height = 540;
      rd.samplesPerAxis = 2;
      writePng(dir + "/" + v.file, rd.width, rd.height, 3, renderImage(scene, cam, rd));
      continue;
    }
    const double az = v.azimuthDeg * dm::kPi / 180.0, el = v.elevationDeg * dm::kPi / 180.0;
    cam.target = V3(0.0, -28.0, 0.0);
    cam.eye = cam.target + V3(dm::sin(az) * dm::cos(el), dm::sin(el), dm::cos(az) * dm::cos(el)) * dist;
    cam.fovYDeg = 17.5;
    RenderDesc rd;
    rd.zones = std::string(v.file) == "head_zones.png";
    if (preview) {
      rd.width = 960;
      rd.height = 540;
      rd.samplesPerAxis = 1;
    }
    const std::vector<uint8_t> img = renderImage(scene, cam, rd);
    writePng(dir + "/" + v.file, rd.width, rd.height, 3, img);
    timer.lap(v.file);
  }
}

void sortByZone(mnsim::TriMesh& mesh, std::vector<uint16_t>& zones);

// The light drawing mesh: the same surface remeshed coarsely, its zones taken from the nearest
// scoring triangle, a texture atlas, and the fine mesh's normals baked into an object-space map.
void writeDrawingMesh(const HeadModel& model, const mnsim::TriMesh& fineMesh, const mnsim::Bvh& fineBvh,
                      const std::vector<uint16_t>& fineZones, const std::string& dir, const std::string& name, bool preview,
                      Timer& timer) {
  // The fine creases (lid margins, the line between the lips) are left to the normal map: the
  // coarse triangles would fold into them.
  const Sdf sdf = [&](const V3& p) { return model.sdfWithoutDetail(p); };
  TriSoup soup;
  for (const glm::vec3& p : fineMesh.positions) soup.positions.emplace_back(p);
  for (const glm::uvec3& t : fineMesh.triangles) soup.triangles.push_back({t.x, t.y, t.z});
  RemeshDesc rd;
  rd.targetEdgeMm = preview ? 7.0 : kDrawEdgeMm;
  rd.sizing = [&](const V3& p) { return model.edgeLength(p, rd.targetEdgeMm, preview ? 3.5 : kDrawDetailEdgeMm); };
  rd.iterations = 12;
  rd.hasCut = true;
  rd.cutY = model.proportions().neckCutY;
  const TriSoup draw = remeshSurface(soup, sdf, rd);
  std::fprintf(stderr, "  drawing mesh: %s\n", describe(measureQuality(draw)).c_str());
  timer.lap("drawing mesh");
  mnsim::TriMesh dm = toTriMesh(draw);
  if (std::getenv("HEADGEN_REMESH_DEBUG")) {
    HashMap<uint32_t> dir;
    for (uint32_t t = 0; t < dm.triangles.size(); ++t)
      for (int k = 0; k < 3; ++k) dir.insert((uint64_t(dm.triangles[t][k]) << 32) | dm.triangles[t][(k + 1) % 3], t);
    for (uint32_t t = 0; t < dm.triangles.size(); ++t)
      for (int k = 0; k < 3; ++k) {
        const uint32_t* o = dir.find((uint64_t(dm.triangles[t][(k + 1) % 3]) << 32) | dm.triangles[t][k]);
        if (o && *o > t && glm::dot(dm.faceNormal(t), dm.faceNormal(*o)) < 0.0f) {
          const glm::vec3 c = dm.centroid(t);
          std::fprintf(stderr, "    drawing fold at (%.1f, %.1f, %.1f)\n", c.x, c.y, c.z);
        }
      }
  }
  std::vector<uint16_t> zones(dm.triangles.size());
  for (size_t t = 0; t < dm.triangles.size(); ++t) {
    const auto c = fineBvh.closestPoint(dm.centroid(t), 20.0f);
    zones[t] = c ? fineZones[c->triangle] : 0;
  }
  sortByZone(dm, zones);
  AtlasDesc ad;
  ad.sizeTexels = preview ? 1024 : 2048;
  const Atlas atlas = buildAtlas(dm, ad);
  std::fprintf(stderr, "  atlas: %zu charts, %.2f texels/mm (%.3f mm per texel), %.0f%% covered\n", atlas.chartCount,
               atlas.texelsPerMm, 1.0 / atlas.texelsPerMm, 100.0 * atlas.coverage);
  timer.lap("atlas");
  std::vector<glm::vec3> normals(atlas.positions.size());
  for (size_t i = 0; i < normals.size(); ++i) normals[i] = dm.vertexNormals[atlas.sourceVertex[i]];
  BakeDesc bd;
  bd.size = ad.sizeTexels;
  bd.detail = [&](const glm::vec3& p, const glm::vec3& n) { return reliefNormal(model, p, n); };
  const std::vector<uint8_t> map = bakeNormalMap(atlas, normals, fineMesh, fineBvh, bd);
  timer.lap("normal map");
  writePng(dir + "/" + name + "_normal.png", bd.size, bd.size, 3, map);
  {
    // Colour detail (lips, brows, hair) at half the normal map's size: 0.57 mm per texel, the
    // app's own view texture of this mesh, texel for texel.
    BakeDesc td;
    td.size = bd.size / 2;
    td.dilatePasses = 6;
    const std::vector<uint8_t> tint =
        bakeFactorMap(atlas, normals, fineBvh, td, [&](const glm::vec3& p) { return headTint(model, V3(p)); });
    writePng(dir + "/" + name + "_tint.png", td.size, td.size, 3, tint);
    timer.lap("tint map");
  }
  if (const char* check = std::getenv("HEADGEN_DRAW_CHECK")) {
    // Sculpting aid: the drawing mesh as an app would draw it (the baked normal map, bilinear),
    // from the front and three-quarter views, into the folder named by the variable.
    mnsim::TriMesh am;
    am.positions = atlas.positions;
    am.triangles = atlas.triangles;
    am.computeVertexNormals();
    const mnsim::Bvh abvh = mnsim::Bvh::build(am);
    RenderScene scene;
    scene.mesh = &am;
    scene.bvh = &abvh;
    scene.vertexAo = smoothVertexField(am, vertexAmbientOcclusion(am, abvh, 32, 45.0f), 2);
    const int size = bd.size;
    scene.normalAt = [&](uint32_t t, float u, float v) {
      const glm::uvec3 tri = atlas.triangles[t];
      const glm::vec2 uv = atlas.uvs[tri.x] * (1.0f - u - v) + atlas.uvs[tri.y] * u + atlas.uvs[tri.z] * v;
      const float fx = uv.x * size - 0.5f, fy = (1.0f - uv.y) * size - 0.5f;
      const int x0 = std::clamp(static_cast<int>(std::floor(fx)), 0, size - 2);
      const int y0 = std::clamp(static_cast<int>(std::floor(fy)), 0, size - 2);
      const float ax = std::clamp(fx - x0, 0.0f, 1.0f), ay = std::clamp(fy - y0, 0.0f, 1.0f);
      auto texel = [&](int x, int y) {
        const uint8_t* c = &map[(size_t(y) * size + x) * 3];
        return glm::vec3(c[0], c[1], c[2]) / 127.5f - 1.0f;
      };
      const glm::vec3 n = (texel(x0, y0) * (1 - ax) + texel(x0 + 1, y0) * ax) * (1 - ay) +
                          (texel(x0, y0 + 1) * (1 - ax) + texel(x0 + 1, y0 + 1) * ax) * ay;
      return glm::normalize(n);
    };
    fs::create_directories(check);
    const auto normalMap = scene.normalAt;
    for (const auto& [file, az, el, dist, fov, mapped] :
         {std::tuple{"draw_front.png", 0.0, 4.0, 1150.0, 17.5, true},
          std::tuple{"draw_three_quarter.png", 38.0, 6.0, 1150.0, 17.5, true},
          std::tuple{"draw_nose.png", 10.0, -15.0, 700.0, 6.0, true},
          std::tuple{"draw_nose_plain.png", 10.0, -15.0, 700.0, 6.0, false}}) {
      Camera cam;
      cam.target = std::string(file).rfind("draw_nose", 0) == 0 ? V3(0.0, -28.0, 95.0) : V3(0.0, -28.0, 0.0);
      const double a = az * dm::kPi / 180.0, e = el * dm::kPi / 180.0;
      cam.eye = cam.target + V3(dm::sin(a) * dm::cos(e), dm::sin(e), dm::cos(a) * dm::cos(e)) * dist;
      cam.fovYDeg = fov;
      scene.normalAt = mapped ? normalMap : nullptr;
      RenderDesc rdesc;
      writePng(std::string(check) + "/" + file, rdesc.width, rdesc.height, 3, renderImage(scene, cam, rdesc));
    }
  }
  std::vector<std::string> groupNames;
  for (const mnsim::ZoneInfo& z : headZoneInfos()) groupNames.push_back(z.id);
  std::vector<uint32_t> groups(zones.begin(), zones.end());
  writeObj(dir + "/" + name + "_draw.obj", atlas.positions, atlas.uvs, normals, atlas.triangles, groups, groupNames,
           name + "_draw.mtl",
           "mnsim " + name + " drawing mesh (mm; +Y up, +Z anterior, +X patient's left), UV atlas for " + name +
               "_normal.png; one material per zone; generated by mnsim_headgen");
  std::string mtl = "# Materials of " + name + "_draw.obj: one per zone (same ids as " + name +
                    ".zones.yaml). The object-space normal map " + name + "_normal.png uses the OBJ's UVs.\n";
  for (const std::string& g : groupNames) mtl += "newmtl " + g + "\nKd 0.8 0.8 0.8\n";
  writeText(dir + "/" + name + "_draw.mtl", mtl);
  timer.lap("write drawing mesh");
}

// Orders triangles by zone (each zone one block of indices) and vertices by first use.
void sortByZone(mnsim::TriMesh& mesh, std::vector<uint16_t>& zones) {
  std::vector<uint32_t> order(mesh.triangles.size());
  for (uint32_t i = 0; i < order.size(); ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(), [&](uint32_t a, uint32_t b) { return zones[a] < zones[b]; });
  std::vector<glm::uvec3> tris(order.size());
  std::vector<uint16_t> z(order.size());
  std::vector<uint32_t> remap(mesh.positions.size(), UINT32_MAX);
  std::vector<glm::vec3> pos;
  pos.reserve(mesh.positions.size());
  for (size_t i = 0; i < order.size(); ++i) {
    glm::uvec3 t = mesh.triangles[order[i]];
    for (int k = 0; k < 3; ++k) {
      if (remap[t[k]] == UINT32_MAX) {
        remap[t[k]] = static_cast<uint32_t>(pos.size());
        pos.push_back(mesh.positions[t[k]]);
      }
      t[k] = remap[t[k]];
    }
    tris[i] = t;
    z[i] = zones[order[i]];
  }
  mesh.positions = std::move(pos);
  mesh.triangles = std::move(tris);
  mesh.computeVertexNormals();
  zones = std::move(z);
}

std::string zoneSidecar(const std::string& name, const std::string& meshFile, const std::string& comment,
                        const std::vector<mnsim::ZoneInfo>& infos, const std::vector<uint16_t>& zones,
                        const std::vector<mnsim::Landmark>& landmarks) {
  std::string s;
  s += comment;
  s += "format: mnsim-zones/1\n";
  s += "name: " + name + "\n";
  s += "mesh: " + meshFile + "\n";
  s += "units: mm\n";
  s += "zones:\n";
  auto flag = [](bool b) { return b ? "true" : "false"; };
  for (size_t zi = 0; zi < infos.size(); ++zi) {
    const mnsim::ZoneInfo& z = infos[zi];
    s += "  - id: " + z.id + "\n";
    s += "    name: \"" + z.name + "\"\n";
    s += std::string("    treatable: ") + flag(z.treatable) + "\n";
    s += std::string("    no_go: ") + flag(z.noGo) + "\n";
    s += std::string("    thin_skin: ") + flag(z.thinSkin) + "\n";
    s += std::string("    over_bone: ") + flag(z.overBone) + "\n";
    s += std::string("    needs_stretch: ") + flag(z.needsStretch) + "\n";
    if (z.depthCeilingMm > 0.0f) s += "    depth_ceiling_mm: " + fmt(z.depthCeilingMm, 2) + "\n";
    // Triangles are sorted by zone: one inclusive range each.
    size_t lo = SIZE_MAX, hi = 0;
    for (size_t t = 0; t < zones.size(); ++t)
      if (zones[t] == zi) {
        lo = std::min(lo, t);
        hi = std::max(hi, t);
      }
    if (lo == SIZE_MAX) throw std::runtime_error("zone " + z.id + " has no triangles");
    s += "    select: {triangles: [\"" + std::to_string(lo) + "-" + std::to_string(hi) + "\"]}\n";
  }
  s += "landmarks:\n";
  for (const mnsim::Landmark& l : landmarks)
    s += "  " + l.name + ": [" + fmt(l.positionMm.x, 3) + ", " + fmt(l.positionMm.y, 3) + ", " +
         fmt(l.positionMm.z, 3) + "]\n";
  return s;
}

// A sculpting probe: for each y from y0 down to y1 (2 mm steps), the largest t in [t0, t1) (0.25 mm
// steps) whose point at(t, y) is inside the sculpt, or t0 - 1 when none is.
template <typename At>
void printSculptExtent(const HeadModel& model, const char* what, double y0, double y1, double t0, double t1, At at) {
  for (double y = y0; y >= y1; y -= 2.0) {
    double tMax = t0 - 1.0;
    for (double t = t0; t < t1; t += 0.25)
      if (model.sdf(at(t, y)) < 0.0) tMax = t;
    std::printf("y %.1f  %s %.2f\n", y, what, tMax);
  }
}


// The head's model: the sculpt, brought to the average adult face unless only the sculpt is asked for.
HeadModel headModel(const GenerateOptions& options) {
  // Only the head needs it (not --only body or skin).
  if (!options.fitFace || options.only == "body" || options.only == "skin") return HeadModel{};
  Timer timer;
  std::fprintf(stderr, "face fit:\n");
  std::string error;
  const auto reference = mnsim::face::readReference(mnsim::face::referencePath(MNSIM_SOURCE_DIR), error);
  if (reference.empty()) throw std::runtime_error(error);
  std::vector<std::string> report;
  Timer rounds;
  SurfaceOffset offset = fitFace(HeadProportions{}, reference, [&](const HeadModel& m) {
    return toTriMesh(buildHeadSurface(m, kPreviewCellMm, kPreviewEdgeMm, kPreviewDetailEdgeMm, rounds));
  }, report);
  for (const std::string& line : report) std::fprintf(stderr, "  %s\n", line.c_str());
  timer.lap("face fit");
  return HeadModel(HeadProportions{}, std::move(offset));
}

}  // namespace

void generate(const GenerateOptions& options) {
  const HeadModel model = headModel(options);
  if (const char* probe = std::getenv("HEADGEN_PROBE")) {
    double x, y, z0, z1;
    if (std::sscanf(probe, "%lf,%lf,%lf,%lf", &x, &y, &z0, &z1) == 4)
      for (double z = z0; z <= z1; z += 1.0) std::printf("%.1f %.3f\n", z, model.sdf(V3(x, y, z)));
    return;
  }
  if (const char* probe = std::getenv("HEADGEN_PROBE_WIDTH")) {
    // Half-width of the surface (largest x inside) along a line of y at depth z: "z,y0,y1".
    double z, y0, y1;
    if (std::sscanf(probe, "%lf,%lf,%lf", &z, &y0, &y1) == 3)
      printSculptExtent(model, "half-width", y0, y1, 0.0, 110.0, [&](double x, double y) { return V3(x, y, z); });
    return;
  }
  if (const char* probe = std::getenv("HEADGEN_PROBE_DEPTH")) {
    // Front of the surface (largest z inside) along a line of y at distance x: "x,y0,y1".
    double x, y0, y1;
    if (std::sscanf(probe, "%lf,%lf,%lf", &x, &y0, &y1) == 3)
      printSculptExtent(model, "front", y0, y1, -130.0, 140.0, [&](double z, double y) { return V3(x, y, z); });
    return;
  }
  if (const char* probe = std::getenv("HEADGEN_SLICE")) {
    // One fine section: "axis,value,u0,u1,v0,v1,mmPerPixel[,file]" (axis 0: x = value, u = z, v = y;
    // 1: y = value, u = x, v = z; 2: z = value, u = x, v = y), grid every 5 mm.
    int axis;
    double value, u0, u1, v0, v1, res;
    if (std::sscanf(probe, "%d,%lf,%lf,%lf,%lf,%lf,%lf", &axis, &value, &u0, &u1, &v0, &v1, &res) == 7) {
      const int w = static_cast<int>((u1 - u0) / res), h = static_cast<int>((v1 - v0) / res);
      std::vector<uint8_t> img(size_t(w) * h * 3);
      std::vector<float> d(size_t(w) * h);
      for (int y = 0; y < h; ++y)
        for (int x = 0; x < w; ++x) {
          const double u = u0 + (x + 0.5) * res, v = v1 - (y + 0.5) * res;
          const V3 p = axis == 0 ? V3(value, v, u) : axis == 1 ? V3(u, value, v) : V3(u, v, value);
          d[size_t(y) * w + x] = static_cast<float>(model.sdf(p));
        }
      for (int y = 0; y < h; ++y)
        for (int x = 0; x < w; ++x) {
          const float v = d[size_t(y) * w + x];
          uint8_t r = v < 0 ? 235 : 255, g = v < 0 ? 205 : 255, b = v < 0 ? 190 : 255;
          const double uu = u0 + x * res, vv = v1 - y * res;
          if (std::floor(uu / 5.0) != std::floor((uu + res) / 5.0) || std::floor(vv / 5.0) != std::floor((vv - res) / 5.0)) {
            r = r * 8 / 10; g = g * 8 / 10; b = b * 85 / 100;
          }
          if (x + 1 < w && y + 1 < h) {
            const float vr = d[size_t(y) * w + x + 1], vd = d[size_t(y + 1) * w + x];
            if ((v < 0) != (vr < 0) || (v < 0) != (vd < 0)) { r = 0; g = 0; b = 0; }
          }
          uint8_t* px = &img[(size_t(y) * w + x) * 3];
          px[0] = r; px[1] = g; px[2] = b;
        }
      const std::string out = options.slicesDir.empty() ? std::string("slice.png") : options.slicesDir + "/slice.png";
      writePng(out, w, h, 3, img);
    }
    return;
  }
  if (!options.slicesDir.empty()) writeSlices(model, options.slicesDir);
  if (options.outDir.empty() && options.renderDir.empty()) return;
  const bool all = options.only.empty();
  if (!options.outDir.empty() && (all || options.only == "skin")) {
    fs::create_directories(options.outDir + "/skin");
    writeText(options.outDir + "/skin/fitzpatrick.yaml", fitzpatrickYaml());
  }
  if (!options.outDir.empty() && (all || options.only == "body")) {
    Timer timer;
    std::fprintf(stderr, "body:\n");
    const BodyPatch body = buildBodyPatch();
    const std::string dir = options.outDir + "/body";
    fs::create_directories(dir);
    writePly(dir + "/body.ply", body.mesh.positions, body.mesh.triangles,
             "mnsim body (abdominal skin patch) scoring mesh, mm, +Y up, +Z anterior; generated by mnsim_headgen");
    const std::string comment =
        "# The built-in body: a curved patch of abdominal skin, 200 x 150 mm, facing +Z, with the umbilicus.\n"
        "# Generated by tools/headgen (mnsim_headgen --out assets); do not edit by hand. See assets/ASSETS.md.\n";
    writeText(dir + "/body.zones.yaml", zoneSidecar("body", "body.ply", comment, body.infos, body.zones, body.landmarks));
    std::fprintf(stderr, "  %zu triangles\n", body.mesh.triangles.size());
    timer.lap("body");
  }
  if (all || options.only == "head") {
    Timer timer;
    std::fprintf(stderr, "head:\n");
    const TriSoup fine = buildHeadSurface(model, options.preview ? kPreviewCellMm : 1.0, options.preview ? kPreviewEdgeMm : kFineEdgeMm,
                                         options.preview ? kPreviewDetailEdgeMm : kFineDetailEdgeMm, timer);
    mnsim::TriMesh mesh = toTriMesh(fine);
    std::vector<uint16_t> zones = classifyHeadTriangles(model, mesh);
    sortByZone(mesh, zones);
    timer.lap("zones");
    const mnsim::Bvh bvh = mnsim::Bvh::build(mesh);
    const auto landmarks = findHeadLandmarks(model, mesh, bvh);
    timer.lap("landmarks");
    for (const auto& f : measureFarkas(landmarks))
      std::fprintf(stderr, "  %-9s %6.1f  [%5.1f, %5.1f] %s  %s\n", f.name.c_str(), f.valueMm, f.lowMm, f.highMm,
                   f.valueMm >= f.lowMm && f.valueMm <= f.highMm ? "ok " : "OUT", f.what.c_str());
    if (!options.outDir.empty()) {
      const std::string dir = options.outDir + "/head";
      fs::create_directories(dir);
      writePly(dir + "/head.ply", mesh.positions, mesh.triangles,
               "mnsim head scoring mesh, mm, +Y up, +Z anterior, +X patient's left; generated by mnsim_headgen");
      const std::string comment =
          "# The built-in head: zones and landmarks of head.ply (mm; +Y up, +Z anterior, +X the patient's left).\n"
          "# Generated by tools/headgen (mnsim_headgen --out assets); do not edit by hand. See assets/ASSETS.md.\n";
      writeText(dir + "/head.zones.yaml", zoneSidecar("head", "head.ply", comment, headZoneInfos(), zones, landmarks));
      timer.lap("write scoring mesh");
      writeDrawingMesh(model, mesh, bvh, zones, dir, "head", options.preview, timer);
    }
    if (!options.renderDir.empty()) renderHead(model, mesh, zones, options.renderDir, options.preview);
  }
}

}  // namespace headgen
