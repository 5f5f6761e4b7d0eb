// Who may see what in the directory, decided from the Actor alone (pure functions), and the
// masking of personal data. The service turns a scope into a WHERE clause; the authorization
// matrix test in tests/api/directory_authz_test.cc checks every cell end to end.
//
//   role               regions, departments   officials            enterprises          contacts
//   admin              all                    all                  all                  shown
//   dispatcher         all                    all                  all                  shown
//   leader (city)      all                    all                  all                  masked
//   leader (district)  all                    their region         their region         masked
//   liaison            all                    themselves           assigned to them     shown
//   handler            all                    refused (403)        all (basic fields)   masked
//   enterprise         all                    refused (403)        their own            shown
//   public             refused (403)          refused (403)        refused (403)        —
//
// Out of scope single records answer 404 (not 403), so that ids reveal nothing. Writes are
// admin only.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "access/actor.h"
#include "core/error.h"

namespace zhitong::directory_service {

enum class RowScope {
  kAll,       // every row
  kRegion,    // rows of actor.region_id
  kAssigned,  // enterprises with an active liaison assignment to actor.official_id
  kSelf,      // the actor's own row (enterprise_id or official_id)
};

struct ReadScope {
  RowScope rows = RowScope::kAll;
  bool contacts_visible = false;  // enterprises only
};

// kForbidden when the role may not read the list at all.
Result<ReadScope> EnterpriseScopeOf(const access::Actor& actor);
Result<ReadScope> OfficialScopeOf(const access::Actor& actor);
// Regions and departments: every signed-in role except public.
Result<void> RequireDirectoryReader(const access::Actor& actor);
// Admin with the write scope.
Result<void> RequireDirectoryWriter(const access::Actor& actor);

// "张三" → "张*", "欧阳娜娜" → "欧***": the first character, then one '*' per character.
std::string MaskName(std::string_view name);
// "13900000001" → "139****0001": the first 3 and last 4 characters kept when there are at least
// 8, every character masked otherwise.
std::string MaskPhone(std::string_view phone);

}  // namespace zhitong::directory_service
