// A strict PLY reader (ASCII and binary, either byte order). Assimp's PLY importer hangs or
// crashes on truncated files; this one reports where the file ends or goes wrong.
#pragma once

#include <string>

#include "mnsim/base/error.h"
#include "mnsim/geometry/mesh.h"

namespace mnsim {

bool looksLikePly(const std::string& path);
Result<TriMesh> readPly(const std::string& path, float unitToMm);

}  // namespace mnsim
