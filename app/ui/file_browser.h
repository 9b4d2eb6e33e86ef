// A small modal file browser: folders first, then the files with the wanted endings.
#pragma once

#include <string>
#include <utility>
#include <vector>

namespace mnsim::app::ui {

class FileBrowser {
 public:
  // Opens the browser in `folder`, listing files ending in one of `extensions`.
  void open(const std::string& title, const std::string& folder, std::vector<std::string> extensions);
  // Draws it if open; returns true on the frame a file was chosen (then path() holds it).
  bool draw();
  const std::string& path() const { return m_chosen; }

 private:
  void list();
  bool m_open = false;
  bool m_justOpened = false;
  std::string m_title, m_folder, m_chosen;
  std::vector<std::string> m_extensions;
  std::vector<std::pair<std::string, bool>> m_entries;  // name, is folder
  char m_typed[1024] = {};
};

}  // namespace mnsim::app::ui
