// The application window and its input: the only place GLFW is used. Keys and buttons are
// handed out in mnsim's own terms, so nothing else includes GLFW.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include <glm/vec2.hpp>

namespace mnsim::app {

enum class Key {
  Unknown, Escape, Tab, Enter, Space, Left, Right, Up, Down, Home, PageUp, PageDown,
  F1, F12, LeftBracket, RightBracket, Comma, Period, Minus, Equal, Digit0, Digit1, Digit2, Digit3, Digit4,
  N, P, R, H, S, O, F
};

struct InputState {
  glm::vec2 mousePx{0.0f};  // cursor in framebuffer pixels, origin top left
  bool left = false, right = false, middle = false;
  bool shift = false, ctrl = false, alt = false;
};

// What happened since the previous frame.
struct InputEvents {
  float scrollY = 0.0f;           // wheel steps, positive away from the user
  std::vector<Key> pressed;       // keys pressed (with repeats)
  bool resized = false;
};

struct WindowDesc {
  int width = 1280, height = 720;  // screen coordinates
  int x = -1, y = -1;              // -1: let the system place it
  bool maximized = false;
  bool visible = true;             // false: a hidden window for automation
  bool debugContext = false;       // an OpenGL debug context (KHR_debug)
  std::string title = "mnsim";
};

class Window {
 public:
  // Opens a window with an OpenGL 4.1 core context, or explains why it cannot.
  static std::unique_ptr<Window> create(const WindowDesc& desc, std::string& error);
  ~Window();

  bool shouldClose() const;
  void requestClose();
  // Polls events and returns what happened since the last call.
  InputEvents pollEvents();
  void swapBuffers();

  InputState input() const;
  glm::ivec2 framebufferSize() const;
  glm::ivec2 windowSize() const;
  glm::ivec2 position() const;
  bool maximized() const;
  bool iconified() const;
  float contentScale() const;  // 1 on ordinary screens, 2 on high-DPI ones

  void setSize(int width, int height);
  void iconify();
  void restore();
  void setTitle(const std::string& title);

  void* nativeHandle() const { return m_handle; }   // for the Dear ImGui backend only
  static void* procLoader();                         // for the OpenGL loader: glfwGetProcAddress
  static double timeS();

 private:
  Window() = default;
  void* m_handle = nullptr;
  struct Callbacks;
};

}  // namespace mnsim::app
