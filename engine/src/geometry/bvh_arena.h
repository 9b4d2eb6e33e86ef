// The BVH's arena and the four-wide float vectors its build and queries share (private to
// engine/src/geometry). The layout is described at NodeLayout.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <limits>

namespace mnsim::bvh_detail {

inline constexpr float kInf = std::numeric_limits<float>::infinity();
inline constexpr int kMaxDepth = 32;  // + log2(triangles) of plain halving stays within the stacks

// Four floats processed together (SSE on x86, NEON on ARM, through GCC's vector extensions).
typedef float v4f __attribute__((vector_size(16)));
typedef int32_t v4i __attribute__((vector_size(16)));

inline v4f splat(float x) { return v4f{x, x, x, x}; }
inline v4f vmin(v4f a, v4f b) { return a < b ? a : b; }
inline v4f vmax(v4f a, v4f b) { return a > b ? a : b; }

// The arena. Offsets below count bytes from its start, which is cache-line aligned.
//
// A node: 128 bytes on a cache-line boundary (exactly two lines):
//   float box[6][4]    per child: lo x, y, z, then hi x, y, z (an unused child: lo +inf, hi -inf,
//                      which no ray enters)
//   int32_t child[4]   >= 0: inner node at 16 * child; kEmpty: no child; else a leaf at
//                      16 * (~child >> 2) with (~child & 3) + 1 triangles
//   uint32_t ahead[4]  for an inner child: where its own children lie, as first line << 4 | lines,
//                      so that they can be fetched while the child itself is being tested; else 0
// A leaf of k triangles (1 to 4): nine rows of k floats (corner 0 x, y, z, the edge to corner 1
// x, y, z, the edge to corner 2 x, y, z), then the k mesh triangle indices, padded to 16 bytes.
// Rows are loaded four floats at a time: lanes past k read the next row and are masked out.
// The children of a node lie side by side in one block (inner nodes first, then leaves), and
// the blocks follow each other depth first.
struct NodeLayout {
  float box[6][4];
  int32_t child[4];
  uint32_t ahead[4];
};
static_assert(sizeof(NodeLayout) == 128);
inline constexpr int32_t kEmpty = INT32_MIN;
inline constexpr size_t kChildOffset = offsetof(NodeLayout, child);
inline constexpr size_t kAheadOffset = offsetof(NodeLayout, ahead);
// Below 4 GiB every offset fits its encoding above (about 100 million triangles).
inline constexpr size_t kMaxArenaBytes = size_t(1) << 32;

inline v4f loadAt(const unsigned char* p) {
  v4f v;
  std::memcpy(&v, p, sizeof v);
  return v;
}
inline int32_t childOf(const unsigned char* node, int c) {
  int32_t r;
  std::memcpy(&r, node + kChildOffset + 4 * c, sizeof r);
  return r;
}
inline uint32_t aheadOf(const unsigned char* node, int c) {
  uint32_t r;
  std::memcpy(&r, node + kAheadOffset + 4 * c, sizeof r);
  return r;
}
// Asks for a block of lines that the traversal will likely need soon (no effect on results).
inline void fetchAhead(const unsigned char* arena, uint32_t ahead) {
  const unsigned char* p = arena + size_t(ahead >> 4) * 64;
  for (uint32_t i = 0, n = ahead & 15u; i < n; ++i) __builtin_prefetch(p + 64 * i);
}
inline const v4i kLanes[4] = {{-1, 0, 0, 0}, {-1, -1, 0, 0}, {-1, -1, -1, 0}, {-1, -1, -1, -1}};

// One bit per lane of a comparison mask (lanes all ones or all zeros), lane 0 in bit 0.
inline unsigned laneBits(v4i m) {
#if defined(__SSE__)
  return static_cast<unsigned>(__builtin_ia32_movmskps(reinterpret_cast<v4f>(m)));
#else
  return (m[0] & 1u) | (m[1] & 2u) | (m[2] & 4u) | (m[3] & 8u);
#endif
}
inline int lowestLane(unsigned bits) { return __builtin_ctz(bits); }

}  // namespace mnsim::bvh_detail
