#include "http/auth_context.h"

#include <fmt/format.h>

#include "access/crypto.h"

namespace zhitong::http {

std::optional<std::string> Cookie(const Request& request, std::string_view name) {
  const auto header = request.Header("cookie");
  if (!header) return std::nullopt;
  std::string_view rest = *header;
  while (!rest.empty()) {
    const size_t semi = rest.find(';');
    std::string_view part = rest.substr(0, semi);
    rest = semi == std::string_view::npos ? std::string_view() : rest.substr(semi + 1);
    while (!part.empty() && part.front() == ' ') part.remove_prefix(1);
    const size_t eq = part.find('=');
    if (eq != std::string_view::npos && part.substr(0, eq) == name) return std::string(part.substr(eq + 1));
  }
  return std::nullopt;
}

Result<access::Actor> Authenticate(const Request& request, access::Auth& auth) {
  if (auto key = request.Header("x-api-key")) return auth.Authenticate(*key);
  if (auto authz = request.Header("authorization")) {
    constexpr std::string_view kBearer = "Bearer ";
    if (authz->size() <= kBearer.size() || authz->compare(0, kBearer.size(), kBearer) != 0) {
      return Error::Unauthenticated("access.bad_authorization", "use 'Authorization: Bearer TOKEN'",
                                    "请使用“Authorization: Bearer 令牌”");
    }
    return auth.Authenticate(authz->substr(kBearer.size()));
  }
  auto token = Cookie(request, kSessionCookie);
  if (!token) return access::NotSignedIn();
  ZT_ASSIGN_OR_RETURN(access::Actor actor, auth.Authenticate(*token));
  const bool safe = request.method == Method::kGet || request.method == Method::kHead ||
                    request.method == Method::kOptions;
  if (!safe) {
    const std::string sent = request.Header("x-csrf-token").value_or("");
    if (!access::SecretEquals(sent, access::Auth::CsrfFor(*token))) {
      return Error::Forbidden("access.csrf", "missing or wrong X-CSRF-Token header", "缺少或错误的 X-CSRF-Token 请求头");
    }
  }
  return actor;
}

std::string SessionCookie(const std::string& token, int64_t max_age_seconds, bool secure) {
  return fmt::format("{}={}; Path=/; Max-Age={}; HttpOnly; SameSite=Strict{}", kSessionCookie, token,
                     max_age_seconds, secure ? "; Secure" : "");
}

std::string ClearedSessionCookie(bool secure) {
  return fmt::format("{}=; Path=/; Max-Age=0; HttpOnly; SameSite=Strict{}", kSessionCookie, secure ? "; Secure" : "");
}

}  // namespace zhitong::http
