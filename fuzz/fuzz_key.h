// The fixed station key of the run fuzz target: runs_fuzz.cpp trusts it (and re-signs seals with
// it), make_run_seeds.cpp signs the seeds with it. Made from a fixed Ed25519 seed; it signs
// nothing outside the fuzzer.
#pragma once

#include <mnsim/base/signing.h>

#include <cstdlib>

namespace mnsim::fuzz {

inline const SigningKey& fuzzKey() {
  static const SigningKey key = [] {
    auto k = parseSigningKey(
        "mnsim-key/1 ed25519-secret "
        "6d747b828990979ea5acb3bac1c8cfd6dde4ebf2f900070e151c232a31383f46"
        "f56f10c4d5c433f7fcb23521f1c86fbb99bc517a8ff93a8488296ff731f4df2f fuzz",
        "fuzz.key");
    if (!k) std::abort();
    return *k;
  }();
  return key;
}

// A second fixed key, not trusted: a seed signed by it checks as "unknown key".
inline const SigningKey& otherKey() {
  static const SigningKey key = [] {
    auto k = parseSigningKey(
        "mnsim-key/1 ed25519-secret "
        "0102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f20"
        "79b5562e8fe654f94078b112e8a98ba7901f853ae695bed7e0e3910bad049664 other",
        "other.key");
    if (!k) std::abort();
    return *k;
  }();
  return key;
}

}  // namespace mnsim::fuzz
