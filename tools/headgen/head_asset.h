// Building and writing the assets: the head (scoring mesh, zones, landmarks, drawing mesh,
// normal map), the body patch, the skin tone table, and the documentation renders.
#pragma once

#include <string>

namespace headgen {

struct GenerateOptions {
  std::string outDir;     // asset folder (assets/); empty = write no assets
  std::string renderDir;  // documentation renders (docs/images); empty = none
  std::string slicesDir;  // sculpting aid: cross-section pictures; empty = none
  std::string only;       // "head", "body", "skin" or empty for all
  bool preview = false;   // coarse grid and mesh, for quick sculpting iterations
  bool fitFace = true;    // bring the face to the average adult face (face_fit.h); off: the sculpt alone
};

void generate(const GenerateOptions& options);

}  // namespace headgen
