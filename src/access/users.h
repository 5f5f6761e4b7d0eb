// Users of Zhitong and what they act for, plus API keys for programs. Writes are admin-only
// (or the user's own password), audited, and validated at the boundary.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "access/actor.h"
#include "core/clock.h"
#include "core/error.h"
#include "storage/database.h"

namespace zhitong::access {

struct User {
  int64_t id = 0;
  std::string login;
  std::string display_name;
  Role role = Role::kPublic;
  std::optional<int64_t> official_id, department_id, enterprise_id;
  bool disabled = false;
  int64_t version = 1;
  Instant created_at, updated_at;
};

struct NewUser {
  std::string login;
  std::string display_name;
  Role role = Role::kEnterprise;
  std::string password;
  std::optional<int64_t> official_id, department_id, enterprise_id;
};

struct ApiKey {
  int64_t id = 0;
  int64_t user_id = 0;
  std::string user_login;
  std::string name;
  std::string prefix;
  std::vector<std::string> scopes;
  Instant created_at;
  std::optional<Instant> expires_at, revoked_at;
};

nlohmann::json ToJson(const User& u);
nlohmann::json ToJson(const ApiKey& k);

// Checks login syntax (3–64 of [a-z0-9._-], starting with a letter or digit), display name,
// role vs the official/department/enterprise it acts for.
Result<void> ValidateNewUser(const NewUser& u);

// The order of a user list; each ends with the id so pages are stable.
enum class UserSort {
  kId, kIdDesc, kLogin, kLoginDesc, kDisplayName, kDisplayNameDesc, kRole, kRoleDesc, kCreatedAt, kCreatedAtDesc
};
// "login", "-login", "display_name", "role", "created_at", "id" ('-' for descending); anything
// else is kInvalid "user.unknown_sort".
Result<UserSort> ParseUserSort(std::string_view text);

struct UserFilter {
  std::optional<Role> role;
  std::optional<std::string> q;  // substring of the login or the display name
  std::optional<bool> disabled;
  UserSort sort = UserSort::kId;
  int limit = 50;   // 1–500 from the API; the CLI lists everything
  int offset = 0;
};

struct UserList {
  std::vector<User> items;
  int64_t total = 0;  // users matching the filter, across all pages
};

// The user service: every call takes the acting user.
class Users {
 public:
  Users(storage::Database& db, const Clock& clock) : db_(db), clock_(clock) {}

  Result<User> Create(const Actor& actor, const NewUser& user);
  Result<User> Get(const Actor& actor, int64_t id);
  Result<User> GetByLogin(const Actor& actor, const std::string& login);
  // Admins only.
  Result<UserList> List(const Actor& actor, const UserFilter& filter);
  // Admins set anyone's password; a user sets their own (then current_password is required).
  Result<void> SetPassword(const Actor& actor, const std::string& login, const std::string& new_password,
                           const std::optional<std::string>& current_password);
  // Disabling also revokes the user's sessions and API keys.
  Result<User> SetDisabled(const Actor& actor, const std::string& login, bool disabled);

  // Returns the new key, shown once; only its hash is kept.
  struct CreatedKey {
    ApiKey key;
    std::string secret;
  };
  Result<CreatedKey> CreateApiKey(const Actor& actor, const std::string& login, const std::string& name,
                                  const std::vector<std::string>& scopes, std::optional<Instant> expires_at);
  Result<std::vector<ApiKey>> ListApiKeys(const Actor& actor, std::optional<std::string> login);
  Result<void> RevokeApiKey(const Actor& actor, int64_t id);

 private:
  storage::Database& db_;
  const Clock& clock_;
};

// Reads a user row by id inside a transaction (for services that need it).
Result<User> LoadUser(storage::Tx& tx, int64_t id);

}  // namespace zhitong::access
