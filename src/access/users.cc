#include "access/users.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>

#include "access/audit.h"
#include "access/auth.h"
#include "access/crypto.h"
#include "storage/like.h"

namespace zhitong::access {
namespace {

using storage::Sql;

constexpr const char* kUserColumns =
    "id, login, display_name, role, official_id, department_id, enterprise_id, disabled, version, created_at, "
    "updated_at";

Result<User> UserFromRow(const storage::ResultSet::Row& row) {
  User u;
  u.id = row.i64("id");
  u.login = row.text("login");
  u.display_name = row.text("display_name");
  ZT_ASSIGN_OR_RETURN(u.role, ParseRole(row.text("role")));
  u.official_id = row.opt_i64("official_id");
  u.department_id = row.opt_i64("department_id");
  u.enterprise_id = row.opt_i64("enterprise_id");
  u.disabled = row.boolean("disabled");
  u.version = row.i64("version");
  u.created_at = FromUnixMillis(row.i64("created_at"));
  u.updated_at = FromUnixMillis(row.i64("updated_at"));
  return u;
}

Error UserNotFound(const std::string& what) {
  return Error::NotFound("user.not_found", "no user " + what, "用户不存在：" + what);
}

Result<void> RequireAdmin(const Actor& actor, std::string_view what_en, std::string_view what_zh) {
  if (actor.role != Role::kAdmin) return Forbidden(what_en, what_zh);
  return RequireWriteScope(actor);
}

Result<User> LoadUserBy(storage::Tx& tx, const char* column, const storage::Value& value) {
  const std::string sql = fmt::format("SELECT {} FROM users WHERE {} = ?", kUserColumns, column);
  ZT_ASSIGN_OR_RETURN(auto rows, tx.Query(sql, {value}));
  if (rows.empty()) {
    return UserNotFound(std::holds_alternative<std::string>(value) ? std::get<std::string>(value)
                                                                   : std::to_string(std::get<int64_t>(value)));
  }
  return UserFromRow(rows[0]);
}

std::string JoinScopes(const std::vector<std::string>& scopes) {
  std::string out;
  for (const auto& s : scopes) out += (out.empty() ? "" : ",") + s;
  return out;
}

}  // namespace

nlohmann::json ToJson(const User& u) {
  auto opt = [](const std::optional<int64_t>& v) -> nlohmann::json { return v ? nlohmann::json(*v) : nullptr; };
  return {{"id", u.id},
          {"login", u.login},
          {"display_name", u.display_name},
          {"role", RoleName(u.role)},
          {"official_id", opt(u.official_id)},
          {"department_id", opt(u.department_id)},
          {"enterprise_id", opt(u.enterprise_id)},
          {"disabled", u.disabled},
          {"version", u.version},
          {"created_at", FormatShanghai(u.created_at)},
          {"updated_at", FormatShanghai(u.updated_at)}};
}

nlohmann::json ToJson(const ApiKey& k) {
  return {{"id", k.id},
          {"user_id", k.user_id},
          {"user_login", k.user_login},
          {"name", k.name},
          {"prefix", k.prefix},
          {"scopes", k.scopes},
          {"created_at", FormatShanghai(k.created_at)},
          {"expires_at", k.expires_at ? nlohmann::json(FormatShanghai(*k.expires_at)) : nlohmann::json(nullptr)},
          {"revoked_at", k.revoked_at ? nlohmann::json(FormatShanghai(*k.revoked_at)) : nlohmann::json(nullptr)}};
}

Result<void> ValidateNewUser(const NewUser& u) {
  std::vector<FieldError> errors;
  const bool login_ok =
      u.login.size() >= 3 && u.login.size() <= 64 && std::isalnum(static_cast<unsigned char>(u.login[0])) &&
      std::all_of(u.login.begin(), u.login.end(), [](unsigned char c) {
        return std::islower(c) || std::isdigit(c) || c == '.' || c == '_' || c == '-';
      });
  if (!login_ok) {
    errors.push_back({"login", "a login has 3 to 64 characters: lower-case letters, digits, '.', '_' or '-'",
                      "用户名须为 3 到 64 个字符，只能包含小写字母、数字、“.”、“_”或“-”"});
  }
  if (u.display_name.empty() || u.display_name.size() > 200) {
    errors.push_back({"display_name", "a display name is required (at most 200 bytes)", "显示名称为必填项"});
  }
  if (auto st = CheckPasswordStrength(u.login, u.password); !st) {
    errors.push_back({"password", st.error().message, st.error().message_zh});
  }
  auto need = [&](bool present, const char* field, const char* en, const char* zh) {
    if (!present) errors.push_back({field, en, zh});
  };
  switch (u.role) {
    case Role::kLeader:
    case Role::kLiaison:
      need(u.official_id.has_value(), "official_id", "a leader or liaison acts for an official",
           "领导或联络员账号须关联一名干部");
      break;
    case Role::kHandler:
      need(u.department_id.has_value(), "department_id", "a handler acts for a department", "承办人账号须关联承办部门");
      break;
    case Role::kEnterprise:
      need(u.enterprise_id.has_value(), "enterprise_id", "an enterprise user acts for an enterprise",
           "企业账号须关联一家企业");
      break;
    default:
      break;
  }
  if (errors.empty()) return Ok();
  std::string en = "invalid user: ", zh = "用户信息有误：";
  for (size_t i = 0; i < errors.size(); ++i) {
    en += (i ? "; " : "") + errors[i].message;
    zh += (i ? "；" : "") + errors[i].message_zh;
  }
  Error e = Error::Invalid("input.invalid", en, zh);
  e.fields = std::move(errors);
  return e;
}

Result<User> LoadUser(storage::Tx& tx, int64_t id) { return LoadUserBy(tx, "id", id); }

Result<User> Users::Create(const Actor& actor, const NewUser& user) {
  ZT_TRY(RequireAdmin(actor, "create users", "创建用户"));
  ZT_TRY(ValidateNewUser(user));
  ZT_ASSIGN_OR_RETURN(std::string hash, HashPassword(user.password));
  const Instant now = clock_.Now();
  static constexpr Sql kInsert{
      "INSERT INTO users (login, display_name, role, password_hash, official_id, department_id, enterprise_id, "
      "disabled, created_at, updated_at, password_changed_at) VALUES (?, ?, ?, ?, ?, ?, ?, 0, ?, ?, ?) RETURNING id"};
  auto created = db_.WriteValue([&](storage::Tx& tx) -> Result<User> {
    ZT_ASSIGN_OR_RETURN(int64_t id, tx.InsertReturningId(kInsert, user.login, user.display_name, RoleName(user.role),
                                                         hash, user.official_id, user.department_id,
                                                         user.enterprise_id, ToUnixMillis(now), ToUnixMillis(now),
                                                         ToUnixMillis(now)));
    ZT_ASSIGN_OR_RETURN(User u, LoadUser(tx, id));
    ZT_TRY(RecordAudit(tx, actor, now, "create", "user", std::to_string(id), nullptr, ToJson(u)));
    return u;
  });
  if (!created && created.error().code == "storage.duplicate") {
    return Error::Conflict("user.login_taken", "the login '" + user.login + "' is taken",
                           "用户名“" + user.login + "”已被占用");
  }
  if (!created && created.error().code == "storage.reference") {
    return Error::Invalid("user.bad_reference", "the official, department or enterprise does not exist",
                          "关联的干部、部门或企业不存在");
  }
  return created;
}

Result<User> Users::Get(const Actor& actor, int64_t id) {
  if (actor.role != Role::kAdmin && actor.user_id != id) return Forbidden("see other users", "查看其他用户");
  return db_.ReadValue([&](storage::Tx& tx) { return LoadUser(tx, id); });
}

Result<User> Users::GetByLogin(const Actor& actor, const std::string& login) {
  if (actor.role != Role::kAdmin && actor.login != login) return Forbidden("see other users", "查看其他用户");
  return db_.ReadValue([&](storage::Tx& tx) { return LoadUserBy(tx, "login", login); });
}

Result<UserSort> ParseUserSort(std::string_view text) {
  static constexpr std::pair<std::string_view, UserSort> kSorts[] = {
      {"id", UserSort::kId},
      {"-id", UserSort::kIdDesc},
      {"login", UserSort::kLogin},
      {"-login", UserSort::kLoginDesc},
      {"display_name", UserSort::kDisplayName},
      {"-display_name", UserSort::kDisplayNameDesc},
      {"role", UserSort::kRole},
      {"-role", UserSort::kRoleDesc},
      {"created_at", UserSort::kCreatedAt},
      {"-created_at", UserSort::kCreatedAtDesc},
  };
  for (const auto& [name, sort] : kSorts) {
    if (name == text) return sort;
  }
  return Error::Invalid(
      "user.unknown_sort",
      fmt::format("unknown sort \"{}\"; use id, login, display_name, role or created_at (- for descending)", text),
      fmt::format("不支持的排序方式“{}”，可用 id、login、display_name、role、created_at（前加 - 为降序）", text));
}

namespace {

const char* UserOrderBy(UserSort s) {
  switch (s) {
    case UserSort::kId: return " ORDER BY id ASC";
    case UserSort::kIdDesc: return " ORDER BY id DESC";
    case UserSort::kLogin: return " ORDER BY login ASC, id ASC";
    case UserSort::kLoginDesc: return " ORDER BY login DESC, id DESC";
    case UserSort::kDisplayName: return " ORDER BY display_name ASC, id ASC";
    case UserSort::kDisplayNameDesc: return " ORDER BY display_name DESC, id DESC";
    case UserSort::kRole: return " ORDER BY role ASC, id ASC";
    case UserSort::kRoleDesc: return " ORDER BY role DESC, id DESC";
    case UserSort::kCreatedAt: return " ORDER BY created_at ASC, id ASC";
    case UserSort::kCreatedAtDesc: return " ORDER BY created_at DESC, id DESC";
  }
  return " ORDER BY id ASC";
}

}  // namespace

Result<UserList> Users::List(const Actor& actor, const UserFilter& f) {
  if (actor.role != Role::kAdmin) return Forbidden("list users", "查看用户列表");
  // Only fixed SQL fragments are appended; every value is bound.
  std::string where = " WHERE 1 = 1";
  std::vector<storage::Value> params;
  if (f.role) {
    where += " AND role = ?";
    params.emplace_back(std::string(RoleName(*f.role)));
  }
  if (f.disabled) {
    where += " AND disabled = ?";
    params.emplace_back(int64_t{*f.disabled ? 1 : 0});
  }
  if (f.q && !f.q->empty()) {
    where += " AND (login LIKE ? ESCAPE '\\' OR display_name LIKE ? ESCAPE '\\')";
    params.emplace_back(storage::LikeContains(*f.q));
    params.emplace_back(storage::LikeContains(*f.q));
  }
  return db_.ReadValue([&](storage::Tx& tx) -> Result<UserList> {
    UserList out;
    ZT_ASSIGN_OR_RETURN(auto count, tx.Query("SELECT COUNT(*) AS n FROM users" + where, params));
    out.total = count.empty() ? 0 : count[0].i64("n");
    std::vector<storage::Value> page = params;
    page.emplace_back(int64_t{f.limit});
    page.emplace_back(int64_t{f.offset});
    ZT_ASSIGN_OR_RETURN(auto rows, tx.Query(fmt::format("SELECT {} FROM users{}{} LIMIT ? OFFSET ?", kUserColumns,
                                                        where, UserOrderBy(f.sort)),
                                            page));
    for (auto row : rows) {
      ZT_ASSIGN_OR_RETURN(User u, UserFromRow(row));
      out.items.push_back(std::move(u));
    }
    return out;
  });
}

Result<void> Users::SetPassword(const Actor& actor, const std::string& login, const std::string& new_password,
                                const std::optional<std::string>& current_password) {
  const bool self = actor.login == login && !actor.is_system();
  if (!self && actor.role != Role::kAdmin) return Forbidden("change another user's password", "修改他人密码");
  ZT_TRY(RequireWriteScope(actor));
  ZT_TRY(CheckPasswordStrength(login, new_password));
  if (self && actor.role != Role::kAdmin) {
    if (!current_password) {
      return Error::Invalid("access.current_password_required", "give your current password", "请输入当前密码");
    }
    auto hash = db_.ReadValue([&](storage::Tx& tx) { return tx.Query(Sql{"SELECT password_hash FROM users WHERE login = ?"}, login); });
    if (!hash) return hash.error();
    if (hash->empty() || !VerifyPassword((*hash)[0].text("password_hash"), *current_password)) {
      return Error::Forbidden("access.bad_credentials", "the current password is wrong", "当前密码错误");
    }
  }
  ZT_ASSIGN_OR_RETURN(std::string hash, HashPassword(new_password));
  const Instant now = clock_.Now();
  return db_.Write([&](storage::Tx& tx) -> Result<void> {
    ZT_ASSIGN_OR_RETURN(User u, LoadUserBy(tx, "login", login));
    ZT_TRY(tx.Exec(Sql{"UPDATE users SET password_hash = ?, password_changed_at = ?, updated_at = ?, "
                       "version = version + 1 WHERE id = ?"},
                   hash, ToUnixMillis(now), ToUnixMillis(now), u.id));
    // A new password ends every other session of the user.
    ZT_TRY(tx.Exec(Sql{"UPDATE sessions SET revoked_at = ? WHERE user_id = ? AND revoked_at IS NULL"},
                   ToUnixMillis(now), u.id));
    return RecordAudit(tx, actor, now, "set_password", "user", std::to_string(u.id), nullptr,
                       {{"password", "(changed)"}});
  });
}

Result<User> Users::SetDisabled(const Actor& actor, const std::string& login, bool disabled) {
  ZT_TRY(RequireAdmin(actor, "disable users", "停用用户"));
  const Instant now = clock_.Now();
  return db_.WriteValue([&](storage::Tx& tx) -> Result<User> {
    ZT_ASSIGN_OR_RETURN(User before, LoadUserBy(tx, "login", login));
    ZT_TRY(tx.Exec(Sql{"UPDATE users SET disabled = ?, updated_at = ?, version = version + 1 WHERE id = ?"},
                   disabled, ToUnixMillis(now), before.id));
    if (disabled) {
      ZT_TRY(tx.Exec(Sql{"UPDATE sessions SET revoked_at = ? WHERE user_id = ? AND revoked_at IS NULL"},
                     ToUnixMillis(now), before.id));
      ZT_TRY(tx.Exec(Sql{"UPDATE api_keys SET revoked_at = ? WHERE user_id = ? AND revoked_at IS NULL"},
                     ToUnixMillis(now), before.id));
    }
    ZT_ASSIGN_OR_RETURN(User after, LoadUser(tx, before.id));
    ZT_TRY(RecordAudit(tx, actor, now, disabled ? "disable" : "enable", "user", std::to_string(before.id),
                       ToJson(before), ToJson(after)));
    return after;
  });
}

Result<Users::CreatedKey> Users::CreateApiKey(const Actor& actor, const std::string& login, const std::string& name,
                                              const std::vector<std::string>& scopes,
                                              std::optional<Instant> expires_at) {
  ZT_TRY(RequireAdmin(actor, "create API keys", "创建 API 密钥"));
  if (name.empty() || name.size() > 100) {
    return Error::Invalid("apikey.name_required", "give the key a name (at most 100 bytes)", "请为密钥命名");
  }
  if (scopes.empty()) return Error::Invalid("apikey.scopes_required", "give at least one scope: read, write", "请至少指定一个权限范围");
  for (const auto& s : scopes) {
    if (s != "read" && s != "write") {
      return Error::Invalid("apikey.bad_scope", "unknown scope '" + s + "'; scopes are read and write",
                            "未知权限范围“" + s + "”，可选 read、write");
    }
  }
  const Instant now = clock_.Now();
  CreatedKey out;
  out.secret = NewToken(kApiKeyPrefix);
  out.key.prefix = out.secret.substr(0, 10);
  out.key.name = name;
  out.key.scopes = scopes;
  out.key.created_at = now;
  out.key.expires_at = expires_at;
  ZT_TRY(db_.Write([&](storage::Tx& tx) -> Result<void> {
    ZT_ASSIGN_OR_RETURN(User u, LoadUserBy(tx, "login", login));
    out.key.user_id = u.id;
    out.key.user_login = u.login;
    std::optional<int64_t> exp;
    if (expires_at) exp = ToUnixMillis(*expires_at);
    ZT_ASSIGN_OR_RETURN(out.key.id,
                        tx.InsertReturningId(Sql{"INSERT INTO api_keys (user_id, name, prefix, key_hash, scopes, "
                                                 "created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id"},
                                             u.id, name, out.key.prefix, Sha256Hex(out.secret), JoinScopes(scopes),
                                             ToUnixMillis(now), exp));
    return RecordAudit(tx, actor, now, "create", "api_key", std::to_string(out.key.id), nullptr, ToJson(out.key));
  }));
  return out;
}

Result<std::vector<ApiKey>> Users::ListApiKeys(const Actor& actor, std::optional<std::string> login) {
  if (actor.role != Role::kAdmin) return Forbidden("list API keys", "查看 API 密钥");
  const std::string l = login.value_or("");
  return db_.ReadValue([&](storage::Tx& tx) -> Result<std::vector<ApiKey>> {
    ZT_ASSIGN_OR_RETURN(
        auto rows, tx.Query(Sql{"SELECT k.id, k.user_id, u.login, k.name, k.prefix, k.scopes, k.created_at, "
                                "k.expires_at, k.revoked_at FROM api_keys k JOIN users u ON u.id = k.user_id "
                                "WHERE (? = '' OR u.login = ?) ORDER BY k.id"},
                            l, l));
    std::vector<ApiKey> out;
    for (auto row : rows) {
      ApiKey k;
      k.id = row.i64("id");
      k.user_id = row.i64("user_id");
      k.user_login = row.text("login");
      k.name = row.text("name");
      k.prefix = row.text("prefix");
      const std::string scopes = row.text("scopes");
      for (size_t start = 0; start < scopes.size();) {
        size_t comma = scopes.find(',', start);
        if (comma == std::string::npos) comma = scopes.size();
        k.scopes.push_back(scopes.substr(start, comma - start));
        start = comma + 1;
      }
      k.created_at = FromUnixMillis(row.i64("created_at"));
      if (auto e = row.opt_i64("expires_at")) k.expires_at = FromUnixMillis(*e);
      if (auto r = row.opt_i64("revoked_at")) k.revoked_at = FromUnixMillis(*r);
      out.push_back(std::move(k));
    }
    return out;
  });
}

Result<void> Users::RevokeApiKey(const Actor& actor, int64_t id) {
  ZT_TRY(RequireAdmin(actor, "revoke API keys", "撤销 API 密钥"));
  const Instant now = clock_.Now();
  return db_.Write([&](storage::Tx& tx) -> Result<void> {
    ZT_ASSIGN_OR_RETURN(int64_t n, tx.Exec(Sql{"UPDATE api_keys SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL"},
                                           ToUnixMillis(now), id));
    if (n == 0) {
      return Error::NotFound("apikey.not_found", fmt::format("no active API key {}", id),
                             fmt::format("不存在有效的 API 密钥 {}", id));
    }
    return RecordAudit(tx, actor, now, "revoke", "api_key", std::to_string(id), nullptr, {{"revoked", true}});
  });
}

}  // namespace zhitong::access
