// This station: its id, its signing key and the keys it trusts, kept in the user's config folder:
//   <config>/station-id          one line, made on first use: <hostname>-<6 hex digits>
//   <config>/keys/station.key    the secret key (owner-only), station.pub beside it
//   <config>/keys/assessor.key   an assessor's key for signing reviews off (made when first needed)
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
// The assessor's own key at this workstation (<config>/keys/assessor.key), made on first use,
// labelled with their name; it signs reviews off.
Result<SigningKey> assessorKey(const std::string& assessorName);
// The keys a run's or a review's signature is accepted from: by default this station's own, this
// workstation's assessor key, and every key in trustedKeysFolder(); given a folder, exactly the
// keys in it.
Result<std::vector<PublicKey>> trustedKeys(const std::string& folder = "");

}  // namespace mnsim::app
