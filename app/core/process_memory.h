// Commands that score many long runs one after another (grade, report) allocate and free the same
// large buffers over and over. glibc hands each large block back to the kernel when it is freed
// (mmap/munmap, heap trimming), so every run paid again for fresh pages: a fifth of grading's time
// went to page faults. This keeps freed memory in the process for reuse instead (glibc only).
#pragma once

namespace mnsim::app {

void keepFreedMemoryForReuse();

}  // namespace mnsim::app
