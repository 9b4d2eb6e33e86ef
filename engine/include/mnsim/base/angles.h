// Degrees and radians. mnsim's files and settings speak degrees; trigonometry wants radians.
#pragma once

namespace mnsim {

// Multiply degrees by this for radians (divide radians by it for degrees).
constexpr float kDegToRad = 0.017453292519943295f;
// Multiply radians by this for degrees.
constexpr float kRadToDeg = 57.29577951308232f;

}  // namespace mnsim
