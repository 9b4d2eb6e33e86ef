// Needling devices: a motorised pen with single-use cartridges, and a dermaroller.
// Values are mnsim's documented model defaults (docs/devices.md), not one maker's specification.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace mnsim {

enum class DeviceKind { Pen, Roller };

struct Cartridge {
  std::string id;               // e.g. "round-12"
  std::string name;             // shown to users
  int needles = 12;             // needles per stamp
  float headDiameterMm = 6.0f;  // footprint disk on the skin
};

struct DeviceSpec {
  DeviceKind kind = DeviceKind::Pen;
  std::string id;               // "pen" or "roller"
  std::string name;             // shown to users
  // Depth dial (scoring.md §1): 0.25-2.5 mm in 0.25 mm steps for the pen; a roller's needle
  // length is fixed per roller, chosen from the same steps.
  float depthMinMm = 0.25f;
  float depthMaxMm = 2.5f;
  float depthStepMm = 0.25f;
  // Pen: stamps per second.
  float rateMinHz = 50.0f;
  float rateMaxHz = 150.0f;
  float rateDefaultHz = 100.0f;
  std::vector<Cartridge> cartridges;   // pen only
  std::string defaultCartridge;        // pen only
  // Roller: 192 needles in 8 rows around a 20 mm wide drum.
  int rollerNeedles = 192;
  int rollerRows = 8;
  float drumWidthMm = 20.0f;
  float drumDiameterMm = 15.0f;

  const Cartridge* cartridge(std::string_view id) const;
  // Distance the drum advances between two rows of needles: circumference / rows.
  float rollerRowPitchMm() const;
  int rollerNeedlesPerRow() const { return rollerNeedles / rollerRows; }
  // True when depth is within the dial's range and on one of its steps.
  bool depthOnDial(float depthMm) const;
};

// The catalogue: "pen" and "roller".
const std::vector<DeviceSpec>& deviceCatalogue();
const DeviceSpec* findDevice(std::string_view id);

// The footprint a device leaves per stamp, for coverage and density (scoring.md §1-2).
struct StampGeometry {
  bool rectangle = false;   // roller row
  float radiusMm = 0.0f;    // pen: head radius
  float lengthMm = 0.0f;    // roller: row pitch (along the rolling direction)
  float widthMm = 0.0f;     // roller: drum width
  int needles = 0;          // punctures per stamp
  float areaMm2() const;
  // Punctures per cm² that one stamp adds inside its footprint.
  float densityPerCm2() const;
};

StampGeometry stampGeometry(const DeviceSpec& device, const Cartridge* cartridge);

}  // namespace mnsim
