#include "access/crypto.h"

#include <sodium.h>

#include <cstdlib>
#include <mutex>
#include <vector>

namespace zhitong::access {
namespace {

// Test builds may lower the argon2 cost (ZHITONG_TEST_FAST_HASH=1) so suites that create many
// users stay fast; the algorithm and format stay argon2id either way.
unsigned long long OpsLimit() {
  return std::getenv("ZHITONG_TEST_FAST_HASH") ? crypto_pwhash_OPSLIMIT_MIN : crypto_pwhash_OPSLIMIT_INTERACTIVE;
}
size_t MemLimit() {
  return std::getenv("ZHITONG_TEST_FAST_HASH") ? crypto_pwhash_MEMLIMIT_MIN : crypto_pwhash_MEMLIMIT_INTERACTIVE;
}

std::string Hex(const unsigned char* data, size_t n) {
  std::string out(n * 2 + 1, '\0');
  sodium_bin2hex(out.data(), out.size(), data, n);
  out.pop_back();
  return out;
}

}  // namespace

void InitCrypto() {
  static std::once_flag once;
  std::call_once(once, [] {
    if (sodium_init() < 0) std::abort();  // no safe way to continue without a random source
  });
}

Result<std::string> HashPassword(std::string_view password) {
  InitCrypto();
  char out[crypto_pwhash_STRBYTES];
  if (crypto_pwhash_str_alg(out, password.data(), password.size(), OpsLimit(), MemLimit(),
                            crypto_pwhash_ALG_ARGON2ID13) != 0) {
    return Error::Unavailable("access.hash_failed", "not enough memory to hash the password",
                              "内存不足，无法计算密码哈希");
  }
  return std::string(out);
}

bool VerifyPassword(std::string_view hash, std::string_view password) {
  InitCrypto();
  std::string h(hash);  // NUL-terminated copy
  return crypto_pwhash_str_verify(h.c_str(), password.data(), password.size()) == 0;
}

bool PasswordNeedsRehash(std::string_view hash) {
  std::string h(hash);
  return crypto_pwhash_str_needs_rehash(h.c_str(), OpsLimit(), MemLimit()) != 0;
}

std::string NewToken(std::string_view prefix) {
  InitCrypto();
  unsigned char raw[32];
  randombytes_buf(raw, sizeof raw);
  char b64[sodium_base64_ENCODED_LEN(32, sodium_base64_VARIANT_URLSAFE_NO_PADDING)];
  sodium_bin2base64(b64, sizeof b64, raw, sizeof raw, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
  sodium_memzero(raw, sizeof raw);
  return std::string(prefix) + b64;
}

std::string Sha256Hex(std::string_view data) {
  InitCrypto();
  unsigned char digest[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(digest, reinterpret_cast<const unsigned char*>(data.data()), data.size());
  return Hex(digest, sizeof digest);
}

std::string HmacSha256Hex(std::string_view key, std::string_view message) {
  InitCrypto();
  crypto_auth_hmacsha256_state state;
  unsigned char mac[crypto_auth_hmacsha256_BYTES];
  crypto_auth_hmacsha256_init(&state, reinterpret_cast<const unsigned char*>(key.data()), key.size());
  crypto_auth_hmacsha256_update(&state, reinterpret_cast<const unsigned char*>(message.data()), message.size());
  crypto_auth_hmacsha256_final(&state, mac);
  return Hex(mac, sizeof mac);
}

bool SecretEquals(std::string_view a, std::string_view b) {
  return a.size() == b.size() && sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

Result<void> CheckPasswordStrength(std::string_view login, std::string_view password) {
  size_t chars = 0;
  for (unsigned char c : password) chars += (c & 0xC0) != 0x80;
  if (chars < 8 || chars > 128) {
    return Error::Invalid("access.weak_password", "a password needs 8 to 128 characters",
                          "密码长度须为 8 到 128 个字符");
  }
  if (password.find_first_not_of(password[0]) == std::string_view::npos || password == login) {
    return Error::Invalid("access.weak_password", "this password is too easy to guess", "密码过于简单");
  }
  return Ok();
}

}  // namespace zhitong::access
