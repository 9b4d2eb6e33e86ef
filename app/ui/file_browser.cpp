// The file browser: the home screen's way to open a plan, a mesh or a case file.
#include "ui/file_browser.h"

#include <algorithm>
#include <cstring>
#include <filesystem>

#include <imgui.h>

namespace mnsim::app::ui {

namespace fs = std::filesystem;

void FileBrowser::open(const std::string& title, const std::string& folder, std::vector<std::string> extensions) {
  m_title = title;
  std::error_code ec;
  m_folder = fs::is_directory(folder, ec) ? fs::absolute(folder, ec).lexically_normal().string()
                                          : fs::current_path(ec).string();
  m_extensions = std::move(extensions);
  m_chosen.clear();
  m_typed[0] = 0;
  m_open = true;
  m_justOpened = true;
  list();
}

void FileBrowser::list() {
  m_entries.clear();
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(m_folder, fs::directory_options::skip_permission_denied, ec)) {
    const std::string name = e.path().filename().string();
    if (name.empty() || name[0] == '.') continue;
    const bool folder = e.is_directory(ec);
    bool wanted = folder;
    for (const std::string& ext : m_extensions)
      wanted = wanted || (name.size() > ext.size() && name.compare(name.size() - ext.size(), ext.size(), ext) == 0);
    if (wanted) m_entries.push_back({name, folder});
  }
  std::sort(m_entries.begin(), m_entries.end(), [](const auto& a, const auto& b) {
    return a.second != b.second ? a.second : a.first < b.first;  // folders first
  });
}

bool FileBrowser::draw() {
  if (!m_open) return false;
  if (m_justOpened) {
    ImGui::OpenPopup(m_title.c_str());
    m_justOpened = false;
  }
  bool chosen = false;
  const float em = ImGui::GetFontSize();
  ImGui::SetNextWindowSize(ImVec2(em * 40, em * 28), ImGuiCond_Appearing);
  if (ImGui::BeginPopupModal(m_title.c_str(), &m_open)) {
    ImGui::TextDisabled("%s", m_folder.c_str());
    if (ImGui::Button("Up one folder")) {
      m_folder = fs::path(m_folder).parent_path().string();
      list();
    }
    ImGui::BeginChild("entries", ImVec2(0, -em * 3.2f), true);
    for (const auto& [name, folder] : m_entries) {
      const std::string label = folder ? name + "/" : name;
      if (ImGui::Selectable(label.c_str(), false, ImGuiSelectableFlags_DontClosePopups)) {
        if (folder) {
          m_folder = (fs::path(m_folder) / name).string();
          list();
          break;
        }
        std::strncpy(m_typed, name.c_str(), sizeof m_typed - 1);
      }
    }
    ImGui::EndChild();
    ImGui::SetNextItemWidth(-em * 7);
    ImGui::InputText("##name", m_typed, sizeof m_typed);
    ImGui::SameLine();
    if (ImGui::Button("Open", ImVec2(em * 6, 0)) && m_typed[0]) {
      const fs::path typed(m_typed);
      m_chosen = typed.is_absolute() ? typed.string() : (fs::path(m_folder) / typed).string();
      chosen = true;
      m_open = false;
      ImGui::CloseCurrentPopup();
    }
    ImGui::EndPopup();
  }
  return chosen;
}

}  // namespace mnsim::app::ui
