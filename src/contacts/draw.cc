#include "contacts/draw.h"

#include <sodium.h>

#include <algorithm>
#include <cstdlib>
#include <set>

namespace zhitong::contacts {
namespace {

// sodium_init is idempotent and thread-safe; it fails only without a system random source.
void InitSodium() {
  if (sodium_init() < 0) std::abort();
}

Error Bad(const std::string& en, const std::string& zh) {
  return Error::Invalid("input.invalid", "invalid draw: " + en, "抽取参数有误：" + zh);
}

Result<void> CheckKeys(const std::vector<std::string>& keys, const char* what_en, const char* what_zh) {
  std::set<std::string> seen;
  for (const auto& k : keys) {
    if (k.empty() || k.size() > kMaxKeyBytes || k.find('\0') != std::string::npos) {
      return Bad(std::string(what_en) + " keys must be 1 to " + std::to_string(kMaxKeyBytes) + " bytes without NUL",
                 std::string(what_zh) + "标识须为 1 至 " + std::to_string(kMaxKeyBytes) + " 字节且不含 NUL");
    }
    if (!seen.insert(k).second) {
      return Bad(std::string(what_en) + " key \"" + k + "\" appears twice",
                 std::string(what_zh) + "标识“" + k + "”重复");
    }
  }
  return Ok();
}

}  // namespace

DrawStream::DrawStream(std::string_view seed, std::string_view label) {
  InitSodium();  // SHA-256 itself needs no initialisation; this only picks the CPU's fastest code
  prefix_.append(kDrawAlgorithm);
  prefix_.push_back('\0');
  prefix_.append(label);
  prefix_.push_back('\0');
  prefix_.append(seed);
  prefix_.push_back('\0');
}

void DrawStream::Refill() {
  std::string message = prefix_;
  for (int shift = 56; shift >= 0; shift -= 8) message.push_back(static_cast<char>((counter_ >> shift) & 0xff));
  crypto_hash_sha256(block_.data(), reinterpret_cast<const unsigned char*>(message.data()), message.size());
  ++counter_;
  used_ = 0;
}

uint64_t DrawStream::NextWord() {
  if (used_ == block_.size()) Refill();
  uint64_t w = 0;
  for (int i = 0; i < 8; ++i) w = (w << 8) | block_[used_ + i];
  used_ += 8;
  return w;
}

uint64_t DrawStream::Uniform(uint64_t n) {
  // Accept u < 2^64 - (2^64 mod n): the largest multiple of n that fits, so every residue is
  // equally likely. (0 - n) % n is 2^64 mod n in unsigned arithmetic.
  const uint64_t remainder = (uint64_t{0} - n) % n;
  for (;;) {
    const uint64_t u = NextWord();
    if (remainder == 0 || u < uint64_t{0} - remainder) return u % n;
  }
}

std::vector<std::string> Canonical(std::vector<std::string> keys) {
  std::sort(keys.begin(), keys.end());  // std::string's operator< compares bytes as unsigned char
  return keys;
}

Result<DrawResult> Draw(const DrawInput& input) {
  if (input.seed.empty() || input.seed.size() > kMaxSeedBytes || input.seed.find('\0') != std::string::npos) {
    return Bad("the seed must be 1 to " + std::to_string(kMaxSeedBytes) + " bytes without NUL",
               "种子须为 1 至 " + std::to_string(kMaxSeedBytes) + " 字节且不含 NUL");
  }
  ZT_TRY(CheckKeys(input.pool, "pool", "对象库"));
  ZT_TRY(CheckKeys(input.roster, "roster", "检查人员"));
  if (input.roster.size() < 2) return Bad("the roster needs at least two inspectors", "检查人员名录至少须有两人");
  if (input.target_count < 1) return Bad("the target count must be at least 1", "抽取数量至少为 1");

  std::vector<std::string> pool = Canonical(input.pool);
  std::vector<std::string> roster = Canonical(input.roster);
  const size_t k = std::min<size_t>(pool.size(), static_cast<size_t>(input.target_count));

  // Targets: the first k steps of a Fisher–Yates (Durstenfeld) shuffle of the pool.
  DrawStream targets(input.seed, "targets");
  for (size_t i = 0; i < k; ++i) {
    const size_t j = i + static_cast<size_t>(targets.Uniform(pool.size() - i));
    std::swap(pool[i], pool[j]);
  }
  // Inspectors: a whole shuffle of the roster, then consecutive pairs are the teams.
  DrawStream inspectors(input.seed, "inspectors");
  for (size_t i = 0; i + 1 < roster.size(); ++i) {
    const size_t j = i + static_cast<size_t>(inspectors.Uniform(roster.size() - i));
    std::swap(roster[i], roster[j]);
  }
  const size_t teams = roster.size() / 2;

  DrawResult out;
  for (size_t i = 0; i < k; ++i) {
    const size_t t = i % teams;
    out.targets.push_back({pool[i], {roster[2 * t], roster[2 * t + 1]}});
  }
  return out;
}

std::string NewSeed() {
  InitSodium();
  std::array<unsigned char, 32> bytes{};
  randombytes_buf(bytes.data(), bytes.size());
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  for (unsigned char b : bytes) {
    out.push_back(kHex[b >> 4]);
    out.push_back(kHex[b & 15]);
  }
  return out;
}

}  // namespace zhitong::contacts
