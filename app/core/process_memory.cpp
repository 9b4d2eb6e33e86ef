#include "core/process_memory.h"

#include <cstdlib>  // defines __GLIBC__ on glibc

#if defined(__GLIBC__)
#include <malloc.h>
#endif

namespace mnsim::app {

void keepFreedMemoryForReuse() {
#if defined(__GLIBC__)
  // Every block from the heaps, none mapped on its own (a run's decoded events take more than the
  // 32 MiB up to which glibc would otherwise learn to keep them), and free memory kept at the top
  // of the heap up to 1 GiB. Measured on ten thirty-minute runs on one core: 4.5 s before, 2.2 s.
  mallopt(M_MMAP_MAX, 0);
  mallopt(M_TRIM_THRESHOLD, 1024 * 1024 * 1024);
#endif
}

}  // namespace mnsim::app
