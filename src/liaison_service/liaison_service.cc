#include "liaison_service/liaison_service.h"

#include <fmt/format.h>

#include "access/audit.h"
#include "directory_service/scope.h"
#include "liaison_service/json.h"
#include "liaison_service/plan_digest.h"
#include "liaison_service/store.h"

namespace zhitong::liaison_service {

using access::Role;
using storage::Tx;
using storage::Value;
namespace d = directory;

namespace {

Result<PlanReport> MakePlan(Tx& tx, Instant now) {
  ZT_ASSIGN_OR_RETURN(store::PlanInputs in, store::LoadPlanInputs(tx));
  PlanReport report;
  report.planned_on = ShanghaiDate(now);
  ZT_ASSIGN_OR_RETURN(report.plan, liaison::PlanAssignments(in.enterprises, in.officials, in.current, report.planned_on));
  report.digest = PlanDigest(report.plan);
  for (const auto& e : in.enterprises) {
    if (e.above_scale) ++report.enterprises;
    report.enterprise_labels[e.id] = {e.name, e.region_id, in.region_names[e.region_id], e.is_key};
  }
  for (const auto& o : in.officials) report.official_labels[o.id] = {o.name, o.rank, in.region_names[o.region_id]};
  return report;
}

Result<void> RequirePlanner(const access::Actor& actor) {
  return access::RequireRole(actor, {Role::kAdmin});
}

// The part of a WHERE clause that keeps an actor's assignments (aliases a, e), with parameters.
struct Clause {
  std::string sql;
  std::vector<Value> params;
};

Result<Clause> AssignmentScope(const access::Actor& a) {
  switch (a.role) {
    case Role::kAdmin:
    case Role::kDispatcher: return Clause{"1 = 1", {}};
    case Role::kLeader:
      if (a.city_wide()) return Clause{"1 = 1", {}};
      return Clause{"e.region_id = ?", {*a.region_id}};
    case Role::kLiaison:
      if (a.official_id) return Clause{"a.official_id = ?", {*a.official_id}};
      break;
    case Role::kEnterprise:
      if (a.enterprise_id) return Clause{"a.enterprise_id = ?", {*a.enterprise_id}};
      break;
    default: break;
  }
  return access::Forbidden("read liaison assignments", "查看联络关系");
}

Error OfficialNotFound(int64_t id) {
  return Error::NotFound("directory.not_found", fmt::format("no official {}", id), fmt::format("干部（编号 {}）不存在", id));
}

}  // namespace

Result<AssignmentStatus> ParseAssignmentStatus(std::string_view text) {
  if (text == "active") return AssignmentStatus::kActive;
  if (text == "ended") return AssignmentStatus::kEnded;
  if (text == "all") return AssignmentStatus::kAll;
  return Error::Invalid("liaison.unknown_status", fmt::format("unknown status \"{}\"; use active, ended or all", text),
                        fmt::format("不支持的状态“{}”，可用 active、ended 或 all", text));
}

Result<ApplyOutcome> ApplyPlanInTx(Tx& tx, const access::Actor& actor, Instant now,
                                   const std::optional<std::string>& expected_digest) {
  ApplyOutcome out;
  ZT_ASSIGN_OR_RETURN(out.report, MakePlan(tx, now));
  if (expected_digest && *expected_digest != out.report.digest) {
    return Error::Conflict("liaison.plan_changed",
                           "the plan is no longer the one reviewed: the directory or the assignments changed; "
                           "plan again and review the new plan",
                           "目录或联络关系已变化，当前方案与审阅的方案不一致，请重新生成并审阅");
  }
  out.applied_at = now;
  if (out.report.plan.changes_nothing()) return out;
  ZT_ASSIGN_OR_RETURN(out.plan_id, store::WritePlan(tx, out.report, actor, now));
  out.changed = true;
  ZT_TRY(access::RecordAudit(tx, actor, now, "apply", "liaison_plan", std::to_string(out.plan_id), nullptr,
                             AuditJson(out.report)));
  return out;
}

Result<PlanReport> LiaisonService::Plan(const access::Actor& actor) {
  ZT_TRY(RequirePlanner(actor));
  const Instant now = clock_.Now();
  return db_.ReadValue([&](Tx& tx) { return MakePlan(tx, now); });
}

Result<ApplyOutcome> LiaisonService::Apply(const access::Actor& actor, const std::optional<std::string>& expected_digest) {
  ZT_TRY(RequirePlanner(actor));
  ZT_TRY(access::RequireWriteScope(actor));
  const Instant now = clock_.Now();
  return db_.WriteValue([&](Tx& tx) { return ApplyPlanInTx(tx, actor, now, expected_digest); });
}

Result<Page<AssignmentRecord>> LiaisonService::ListAssignments(const access::Actor& actor, const AssignmentFilter& f) {
  ZT_ASSIGN_OR_RETURN(Clause scope, AssignmentScope(actor));
  std::string where = " WHERE " + scope.sql;
  std::vector<Value> params = scope.params;
  auto add = [&](const char* sql, Value v) {
    where += sql;
    params.push_back(std::move(v));
  };
  if (f.official_id) add(" AND a.official_id = ?", *f.official_id);
  if (f.enterprise_id) add(" AND a.enterprise_id = ?", *f.enterprise_id);
  if (f.region_id) {
    add(" AND (e.region_id = ? OR e.region_id IN (SELECT id FROM regions WHERE parent_id = ?))", *f.region_id);
    params.emplace_back(*f.region_id);
  }
  const bool period = f.from || f.to;
  if (f.from && f.to && *f.to < *f.from) {
    return Error::Invalid("liaison.bad_period", "the period ends before it starts", "查询时段的结束早于开始");
  }
  // In force at some moment of [from 00:00, day after `to` 00:00) in Shanghai.
  if (f.to) add(" AND a.started_at < ?", ToUnixMillis(ShanghaiMidnight(d::Date{std::chrono::sys_days(*f.to) + std::chrono::days(1)})));
  if (f.from) add(" AND (a.ended_at IS NULL OR a.ended_at > ?)", ToUnixMillis(ShanghaiMidnight(*f.from)));
  switch (f.status.value_or(period ? AssignmentStatus::kAll : AssignmentStatus::kActive)) {
    case AssignmentStatus::kActive: where += " AND a.ended_at IS NULL"; break;
    case AssignmentStatus::kEnded: where += " AND a.ended_at IS NOT NULL"; break;
    case AssignmentStatus::kAll: break;
  }
  std::string select = where + " ORDER BY a.enterprise_id, a.started_at, a.id";
  std::vector<Value> page_params = params;
  if (f.limit > 0) {
    select += " LIMIT ? OFFSET ?";
    page_params.emplace_back(int64_t{f.limit});
    page_params.emplace_back(int64_t{f.offset});
  }
  return db_.ReadValue([&](Tx& tx) -> Result<Page<AssignmentRecord>> {
    Page<AssignmentRecord> page;
    page.limit = f.limit;
    page.offset = f.offset;
    ZT_ASSIGN_OR_RETURN(page.total, store::CountAssignments(tx, where, params));
    ZT_ASSIGN_OR_RETURN(page.items, store::Assignments(tx, select, page_params));
    return page;
  });
}

Result<std::vector<AssignmentRecord>> LiaisonService::ServedBetween(const access::Actor& actor, int64_t enterprise_id,
                                                                    d::Date from, d::Date to) {
  AssignmentFilter f;
  f.enterprise_id = enterprise_id;
  f.from = from;
  f.to = to;
  f.limit = 0;
  ZT_ASSIGN_OR_RETURN(auto page, ListAssignments(actor, f));
  return std::move(page.items);
}

Result<std::vector<ServedEnterprise>> LiaisonService::EnterprisesOf(const access::Actor& actor, int64_t official_id) {
  ZT_ASSIGN_OR_RETURN(auto official_scope, directory_service::OfficialScopeOf(actor));
  ZT_ASSIGN_OR_RETURN(auto enterprise_scope, directory_service::EnterpriseScopeOf(actor));
  return db_.ReadValue([&](Tx& tx) -> Result<std::vector<ServedEnterprise>> {
    ZT_ASSIGN_OR_RETURN(auto rows, tx.Query(storage::Sql{"SELECT region_id FROM officials WHERE id = ?"}, official_id));
    if (rows.empty()) return OfficialNotFound(official_id);
    const int64_t region_id = rows[0].i64("region_id");
    const bool visible =
        official_scope.rows == directory_service::RowScope::kAll ||
        (official_scope.rows == directory_service::RowScope::kRegion && actor.region_id == region_id) ||
        (official_scope.rows == directory_service::RowScope::kSelf && actor.official_id == official_id);
    if (!visible) return OfficialNotFound(official_id);
    ZT_ASSIGN_OR_RETURN(auto served, store::ServedEnterprises(tx, official_id));
    if (!enterprise_scope.contacts_visible) {
      for (auto& s : served) {
        s.contact_name = directory_service::MaskName(s.contact_name);
        s.contact_phone = directory_service::MaskPhone(s.contact_phone);
        s.contact_masked = true;
      }
    }
    return served;
  });
}

Result<CoverageReport> LiaisonService::Coverage(const access::Actor& actor, const CoverageOptions& options) {
  ZT_TRY(access::RequireRole(actor, {Role::kAdmin, Role::kDispatcher, Role::kLeader, Role::kLiaison}));
  if (options.stale_days < 1 || options.stale_days > 3650) {
    return Error::Invalid("liaison.bad_stale_days", "stale_days must be between 1 and 3650",
                          "stale_days 应在 1 到 3650 之间");
  }
  store::CoverageScope scope{options.region_id, std::nullopt};
  if (actor.role == Role::kLiaison) {
    // A liaison's own report: the enterprises they serve now, whatever region_id narrows it to.
    if (!actor.official_id) return access::Forbidden("read coverage without being an official", "查看覆盖情况");
    scope.official_id = actor.official_id;
  } else if (!actor.city_wide() && actor.role == Role::kLeader) {
    if (scope.region_id && *scope.region_id != *actor.region_id) {
      return access::Forbidden("read the coverage of another region", "查看其他区县的覆盖情况");
    }
    scope.region_id = actor.region_id;
  }
  const Instant now = clock_.Now();
  ZT_ASSIGN_OR_RETURN(CoverageInputs in,
                      db_.ReadValue([&](Tx& tx) { return store::LoadCoverageInputs(tx, scope, now); }));
  return ComputeCoverage(in, now, options);
}

}  // namespace zhitong::liaison_service
