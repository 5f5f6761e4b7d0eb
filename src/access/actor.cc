#include "access/actor.h"

#include <fmt/format.h>

#include <algorithm>

namespace zhitong::access {

std::string_view RoleName(Role r) {
  switch (r) {
    case Role::kAdmin: return "admin";
    case Role::kLeader: return "leader";
    case Role::kDispatcher: return "dispatcher";
    case Role::kLiaison: return "liaison";
    case Role::kHandler: return "handler";
    case Role::kEnterprise: return "enterprise";
    case Role::kPublic: return "public";
  }
  return "public";
}

std::string_view RoleNameZh(Role r) {
  switch (r) {
    case Role::kAdmin: return "管理员";
    case Role::kLeader: return "领导";
    case Role::kDispatcher: return "派单员";
    case Role::kLiaison: return "联络员";
    case Role::kHandler: return "承办人";
    case Role::kEnterprise: return "企业";
    case Role::kPublic: return "公众";
  }
  return "公众";
}

const std::vector<Role>& AllRoles() {
  static const std::vector<Role> all = {Role::kAdmin,   Role::kLeader,     Role::kDispatcher, Role::kLiaison,
                                        Role::kHandler, Role::kEnterprise, Role::kPublic};
  return all;
}

Result<Role> ParseRole(std::string_view name) {
  for (Role r : AllRoles()) {
    if (RoleName(r) == name) return r;
  }
  return Error::Invalid("access.unknown_role",
                        fmt::format("unknown role '{}'; roles are admin, leader, dispatcher, liaison, "
                                    "handler, enterprise, public", name),
                        fmt::format("未知角色“{}”", name));
}

bool Actor::HasScope(std::string_view scope) const {
  return scopes.empty() || std::find(scopes.begin(), scopes.end(), scope) != scopes.end();
}

Actor SystemActor() {
  Actor a;
  a.user_id = 0;
  a.login = "system";
  a.display_name = "系统";
  a.role = Role::kAdmin;
  return a;
}

Error Forbidden(std::string_view what_en, std::string_view what_zh) {
  return Error::Forbidden("access.forbidden", fmt::format("you may not {}", what_en),
                          fmt::format("无权{}", what_zh));
}

Error NotSignedIn() {
  return Error::Unauthenticated("access.unauthenticated", "sign in first", "请先登录");
}

Result<void> RequireRole(const Actor& actor, std::initializer_list<Role> roles) {
  for (Role r : roles) {
    if (actor.role == r) return Ok();
  }
  return Error::Forbidden("access.forbidden",
                          fmt::format("the role {} may not do this", RoleName(actor.role)),
                          fmt::format("“{}”角色无权进行此操作", RoleNameZh(actor.role)));
}

Result<void> RequireWriteScope(const Actor& actor) {
  if (actor.HasScope("write")) return Ok();
  return Error::Forbidden("access.scope", "this API key may only read", "此 API 密钥只有读取权限");
}

}  // namespace zhitong::access
