// Webhooks as a receiver sees them: the signature header and the retry schedule. A delivery is an
// HTTP POST of a JSON body with
//   X-Zhitong-Signature: sha256=<lower-case hex HMAC-SHA256 of the exact body, keyed with the
//                        webhook's secret>
// (the form GitHub uses for X-Hub-Signature-256), X-Zhitong-Topic and X-Zhitong-Delivery. A 2xx
// answer is success; anything else, or no answer, is retried after a delay that doubles from
// the base (capped at one hour) until the last attempt, after which the delivery is dead
// (dead-lettered) and stays visible to administrators. Pure functions.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace zhitong::notify {

inline constexpr const char* kSignatureHeader = "X-Zhitong-Signature";

// "sha256=" + hex(HMAC-SHA256(secret, body)).
std::string Signature(std::string_view secret, std::string_view body);
// True iff header is the signature of body under secret (compared in constant time).
bool VerifySignature(std::string_view secret, std::string_view body, std::string_view header);

struct RetryPolicy {
  int max_attempts = 8;
  std::chrono::seconds base{30};
  std::chrono::seconds cap{3600};
};

// The delay before attempt `attempts_made + 1` after `attempts_made` failed ones; empty when
// attempts_made has reached max_attempts (the delivery is dead).
std::optional<std::chrono::seconds> RetryDelay(const RetryPolicy& policy, int attempts_made);

}  // namespace zhitong::notify
