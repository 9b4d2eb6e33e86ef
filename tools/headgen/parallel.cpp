#include "parallel.h"

namespace headgen {

int& threadCount() {
  static int count = 0;
  return count;
}

}  // namespace headgen
