#include "directory_service/scope.h"

#include <algorithm>
#include <vector>

namespace zhitong::directory_service {

using access::Role;

Result<ReadScope> EnterpriseScopeOf(const access::Actor& a) {
  switch (a.role) {
    case Role::kAdmin:
    case Role::kDispatcher: return ReadScope{RowScope::kAll, true};
    case Role::kLeader: return ReadScope{a.region_id ? RowScope::kRegion : RowScope::kAll, false};
    case Role::kLiaison:
      if (!a.official_id) break;
      return ReadScope{RowScope::kAssigned, true};
    case Role::kHandler: return ReadScope{RowScope::kAll, false};
    case Role::kEnterprise:
      if (!a.enterprise_id) break;
      return ReadScope{RowScope::kSelf, true};
    case Role::kPublic: break;
  }
  return access::Forbidden("read the enterprise directory", "查看企业名录");
}

Result<ReadScope> OfficialScopeOf(const access::Actor& a) {
  switch (a.role) {
    case Role::kAdmin:
    case Role::kDispatcher: return ReadScope{RowScope::kAll, true};
    case Role::kLeader: return ReadScope{a.region_id ? RowScope::kRegion : RowScope::kAll, true};
    case Role::kLiaison:
      if (!a.official_id) break;
      return ReadScope{RowScope::kSelf, true};
    default: break;
  }
  return access::Forbidden("read the list of officials", "查看干部名录");
}

Result<void> RequireDirectoryReader(const access::Actor& a) {
  if (a.role == Role::kPublic) return access::Forbidden("read the directory", "查看名录");
  return Ok();
}

Result<void> RequireDirectoryWriter(const access::Actor& a) {
  if (a.role != Role::kAdmin) return access::Forbidden("change the directory", "修改名录");
  return access::RequireWriteScope(a);
}

namespace {

// Byte length of the UTF-8 sequence that starts with lead (1 for a stray byte).
size_t SequenceLength(unsigned char lead) {
  if (lead >= 0xF0) return 4;
  if (lead >= 0xE0) return 3;
  if (lead >= 0xC0) return 2;
  return 1;
}

std::vector<std::string_view> CodePoints(std::string_view s) {
  std::vector<std::string_view> out;
  for (size_t i = 0; i < s.size();) {
    size_t n = std::min(SequenceLength(static_cast<unsigned char>(s[i])), s.size() - i);
    out.push_back(s.substr(i, n));
    i += n;
  }
  return out;
}

}  // namespace

std::string MaskName(std::string_view name) {
  auto cps = CodePoints(name);
  if (cps.empty()) return "";
  std::string out(cps[0]);
  out.append(cps.size() == 1 ? 1 : cps.size() - 1, '*');
  return out;
}

std::string MaskPhone(std::string_view phone) {
  auto cps = CodePoints(phone);
  if (cps.empty()) return "";
  if (cps.size() < 8) return std::string(cps.size(), '*');
  std::string out;
  for (size_t i = 0; i < cps.size(); ++i) {
    if (i < 3 || i + 4 >= cps.size()) {
      out += cps[i];
    } else {
      out += '*';
    }
  }
  return out;
}

}  // namespace zhitong::directory_service
