// The skin table the simulator shades with: assets/skin/fitzpatrick.yaml, the one source of the
// Fitzpatrick colours (tools/headgen writes it).
#include <filesystem>
#include <fstream>

#include <gtest/gtest.h>

#include "core/skin_tones.h"

namespace mnsim::app {
namespace {

namespace fs = std::filesystem;

const std::string kTable = std::string(MNSIM_SOURCE_DIR) + "/assets/skin/fitzpatrick.yaml";

// The colours the simulator's pictures were made with: the table must give exactly these floats.
TEST(SkinTones, TheAssetTableHoldsTheSimulatorsColoursToTheBit) {
  auto table = readSkinTones(kTable);
  ASSERT_TRUE(table.ok()) << table.error().format();
  const glm::vec3 srgb[] = {{0.957f, 0.847f, 0.792f}, {0.914f, 0.773f, 0.686f}, {0.839f, 0.671f, 0.553f},
                            {0.698f, 0.518f, 0.388f}, {0.494f, 0.337f, 0.235f}, {0.318f, 0.212f, 0.153f}};
  for (int t = 1; t <= 6; ++t) {
    const SkinTone& tone = table->tone(t);
    EXPECT_EQ(tone.type, t);
    EXPECT_EQ(tone.swatchSrgb, srgb[t - 1]) << "type " << t;
    EXPECT_EQ(tone.albedoLinear, srgbToLinear(srgb[t - 1])) << "type " << t;
    // Blood under the epidermis shows through less as melanin rises.
    EXPECT_EQ(tone.scatterLinear, glm::vec3(0.9f, 0.25f, 0.18f) * (0.55f - 0.07f * (t - 1))) << "type " << t;
  }
  EXPECT_EQ(table->tone(3).tone, "medium");
  EXPECT_EQ(table->tone(0).type, 1);  // out of range: clamped
  EXPECT_EQ(table->tone(9).type, 6);
}

TEST(SkinTones, FoundThroughTheAssetFolders) {
  AssetSearch search;
  search.folders = {(fs::temp_directory_path() / "mnsim_no_assets_here").string(),
                    std::string(MNSIM_SOURCE_DIR) + "/assets"};
  auto table = loadSkinTones(search);
  ASSERT_TRUE(table.ok()) << table.error().format();
  EXPECT_EQ(table->tone(6).swatchSrgb, glm::vec3(0.318f, 0.212f, 0.153f));
  search.folders.pop_back();
  auto none = loadSkinTones(search);
  ASSERT_FALSE(none.ok());
  EXPECT_EQ(none.error().format(),
            "error: no skin table (skin/fitzpatrick.yaml) in the asset folders; set MNSIM_ASSET_DIR");
}

TEST(SkinTones, ATableThatIsNotOneIsRefusedWithItsPlace) {
  const fs::path file = fs::temp_directory_path() / "mnsim_skin_table_test.yaml";
  std::ofstream(file) << "format: mnsim-plan/1\ntypes: []\n";
  auto other = readSkinTones(file.string());
  ASSERT_FALSE(other.ok());
  EXPECT_EQ(other.error().format(),
            file.string() + ":1:9: error: this is a 'mnsim-plan' file, expected 'mnsim-skin/1'");
  std::ofstream(file) << "format: mnsim-skin/1\ntypes:\n  - type: I\n";
  auto short_ = readSkinTones(file.string());
  ASSERT_FALSE(short_.ok());
  EXPECT_EQ(short_.error().format(),
            file.string() + ":3:3: error: 'types' must list the six Fitzpatrick types, I to VI");
  fs::remove(file);
}

}  // namespace
}  // namespace mnsim::app
