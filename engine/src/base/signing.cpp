#include "mnsim/base/signing.h"

#include <algorithm>
#include <cstring>
#include <filesystem>
#include <sstream>

#include <sodium.h>
#include <sys/stat.h>

#include "mnsim/base/files.h"
#include "mnsim/base/hash.h"

namespace mnsim {

namespace fs = std::filesystem;

namespace {

constexpr std::string_view kKeyTag = "mnsim-key/1";

bool sodiumReady() {
  static const bool ready = sodium_init() >= 0;
  return ready;
}

// "mnsim-key/1 <kind> <hex> [label]": the kind and the hex, or an error.
Result<std::pair<std::string, std::string>> keyLine(std::string_view text, const std::string& name,
                                                    std::string_view kind, std::string& label) {
  std::string line(text.substr(0, text.find('\n')));
  if (!line.empty() && line.back() == '\r') line.pop_back();
  std::istringstream in(line);
  std::string tag, foundKind, hex;
  in >> tag >> foundKind >> hex;
  std::getline(in >> std::ws, label);
  if (tag != kKeyTag)
    return makeError(ErrorCode::Format, "not an mnsim key file (it must start with '" + std::string(kKeyTag) + "')",
                     {name, 1, 1});
  if (foundKind != kind)
    return makeError(ErrorCode::Format, "this is an '" + foundKind + "' key, expected '" + std::string(kind) + "'",
                     {name, 1, static_cast<int>(tag.size()) + 2});
  return std::make_pair(foundKind, hex);
}

}  // namespace

std::string toHex(const uint8_t* bytes, size_t size) {
  static const char* digits = "0123456789abcdef";
  std::string out(size * 2, '0');
  for (size_t i = 0; i < size; ++i) {
    out[2 * i] = digits[bytes[i] >> 4];
    out[2 * i + 1] = digits[bytes[i] & 15];
  }
  return out;
}

bool fromHex(std::string_view hex, uint8_t* out, size_t size) {
  if (hex.size() != 2 * size) return false;
  auto nibble = [](char c) -> int {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
  };
  for (size_t i = 0; i < size; ++i) {
    const int hi = nibble(hex[2 * i]), lo = nibble(hex[2 * i + 1]);
    if (hi < 0 || lo < 0) return false;
    out[i] = static_cast<uint8_t>(hi << 4 | lo);
  }
  return true;
}

Digest256 blake2b256(std::initializer_list<std::string_view> pieces) {
  sodiumReady();
  crypto_generichash_state state;
  crypto_generichash_init(&state, nullptr, 0, 32);
  for (std::string_view p : pieces)
    crypto_generichash_update(&state, reinterpret_cast<const unsigned char*>(p.data()), p.size());
  Digest256 out{};
  crypto_generichash_final(&state, out.data(), out.size());
  return out;
}

std::string PublicKey::id() const {
  return sha256Hex(std::string_view(reinterpret_cast<const char*>(bytes.data()), bytes.size())).substr(0, 16);
}

std::string PublicKey::hex() const { return toHex(bytes); }

std::string PublicKey::fileText() const {
  return std::string(kKeyTag) + " ed25519-public " + hex() + (label.empty() ? "" : " " + label) + "\n";
}

SigningKey SigningKey::generate(const std::string& label) {
  sodiumReady();
  SigningKey key;
  crypto_sign_keypair(key.m_public.bytes.data(), key.m_secret.data());
  key.m_public.label = label;
  return key;
}

SigningKey::~SigningKey() { sodium_memzero(m_secret.data(), m_secret.size()); }

SignatureBytes SigningKey::sign(std::string_view message) const {
  sodiumReady();
  SignatureBytes sig{};
  crypto_sign_detached(sig.data(), nullptr, reinterpret_cast<const unsigned char*>(message.data()), message.size(),
                       m_secret.data());
  return sig;
}

std::string SigningKey::fileText() const {
  return std::string(kKeyTag) + " ed25519-secret " + toHex(m_secret) +
         (m_public.label.empty() ? "" : " " + m_public.label) + "\n";
}

bool verifySignature(const PublicKeyBytes& key, std::string_view message, const SignatureBytes& signature) {
  sodiumReady();
  return crypto_sign_verify_detached(signature.data(), reinterpret_cast<const unsigned char*>(message.data()),
                                     message.size(), key.data()) == 0;
}

Result<PublicKey> parsePublicKey(std::string_view text, const std::string& name) {
  PublicKey key;
  auto line = keyLine(text, name, "ed25519-public", key.label);
  if (!line) return line.error();
  if (!fromHex(line->second, key.bytes.data(), key.bytes.size()))
    return makeError(ErrorCode::Value, "the public key must be 64 hex digits", {name, 1, 0});
  return key;
}

Result<SigningKey> parseSigningKey(std::string_view text, const std::string& name) {
  sodiumReady();
  SigningKey key;
  auto line = keyLine(text, name, "ed25519-secret", key.m_public.label);
  if (!line) return line.error();
  if (!fromHex(line->second, key.m_secret.data(), key.m_secret.size()))
    return makeError(ErrorCode::Value, "the secret key must be 128 hex digits", {name, 1, 0});
  crypto_sign_ed25519_sk_to_pk(key.m_public.bytes.data(), key.m_secret.data());
  return key;
}

Result<PublicKey> readPublicKey(const std::string& path) {
  auto text = readFile(path, "public key file");
  if (!text) return text.error();
  return parsePublicKey(*text, path);
}

Result<SigningKey> loadOrCreateKey(const std::string& folder, const std::string& label, const std::string& name) {
  const fs::path secretPath = fs::path(folder) / (name + ".key");
  const fs::path publicPath = fs::path(folder) / (name + ".pub");
  std::error_code ec;
  if (!fs::exists(secretPath, ec)) {
    fs::create_directories(folder, ec);
    if (ec) return makeError(ErrorCode::Io, "cannot create the keys folder: " + ec.message(), {folder, 0, 0});
    fs::permissions(folder, fs::perms::owner_all, fs::perm_options::replace, ec);
    // Several processes may start at once: one key is made, all use it.
    const SigningKey fresh = SigningKey::generate(label);
    auto made = createFileOnce(secretPath.string(), fresh.fileText(), "secret key file", FileAccess::OwnerOnly);
    if (!made) return made.error();
  }
  struct stat st {};
  if (::stat(secretPath.c_str(), &st) == 0 && (st.st_mode & 077) != 0)
    return makeError(ErrorCode::Io,
                     "the secret key can be read by others than its owner; make it private with "
                     "'chmod 600' (or remove it to make a new key)",
                     {secretPath.string(), 0, 0});
  auto text = readFile(secretPath.string(), "secret key file");
  if (!text) return text.error();
  auto key = parseSigningKey(*text, secretPath.string());
  if (!key) return key.error();
  if (!fs::exists(publicPath, ec)) {
    auto made = createFileOnce(publicPath.string(), key->publicKey().fileText(), "public key file");
    if (!made) return made.error();
  }
  return key;
}

Result<std::vector<PublicKey>> readPublicKeys(const std::string& folder) {
  std::vector<PublicKey> keys;
  std::error_code ec;
  if (!fs::is_directory(folder, ec)) return keys;
  std::vector<fs::path> files;
  for (const auto& entry : fs::directory_iterator(folder, ec))
    if (entry.path().extension() == ".pub") files.push_back(entry.path());
  std::sort(files.begin(), files.end());
  for (const fs::path& f : files) {
    auto key = readPublicKey(f.string());
    if (!key) return key.error();
    keys.push_back(*key);
  }
  return keys;
}

}  // namespace mnsim
