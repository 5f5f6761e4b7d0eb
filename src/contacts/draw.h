// The draw of a random joint inspection plan (双随机、一公开): which enterprises of a pool are
// inspected, and by which pairs of inspectors of a roster, decided by a published seed so that
// anyone can recompute it. The algorithm, "zhitong-draw-v1", is specified in
// docs/RANDOM-INSPECTIONS.md (with a reference implementation in Python and known-answer test
// vectors); this file is its implementation and must stay bit-for-bit equal to that text.
// Pure functions; SHA-256 is libsodium's.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"

namespace zhitong::contacts {

inline constexpr std::string_view kDrawAlgorithm = "zhitong-draw-v1";
inline constexpr size_t kMaxSeedBytes = 256;
inline constexpr size_t kMaxKeyBytes = 200;

// The deterministic stream of 64-bit words for one purpose ("targets", "inspectors"): SHA-256 in
// counter mode over the algorithm name, the label and the seed (see the document for the bytes).
class DrawStream {
 public:
  DrawStream(std::string_view seed, std::string_view label);
  // The next 8 bytes of the stream as a big-endian unsigned integer.
  uint64_t NextWord();
  // A uniform integer in [0, n) by rejection sampling (no modulo bias). REQUIRES: n >= 1.
  uint64_t Uniform(uint64_t n);

 private:
  void Refill();
  std::string prefix_;  // everything hashed before the counter
  uint64_t counter_ = 0;
  std::array<unsigned char, 32> block_{};
  size_t used_ = 32;
};

struct DrawInput {
  std::string seed;
  std::vector<std::string> pool;    // enterprise keys (USCC), any order; canonicalised inside
  std::vector<std::string> roster;  // inspector keys, any order; canonicalised inside
  int64_t target_count = 0;
};

struct DrawnTarget {
  std::string key;
  std::array<std::string, 2> team;  // two inspector keys
  bool operator==(const DrawnTarget&) const = default;
};

struct DrawResult {
  std::vector<DrawnTarget> targets;  // in draw order
  bool operator==(const DrawResult&) const = default;
};

// The seed, keys and counts are checked first: input.invalid for an empty or over-long seed, a
// NUL byte, an empty, over-long or duplicated key, fewer than two inspectors, or a target count
// below one. A target count above the pool's size draws the whole pool.
Result<DrawResult> Draw(const DrawInput& input);

// The pool or roster in canonical order: ascending by the bytes of the key (memcmp order).
std::vector<std::string> Canonical(std::vector<std::string> keys);

// A new seed: 32 random bytes from libsodium, as 64 lower-case hex digits.
std::string NewSeed();

}  // namespace zhitong::contacts
