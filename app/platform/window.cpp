#include "platform/window.h"

#include <cstdio>

#define GLFW_INCLUDE_NONE
#include <GLFW/glfw3.h>

namespace mnsim::app {

namespace {

InputEvents* g_events = nullptr;  // the window's event accumulator (one window per process)

Key translate(int key) {
  switch (key) {
    case GLFW_KEY_ESCAPE: return Key::Escape;
    case GLFW_KEY_TAB: return Key::Tab;
    case GLFW_KEY_ENTER: return Key::Enter;
    case GLFW_KEY_SPACE: return Key::Space;
    case GLFW_KEY_LEFT: return Key::Left;
    case GLFW_KEY_RIGHT: return Key::Right;
    case GLFW_KEY_UP: return Key::Up;
    case GLFW_KEY_DOWN: return Key::Down;
    case GLFW_KEY_HOME: return Key::Home;
    case GLFW_KEY_PAGE_UP: return Key::PageUp;
    case GLFW_KEY_PAGE_DOWN: return Key::PageDown;
    case GLFW_KEY_F1: return Key::F1;
    case GLFW_KEY_F12: return Key::F12;
    case GLFW_KEY_LEFT_BRACKET: return Key::LeftBracket;
    case GLFW_KEY_RIGHT_BRACKET: return Key::RightBracket;
    case GLFW_KEY_COMMA: return Key::Comma;
    case GLFW_KEY_PERIOD: return Key::Period;
    case GLFW_KEY_MINUS: case GLFW_KEY_KP_SUBTRACT: return Key::Minus;
    case GLFW_KEY_EQUAL: case GLFW_KEY_KP_ADD: return Key::Equal;
    case GLFW_KEY_0: return Key::Digit0;
    case GLFW_KEY_1: return Key::Digit1;
    case GLFW_KEY_2: return Key::Digit2;
    case GLFW_KEY_3: return Key::Digit3;
    case GLFW_KEY_4: return Key::Digit4;
    case GLFW_KEY_N: return Key::N;
    case GLFW_KEY_P: return Key::P;
    case GLFW_KEY_R: return Key::R;
    case GLFW_KEY_H: return Key::H;
    case GLFW_KEY_S: return Key::S;
    case GLFW_KEY_O: return Key::O;
    case GLFW_KEY_F: return Key::F;
    default: return Key::Unknown;
  }
}

void onKey(GLFWwindow*, int key, int, int action, int) {
  if (g_events && (action == GLFW_PRESS || action == GLFW_REPEAT)) {
    const Key k = translate(key);
    if (k != Key::Unknown) g_events->pressed.push_back(k);
  }
}
void onScroll(GLFWwindow*, double, double dy) {
  if (g_events) g_events->scrollY += static_cast<float>(dy);
}
void onFramebufferSize(GLFWwindow*, int, int) {
  if (g_events) g_events->resized = true;
}
void onError(int code, const char* description) { std::fprintf(stderr, "mnsim: GLFW error %d: %s\n", code, description); }

InputEvents g_storage;

}  // namespace

std::unique_ptr<Window> Window::create(const WindowDesc& desc, std::string& error) {
  glfwSetErrorCallback(onError);
  if (!glfwInit()) {
    error = "cannot open a window: no display is available (is DISPLAY set?)";
    return nullptr;
  }
  glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 4);
  glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 1);
  glfwWindowHint(GLFW_OPENGL_PROFILE, GLFW_OPENGL_CORE_PROFILE);
  glfwWindowHint(GLFW_OPENGL_FORWARD_COMPAT, GLFW_TRUE);
  glfwWindowHint(GLFW_OPENGL_DEBUG_CONTEXT, desc.debugContext ? GLFW_TRUE : GLFW_FALSE);
  glfwWindowHint(GLFW_VISIBLE, desc.visible ? GLFW_TRUE : GLFW_FALSE);
  glfwWindowHint(GLFW_SCALE_TO_MONITOR, GLFW_TRUE);  // high-DPI: a window of the same physical size
  glfwWindowHint(GLFW_MAXIMIZED, desc.maximized ? GLFW_TRUE : GLFW_FALSE);
  glfwWindowHint(GLFW_DEPTH_BITS, 0);  // the scene draws into its own framebuffer
  GLFWwindow* handle = glfwCreateWindow(desc.width, desc.height, desc.title.c_str(), nullptr, nullptr);
  if (!handle) {
    error = "cannot open a window with OpenGL 4.1 (the graphics driver may be too old)";
    glfwTerminate();
    return nullptr;
  }
  if (desc.x >= 0 && desc.y >= 0) glfwSetWindowPos(handle, desc.x, desc.y);
  glfwMakeContextCurrent(handle);
  glfwSwapInterval(desc.visible ? 1 : 0);
  glfwSetWindowSizeLimits(handle, 640, 400, GLFW_DONT_CARE, GLFW_DONT_CARE);
  g_events = &g_storage;
  glfwSetKeyCallback(handle, onKey);
  glfwSetScrollCallback(handle, onScroll);
  glfwSetFramebufferSizeCallback(handle, onFramebufferSize);
  std::unique_ptr<Window> window(new Window());
  window->m_handle = handle;
  return window;
}

Window::~Window() {
  g_events = nullptr;
  if (m_handle) glfwDestroyWindow(static_cast<GLFWwindow*>(m_handle));
  glfwTerminate();
}

bool Window::shouldClose() const { return glfwWindowShouldClose(static_cast<GLFWwindow*>(m_handle)); }
void Window::requestClose() { glfwSetWindowShouldClose(static_cast<GLFWwindow*>(m_handle), GLFW_TRUE); }

InputEvents Window::pollEvents() {
  g_storage = InputEvents();
  glfwPollEvents();
  return g_storage;
}

void Window::swapBuffers() { glfwSwapBuffers(static_cast<GLFWwindow*>(m_handle)); }

InputState Window::input() const {
  GLFWwindow* w = static_cast<GLFWwindow*>(m_handle);
  InputState s;
  double x = 0, y = 0;
  glfwGetCursorPos(w, &x, &y);
  int ww = 1, wh = 1, fw = 1, fh = 1;
  glfwGetWindowSize(w, &ww, &wh);
  glfwGetFramebufferSize(w, &fw, &fh);
  s.mousePx = {static_cast<float>(x) * fw / std::max(ww, 1), static_cast<float>(y) * fh / std::max(wh, 1)};
  s.left = glfwGetMouseButton(w, GLFW_MOUSE_BUTTON_LEFT) == GLFW_PRESS;
  s.right = glfwGetMouseButton(w, GLFW_MOUSE_BUTTON_RIGHT) == GLFW_PRESS;
  s.middle = glfwGetMouseButton(w, GLFW_MOUSE_BUTTON_MIDDLE) == GLFW_PRESS;
  s.shift = glfwGetKey(w, GLFW_KEY_LEFT_SHIFT) == GLFW_PRESS || glfwGetKey(w, GLFW_KEY_RIGHT_SHIFT) == GLFW_PRESS;
  s.ctrl = glfwGetKey(w, GLFW_KEY_LEFT_CONTROL) == GLFW_PRESS || glfwGetKey(w, GLFW_KEY_RIGHT_CONTROL) == GLFW_PRESS;
  s.alt = glfwGetKey(w, GLFW_KEY_LEFT_ALT) == GLFW_PRESS || glfwGetKey(w, GLFW_KEY_RIGHT_ALT) == GLFW_PRESS;
  return s;
}

glm::ivec2 Window::framebufferSize() const {
  int w = 0, h = 0;
  glfwGetFramebufferSize(static_cast<GLFWwindow*>(m_handle), &w, &h);
  return {w, h};
}

glm::ivec2 Window::windowSize() const {
  int w = 0, h = 0;
  glfwGetWindowSize(static_cast<GLFWwindow*>(m_handle), &w, &h);
  return {w, h};
}

glm::ivec2 Window::position() const {
  int x = 0, y = 0;
  glfwGetWindowPos(static_cast<GLFWwindow*>(m_handle), &x, &y);
  return {x, y};
}

bool Window::maximized() const { return glfwGetWindowAttrib(static_cast<GLFWwindow*>(m_handle), GLFW_MAXIMIZED); }
bool Window::iconified() const { return glfwGetWindowAttrib(static_cast<GLFWwindow*>(m_handle), GLFW_ICONIFIED); }

float Window::contentScale() const {
  float x = 1.0f, y = 1.0f;
  glfwGetWindowContentScale(static_cast<GLFWwindow*>(m_handle), &x, &y);
  return std::max(1.0f, std::max(x, y));
}

void Window::setSize(int width, int height) { glfwSetWindowSize(static_cast<GLFWwindow*>(m_handle), width, height); }
void Window::iconify() { glfwIconifyWindow(static_cast<GLFWwindow*>(m_handle)); }
void Window::restore() { glfwRestoreWindow(static_cast<GLFWwindow*>(m_handle)); }
void Window::setTitle(const std::string& title) { glfwSetWindowTitle(static_cast<GLFWwindow*>(m_handle), title.c_str()); }

void* Window::procLoader() { return reinterpret_cast<void*>(&glfwGetProcAddress); }
double Window::timeS() { return glfwGetTime(); }

}  // namespace mnsim::app
