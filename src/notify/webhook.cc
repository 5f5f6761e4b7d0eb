#include "notify/webhook.h"

#include <sodium.h>

#include <algorithm>

namespace zhitong::notify {

// libsodium's crypto_auth_hmacsha256 with a key of any length (the _init/_update/_final API);
// see https://doc.libsodium.org/advanced/hmac-sha2.
std::string Signature(std::string_view secret, std::string_view body) {
  unsigned char mac[crypto_auth_hmacsha256_BYTES];
  crypto_auth_hmacsha256_state st;
  crypto_auth_hmacsha256_init(&st, reinterpret_cast<const unsigned char*>(secret.data()), secret.size());
  crypto_auth_hmacsha256_update(&st, reinterpret_cast<const unsigned char*>(body.data()), body.size());
  crypto_auth_hmacsha256_final(&st, mac);
  char hex[crypto_auth_hmacsha256_BYTES * 2 + 1];
  sodium_bin2hex(hex, sizeof hex, mac, sizeof mac);
  return "sha256=" + std::string(hex);
}

bool VerifySignature(std::string_view secret, std::string_view body, std::string_view header) {
  const std::string expected = Signature(secret, body);
  if (header.size() != expected.size()) return false;
  return sodium_memcmp(expected.data(), header.data(), expected.size()) == 0;
}

std::optional<std::chrono::seconds> RetryDelay(const RetryPolicy& policy, int attempts_made) {
  if (attempts_made >= policy.max_attempts) return std::nullopt;
  std::chrono::seconds d = policy.base;
  for (int i = 1; i < attempts_made && d < policy.cap; ++i) d *= 2;
  return std::min(d, policy.cap);
}

}  // namespace zhitong::notify
