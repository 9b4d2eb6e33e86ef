#include <algorithm>
#include <cmath>
#include <cstring>
#include <numeric>
#include <stdexcept>

#include "geometry/bvh_arena.h"
#include "mnsim/geometry/bvh.h"

namespace mnsim {

using namespace bvh_detail;

namespace {

constexpr int kBins = 16;


// A box as two vectors (the fourth lane unused), grown exactly as Aabb::grow does (glm::min and
// glm::max keep the current bound unless the new value is strictly beyond it).
struct Box4 {
  v4f lo = splat(1e30f), hi = splat(-1e30f);
  void grow(const Box4& b) {
    lo = vmin(b.lo, lo);
    hi = vmax(b.hi, hi);
  }
  void grow(v4f p) {
    lo = vmin(p, lo);
    hi = vmax(p, hi);
  }
  // Aabb::surfaceArea, the same operations in the same order.
  float surfaceArea() const {
    if (lo[0] > hi[0]) return 0.0f;
    const v4f e = hi - lo;
    return 2.0f * (e[0] * e[1] + e[1] * e[2] + e[2] * e[0]);
  }
  Aabb aabb() const {
    Aabb box;
    box.lo = glm::vec3(lo[0], lo[1], lo[2]);
    box.hi = glm::vec3(hi[0], hi[1], hi[2]);
    return box;
  }
};

// Binary BVH used while building; collapsed into 4-wide nodes afterwards.
struct Node2 {
  Box4 box;
  uint32_t first = 0;  // leaf: first index into the ordered triangle ids; inner: left child
  uint32_t count = 0;  // leaf: triangles; inner: 0 (right child = left + 1)
};

struct BvhBuilder {
  const TriMesh& mesh;
  std::vector<uint32_t> ids;   // triangle ids, reordered during the build
  std::vector<Box4> boxes;     // parallel to ids
  std::vector<v4f> centroids;  // parallel to ids

  std::vector<Node2> nodes;

  void build(uint32_t nodeIndex, uint32_t begin, uint32_t end, int depth) {
    Box4 box, centroidBox;
    for (uint32_t i = begin; i < end; ++i) {
      box.grow(boxes[i]);
      centroidBox.grow(centroids[i]);
    }
    nodes[nodeIndex].box = box;
    const uint32_t count = end - begin;
    auto makeLeaf = [&] {
      nodes[nodeIndex].first = begin;
      nodes[nodeIndex].count = count;
    };
    // Leaves are intersected four triangles at a time: a full leaf costs no more than one
    // triangle, so any range that fits one becomes a leaf.
    if (count <= static_cast<uint32_t>(Bvh::kMaxLeafSize)) return makeLeaf();

    // Binned SAH over every axis with some centroid extent (all axes binned in one pass).
    float bestCost = 1e30f;
    int bestAxis = -1, bestSplit = -1;
    const v4f extent = centroidBox.hi - centroidBox.lo;
    struct Bin {
      Box4 box;
      uint32_t count = 0;
    } bins[3][kBins];
    int axes[3], axisCount = 0;
    float scales[3], los[3];
    for (int axis = 0; axis < 3; ++axis) {
      if (extent[axis] <= 1e-9f) continue;
      axes[axisCount] = axis;
      scales[axisCount] = kBins / extent[axis];
      los[axisCount++] = centroidBox.lo[axis];
    }
    for (uint32_t i = begin; i < end; ++i) {
      for (int a = 0; a < axisCount; ++a) {
        int b = static_cast<int>((centroids[i][axes[a]] - los[a]) * scales[a]);
        b = std::clamp(b, 0, kBins - 1);
        bins[a][b].box.grow(boxes[i]);
        bins[a][b].count++;
      }
    }
    for (int a = 0; a < axisCount; ++a) {
      float rightArea[kBins];
      uint32_t rightCount[kBins];
      Box4 acc;
      uint32_t n = 0;
      for (int b = kBins - 1; b > 0; --b) {
        acc.grow(bins[a][b].box);
        n += bins[a][b].count;
        rightArea[b] = acc.surfaceArea();
        rightCount[b] = n;
      }
      acc = Box4();
      n = 0;
      for (int b = 0; b < kBins - 1; ++b) {
        acc.grow(bins[a][b].box);
        n += bins[a][b].count;
        if (n == 0 || rightCount[b + 1] == 0) continue;
        const float cost = acc.surfaceArea() * n + rightArea[b + 1] * rightCount[b + 1];
        if (cost < bestCost) {
          bestCost = cost;
          bestAxis = axes[a];
          bestSplit = b;
        }
      }
    }

    // Deep trees only come from pathological input; plain halving keeps the stacks safe.
    if (depth >= kMaxDepth) bestAxis = -1;
    uint32_t mid = begin + count / 2;
    if (bestAxis >= 0) {
      const float scale = kBins / extent[bestAxis];
      const float lo = centroidBox.lo[bestAxis];
      auto isLeft = [&](uint32_t i) {
        int b = static_cast<int>((centroids[i][bestAxis] - lo) * scale);
        return std::clamp(b, 0, kBins - 1) <= bestSplit;
      };
      uint32_t i = begin, j = end;
      while (i < j) {
        if (isLeft(i)) {
          ++i;
        } else {
          --j;
          std::swap(ids[i], ids[j]);
          std::swap(boxes[i], boxes[j]);
          std::swap(centroids[i], centroids[j]);
        }
      }
      mid = (i == begin || i == end) ? begin + count / 2 : i;
    }
    const auto left = static_cast<uint32_t>(nodes.size());
    nodes.push_back({});
    nodes.push_back({});
    nodes[nodeIndex].first = left;
    nodes[nodeIndex].count = 0;
    build(left, begin, mid, depth + 1);
    build(left + 1, mid, end, depth + 1);
  }
};

// Collapse: every 4-wide node takes up to four descendants of a binary node, always opening
// the largest inner one, so that one box test stands for several binary levels. A lone leaf
// (a tree of four triangles or fewer) still gets a node above it.
struct Wide {
  int count = 0;
  uint32_t member[4] = {};            // binary nodes, in child order
  int32_t wide[4] = {-1, -1, -1, -1};  // an inner member's own 4-wide node; -1: a leaf
};

std::vector<Wide> collapse(const std::vector<Node2>& nodes, size_t triangleCount) {
  std::vector<Wide> wides;
  wides.reserve(triangleCount / 2 + 1);
  auto group = [&](auto&& self, uint32_t binary) -> int32_t {
    const auto index = static_cast<int32_t>(wides.size());
    wides.emplace_back();
    Wide w;
    const Node2& root = nodes[binary];
    if (root.count > 0) {
      w.count = 1;
      w.member[0] = binary;
      wides[index] = w;
      return index;
    }
    uint32_t members[4] = {root.first, root.first + 1, 0, 0};
    int count = 2;
    while (count < 4) {
      int open = -1;
      float largest = -1.0f;
      for (int c = 0; c < count; ++c) {
        const Node2& m = nodes[members[c]];
        if (m.count == 0 && m.box.surfaceArea() > largest) {
          largest = m.box.surfaceArea();
          open = c;
        }
      }
      if (open < 0) break;
      const uint32_t left = nodes[members[open]].first;
      members[open] = left;
      members[count++] = left + 1;
    }
    w.count = count;
    for (int c = 0; c < count; ++c) {
      w.member[c] = members[c];
      if (nodes[members[c]].count == 0) w.wide[c] = self(self, members[c]);
    }
    wides[index] = w;
    return index;
  };
  group(group, 0);
  return wides;
}

}  // namespace

Bvh Bvh::build(const TriMesh& mesh) {
  std::vector<uint32_t> all(mesh.triangles.size());
  std::iota(all.begin(), all.end(), 0u);
  return build(mesh, all);
}

Bvh Bvh::build(const TriMesh& mesh, std::span<const uint32_t> triangles) {
  Bvh bvh;
  if (triangles.empty()) return bvh;
  BvhBuilder b{mesh, {triangles.begin(), triangles.end()}, {}, {}, {}};
  b.boxes.resize(triangles.size());
  b.centroids.resize(triangles.size());
  for (size_t i = 0; i < triangles.size(); ++i) {
    Box4 box;
    for (int k = 0; k < 3; ++k) {
      const glm::vec3 corner = mesh.corner(triangles[i], k);
      box.grow(v4f{corner.x, corner.y, corner.z, 0.0f});
    }
    b.boxes[i] = box;
    b.centroids[i] = (box.lo + box.hi) * splat(0.5f);  // Aabb::center
  }
  b.nodes.reserve(2 * triangles.size());
  b.nodes.push_back({});
  b.build(0, 0, static_cast<uint32_t>(triangles.size()), 0);
  bvh.m_bounds = b.nodes[0].box.aabb();
  bvh.m_triangleCount = triangles.size();

  const std::vector<Wide> wides = collapse(b.nodes, triangles.size());
  bvh.m_nodeCount = wides.size();

  // Lay the nodes and leaves out in the arena (see the layout above).
  std::vector<unsigned char> bytes;
  bytes.reserve(wides.size() * sizeof(NodeLayout) + triangles.size() * 44 + 64);
  auto allocate = [&](size_t size, size_t align) {
    const size_t at = (bytes.size() + align - 1) / align * align;
    if (at + size > kMaxArenaBytes) throw std::length_error("Bvh: mesh too large");
    bytes.resize(at + size);
    return at;
  };
  auto writeLeaf = [&](const Node2& leaf) {
    const uint32_t k = leaf.count;
    const size_t at = allocate((40 * k + 15) / 16 * 16, 16);
    float rows[9][4];
    uint32_t ids[4];
    for (uint32_t lane = 0; lane < k; ++lane) {
      const uint32_t t = b.ids[leaf.first + lane];
      const glm::vec3 a = mesh.corner(t, 0), e1 = mesh.corner(t, 1) - a, e2 = mesh.corner(t, 2) - a;
      for (int axis = 0; axis < 3; ++axis) {
        rows[axis][lane] = a[axis];
        rows[3 + axis][lane] = e1[axis];
        rows[6 + axis][lane] = e2[axis];
      }
      ids[lane] = t;
    }
    for (int r = 0; r < 9; ++r) std::memcpy(&bytes[at + 4 * k * r], rows[r], 4 * k);
    std::memcpy(&bytes[at + 36 * k], ids, 4 * k);
    return ~static_cast<int32_t>((at / 16) << 2 | (k - 1));
  };
  // Writes the node of 4-wide node w at nodeAt and lays out its children as one block, then
  // theirs; returns where the block lies (first line << 4 | lines).
  auto layout = [&](auto&& self, int32_t w, size_t nodeAt) -> uint32_t {
    const Wide wide = wides[w];
    NodeLayout n;
    const size_t blockStart = allocate(0, 64);
    size_t childAt[4] = {};
    for (int c = 0; c < 4; ++c) {
      n.child[c] = kEmpty;
      n.ahead[c] = 0;
      if (c < wide.count && wide.wide[c] >= 0) {
        childAt[c] = allocate(sizeof(NodeLayout), 64);
        n.child[c] = static_cast<int32_t>(childAt[c] / 16);
      }
    }
    for (int c = 0; c < wide.count; ++c)
      if (wide.wide[c] < 0) n.child[c] = writeLeaf(b.nodes[wide.member[c]]);
    const size_t blockEnd = bytes.size();
    for (int c = 0; c < 4; ++c)
      for (int axis = 0; axis < 3; ++axis) {
        n.box[axis][c] = c < wide.count ? b.nodes[wide.member[c]].box.lo[axis] : kInf;
        n.box[3 + axis][c] = c < wide.count ? b.nodes[wide.member[c]].box.hi[axis] : -kInf;
      }
    for (int c = 0; c < wide.count; ++c)
      if (wide.wide[c] >= 0) n.ahead[c] = self(self, wide.wide[c], childAt[c]);
    std::memcpy(&bytes[nodeAt], &n, sizeof n);
    return static_cast<uint32_t>(blockStart / 64) << 4 | static_cast<uint32_t>((blockEnd - blockStart + 63) / 64);
  };
  const size_t rootAt = allocate(sizeof(NodeLayout), 64);
  layout(layout, 0, rootAt);
  bvh.m_arena.resize((bytes.size() + 63) / 64);
  std::memcpy(bvh.m_arena.data(), bytes.data(), bytes.size());
  return bvh;
}

}  // namespace mnsim
