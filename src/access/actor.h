// Who is acting: the user behind a call, their role and the scope that role gives them.
// Every service call carries an Actor; permissions are decided in the application layer from
// it (never only in the UI). Pure values.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"

namespace zhitong::access {

// The roles of the glossary. kDispatcher is the 营商环境 office operator who takes requests in
// and routes them (派单); kPublic is a citizen or a third-party app on Open311 only.
enum class Role { kAdmin, kLeader, kDispatcher, kLiaison, kHandler, kEnterprise, kPublic };

std::string_view RoleName(Role r);    // "admin", "leader", …
std::string_view RoleNameZh(Role r);  // "管理员", "领导", …
Result<Role> ParseRole(std::string_view name);
const std::vector<Role>& AllRoles();

struct Actor {
  int64_t user_id = 0;  // 0: the server itself (scheduled jobs)
  std::string login;
  std::string display_name;
  Role role = Role::kPublic;
  // What the user acts for; which of these is set depends on the role.
  std::optional<int64_t> official_id;    // leader, liaison
  std::optional<int64_t> department_id;  // handler
  std::optional<int64_t> enterprise_id;  // enterprise
  std::optional<int64_t> region_id;      // a district leader's region; unset for city rank
  // An API key may narrow what its user can do: "read", "write" (empty: everything of the role).
  std::vector<std::string> scopes;
  bool via_api_key = false;

  bool is_system() const { return user_id == 0; }
  // A leader of city rank reads the whole city; a district leader only their region.
  bool city_wide() const { return role == Role::kAdmin || (role == Role::kLeader && !region_id); }
  bool HasScope(std::string_view scope) const;
};

// The server's own identity, for scheduled jobs (escalation, auto-close).
Actor SystemActor();

// Standard refusals, bilingual.
Error Forbidden(std::string_view what_en, std::string_view what_zh);
Error NotSignedIn();

// Ok iff actor has one of roles.
Result<void> RequireRole(const Actor& actor, std::initializer_list<Role> roles);
// Ok iff the actor may write (an API key without the "write" scope may not).
Result<void> RequireWriteScope(const Actor& actor);

}  // namespace zhitong::access
