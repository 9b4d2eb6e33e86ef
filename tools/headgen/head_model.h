// The adult head as a signed-distance function in the mnsim frame (mm, +Y up, +Z anterior,
// +X the patient's left). Proportions follow Farkas's adult norms (assets/ASSETS.md).
#pragma once

#include <string>
#include <vector>

#include "sdf.h"

namespace headgen {

// Figures the sculpt is built to (mm). Distances between landmarks are measured on the result.
struct HeadProportions {
  double vertexY = 129.0;        // top of the head
  double trichionY = 93.0;       // hairline
  double glabellaY = 31.0;
  double nasionY = 20.0;
  double subnasaleY = -33.0;
  double stomionY = -57.0;
  double gnathionY = -98.0;
  double eyeX = 31.0;            // centre of the eye (pupil) from the midline
  double endocanthionX = 16.0;   // half of en-en
  double exocanthionX = 45.0;    // half of ex-ex
  double alareX = 17.5;          // half of al-al
  double cheilionX = 25.5;       // half of ch-ch
  double zygionX = 67.5;         // half of zy-zy
  // The temporal crest (superior temporal line), the forehead's lateral edge: its most medial
  // point, frontotemporale, sits above the lateral orbital rim; from there the crest runs up and
  // out to meet the hairline. On this head the front of the forehead turns into the flatter
  // temple there (mnsim modelling choice; see docs/head.md).
  double frontotemporaleX = 54.0;  // half of ft-ft, at the level of the brow
  double crestTopX = 58.0;         // the crest's distance from the midline near the hairline
  double neckCutY = -190.0;      // the neck ends in an open cut here
};

// A smooth change of the sculpted surface along its normal (mm, > 0 outwards), sampled on a
// regular grid and read back with Catmull-Rom interpolation (continuous slope); zero outside the
// grid. Mirror-symmetric: stored for x >= 0. How the face is brought to the average adult face
// (face_fit.h).
struct SurfaceOffset {
  V3 originMm{0.0};
  double stepMm = 3.0;
  int nx = 0, ny = 0, nz = 0;
  std::vector<double> valuesMm;  // x fastest, then y, then z
  bool empty() const { return valuesMm.empty(); }
  double& node(int i, int j, int k) { return valuesMm[(size_t(k) * ny + j) * nx + i]; }
  V3 nodePosition(int i, int j, int k) const { return originMm + V3(i, j, k) * stepMm; }
  double at(const V3& p) const;  // p with x >= 0
};

// The parts' own distance functions at a point, for telling which part forms the surface there.
struct HeadFeatures {
  double nose = 1e9;  // the nose's own SDF (about 0 on the nose's surface)
  double face = 1e9;  // the face's own SDF (before the nose, lips and eyes are added)
  double ear = 1e9;   // the pinna's own SDF
};

class HeadModel {
 public:
  // `offset`: how far the sculpt's surface is moved out (or in) by the face's fit (none: as sculpted).
  explicit HeadModel(const HeadProportions& p = {}, SurfaceOffset offset = {});
  const HeadProportions& proportions() const { return m_p; }

  double sdf(const V3& p) const;
  HeadFeatures features(const V3& p) const;

  // Closed palpebral fissure of one eye (side = +1 left, -1 right): points from the inner
  // to the outer corner, on the lid surface.
  std::vector<V3> fissure(int side) const;

 // The lips: upper and lower vermilion borders and the line where the lips meet, as heights
  // (y) by distance from the midline (x), for |x| up to the cheilion.
  double upperBorderY(double x) const;
  double lowerBorderY(double x) const;
  double stomionLineY(double x) const;

  // Hair-bearing scalp: signed height above the hairline in mm (> 0 on the scalp). The
  // hairline runs across the forehead at the trichion, recedes at the temples, comes down in
  // front of the ear as the sideburn, passes over and behind the ear and ends at the nape.
  double aboveHairline(const V3& p) const;
  // Eyebrow cover, 0..1 (for pictures: the scoring mesh has no hair).
  double eyebrow(const V3& p) const;
  // Signed distance in the frontal plane to the vermilion border, > 0 on the red of the lips.
  double insideVermilion(const V3& p) const;

  // Centre of the left eye's globe.
  V3 globeCenter() const { return m_globe; }
  // Height of the closed lid margin at distance x from the midline (between the canthi).
  double fissureY(double x) const;
  // Height of the lower border of the mandible (the jaw line) at depth z, at the midline.
  double jawLineY(double z) const;
  // Height of the mandible's lower border at distance x from the midline and depth z.
  double jawBorderY(double x, double z) const;

  // The nostrils' pockets (mirrored): negative inside a nostril.
  double nostrilPocket(const V3& p) const;

  // Distance to the closed lid margin of the nearer eye (mm).
  double lidMarginDistance(const V3& p) const;

  // On the ear: the pinna and the concha's floor (the ear zone).
  bool onEar(const V3& p) const;

  // Near the notch above the tragus (snapped to the surface by the landmark finder).
  V3 tragionConstruction(int side) const;

  // Wanted edge length of the scoring mesh at a point: `fine` where there is small detail
  // (lid margins, lips, nostrils, ears), `base` elsewhere.
  double edgeLength(const V3& p, double base, double fine) const;

  // The SDF without fine creases (used to place them).
  double sdfWithoutDetail(const V3& p) const;

 private:
  double cranium(const V3& p) const;
  double face(const V3& p) const;
  double faceFront(const V3& p) const;
  double underJaw(const V3& p) const;
  double faceHeight(double x, double y, double& hx, double& hy) const;
  double lipHeight(double x, double y) const;
  double eyeLids(const V3& p) const;
  double fissureDistance(const V3& p) const;
  double nose(const V3& p) const;
  double ear(const V3& p) const;
  double neck(const V3& p) const;

  HeadProportions m_p;
  SurfaceOffset m_offset;
  V3 m_globe{0.0};             // centre of the left eye
  std::vector<V3> m_fissure;   // left lid margin, inner to outer corner
  std::vector<V3> m_mouthLine; // where the lips meet, midline to the left corner
  struct CreasePoint {
    V3 centre;
    double radiusMm;
  };
  std::vector<CreasePoint> m_crease;  // the tube carved along the mouth line (sdf)
};

}  // namespace headgen
