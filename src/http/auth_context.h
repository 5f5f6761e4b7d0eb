// Who is calling: reads the session cookie (with its CSRF token on writes), a bearer session
// token or an API key (Authorization: Bearer ztk_… or X-API-Key), and asks access::Auth.
#pragma once

#include <optional>
#include <string>

#include "access/actor.h"
#include "access/auth.h"
#include "http/api.h"

namespace zhitong::http {

inline constexpr const char* kSessionCookie = "zt_session";

// The acting user of a request; kUnauthenticated when it carries no valid credentials,
// kForbidden "access.csrf" for a cookie-authenticated write without the right X-CSRF-Token.
Result<access::Actor> Authenticate(const Request& request, access::Auth& auth);

// The value of one cookie, if sent.
std::optional<std::string> Cookie(const Request& request, std::string_view name);

// Set-Cookie values for a new session and for signing out.
std::string SessionCookie(const std::string& token, int64_t max_age_seconds, bool secure);
std::string ClearedSessionCookie(bool secure);

}  // namespace zhitong::http
