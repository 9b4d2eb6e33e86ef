// Ray casts per second on a 200k-triangle mesh: mnsim's BVH side by side with Embree 3
// (rtcIntersect1, one ray at a time, the same rays) in the same run. Also mnsim's closest-point
// queries (points near the surface) and its build time.
#include <cmath>
#include <random>

#include <benchmark/benchmark.h>
#include <glm/geometric.hpp>

#include <mnsim/geometry/bvh.h>

#ifdef MNSIM_HAVE_EMBREE
#include <embree3/rtcore.h>
#endif

namespace {

// A bumpy closed head-sized blob: a UV sphere of 250 x 400 quads (200,000 triangles) with a
// few octaves of ripples, so that the BVH sees uneven, curved skin rather than a perfect sphere.
const mnsim::TriMesh& mesh() {
  static const mnsim::TriMesh m = [] {
    mnsim::TriMesh out;
    const int rings = 250, segments = 400;
    for (int r = 0; r <= rings; ++r) {
      const float theta = 3.14159265f * r / rings;
      for (int s = 0; s < segments; ++s) {
        const float phi = 6.2831853f * s / segments;
        const float bump = 1.0f + 0.06f * std::sin(5 * theta) * std::cos(7 * phi) + 0.02f * std::sin(23 * theta + 3 * phi);
        const float radius = 100.0f * bump;
        out.positions.emplace_back(radius * 0.8f * std::sin(theta) * std::cos(phi), radius * std::cos(theta),
                                   radius * 0.9f * std::sin(theta) * std::sin(phi));
      }
    }
    for (int r = 0; r < rings; ++r)
      for (int s = 0; s < segments; ++s) {
        const uint32_t a = r * segments + s, b = r * segments + (s + 1) % segments;
        const uint32_t c = (r + 1) * segments + s, d = (r + 1) * segments + (s + 1) % segments;
        out.triangles.emplace_back(a, c, b);
        out.triangles.emplace_back(b, c, d);
      }
    return out;
  }();
  return m;
}

struct Ray {
  glm::vec3 origin, direction;
};

// Rays from points around the blob toward random points inside it: incoherent, like picking
// and projecting pens from every side.
const std::vector<Ray>& rays() {
  static const std::vector<Ray> list = [] {
    std::vector<Ray> out;
    std::mt19937 rng(42);
    std::uniform_real_distribution<float> u(-1.0f, 1.0f);
    for (int i = 0; i < (1 << 16); ++i) {
      glm::vec3 from(u(rng), u(rng), u(rng));
      from = glm::normalize(from) * 250.0f;
      const glm::vec3 to(u(rng) * 60.0f, u(rng) * 60.0f, u(rng) * 60.0f);
      out.push_back({from, glm::normalize(to - from)});
    }
    return out;
  }();
  return list;
}

// Points within 10 mm of the surface, on either side: random points of random triangles moved
// by a random offset in a 10 mm ball, like pens projected onto the skin and no-go zone checks.
const std::vector<glm::vec3>& nearPoints() {
  static const std::vector<glm::vec3> list = [] {
    std::vector<glm::vec3> out;
    const mnsim::TriMesh& m = mesh();
    std::mt19937 rng(43);
    std::uniform_real_distribution<float> u(0.0f, 1.0f), s(-1.0f, 1.0f);
    std::uniform_int_distribution<uint32_t> tri(0, static_cast<uint32_t>(m.triangleCount() - 1));
    for (int i = 0; i < (1 << 16); ++i) {
      const uint32_t t = tri(rng);
      float a = u(rng), b = u(rng);
      if (a + b > 1.0f) a = 1.0f - a, b = 1.0f - b;
      const glm::vec3 onSurface = m.corner(t, 0) + a * (m.corner(t, 1) - m.corner(t, 0)) + b * (m.corner(t, 2) - m.corner(t, 0));
      glm::vec3 offset;
      do offset = glm::vec3(s(rng), s(rng), s(rng));
      while (glm::dot(offset, offset) > 1.0f);
      out.push_back(onSurface + offset * 10.0f);
    }
    return out;
  }();
  return list;
}

void BM_MnsimBvhRaycast(benchmark::State& state) {
  const mnsim::Bvh bvh = mnsim::Bvh::build(mesh());
  const std::vector<Ray>& list = rays();
  size_t i = 0, hits = 0;
  for (auto _ : state) {
    const Ray& r = list[i++ & (list.size() - 1)];
    hits += bvh.raycast(r.origin, r.direction).has_value();
  }
  state.SetItemsProcessed(state.iterations());
  state.counters["hit_share"] = static_cast<double>(hits) / state.iterations();
  state.counters["triangles"] = static_cast<double>(mesh().triangleCount());
  state.counters["nodes"] = static_cast<double>(bvh.nodeCount());
  state.counters["MiB"] = static_cast<double>(bvh.memoryBytes()) / (1024.0 * 1024.0);
}
BENCHMARK(BM_MnsimBvhRaycast);

// Closest point within range(0) mm (0: unlimited) of points near the surface.
void BM_MnsimBvhClosestPoint(benchmark::State& state) {
  const mnsim::Bvh bvh = mnsim::Bvh::build(mesh());
  const std::vector<glm::vec3>& list = nearPoints();
  const float maxDistance = state.range(0) > 0 ? static_cast<float>(state.range(0)) : 1e30f;
  size_t i = 0, found = 0;
  for (auto _ : state) found += bvh.closestPoint(list[i++ & (list.size() - 1)], maxDistance).has_value();
  state.SetItemsProcessed(state.iterations());
  state.counters["found_share"] = static_cast<double>(found) / state.iterations();
}
BENCHMARK(BM_MnsimBvhClosestPoint)->Arg(10)->Arg(0);

void BM_MnsimBvhBuild(benchmark::State& state) {
  for (auto _ : state) benchmark::DoNotOptimize(mnsim::Bvh::build(mesh()).nodeCount());
}
BENCHMARK(BM_MnsimBvhBuild)->Unit(benchmark::kMillisecond);

#ifdef MNSIM_HAVE_EMBREE
void BM_EmbreeRaycast(benchmark::State& state) {
  RTCDevice device = rtcNewDevice("threads=1");
  RTCScene scene = rtcNewScene(device);
  RTCGeometry geometry = rtcNewGeometry(device, RTC_GEOMETRY_TYPE_TRIANGLE);
  const mnsim::TriMesh& m = mesh();
  auto* vertices = static_cast<float*>(rtcSetNewGeometryBuffer(geometry, RTC_BUFFER_TYPE_VERTEX, 0, RTC_FORMAT_FLOAT3,
                                                                3 * sizeof(float), m.positions.size()));
  for (size_t v = 0; v < m.positions.size(); ++v)
    for (int k = 0; k < 3; ++k) vertices[3 * v + k] = m.positions[v][k];
  auto* indices = static_cast<unsigned*>(rtcSetNewGeometryBuffer(geometry, RTC_BUFFER_TYPE_INDEX, 0, RTC_FORMAT_UINT3,
                                                                 3 * sizeof(unsigned), m.triangles.size()));
  for (size_t t = 0; t < m.triangles.size(); ++t)
    for (int k = 0; k < 3; ++k) indices[3 * t + k] = m.triangles[t][k];
  rtcCommitGeometry(geometry);
  rtcAttachGeometry(scene, geometry);
  rtcReleaseGeometry(geometry);
  rtcCommitScene(scene);
  RTCIntersectContext context;
  rtcInitIntersectContext(&context);
  const std::vector<Ray>& list = rays();
  size_t i = 0, hits = 0;
  for (auto _ : state) {
    const Ray& r = list[i++ & (list.size() - 1)];
    RTCRayHit rh;
    rh.ray.org_x = r.origin.x;
    rh.ray.org_y = r.origin.y;
    rh.ray.org_z = r.origin.z;
    rh.ray.dir_x = r.direction.x;
    rh.ray.dir_y = r.direction.y;
    rh.ray.dir_z = r.direction.z;
    rh.ray.tnear = 0.0f;
    rh.ray.tfar = 1e30f;
    rh.ray.mask = ~0u;
    rh.ray.flags = 0;
    rh.ray.time = 0.0f;
    rh.hit.geomID = RTC_INVALID_GEOMETRY_ID;
    rtcIntersect1(scene, &context, &rh);
    hits += rh.hit.geomID != RTC_INVALID_GEOMETRY_ID;
  }
  state.SetItemsProcessed(state.iterations());
  state.counters["hit_share"] = static_cast<double>(hits) / state.iterations();
  rtcReleaseScene(scene);
  rtcReleaseDevice(device);
}
BENCHMARK(BM_EmbreeRaycast);
#endif

}  // namespace

BENCHMARK_MAIN();
