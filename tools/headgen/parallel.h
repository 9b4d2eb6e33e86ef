// A deterministic parallel for: indices are split into fixed contiguous chunks and each index is
// computed independently, so the result does not depend on how many threads run or in what order.
#pragma once

#include <algorithm>
#include <cstddef>
#include <thread>
#include <vector>

namespace headgen {

// Threads to use (set once from the command line; 0 = hardware concurrency).
int& threadCount();

template <class F>
void parallelFor(size_t count, F&& f, size_t minChunk = 256) {
  int threads = threadCount();
  if (threads <= 0) threads = std::max(1u, std::thread::hardware_concurrency());
  const size_t maxThreads = std::max<size_t>(1, count / std::max<size_t>(1, minChunk));
  const size_t n = std::min<size_t>(static_cast<size_t>(threads), maxThreads);
  if (n <= 1) {
    for (size_t i = 0; i < count; ++i) f(i);
    return;
  }
  // Interleaved chunks balance uneven work (the face costs more than the scalp).
  const size_t chunk = std::max<size_t>(minChunk / 4 + 1, 64);
  const size_t chunks = (count + chunk - 1) / chunk;
  std::vector<std::thread> pool;
  pool.reserve(n);
  for (size_t t = 0; t < n; ++t) {
    pool.emplace_back([&, t] {
      for (size_t c = t; c < chunks; c += n) {
        const size_t end = std::min(count, (c + 1) * chunk);
        for (size_t i = c * chunk; i < end; ++i) f(i);
      }
    });
  }
  for (std::thread& th : pool) th.join();
}

}  // namespace headgen
