// The shape of the code, checked on every build (docs/architecture.md):
// - engine modules include only themselves and the modules before them
//   (base <- geometry <- skin <- procedure <- formats <- cases <- runs <- review <- report <- store);
// - the engine never includes GL, GLFW or ImGui; in the app, GL lives in app/gfx, GLFW in
//   app/platform and ImGui in app/ui;
// - no source file in engine/ or app/ is over 600 lines, and no function body over 120.
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>

namespace {

namespace fs = std::filesystem;

const fs::path kSource = MNSIM_SOURCE_DIR;

std::vector<std::string> split(const std::string& list, char separator) {
  std::vector<std::string> out;
  std::stringstream in(list);
  for (std::string item; std::getline(in, item, separator);) out.push_back(item);
  return out;
}

// The engine's modules in dependency order, from engine/CMakeLists.txt.
const std::vector<std::string>& modules() {
  static const std::vector<std::string> list = split(MNSIM_ENGINE_MODULES, ',');
  return list;
}

int rank(const std::string& module) {
  const auto& m = modules();
  const auto it = std::find(m.begin(), m.end(), module);
  return it == m.end() ? -1 : static_cast<int>(it - m.begin());
}

struct SourceFile {
  fs::path path;      // absolute
  std::string name;   // relative to the source folder, for messages
  std::vector<std::string> lines;
};

std::vector<SourceFile> sourcesUnder(const fs::path& folder) {
  std::vector<SourceFile> out;
  for (const auto& entry : fs::recursive_directory_iterator(kSource / folder)) {
    const std::string ext = entry.path().extension().string();
    if (!entry.is_regular_file() || (ext != ".h" && ext != ".cpp")) continue;
    SourceFile f{entry.path(), fs::relative(entry.path(), kSource).string(), {}};
    std::ifstream in(entry.path());
    for (std::string line; std::getline(in, line);) f.lines.push_back(line);
    out.push_back(std::move(f));
  }
  std::sort(out.begin(), out.end(), [](const SourceFile& a, const SourceFile& b) { return a.name < b.name; });
  return out;
}

// The module an engine file belongs to: engine/include/mnsim/<module>/... or engine/src/<module>/...
std::string moduleOf(const std::string& name) {
  static const std::regex pattern(R"(^engine/(?:include/mnsim|src)/([a-z_]+)/)");
  std::smatch m;
  return std::regex_search(name, m, pattern) ? m[1].str() : std::string();
}

TEST(Architecture, TheEngineModulesAreKnown) {
  ASSERT_GE(modules().size(), 7u);
  for (const std::string& m : modules()) {
    EXPECT_TRUE(fs::is_directory(kSource / "engine/include/mnsim" / m)) << m;
    EXPECT_TRUE(fs::is_directory(kSource / "engine/src" / m)) << m;
  }
  // Nothing lies outside a module.
  for (const SourceFile& f : sourcesUnder("engine")) EXPECT_GE(rank(moduleOf(f.name)), 0) << f.name;
}

TEST(Architecture, EngineIncludesRunOneWay) {
  // Public headers as <mnsim/module/...> or "mnsim/module/...", private ones as "module/...".
  static const std::regex include(R"(^\s*#\s*include\s*[<"](?:mnsim/)?([a-z_]+)/[^>"]+[>"])");
  int checked = 0;
  for (const SourceFile& f : sourcesUnder("engine")) {
    const int own = rank(moduleOf(f.name));
    for (size_t i = 0; i < f.lines.size(); ++i) {
      std::smatch m;
      if (!std::regex_search(f.lines[i], m, include)) continue;
      const int target = rank(m[1].str());
      if (target < 0) continue;  // a library's header (glm/, nlohmann/, yaml-cpp/ ...)
      ++checked;
      EXPECT_LE(target, own) << f.name << ":" << i + 1 << ": module '" << moduleOf(f.name) << "' includes '"
                             << m[1].str() << "', which comes after it (" << f.lines[i] << ")";
    }
  }
  EXPECT_GT(checked, 100) << "the include pattern matched almost nothing: is it still right?";
}

// Which app folder may include which window-system or GPU header.
TEST(Architecture, GlGlfwAndImGuiStayInTheirCorners) {
  struct Rule {
    std::regex header;
    std::string folder;  // the only place allowed ("" = nowhere in this tree)
    std::string what;
  };
  const std::vector<Rule> rules = {
      {std::regex(R"(^\s*#\s*include\s*[<"](glad/|GL/|gfx/gl\.h))"), "app/gfx/", "OpenGL"},
      {std::regex(R"(^\s*#\s*include\s*[<"]GLFW/)"), "app/platform/", "GLFW"},
      {std::regex(R"(^\s*#\s*include\s*[<"](imgui|backends/imgui))"), "app/ui/", "Dear ImGui"},
  };
  for (const char* tree : {"engine", "app"}) {
    for (const SourceFile& f : sourcesUnder(tree)) {
      for (size_t i = 0; i < f.lines.size(); ++i) {
        for (const Rule& rule : rules) {
          if (!std::regex_search(f.lines[i], rule.header)) continue;
          const bool allowed = std::string(tree) == "app" && f.name.rfind(rule.folder, 0) == 0;
          EXPECT_TRUE(allowed) << f.name << ":" << i + 1 << ": " << rule.what << " belongs in " << rule.folder
                               << " only (" << f.lines[i] << ")";
        }
      }
    }
  }
}

TEST(Architecture, NoSourceFileIsOver600Lines) {
  for (const char* tree : {"engine", "app"})
    for (const SourceFile& f : sourcesUnder(tree))
      EXPECT_LE(f.lines.size(), 600u) << f.name << " has " << f.lines.size() << " lines: split it by concern";
}

// A function body starts with a line ending in '{' at column 0 (a definition at namespace level,
// the style .clang-format gives) and ends at the next line that is exactly "}".
TEST(Architecture, NoFunctionIsOver120Lines) {
  static const std::regex definition(R"(^[A-Za-z_].*\)\s*(const\s*)?(noexcept\s*)?(->\s*[^{]+)?\{\s*$)");
  int functions = 0;
  for (const char* tree : {"engine", "app"}) {
    for (const SourceFile& f : sourcesUnder(tree)) {
      for (size_t i = 0; i < f.lines.size(); ++i) {
        if (!std::regex_match(f.lines[i], definition) || f.lines[i].rfind("namespace", 0) == 0) continue;
        size_t end = i + 1;
        while (end < f.lines.size() && f.lines[end] != "}") ++end;
        ++functions;
        EXPECT_LE(end - i - 1, 120u) << f.name << ":" << i + 1 << ": a function of " << end - i - 1
                                     << " lines: split it by what it does (" << f.lines[i] << ")";
        i = end;
      }
    }
  }
  EXPECT_GT(functions, 300) << "the definition pattern matched almost nothing: is it still right?";
}

}  // namespace
