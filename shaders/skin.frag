#version 410 core
// Skin shading and the training views. Lighting is in linear space; the framebuffer encodes
// sRGB on write (cheaper than pow() per fragment on a CPU rasteriser).
in vec3 vPosition;
in vec3 vNormal;
in vec2 vUv;

uniform vec3 uEye;
uniform vec3 uAlbedo;        // Fitzpatrick base colour, linear
uniform vec3 uScatter;       // subsurface tint, linear
uniform sampler2D uNormalMap;        // object-space normals baked from the scoring mesh
uniform usampler2D uSampleIndex;     // per texel: skin sample index (0xffffffff: none)
uniform usamplerBuffer uSampleState; // per sample: pass mask, density bits, depth bits, zone
// VIEW (0 skin, 1 zones, 2 coverage, 3 clinical endpoint), CURSOR and NORMAL_MAP (0 or 1) are
// defined when the program is built: one program per combination, so a CPU rasteriser never
// pays for what it is not drawing.
uniform int uPass;           // coverage view: -1 all passes, else the 0-based pass shown
uniform vec3 uZoneColor[64];
uniform int uZoneFlags[64];  // bit 0: planned, bit 1: no-go
uniform float uDensityFull;  // punctures/cm² at which erythema is at its deepest

uniform vec3 uCursorCenter;
uniform vec3 uCursorNormal;
uniform vec3 uCursorAlong;   // roller: rolling direction
uniform float uCursorRadius; // pen head radius, or roller half width
uniform float uCursorHalfLength;  // roller: half the row pitch; 0 for the pen
uniform vec3 uCursorColor;

out vec4 fragColor;

const uint kNone = 0xffffffffu;

uvec4 stateAt(ivec2 texel) {
  uint index = texelFetch(uSampleIndex, texel, 0).r;
  if (index == kNone) return uvec4(0u, 0u, 0u, 0xffffu);
  return texelFetch(uSampleState, int(index));
}

int passCount(uint mask) { return bitCount(mask & 0x7fffffffu) + ((mask & 0x80000000u) != 0u ? 1 : 0); }

float hash(vec2 p) { return fract(sin(dot(p, vec2(12.9898, 78.233))) * 43758.5453); }

void main() {
  vec3 n = normalize(vNormal);
#if NORMAL_MAP
  vec3 mapped = texture(uNormalMap, vUv).xyz * 2.0 - 1.0;
  if (dot(mapped, mapped) > 0.25) n = normalize(mapped);
#endif
  vec3 v = normalize(uEye - vPosition);
  if (dot(n, v) < 0.0) n = -n;  // inside of the neck opening

  ivec2 size = textureSize(uSampleIndex, 0);
  ivec2 texel = clamp(ivec2(vUv * vec2(size)), ivec2(0), size - 1);
  vec3 albedo = uAlbedo;
#if VIEW != 0
  uvec4 state = stateAt(texel);
  uint mask = state.x;
  float density = uintBitsToFloat(state.y);
  float depth = uintBitsToFloat(state.z);
  int zone = int(state.w & 0xffffu);
#endif
#if VIEW == 1
  if (zone < 64) {
    albedo = mix(uAlbedo, uZoneColor[zone], 0.75);
    if ((uZoneFlags[zone] & 2) != 0 && mod(floor((vPosition.x + vPosition.y) * 0.8), 2.0) < 1.0)
      albedo = mix(albedo, vec3(0.55, 0.05, 0.05), 0.6);  // no-go: hatched
  }
#elif VIEW == 2
  {
    int passes = passCount(mask);
    bool hit = uPass < 0 ? passes > 0 : ((mask >> uint(uPass)) & 1u) != 0u;
    if (hit) {
      vec3 ramp = uPass >= 0 ? vec3(0.10, 0.55, 0.60)
                : passes == 1 ? vec3(0.95, 0.72, 0.20)
                : passes == 2 ? vec3(0.55, 0.78, 0.30)
                              : vec3(0.10, 0.55, 0.30);
      albedo = mix(uAlbedo, ramp, 0.8);
    } else if (zone < 64 && (uZoneFlags[zone] & 1) != 0) {
      // Untreated skin of a planned zone: outline where it meets treated skin.
      bool edge = false;
      for (int k = 0; k < 4; ++k) {
        ivec2 o = texel + ivec2(k == 0 ? 1 : (k == 1 ? -1 : 0), k == 2 ? 1 : (k == 3 ? -1 : 0));
        uint m = stateAt(clamp(o, ivec2(0), size - 1)).x;
        edge = edge || (uPass < 0 ? m != 0u : ((m >> uint(uPass)) & 1u) != 0u);
      }
      albedo = edge ? vec3(0.85, 0.10, 0.10) : mix(uAlbedo, vec3(0.35, 0.42, 0.55), 0.35);
    }
  }
#elif VIEW == 3
  if (mask != 0u) {
    // Clinical endpoint: erythema deepens with density and depth; pinpoint bleeding from 0.5 mm.
    float redness = clamp(density / uDensityFull, 0.0, 1.0) * clamp(0.45 + depth, 0.5, 1.2);
    albedo = mix(uAlbedo, vec3(0.62, 0.10, 0.08), clamp(redness, 0.0, 0.85));
    if (depth >= 0.5) {
      float chance = clamp(density / (2.5 * uDensityFull), 0.0, 0.35) * clamp(depth, 0.5, 1.5);
      if (hash(vec2(texel)) < chance) albedo = vec3(0.30, 0.02, 0.02);
    }
  }
#endif

  // Soft three-point light: a warm key from the upper left, a cool fill, a rim from behind.
  vec3 keyDir = normalize(vec3(-0.45, 0.55, 0.70));
  vec3 fillDir = normalize(vec3(0.70, 0.10, 0.60));
  vec3 rimDir = normalize(vec3(0.10, 0.40, -0.90));
  float wrap = 0.35;  // light wrapping round the terminator: the subsurface look
  float key = max((dot(n, keyDir) + wrap) / (1.0 + wrap), 0.0);
  float fill = max((dot(n, fillDir) + wrap) / (1.0 + wrap), 0.0);
  float facing = 1.0 - max(dot(n, v), 0.0);
  float rim = facing * facing * facing * max(dot(n, rimDir) + 0.3, 0.0);
  float scatter = max(key - max(dot(n, keyDir), 0.0), 0.0);  // the wrapped part, reddened
  vec3 h = normalize(keyDir + v);
  float nh = max(dot(n, h), 0.0);
  float nh4 = nh * nh * nh * nh;
  float nh16 = nh4 * nh4 * nh4 * nh4;
  float spec = nh16 * nh16 * nh16 * 0.05;  // nh^48 without pow()
  vec3 ambient = mix(vec3(0.16, 0.15, 0.15), vec3(0.24, 0.25, 0.28), n.y * 0.5 + 0.5);
  vec3 color = albedo * (ambient + key * vec3(1.00, 0.96, 0.90) * 0.85 + fill * vec3(0.80, 0.86, 0.95) * 0.30)
             + uScatter * scatter * 0.35 + rim * vec3(0.25) + spec;

#if CURSOR
  {
    vec3 d = vPosition - uCursorCenter;
    d -= dot(d, uCursorNormal) * uCursorNormal;
    float inside;
    float edge;
    if (uCursorHalfLength > 0.0) {
      vec3 across = normalize(cross(uCursorNormal, uCursorAlong));
      vec2 q = abs(vec2(dot(d, uCursorAlong), dot(d, across))) - vec2(uCursorHalfLength, uCursorRadius);
      float dist = max(q.x, q.y);
      inside = dist < 0.0 ? 1.0 : 0.0;
      edge = 1.0 - smoothstep(0.10, 0.30, abs(dist));
    } else {
      float r = length(d);
      inside = r < uCursorRadius ? 1.0 : 0.0;
      edge = 1.0 - smoothstep(0.10, 0.30, abs(r - uCursorRadius));
    }
    if (abs(dot(vPosition - uCursorCenter, uCursorNormal)) < 3.0 && dot(n, uCursorNormal) > 0.3) {
      color = mix(color, uCursorColor, inside * 0.18);
      color = mix(color, uCursorColor, edge * 0.9);
    }
  }
#endif
  fragColor = vec4(clamp(color, 0.0, 1.0), 1.0);
}
