// The fault-kind registry: ids stay unique and stable, every kind has a title and advice, and the
// documentation lists every kind the engine can raise.
#include <fstream>
#include <set>
#include <sstream>

#include <gtest/gtest.h>

#include "mnsim/procedure/fault_kinds.h"

namespace mnsim {
namespace {

std::string readDoc(const std::string& relative) {
  std::ifstream in(std::string(MNSIM_SOURCE_DIR) + "/" + relative);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

TEST(FaultKinds, EveryKindHasAUniqueIdATitleAndAdvice) {
  std::set<std::string_view> ids, titles;
  for (const FaultKindInfo& k : faultKinds()) {
    EXPECT_TRUE(ids.insert(k.id).second) << k.id;
    EXPECT_TRUE(titles.insert(k.title).second) << k.title;
    EXPECT_FALSE(k.advice.empty()) << k.id;
    EXPECT_EQ(faultKindFromId(k.id), k.kind) << k.id;
    EXPECT_EQ(faultKindId(k.kind), k.id);
    EXPECT_EQ(k.advice.back(), '.') << k.id << ": advice is one sentence";
  }
  EXPECT_EQ(faultKindFromId("no_such_kind"), std::nullopt);
}

// Ids are written into results and run files: renaming one breaks every tool that reads them.
TEST(FaultKinds, IdsAreStable) {
  EXPECT_STREQ(faultKindId(FaultKind::NoGo), "no_go");
  EXPECT_STREQ(faultKindId(FaultKind::DepthThinSkin), "depth_thin_skin");
  EXPECT_STREQ(faultKindId(FaultKind::SpeedSlow), "speed_slow");
  EXPECT_STREQ(faultKindId(FaultKind::OverTreatment), "over_treatment");
  EXPECT_STREQ(faultKindId(FaultKind::ChecklistOrder), "checklist_order");
  EXPECT_STREQ(faultKindId(FaultKind::Schedule), "schedule");
}

TEST(FaultKinds, AdviceNamesTheZoneWhereItSaysSo) {
  EXPECT_EQ(faultAdvice(FaultKind::DepthThinSkin, "Forehead"),
            "Thin skin over Forehead tolerates only shallow needling: set the dial for the zone before you start it.");
  EXPECT_EQ(faultAdvice(FaultKind::DepthThinSkin), faultAdvice(FaultKind::DepthThinSkin, "the zone"));
  EXPECT_EQ(faultAdvice(FaultKind::Angle, "Forehead"), std::string(faultKindInfo(FaultKind::Angle).advice));
}

TEST(FaultKinds, TheDocumentationListsEveryKind) {
  const std::string scoring = readDoc("docs/scoring.md");
  const std::string caseJson = readDoc("docs/formats/case-json.md");
  ASSERT_FALSE(scoring.empty());
  ASSERT_FALSE(caseJson.empty());
  for (const FaultKindInfo& k : faultKinds()) {
    const std::string quoted = std::string("`").append(k.id).append("`");
    const std::string& doc = k.caseStep ? caseJson : scoring;
    EXPECT_NE(doc.find(quoted), std::string::npos)
        << quoted << " is not listed in " << (k.caseStep ? "docs/formats/case-json.md" : "docs/scoring.md");
  }
}

}  // namespace
}  // namespace mnsim
