#include "notify_service/recipients.h"

#include <algorithm>

namespace zhitong::notify_service {
namespace {

using notify::Audience;
using requests_service::IdValue;
using storage::Sql;

const Sql kByRole("SELECT id FROM users WHERE role = ? AND disabled = 0 ORDER BY id");
const Sql kUser("SELECT id FROM users WHERE id = ? AND disabled = 0");
const Sql kDepartmentHandlers(
    "SELECT id FROM users WHERE role = 'handler' AND department_id = ? AND disabled = 0 ORDER BY id");
const Sql kDepartmentHeads(
    "SELECT u.id FROM users u JOIN officials o ON o.id = u.official_id"
    " WHERE o.department_id = ? AND u.disabled = 0 ORDER BY u.id");
const Sql kOfficialUsers("SELECT id FROM users WHERE official_id = ? AND disabled = 0 ORDER BY id");
const Sql kDistrictLeaders(
    "SELECT u.id FROM users u JOIN officials o ON o.id = u.official_id"
    " WHERE u.role = 'leader' AND o.rank = 'district' AND u.disabled = 0"
    " AND (o.region_id = ? OR o.region_id = (SELECT g.parent_id FROM regions g WHERE g.id = ?)) ORDER BY u.id");
const Sql kCityLeaders(
    "SELECT u.id FROM users u LEFT JOIN officials o ON o.id = u.official_id"
    " WHERE u.role = 'leader' AND u.disabled = 0 AND (o.id IS NULL OR o.rank = 'city') ORDER BY u.id");

Result<std::vector<int64_t>> Ids(Result<storage::ResultSet> rows) {
  if (!rows) return rows.error();
  std::vector<int64_t> out;
  for (const auto& row : *rows) out.push_back(row.i64("id"));
  return out;
}

}  // namespace

Result<std::vector<int64_t>> ResolveAudience(storage::Tx& tx, Audience audience,
                                             const requests_service::StoredRequest& s, const requests::Event& event) {
  const requests::Request& r = s.request;
  const auto department = IdValue(r.handling_department);
  switch (audience) {
    case Audience::kRequester:
      if (auto id = IdValue(r.submitter_id)) return Ids(tx.Query(kUser, *id));
      return std::vector<int64_t>{};
    case Audience::kDispatchers:
      return Ids(tx.Query(kByRole, "dispatcher"));
    case Audience::kAdmins:
      return Ids(tx.Query(kByRole, "admin"));
    case Audience::kHandler:
      if (auto id = IdValue(r.handler_id)) {
        ZT_ASSIGN_OR_RETURN(auto ids, Ids(tx.Query(kUser, *id)));
        if (!ids.empty()) return ids;
      }
      [[fallthrough]];
    case Audience::kDepartmentHandlers:
      if (!department) return std::vector<int64_t>{};
      return Ids(tx.Query(kDepartmentHandlers, *department));
    case Audience::kCohandlerHandlers:
      if (auto d = IdValue(event.Get("department"))) return Ids(tx.Query(kDepartmentHandlers, *d));
      return std::vector<int64_t>{};
    case Audience::kDepartmentHeads:
      if (!department) return std::vector<int64_t>{};
      return Ids(tx.Query(kDepartmentHeads, *department));
    case Audience::kLiaison:
      if (!s.liaison_official_id) return std::vector<int64_t>{};
      return Ids(tx.Query(kOfficialUsers, *s.liaison_official_id));
    case Audience::kDistrictLeaders:
      if (!s.region_id) return std::vector<int64_t>{};
      return Ids(tx.Query(kDistrictLeaders, *s.region_id, *s.region_id));
    case Audience::kCityLeaders:
      return Ids(tx.Query(kCityLeaders));
  }
  return std::vector<int64_t>{};
}

Result<std::vector<int64_t>> ResolveRecipients(storage::Tx& tx, const std::vector<Audience>& audiences,
                                               const requests_service::StoredRequest& request,
                                               const requests::Event& event, int64_t except) {
  std::vector<int64_t> out;
  auto add = [&](const std::vector<int64_t>& ids) {
    for (int64_t id : ids) {
      if (id != except) out.push_back(id);
    }
  };
  for (Audience a : audiences) {
    ZT_ASSIGN_OR_RETURN(auto ids, ResolveAudience(tx, a, request, event));
    add(ids);
  }
  if (out.empty()) {
    ZT_ASSIGN_OR_RETURN(auto ids, ResolveAudience(tx, Audience::kDispatchers, request, event));
    add(ids);
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

}  // namespace zhitong::notify_service
