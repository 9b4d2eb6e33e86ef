#include "mnsim/procedure/device.h"

#include <cmath>
#include <numbers>

namespace mnsim {

const Cartridge* DeviceSpec::cartridge(std::string_view cartridgeId) const {
  for (const Cartridge& c : cartridges)
    if (c.id == cartridgeId) return &c;
  return nullptr;
}

float DeviceSpec::rollerRowPitchMm() const {
  return std::numbers::pi_v<float> * drumDiameterMm / static_cast<float>(rollerRows);
}

bool DeviceSpec::depthOnDial(float depthMm) const {
  if (depthMm < depthMinMm - 1e-4f || depthMm > depthMaxMm + 1e-4f) return false;
  const float steps = depthMm / depthStepMm;
  return std::fabs(steps - std::round(steps)) < 1e-3f;
}

const std::vector<DeviceSpec>& deviceCatalogue() {
  static const std::vector<DeviceSpec> catalogue = [] {
    DeviceSpec pen;
    pen.kind = DeviceKind::Pen;
    pen.id = "pen";
    pen.name = "Motorised microneedling pen";
    pen.cartridges = {
        {"round-9", "9-needle round", 9, 5.0f},
        {"round-12", "12-needle round", 12, 6.0f},
        {"round-16", "16-needle round", 16, 7.0f},
        {"round-24", "24-needle round", 24, 8.0f},
        {"round-36", "36-needle round", 36, 9.0f},
    };
    pen.defaultCartridge = "round-12";

    DeviceSpec roller;
    roller.kind = DeviceKind::Roller;
    roller.id = "roller";
    roller.name = "Dermaroller (192 needles, 8 rows)";
    roller.depthMinMm = 0.25f;
    roller.depthMaxMm = 2.5f;
    roller.rateMinHz = roller.rateMaxHz = roller.rateDefaultHz = 0.0f;
    return std::vector<DeviceSpec>{pen, roller};
  }();
  return catalogue;
}

const DeviceSpec* findDevice(std::string_view id) {
  for (const DeviceSpec& d : deviceCatalogue())
    if (d.id == id) return &d;
  return nullptr;
}

float StampGeometry::areaMm2() const {
  return rectangle ? lengthMm * widthMm : std::numbers::pi_v<float> * radiusMm * radiusMm;
}

float StampGeometry::densityPerCm2() const { return static_cast<float>(needles) / areaMm2() * 100.0f; }

StampGeometry stampGeometry(const DeviceSpec& device, const Cartridge* cartridge) {
  StampGeometry g;
  if (device.kind == DeviceKind::Roller) {
    g.rectangle = true;
    g.lengthMm = device.rollerRowPitchMm();
    g.widthMm = device.drumWidthMm;
    g.needles = device.rollerNeedlesPerRow();
  } else {
    const Cartridge* c = cartridge ? cartridge : device.cartridge(device.defaultCartridge);
    g.radiusMm = c->headDiameterMm * 0.5f;
    g.needles = c->needles;
  }
  return g;
}

}  // namespace mnsim
