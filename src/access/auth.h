// Signing in and recognising callers: sessions for people (cookie with CSRF token, or bearer),
// API keys for programs, and throttling of failed sign-ins per account and per address with
// growing delays. Sessions and keys are stored only as SHA-256 hashes of their tokens.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>

#include "access/actor.h"
#include "access/users.h"
#include "core/clock.h"
#include "core/error.h"
#include "storage/database.h"

namespace zhitong::access {

inline constexpr std::string_view kSessionPrefix = "zts_";
inline constexpr std::string_view kApiKeyPrefix = "ztk_";

struct AuthOptions {
  std::chrono::hours session_lifetime{12};
  int free_failures = 3;                  // failures before delays start
  std::chrono::seconds max_delay{900};   // the longest block
};

// Seconds an account or address is blocked after its n-th consecutive failure: none for the
// first free_failures, then 2, 4, 8 … up to max_delay.
int64_t ThrottleDelaySeconds(int64_t failures, const AuthOptions& options);

struct Session {
  std::string token;       // shown once, to the client
  std::string csrf_token;  // send as X-CSRF-Token with cookie-authenticated writes
  Instant expires_at;
  User user;
};

class Auth {
 public:
  Auth(storage::Database& db, const Clock& clock, AuthOptions options = {})
      : db_(db), clock_(clock), options_(options) {}

  // Checks the password; on success opens a session. Throttled per login and per address.
  Result<Session> Login(const std::string& login, const std::string& password, const std::string& remote_address,
                        const std::string& user_agent);
  // The actor behind a session token or API key; kUnauthenticated when unknown, expired,
  // revoked or disabled.
  Result<Actor> Authenticate(std::string_view token);
  // Revokes the session of this token (idempotent).
  Result<void> Logout(std::string_view token);
  // The CSRF token that belongs to a session token (derived, so nothing more is stored).
  static std::string CsrfFor(std::string_view session_token);

 private:
  Result<void> RecordFailure(const std::string& login, const std::string& remote_address);

  storage::Database& db_;
  const Clock& clock_;
  AuthOptions options_;
};

// Builds the Actor of a user (role, what they act for, a district leader's region).
Result<Actor> LoadActor(storage::Tx& tx, int64_t user_id);

}  // namespace zhitong::access
