#include "screens/app_context.h"

namespace mnsim::app {

void Overlays::say(const std::string& message) {
  note = message;
  noteUntilS = Window::timeS() + 3.0;
}

}  // namespace mnsim::app
