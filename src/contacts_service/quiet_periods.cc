// ContactsService: quiet periods (企业宁静期) — set by administrators, or asked for by the
// enterprise and decided by an administrator.
#include <chrono>

#include "access/audit.h"
#include "contacts_service/contacts_service.h"
#include "contacts_service/store.h"

namespace zhitong::contacts_service {
namespace {

using access::Role;

constexpr int kMaxQuietDays = 366;

Result<std::vector<QuietPeriodView>> LoadViews(storage::Tx& tx, const std::string& where,
                                               const std::vector<storage::Value>& params) {
  ZT_ASSIGN_OR_RETURN(auto rows, tx.Query("SELECT q.*, e.name AS enterprise_name FROM quiet_periods q"
                                          " JOIN enterprises e ON e.id = q.enterprise_id " +
                                              where + " ORDER BY q.starts_on DESC, q.id DESC",
                                          params));
  std::vector<QuietPeriodView> out;
  for (const auto& row : rows) {
    QuietPeriodView v;
    v.period.id = row.i64("id");
    v.period.enterprise_id = row.i64("enterprise_id");
    ZT_ASSIGN_OR_RETURN(v.period.starts_on, ParseDate(row.text("starts_on")));
    ZT_ASSIGN_OR_RETURN(v.period.ends_on, ParseDate(row.text("ends_on")));
    ZT_ASSIGN_OR_RETURN(v.period.status, contacts::ParseQuietStatus(row.text("status")));
    v.period.reason = row.text("reason");
    v.enterprise_name = row.text("enterprise_name");
    v.requested_by = row.i64("requested_by");
    v.decided_by = row.opt_i64("decided_by");
    v.decision_note = row.text("decision_note");
    v.created_at = FromUnixMillis(row.i64("created_at"));
    out.push_back(std::move(v));
  }
  return out;
}

Error QuietNotFound(int64_t id) {
  return Error::NotFound("quiet_period.not_found", "quiet period " + std::to_string(id) + " not found",
                         "未找到宁静期 " + std::to_string(id));
}

// Which quiet periods (alias q) the actor may read.
Result<Clause> QuietScope(const access::Actor& a) {
  switch (a.role) {
    case Role::kAdmin:
    case Role::kDispatcher:
    case Role::kHandler: return Clause{"1 = 1", {}};
    case Role::kLeader:
      if (a.city_wide()) return Clause{"1 = 1", {}};
      return Clause{"e.region_id = ?", {*a.region_id}};
    case Role::kLiaison:
      if (!a.official_id) break;
      return Clause{"q.enterprise_id IN (SELECT la.enterprise_id FROM liaison_assignments la WHERE la.official_id = ?"
                    " AND la.ended_at IS NULL)",
                    {*a.official_id}};
    case Role::kEnterprise:
      if (!a.enterprise_id) break;
      return Clause{"q.enterprise_id = ?", {*a.enterprise_id}};
    case Role::kPublic: break;
  }
  return access::Forbidden("read quiet periods", "查看宁静期");
}

}  // namespace

Result<QuietPeriodView> ContactsService::RequestQuietPeriod(const access::Actor& actor, const QuietPeriodInput& in,
                                                            std::string_view http_request_id) {
  ZT_TRY(access::RequireWriteScope(actor));
  ZT_TRY(access::RequireRole(actor, {Role::kAdmin, Role::kEnterprise}));
  if (actor.role == Role::kEnterprise && actor.enterprise_id != in.enterprise_id) {
    return Error::Forbidden("contact.not_allowed", "an enterprise asks for its own quiet periods only",
                            "企业只能为本企业申请宁静期");
  }
  if (in.ends_on < in.starts_on) {
    return FieldInvalid("ends_on", "ends_on must not be before starts_on", "结束日期不能早于开始日期");
  }
  if (std::chrono::sys_days(in.ends_on) - std::chrono::sys_days(in.starts_on) >= std::chrono::days(kMaxQuietDays)) {
    return FieldInvalid("ends_on", "a quiet period lasts at most 366 days", "宁静期最长 366 天");
  }
  if (in.reason.empty() || in.reason.size() > 2000) {
    return FieldInvalid("reason", "reason is required (at most 2000 bytes)", "须填写理由（不超过 2000 字节）");
  }
  const bool approved = actor.role == Role::kAdmin;
  const Instant now = clock_.Now();
  return db_.WriteValue([&](storage::Tx& tx) -> Result<QuietPeriodView> {
    ZT_ASSIGN_OR_RETURN(auto ent, tx.Query(storage::Sql("SELECT 1 AS x FROM enterprises WHERE id = ?"), in.enterprise_id));
    if (ent.empty()) {
      return FieldInvalid("enterprise_id", "no enterprise " + std::to_string(in.enterprise_id),
                          "没有企业 " + std::to_string(in.enterprise_id));
    }
    ZT_ASSIGN_OR_RETURN(
        int64_t id,
        tx.InsertReturningId(storage::Sql("INSERT INTO quiet_periods (enterprise_id, starts_on, ends_on, reason, status,"
                                          " requested_by, decided_by, decided_at, created_at)"
                                          " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id"),
                             in.enterprise_id, FormatDate(in.starts_on), FormatDate(in.ends_on), in.reason,
                             approved ? "approved" : "pending", actor.user_id,
                             approved ? std::optional<int64_t>(actor.user_id) : std::nullopt,
                             approved ? std::optional<int64_t>(ToUnixMillis(now)) : std::nullopt, ToUnixMillis(now)));
    ZT_ASSIGN_OR_RETURN(auto views, LoadViews(tx, "WHERE q.id = ?", {id}));
    if (views.empty()) return QuietNotFound(id);
    ZT_TRY(access::RecordAudit(tx, actor, now, "create", "quiet_period", std::to_string(id), nullptr,
                               ToJson(views[0]), http_request_id));
    return views[0];
  });
}

Result<QuietPeriodView> ContactsService::DecideQuietPeriod(const access::Actor& actor, int64_t id, bool approve,
                                                           const std::string& note, std::string_view http_request_id) {
  ZT_TRY(access::RequireWriteScope(actor));
  ZT_TRY(access::RequireRole(actor, {Role::kAdmin}));
  if (note.size() > 2000) return FieldInvalid("note", "note is too long", "说明过长");
  const Instant now = clock_.Now();
  return db_.WriteValue([&](storage::Tx& tx) -> Result<QuietPeriodView> {
    ZT_ASSIGN_OR_RETURN(auto before, LoadViews(tx, "WHERE q.id = ?", {id}));
    if (before.empty()) return QuietNotFound(id);
    if (before[0].period.status != contacts::QuietStatus::kPending) {
      return Error::Conflict("quiet_period.already_decided", "this quiet period was already decided",
                             "该宁静期申请已审批");
    }
    ZT_TRY(tx.Exec(storage::Sql("UPDATE quiet_periods SET status = ?, decided_by = ?, decision_note = ?, decided_at = ?"
                                " WHERE id = ? AND status = 'pending'"),
                   approve ? "approved" : "rejected", actor.user_id, note, ToUnixMillis(now), id));
    ZT_ASSIGN_OR_RETURN(auto after, LoadViews(tx, "WHERE q.id = ?", {id}));
    ZT_TRY(access::RecordAudit(tx, actor, now, approve ? "approve" : "reject", "quiet_period", std::to_string(id),
                               ToJson(before[0]), ToJson(after.at(0)), http_request_id));
    return after.at(0);
  });
}

Result<std::vector<QuietPeriodView>> ContactsService::QuietPeriods(const access::Actor& actor,
                                                                   std::optional<int64_t> enterprise_id,
                                                                   std::optional<contacts::QuietStatus> status) {
  ZT_ASSIGN_OR_RETURN(Clause scope, QuietScope(actor));
  std::string where = "WHERE " + scope.sql;
  std::vector<storage::Value> params = scope.params;
  if (enterprise_id) {
    where += " AND q.enterprise_id = ?";
    params.emplace_back(*enterprise_id);
  }
  if (status) {
    where += " AND q.status = ?";
    params.emplace_back(std::string(contacts::Name(*status)));
  }
  return db_.ReadValue([&](storage::Tx& tx) { return LoadViews(tx, where, params); });
}

}  // namespace zhitong::contacts_service
