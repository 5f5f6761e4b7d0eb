#include "access/auth.h"

#include <fmt/format.h>

#include <algorithm>

#include "access/audit.h"
#include "access/crypto.h"

namespace zhitong::access {
namespace {

using storage::Sql;

constexpr Sql kThrottleGet{"SELECT throttle_key, failures, blocked_until FROM login_throttle WHERE throttle_key IN (?, ?)"};
constexpr Sql kThrottleUpsert{
    "INSERT INTO login_throttle (throttle_key, failures, last_failure_at, blocked_until) VALUES (?, 1, ?, ?) "
    "ON CONFLICT (throttle_key) DO UPDATE SET failures = login_throttle.failures + 1, "
    "last_failure_at = excluded.last_failure_at, blocked_until = excluded.blocked_until"};
constexpr Sql kThrottleFailures{"SELECT failures FROM login_throttle WHERE throttle_key = ?"};
constexpr Sql kThrottleSetBlock{"UPDATE login_throttle SET blocked_until = ? WHERE throttle_key = ?"};
constexpr Sql kThrottleClear{"DELETE FROM login_throttle WHERE throttle_key = ?"};
constexpr Sql kUserByLogin{"SELECT id, password_hash, disabled FROM users WHERE login = ?"};
constexpr Sql kInsertSession{
    "INSERT INTO sessions (token_hash, user_id, created_at, expires_at, last_seen_at, remote_address, user_agent) "
    "VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id"};
constexpr Sql kSessionUser{
    "SELECT s.user_id FROM sessions s JOIN users u ON u.id = s.user_id "
    "WHERE s.token_hash = ? AND s.revoked_at IS NULL AND s.expires_at > ? AND u.disabled = 0"};
constexpr Sql kApiKeyUser{
    "SELECT k.user_id, k.scopes FROM api_keys k JOIN users u ON u.id = k.user_id "
    "WHERE k.key_hash = ? AND k.revoked_at IS NULL AND (k.expires_at IS NULL OR k.expires_at > ?) "
    "AND u.disabled = 0"};
constexpr Sql kRevokeSession{"UPDATE sessions SET revoked_at = ? WHERE token_hash = ? AND revoked_at IS NULL RETURNING user_id"};
constexpr Sql kActor{
    "SELECT u.id, u.login, u.display_name, u.role, u.official_id, u.department_id, u.enterprise_id, "
    "o.rank AS official_rank, o.region_id AS official_region FROM users u "
    "LEFT JOIN officials o ON o.id = u.official_id WHERE u.id = ?"};

// A hash to verify against when the login is unknown, so that the answer takes as long as for
// a known login and does not reveal which logins exist.
const std::string& DummyHash() {
  static const std::string hash = HashPassword("zhitong-dummy-password").value_or("");
  return hash;
}

Error BadCredentials() {
  return Error::Unauthenticated("access.bad_credentials", "wrong login or password", "用户名或密码错误");
}

Error Throttled(int64_t seconds) {
  Error e = Error::RateLimited(
      "access.throttled",
      fmt::format("too many failed sign-ins; try again in {} seconds", seconds),
      fmt::format("登录失败次数过多，请在 {} 秒后重试", seconds));
  e.retry_after_seconds = static_cast<int>(seconds);
  return e;
}

std::vector<std::string> SplitScopes(const std::string& s) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start <= s.size()) {
    size_t comma = s.find(',', start);
    if (comma == std::string::npos) comma = s.size();
    if (comma > start) out.push_back(s.substr(start, comma - start));
    start = comma + 1;
  }
  return out;
}

}  // namespace

int64_t ThrottleDelaySeconds(int64_t failures, const AuthOptions& options) {
  if (failures <= options.free_failures) return 0;
  const int64_t exponent = std::min<int64_t>(failures - options.free_failures, 30);
  return std::min<int64_t>(int64_t{1} << exponent, options.max_delay.count());
}

Result<Actor> LoadActor(storage::Tx& tx, int64_t user_id) {
  ZT_ASSIGN_OR_RETURN(auto rows, tx.Query(kActor, user_id));
  if (rows.empty()) return NotSignedIn();
  auto row = rows[0];
  Actor a;
  a.user_id = row.i64("id");
  a.login = row.text("login");
  a.display_name = row.text("display_name");
  ZT_ASSIGN_OR_RETURN(a.role, ParseRole(row.text("role")));
  a.official_id = row.opt_i64("official_id");
  a.department_id = row.opt_i64("department_id");
  a.enterprise_id = row.opt_i64("enterprise_id");
  if (a.role == Role::kLeader && row.text("official_rank") == "district") {
    a.region_id = row.opt_i64("official_region");
  }
  return a;
}

Result<Session> Auth::Login(const std::string& login, const std::string& password,
                            const std::string& remote_address, const std::string& user_agent) {
  if (login.empty() || password.empty() || login.size() > 200 || password.size() > 1024) {
    return Error::Invalid("access.login_required", "give a login and a password", "请输入用户名和密码");
  }
  const Instant now = clock_.Now();
  const std::string login_key = "login:" + login;
  const std::string addr_key = "addr:" + remote_address;

  // Blocked? Checked before the (deliberately slow) password hash.
  ZT_ASSIGN_OR_RETURN(auto throttle, db_.ReadValue([&](storage::Tx& tx) { return tx.Query(kThrottleGet, login_key, addr_key); }));
  int64_t blocked_until = 0;
  for (auto row : throttle) blocked_until = std::max(blocked_until, row.i64("blocked_until"));
  if (blocked_until > ToUnixMillis(now)) {
    return Throttled((blocked_until - ToUnixMillis(now) + 999) / 1000);
  }

  ZT_ASSIGN_OR_RETURN(auto users, db_.ReadValue([&](storage::Tx& tx) { return tx.Query(kUserByLogin, login); }));
  const bool known = !users.empty();
  const std::string hash = known ? users[0].text("password_hash") : DummyHash();
  const bool password_ok = VerifyPassword(hash, password) && known;
  if (!password_ok) {
    ZT_TRY(RecordFailure(login, remote_address));
    return BadCredentials();
  }
  if (users[0].boolean("disabled")) {
    return Error::Forbidden("access.disabled", "this account is disabled", "该账号已停用");
  }
  const int64_t user_id = users[0].i64("id");

  Session session;
  session.token = NewToken(kSessionPrefix);
  session.csrf_token = CsrfFor(session.token);
  session.expires_at = now + options_.session_lifetime;
  ZT_TRY(db_.Write([&](storage::Tx& tx) -> Result<void> {
    ZT_TRY(tx.Exec(kThrottleClear, login_key));
    ZT_TRY(tx.InsertReturningId(kInsertSession, Sha256Hex(session.token), user_id, ToUnixMillis(now),
                                ToUnixMillis(session.expires_at), ToUnixMillis(now), remote_address.substr(0, 100),
                                user_agent.substr(0, 300)));
    Actor actor;
    actor.user_id = user_id;
    actor.login = login;
    return RecordAudit(tx, actor, now, "login", "user", std::to_string(user_id), nullptr,
                       {{"remote_address", remote_address}});
  }));
  ZT_ASSIGN_OR_RETURN(session.user, db_.ReadValue([&](storage::Tx& tx) { return LoadUser(tx, user_id); }));
  return session;
}

Result<void> Auth::RecordFailure(const std::string& login, const std::string& remote_address) {
  const int64_t now = ToUnixMillis(clock_.Now());
  return db_.Write([&](storage::Tx& tx) -> Result<void> {
    for (const std::string& key : {"login:" + login, "addr:" + remote_address}) {
      ZT_TRY(tx.Exec(kThrottleUpsert, key, now, int64_t{0}));
      ZT_ASSIGN_OR_RETURN(auto rows, tx.Query(kThrottleFailures, key));
      const int64_t failures = rows.empty() ? 1 : rows[0].i64("failures");
      // An address gets more tries than an account: offices share one address behind NAT.
      AuthOptions o = options_;
      if (key.rfind("addr:", 0) == 0) o.free_failures *= 10;
      const int64_t delay = ThrottleDelaySeconds(failures, o);
      ZT_TRY(tx.Exec(kThrottleSetBlock, delay > 0 ? now + delay * 1000 : int64_t{0}, key));
    }
    return Ok();
  });
}

Result<Actor> Auth::Authenticate(std::string_view token) {
  if (token.empty() || token.size() > 200) return NotSignedIn();
  const int64_t now = ToUnixMillis(clock_.Now());
  const std::string hash = Sha256Hex(token);
  return db_.ReadValue([&](storage::Tx& tx) -> Result<Actor> {
    if (token.substr(0, kApiKeyPrefix.size()) == kApiKeyPrefix) {
      ZT_ASSIGN_OR_RETURN(auto rows, tx.Query(kApiKeyUser, hash, now));
      if (rows.empty()) {
        return Error::Unauthenticated("access.bad_api_key", "unknown, revoked or expired API key",
                                      "API 密钥无效、已撤销或已过期");
      }
      ZT_ASSIGN_OR_RETURN(Actor actor, LoadActor(tx, rows[0].i64("user_id")));
      actor.via_api_key = true;
      actor.scopes = SplitScopes(rows[0].text("scopes"));
      return actor;
    }
    ZT_ASSIGN_OR_RETURN(auto rows, tx.Query(kSessionUser, hash, now));
    if (rows.empty()) {
      return Error::Unauthenticated("access.session_expired", "your session has ended; sign in again",
                                    "登录已失效，请重新登录");
    }
    return LoadActor(tx, rows[0].i64("user_id"));
  });
}

Result<void> Auth::Logout(std::string_view token) {
  const Instant now = clock_.Now();
  return db_.Write([&](storage::Tx& tx) -> Result<void> {
    ZT_ASSIGN_OR_RETURN(auto rows, tx.Query(kRevokeSession, ToUnixMillis(now), Sha256Hex(token)));
    if (rows.empty()) return Ok();
    ZT_ASSIGN_OR_RETURN(Actor actor, LoadActor(tx, rows[0].i64("user_id")));
    return RecordAudit(tx, actor, now, "logout", "user", std::to_string(actor.user_id), nullptr, nullptr);
  });
}

std::string Auth::CsrfFor(std::string_view session_token) { return HmacSha256Hex(session_token, "zhitong-csrf"); }

}  // namespace zhitong::access
