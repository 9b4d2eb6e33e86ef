// Ed25519 keys and signatures (libsodium), and BLAKE2b-256 for the hash chain of runs.
//
// A station signs the runs it seals with its own key (made on first use, the secret half kept
// readable by its owner only and never written into a run); anyone checks a signature with the
// public half. Key files are one line of text (docs/formats/run.md, "Keys"):
//   mnsim-key/1 ed25519-public <64 hex> <label>
//   mnsim-key/1 ed25519-secret <128 hex> <label>
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "mnsim/base/error.h"

namespace mnsim {

using PublicKeyBytes = std::array<uint8_t, 32>;
using SignatureBytes = std::array<uint8_t, 64>;
using Digest256 = std::array<uint8_t, 32>;

struct PublicKey {
  PublicKeyBytes bytes{};
  std::string label;  // who holds it: a station id, an assessor's name

  // The first 16 hex digits of the key's SHA-256: how messages and runs name a key.
  std::string id() const;
  std::string hex() const;
  // One line, as a public key file holds it.
  std::string fileText() const;
};

class SigningKey {
 public:
  // A new random key pair.
  static SigningKey generate(const std::string& label);
  SigningKey(const SigningKey&) = default;
  SigningKey& operator=(const SigningKey&) = default;
  ~SigningKey();

  const PublicKey& publicKey() const { return m_public; }
  SignatureBytes sign(std::string_view message) const;
  std::string fileText() const;  // the secret key file's one line

 private:
  SigningKey() = default;
  friend Result<SigningKey> parseSigningKey(std::string_view text, const std::string& nameForErrors);
  PublicKey m_public;
  std::array<uint8_t, 64> m_secret{};
};

bool verifySignature(const PublicKeyBytes& key, std::string_view message, const SignatureBytes& signature);

Result<PublicKey> parsePublicKey(std::string_view text, const std::string& nameForErrors);
Result<SigningKey> parseSigningKey(std::string_view text, const std::string& nameForErrors);
Result<PublicKey> readPublicKey(const std::string& path);

// The key in `folder`/station.key, made (with station.pub beside it) when there is none yet.
// The folder is created readable by its owner only, and so is the secret key file.
Result<SigningKey> loadOrCreateKey(const std::string& folder, const std::string& label,
                                   const std::string& name = "station");
// Every `*.pub` file in `folder` (none when it does not exist). A damaged file is an error.
Result<std::vector<PublicKey>> readPublicKeys(const std::string& folder);

// BLAKE2b with a 32-byte digest, over several pieces.
Digest256 blake2b256(std::initializer_list<std::string_view> pieces);
std::string toHex(const uint8_t* bytes, size_t size);
template <size_t N>
std::string toHex(const std::array<uint8_t, N>& bytes) {
  return toHex(bytes.data(), N);
}
// Hex to bytes; false when the text is not exactly 2*size hex digits.
bool fromHex(std::string_view hex, uint8_t* out, size_t size);

}  // namespace mnsim
