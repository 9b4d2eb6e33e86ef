// Mesh import through Assimp (OBJ, glTF/GLB, PLY, FBX, STL and the rest Assimp reads).
#pragma once

#include <string>

#include "mnsim/base/error.h"
#include "mnsim/geometry/mesh.h"

namespace mnsim {

struct MeshLoadDesc {
  float unitToMm = 1.0f;       // scale applied to positions (file units -> mm)
  bool drawingAttributes = false;  // keep texture coordinates and normals (drawing meshes)
};

// Loads every triangle of every mesh in the file's scene graph, with node transforms applied,
// merged into one mesh; materials become groups. An empty, corrupt or unreadable file gives
// an Error naming the file and the reason.
Result<TriMesh> loadMeshFile(const std::string& path, const MeshLoadDesc& desc = {});

// Writes a mesh as Wavefront OBJ (groups become `usemtl`), for tests and tools.
Status writeObj(const TriMesh& mesh, const std::string& path);

}  // namespace mnsim
