#include "mnsim/geometry/mesh_io.h"

#include <cmath>
#include <filesystem>
#include <fstream>

#include <assimp/Importer.hpp>
#include <assimp/postprocess.h>
#include <assimp/scene.h>

#include "geometry/ply_reader.h"

namespace mnsim {

namespace {

void appendNode(const aiScene* scene, const aiNode* node, const aiMatrix4x4& parent, float scale,
                bool drawing, TriMesh& out) {
  const aiMatrix4x4 transform = parent * node->mTransformation;
  aiMatrix3x3 normalTransform(transform);
  normalTransform.Inverse().Transpose();
  for (unsigned m = 0; m < node->mNumMeshes; ++m) {
    const aiMesh* mesh = scene->mMeshes[node->mMeshes[m]];
    if (!(mesh->mPrimitiveTypes & aiPrimitiveType_TRIANGLE)) continue;
    const auto base = static_cast<uint32_t>(out.positions.size());
    for (unsigned v = 0; v < mesh->mNumVertices; ++v) {
      const aiVector3D p = transform * mesh->mVertices[v];
      out.positions.emplace_back(p.x * scale, p.y * scale, p.z * scale);
      if (!drawing) continue;
      aiVector3D n = mesh->HasNormals() ? normalTransform * mesh->mNormals[v] : aiVector3D(0, 0, 1);
      n.Normalize();
      out.vertexNormals.emplace_back(n.x, n.y, n.z);
      const aiVector3D uv = mesh->HasTextureCoords(0) ? mesh->mTextureCoords[0][v] : aiVector3D(0, 0, 0);
      out.uvs.emplace_back(uv.x, uv.y);
    }
    std::string material = "default";
    if (mesh->mMaterialIndex < scene->mNumMaterials) {
      aiString name;
      if (scene->mMaterials[mesh->mMaterialIndex]->Get(AI_MATKEY_NAME, name) == AI_SUCCESS &&
          name.length > 0)
        material = name.C_Str();
    }
    uint32_t group = 0;
    for (; group < out.groupNames.size(); ++group)
      if (out.groupNames[group] == material) break;
    if (group == out.groupNames.size()) out.groupNames.push_back(material);
    for (unsigned f = 0; f < mesh->mNumFaces; ++f) {
      const aiFace& face = mesh->mFaces[f];
      if (face.mNumIndices != 3) continue;
      out.triangles.emplace_back(base + face.mIndices[0], base + face.mIndices[1], base + face.mIndices[2]);
      out.triangleGroup.push_back(group);
    }
  }
  for (unsigned c = 0; c < node->mNumChildren; ++c)
    appendNode(scene, node->mChildren[c], transform, scale, drawing, out);
}

}  // namespace

Result<TriMesh> loadMeshFile(const std::string& path, const MeshLoadDesc& desc) {
  std::error_code ec;
  if (!std::filesystem::exists(path, ec))
    return makeError(ErrorCode::Io, "the mesh file does not exist", {path, 0, 0});
  if (std::filesystem::is_directory(path, ec))
    return makeError(ErrorCode::Io, "this is a folder, not a mesh file", {path, 0, 0});
  if (std::filesystem::file_size(path, ec) == 0)
    return makeError(ErrorCode::Mesh, "the mesh file is empty", {path, 0, 0});
  {
    std::ifstream probe(path, std::ios::binary);
    if (!probe) return makeError(ErrorCode::Io, "cannot open the mesh file", {path, 0, 0});
  }

  if (looksLikePly(path)) {
    auto mesh = readPly(path, desc.unitToMm);
    if (!mesh) return mesh.error();
    if (std::string problem = meshProblem(*mesh); !problem.empty())
      return makeError(ErrorCode::Mesh, problem, {path, 0, 0});
    return mesh;
  }

  Assimp::Importer importer;
  // Only triangles matter; lines and points are dropped, vertices shared where identical.
  importer.SetPropertyInteger(AI_CONFIG_PP_SBP_REMOVE, aiPrimitiveType_POINT | aiPrimitiveType_LINE);
  unsigned flags = aiProcess_Triangulate | aiProcess_JoinIdenticalVertices | aiProcess_SortByPType |
                   aiProcess_FindInvalidData;
  if (desc.drawingAttributes) flags |= aiProcess_GenSmoothNormals;  // only where the file has none
  const aiScene* scene = importer.ReadFile(path, flags);
  if (!scene || (scene->mFlags & AI_SCENE_FLAGS_INCOMPLETE) || !scene->mRootNode) {
    std::string reason = importer.GetErrorString();
    if (reason.empty()) reason = "the file is not a mesh Assimp can read";
    return makeError(ErrorCode::Mesh, "cannot read the mesh: " + reason, {path, 0, 0});
  }
  TriMesh mesh;
  appendNode(scene, scene->mRootNode, aiMatrix4x4(), desc.unitToMm, desc.drawingAttributes, mesh);
  if (mesh.triangles.empty())
    return makeError(ErrorCode::Mesh, "the file contains no triangles", {path, 0, 0});
  if (std::string problem = meshProblem(mesh); !problem.empty())
    return makeError(ErrorCode::Mesh, problem, {path, 0, 0});
  return mesh;
}

Status writeObj(const TriMesh& mesh, const std::string& path) {
  std::ofstream out(path);
  if (!out) return makeError(ErrorCode::Io, "cannot write the file", {path, 0, 0});
  out << "# written by mnsim\n";
  for (const glm::vec3& p : mesh.positions) out << "v " << p.x << ' ' << p.y << ' ' << p.z << '\n';
  uint32_t currentGroup = UINT32_MAX;
  for (size_t t = 0; t < mesh.triangles.size(); ++t) {
    if (!mesh.triangleGroup.empty() && mesh.triangleGroup[t] != currentGroup) {
      currentGroup = mesh.triangleGroup[t];
      out << "usemtl " << mesh.groupNames[currentGroup] << '\n';
    }
    const glm::uvec3& tri = mesh.triangles[t];
    out << "f " << tri.x + 1 << ' ' << tri.y + 1 << ' ' << tri.z + 1 << '\n';
  }
  if (!out) return makeError(ErrorCode::Io, "writing the file failed", {path, 0, 0});
  return Ok{};
}

}  // namespace mnsim
