// The cryptography of access, all from libsodium: argon2id password hashes, random tokens,
// SHA-256 of tokens for storage, HMAC for derived values. Nothing here is home-made.
#pragma once

#include <string>
#include <string_view>

#include "core/error.h"

namespace zhitong::access {

// Must be called once before any other function here (idempotent, thread-safe).
void InitCrypto();

// An argon2id hash in the crypt-style string format ("$argon2id$v=19$m=…"), with libsodium's
// interactive limits (64 MiB, 2 passes), or the given ones for tests and benchmarks.
Result<std::string> HashPassword(std::string_view password);
// True iff password matches hash (constant-time comparison inside libsodium).
bool VerifyPassword(std::string_view hash, std::string_view password);
// True when the hash was made with weaker limits than today's: rehash at the next sign-in.
bool PasswordNeedsRehash(std::string_view hash);

// A new random token: prefix + 256 random bits in unpadded URL-safe base64.
std::string NewToken(std::string_view prefix);
// Lower-case hex SHA-256; how tokens and keys are stored.
std::string Sha256Hex(std::string_view data);
// Lower-case hex HMAC-SHA-256 of message under key.
std::string HmacSha256Hex(std::string_view key, std::string_view message);
// Constant-time equality for secrets of equal length.
bool SecretEquals(std::string_view a, std::string_view b);

// Password rules: 8 to 128 characters, not all the same character, not the login itself.
Result<void> CheckPasswordStrength(std::string_view login, std::string_view password);

}  // namespace zhitong::access
