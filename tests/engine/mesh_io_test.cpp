#include "mnsim/geometry/mesh_io.h"

#include <cmath>
#include <filesystem>
#include <fstream>

#include <gtest/gtest.h>

#include "mnsim/skin/asset.h"
#include "mnsim/skin/asset_loader.h"

namespace mnsim {
namespace {

const std::string kMeshes = std::string(MNSIM_TEST_DATA) + "/meshes/";

TEST(MeshIo, ReadsPlyStlAndObjIntoMillimetres) {
  auto ply = loadMeshFile(kMeshes + "tetra.ply", {10.0f});  // the file is in centimetres
  ASSERT_TRUE(ply.ok()) << ply.error().format();
  EXPECT_EQ(ply->triangleCount(), 4u);
  EXPECT_NEAR(ply->totalAreaMm2(), 3 * 50.0 + 0.5 * 100.0 * std::sqrt(3.0), 1e-3);
  auto stl = loadMeshFile(kMeshes + "tetra.stl");
  ASSERT_TRUE(stl.ok()) << stl.error().format();
  EXPECT_EQ(stl->triangleCount(), 4u);
  EXPECT_NEAR(stl->totalAreaMm2(), ply->totalAreaMm2(), 1e-3);
  auto obj = loadMeshFile(kMeshes + "quads.obj");
  ASSERT_TRUE(obj.ok()) << obj.error().format();
  EXPECT_EQ(obj->triangleCount(), 4u);  // quads are triangulated
  EXPECT_NEAR(obj->totalAreaMm2(), 200.0, 1e-4);
  EXPECT_EQ(obj->groupNames.size(), 2u);
}

TEST(MeshIo, WrittenObjReadsBack) {
  TriMesh m;
  m.positions = {{0, 0, 0}, {5, 0, 0}, {0, 5, 0}, {5, 5, 1}};
  m.triangles = {{0, 1, 2}, {1, 3, 2}};
  m.triangleGroup = {0, 1};
  m.groupNames = {"a", "b"};
  const std::string path = (std::filesystem::temp_directory_path() / "mnsim_mesh_io_test.obj").string();
  ASSERT_TRUE(writeObj(m, path).ok());
  auto back = loadMeshFile(path);
  ASSERT_TRUE(back.ok()) << back.error().format();
  EXPECT_EQ(back->triangleCount(), 2u);
  EXPECT_NEAR(back->totalAreaMm2(), m.totalAreaMm2(), 1e-4);
  std::filesystem::remove(path);
}

TEST(MeshIo, BadFilesGiveTheFileAndTheReason) {
  struct Case {
    std::string file;
    ErrorCode code;
    std::string start;
  };
  const Case cases[] = {
      {"missing.obj", ErrorCode::Io, "the mesh file does not exist"},
      {"empty.stl", ErrorCode::Mesh, "the mesh file is empty"},
      {"truncated.ply", ErrorCode::Mesh, "the file is truncated: its header needs at least 1250 bytes of data, the file has 6"},
      {"garbage.glb", ErrorCode::Mesh, "cannot read the mesh: "},
      {"words.obj", ErrorCode::Mesh, ""},
  };
  for (const Case& c : cases) {
    auto r = loadMeshFile(kMeshes + c.file);
    ASSERT_FALSE(r.ok()) << c.file;
    EXPECT_EQ(r.error().code, c.code) << c.file;
    EXPECT_EQ(r.error().where.file, kMeshes + c.file);
    EXPECT_EQ(r.error().message.substr(0, c.start.size()), c.start) << c.file;
    EXPECT_FALSE(r.error().message.empty());
  }
  auto folder = loadMeshFile(kMeshes);
  ASSERT_FALSE(folder.ok());
  EXPECT_EQ(folder.error().message, "this is a folder, not a mesh file");
}

TEST(ZoneMap, SidecarZonesAMeshByGroupAndSphere) {
  auto asset = loadAsset(kMeshes + "quads.zones.yaml");
  ASSERT_TRUE(asset.ok()) << asset.error().format();
  EXPECT_EQ(asset->name, "quads");
  ASSERT_EQ(asset->zones.zones.size(), 3u);
  const std::vector<double> areas = asset->zoneAreasMm2();
  EXPECT_NEAR(areas[0], 100.0, 1e-4);
  EXPECT_NEAR(areas[0] + areas[1] + areas[2], 200.0, 1e-4);
  EXPECT_GT(areas[2], 0.0);  // the sphere takes the triangle whose centroid it holds
  EXPECT_TRUE(asset->zones.zones[1].thinSkin);
  EXPECT_TRUE(asset->zones.zones[2].noGo);
  EXPECT_FALSE(asset->zones.zones[2].treatable);
  ASSERT_NE(asset->zones.landmark("middle"), nullptr);
  EXPECT_EQ(asset->zones.landmark("middle")->positionMm, glm::vec3(10, 5, 0));
  // The mesh path finds its sidecar on its own.
  auto viaMesh = loadAsset(kMeshes + "quads.obj");
  ASSERT_TRUE(viaMesh.ok()) << viaMesh.error().format();
  EXPECT_EQ(viaMesh->contentHash, asset->contentHash);
}

TEST(ZoneMap, MeshWithoutSidecarIsOneSkinZone) {
  auto asset = loadAsset(kMeshes + "tetra.stl");
  ASSERT_TRUE(asset.ok()) << asset.error().format();
  ASSERT_EQ(asset->zones.zones.size(), 1u);
  EXPECT_EQ(asset->zones.zones[0].id, "skin");
  EXPECT_TRUE(asset->zones.zones[0].treatable);
}

TEST(ZoneMap, SidecarErrors) {
  const auto dir = std::filesystem::temp_directory_path() / "mnsim_zone_map_test";
  std::filesystem::create_directories(dir);
  std::filesystem::copy_file(kMeshes + "quads.obj", dir / "quads.obj", std::filesystem::copy_options::overwrite_existing);
  auto errorOf = [&](const std::string& text) {
    const std::string path = (dir / "z.zones.yaml").string();
    std::ofstream(path) << text;
    auto r = loadAsset(path);
    return r.ok() ? std::string("ok") : r.error().format();
  };
  const std::string p = (dir / "z.zones.yaml").string();
  EXPECT_EQ(errorOf("format: mnsim-zones/1\nmesh: quads.obj\nzones:\n  - id: left\n    selct: {groups: [left_side]}\n"),
            p + ":5:5: error: unknown key 'selct' in a zone (did you mean 'select'?)");
  EXPECT_EQ(errorOf("format: mnsim-zones/1\nmesh: quads.obj\nzones:\n  - id: left\n    select: {groups: [left_side]}\n"),
            p + ": error: 2 triangles belong to no zone; add a 'default_zone' or select them");
  EXPECT_EQ(errorOf("format: mnsim-zones/1\nmesh: quads.obj\ndefault_zone: left\nzones:\n  - id: left\n    select: {groups: [left_sde]}\n"),
            p + ":5:5: error: zone 'left' selects group 'left_sde', which the mesh does not have (did you mean 'left_side'?)");
  EXPECT_EQ(errorOf("format: mnsim-zones/1\nmesh: quads.obj\nzones:\n  - id: Left\n"),
            p + ":4:9: error: zone id 'Left' must be snake_case (a-z, 0-9, _)");
  EXPECT_EQ(errorOf("format: mnsim-zones/1\nmesh: nothere.obj\nzones:\n  - id: left\n"),
            (dir / "nothere.obj").string() + ": error: the mesh file does not exist");
  EXPECT_EQ(errorOf("format: mnsim-zones/1\nmesh: quads.obj\ndefault_zone: left\nzones:\n  - id: left\n    select: {triangles: [\"0-9\"]}\n"),
            p + ":5:5: error: zone 'left' selects triangle 9 but the mesh has 4");
  std::filesystem::remove_all(dir);
}

TEST(Asset, UnknownNameSuggestsABuiltIn) {
  auto r = loadAsset("haed");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().format(), "error: no built-in asset or file named 'haed' (did you mean 'head'?)");
}

}  // namespace
}  // namespace mnsim

namespace mnsim {
namespace {

// Every format cut short at many places, and with bytes overwritten: always an Error, never a
// crash or a hang. (Assimp's own PLY reader hangs or crashes on such files; mnsim reads PLY itself.)
TEST(MeshIo, TruncatedAndDamagedFilesNeverCrash) {
  const auto dir = std::filesystem::path(MNSIM_TEST_DATA) / "meshes" / "formats";
  const auto tmp = std::filesystem::temp_directory_path() / "mnsim_truncation_test";
  std::filesystem::create_directories(tmp);
  int files = 0, loads = 0, failures = 0;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    std::ifstream in(entry.path(), std::ios::binary);
    const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    ASSERT_FALSE(bytes.empty());
    auto whole = loadMeshFile(entry.path().string());
    ASSERT_TRUE(whole.ok()) << whole.error().format();
    EXPECT_EQ(whole->triangleCount(), 4u) << entry.path();
    ++files;
    const std::string cutPath = (tmp / ("cut" + entry.path().extension().string())).string();
    for (int k = 1; k < 40; ++k) {
      const size_t length = bytes.size() * k / 40;
      std::ofstream(cutPath, std::ios::binary).write(bytes.data(), static_cast<std::streamsize>(length));
      auto r = loadMeshFile(cutPath);
      ++loads;
      if (!r.ok()) {
        ++failures;
        EXPECT_EQ(r.error().where.file, cutPath);
        EXPECT_FALSE(r.error().message.empty());
      }
      std::string damaged = bytes;
      for (size_t i = length / 2; i < damaged.size(); i += 7) damaged[i] = static_cast<char>(0xA5 ^ i);
      std::ofstream(cutPath, std::ios::binary).write(damaged.data(), static_cast<std::streamsize>(damaged.size()));
      (void)loadMeshFile(cutPath);
      ++loads;
    }
  }
  EXPECT_EQ(files, 8);
  EXPECT_GT(failures, 8 * 39 / 2);  // most cuts are detected as errors
  std::filesystem::remove_all(tmp);
}

}  // namespace
}  // namespace mnsim
