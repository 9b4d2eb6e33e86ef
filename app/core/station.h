// This station: its id, its signing key and the keys it trusts, kept in the user's config folder:
//   <config>/station-id          one line, made on first use: <hostname>-<6 hex digits>
//   <config>/keys/station.key    the secret key (owner-only), station.pub beside it
//   <config>/trusted-keys/*.pub  public keys of other stations and assessors, trusted here
// The app, `mnsim record`, `mnsim verify` and `mnsim keys` all find them here.
#pragma once

#include <string>
#include <vector>

#include <mnsim/base/error.h>
#include <mnsim/base/signing.h>

namespace mnsim::app {

std::string keysFolder();
std::string trustedKeysFolder();
// Made on first use; "" only when the config folder cannot be written.
std::string stationId();
Result<SigningKey> stationKey();
// The keys a run's signature is accepted from: by default this station's own and every key in
// trustedKeysFolder(); given a folder, exactly the keys in it.
Result<std::vector<PublicKey>> trustedKeys(const std::string& folder = "");

}  // namespace mnsim::app
