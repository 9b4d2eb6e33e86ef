#include "ui/imgui_layer.h"

#include <filesystem>

#include <imgui.h>
#include <backends/imgui_impl_glfw.h>
#include <backends/imgui_impl_opengl3.h>

namespace mnsim::app::ui {

namespace {

const char* const kFontRegular = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf";
const char* const kFontBold = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf";

void applyTheme(float scale) {
  ImGuiStyle& style = ImGui::GetStyle();
  ImGui::StyleColorsLight(&style);
  style.WindowRounding = 6.0f;
  style.ChildRounding = 4.0f;
  style.FrameRounding = 4.0f;
  style.GrabRounding = 4.0f;
  style.PopupRounding = 4.0f;
  style.ScrollbarRounding = 6.0f;
  style.TabRounding = 4.0f;
  style.WindowPadding = ImVec2(12, 10);
  style.FramePadding = ImVec2(8, 5);
  style.ItemSpacing = ImVec2(8, 7);
  style.WindowBorderSize = 0.0f;
  style.FrameBorderSize = 0.0f;
  ImVec4* c = style.Colors;
  const ImVec4 accent(0.12f, 0.48f, 0.69f, 1.0f);
  c[ImGuiCol_Text] = ImVec4(0.13f, 0.15f, 0.18f, 1.0f);
  c[ImGuiCol_TextDisabled] = ImVec4(0.47f, 0.50f, 0.54f, 1.0f);
  c[ImGuiCol_WindowBg] = ImVec4(0.97f, 0.97f, 0.98f, 0.96f);
  c[ImGuiCol_ChildBg] = ImVec4(1.0f, 1.0f, 1.0f, 0.0f);
  c[ImGuiCol_PopupBg] = ImVec4(1.0f, 1.0f, 1.0f, 0.98f);
  c[ImGuiCol_TitleBg] = ImVec4(0.90f, 0.92f, 0.94f, 1.0f);
  c[ImGuiCol_TitleBgActive] = ImVec4(0.86f, 0.89f, 0.92f, 1.0f);
  c[ImGuiCol_FrameBg] = ImVec4(0.90f, 0.92f, 0.94f, 1.0f);
  c[ImGuiCol_FrameBgHovered] = ImVec4(0.84f, 0.89f, 0.93f, 1.0f);
  c[ImGuiCol_FrameBgActive] = ImVec4(0.78f, 0.86f, 0.92f, 1.0f);
  c[ImGuiCol_Button] = ImVec4(0.88f, 0.91f, 0.94f, 1.0f);
  c[ImGuiCol_ButtonHovered] = ImVec4(0.74f, 0.85f, 0.93f, 1.0f);
  c[ImGuiCol_ButtonActive] = accent;
  c[ImGuiCol_Header] = ImVec4(0.80f, 0.88f, 0.94f, 1.0f);
  c[ImGuiCol_HeaderHovered] = ImVec4(0.72f, 0.84f, 0.93f, 1.0f);
  c[ImGuiCol_HeaderActive] = ImVec4(0.62f, 0.78f, 0.90f, 1.0f);
  c[ImGuiCol_CheckMark] = accent;
  c[ImGuiCol_SliderGrab] = accent;
  c[ImGuiCol_SliderGrabActive] = ImVec4(0.08f, 0.38f, 0.58f, 1.0f);
  c[ImGuiCol_PlotHistogram] = accent;
  c[ImGuiCol_Separator] = ImVec4(0.82f, 0.84f, 0.87f, 1.0f);
  c[ImGuiCol_TableHeaderBg] = ImVec4(0.90f, 0.92f, 0.94f, 1.0f);
  c[ImGuiCol_TableRowBgAlt] = ImVec4(0.95f, 0.96f, 0.97f, 1.0f);
  c[ImGuiCol_ModalWindowDimBg] = ImVec4(0.10f, 0.12f, 0.15f, 0.45f);
  style.ScaleAllSizes(scale);
}

}  // namespace

bool ImGuiLayer::init(void* windowHandle, float scale, const std::string& layoutFile, std::string& error) {
  IMGUI_CHECKVERSION();
  ImGui::CreateContext();
  m_scale = scale;
  m_layoutFile = layoutFile;
  ImGuiIO& io = ImGui::GetIO();
  io.IniFilename = m_layoutFile.empty() ? nullptr : m_layoutFile.c_str();
  io.ConfigFlags |= ImGuiConfigFlags_NavEnableKeyboard;

  const bool haveFonts = std::filesystem::exists(kFontRegular) && std::filesystem::exists(kFontBold);
  if (haveFonts) {
    m_fonts.regular = io.Fonts->AddFontFromFileTTF(kFontRegular, 15.0f * scale);
    m_fonts.bold = io.Fonts->AddFontFromFileTTF(kFontBold, 15.0f * scale);
    m_fonts.large = io.Fonts->AddFontFromFileTTF(kFontBold, 30.0f * scale);
    m_fonts.title = io.Fonts->AddFontFromFileTTF(kFontBold, 22.0f * scale);
  }
  if (!m_fonts.regular) {
    // DejaVu is missing: ImGui's built-in font, enlarged.
    ImFontConfig config;
    config.SizePixels = 13.0f * scale;
    m_fonts.regular = io.Fonts->AddFontDefault(&config);
    m_fonts.bold = m_fonts.regular;
    config.SizePixels = 26.0f * scale;
    m_fonts.large = io.Fonts->AddFontDefault(&config);
    config.SizePixels = 20.0f * scale;
    m_fonts.title = io.Fonts->AddFontDefault(&config);
  }
  applyTheme(scale);
  if (!ImGui_ImplGlfw_InitForOpenGL(static_cast<GLFWwindow*>(windowHandle), true) ||
      !ImGui_ImplOpenGL3_Init("#version 410 core")) {
    error = "Dear ImGui could not start";
    return false;
  }
  m_started = true;
  return true;
}

void ImGuiLayer::shutdown() {
  if (!m_started) return;
  ImGui_ImplOpenGL3_Shutdown();
  ImGui_ImplGlfw_Shutdown();
  ImGui::DestroyContext();
  m_started = false;
}

void ImGuiLayer::newFrame(const float* mouseWindow) {
  ImGui_ImplOpenGL3_NewFrame();
  ImGui_ImplGlfw_NewFrame();
  if (mouseWindow) ImGui::GetIO().MousePos = ImVec2(mouseWindow[0], mouseWindow[1]);  // 1.86: set after the backend
  ImGui::NewFrame();
}

void ImGuiLayer::render(bool draw) {
  ImGui::Render();
  if (draw) ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
}

bool ImGuiLayer::wantsMouse() const { return ImGui::GetIO().WantCaptureMouse; }
bool ImGuiLayer::wantsKeyboard() const { return ImGui::GetIO().WantCaptureKeyboard; }
void ImGuiLayer::copyToClipboard(const std::string& text) const {
  ImGui::SetClipboardText(text.c_str());
}

}  // namespace mnsim::app::ui
