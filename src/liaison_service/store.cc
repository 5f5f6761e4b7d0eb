#include "liaison_service/store.h"

#include <fmt/format.h>

#include <unordered_map>

#include "directory_service/store.h"

namespace zhitong::liaison_service::store {

using storage::Sql;
using storage::Tx;
using storage::Value;
namespace d = directory;

namespace {

constexpr const char* kAssignmentSelect =
    "SELECT a.id, a.official_id, o.name AS official_name, o.rank AS official_rank, a.enterprise_id, "
    "e.name AS enterprise_name, e.region_id, r.name AS region_name, e.is_key, a.started_at, a.ended_at, a.reason, "
    "a.end_reason, a.plan_id, a.ended_plan_id FROM liaison_assignments a JOIN officials o ON o.id = a.official_id "
    "JOIN enterprises e ON e.id = a.enterprise_id JOIN regions r ON r.id = e.region_id";

std::optional<int64_t> UserIdOf(const access::Actor& actor) {
  if (actor.user_id == 0) return std::nullopt;
  return actor.user_id;
}

}  // namespace

Result<PlanInputs> LoadPlanInputs(Tx& tx) {
  PlanInputs in;
  ZT_ASSIGN_OR_RETURN(auto regions, tx.Query(Sql{"SELECT id, name FROM regions"}));
  for (auto row : regions) in.region_names[row.i64("id")] = row.text("name");

  ZT_ASSIGN_OR_RETURN(auto enterprises,
                      tx.Query(Sql{"SELECT id, name, region_id, industry_code, industry_section, above_scale, is_key "
                                   "FROM enterprises ORDER BY id"}));
  in.enterprises.reserve(enterprises.size());
  for (auto row : enterprises) {
    d::Enterprise e;
    e.id = row.i64("id");
    e.name = row.text("name");
    e.region_id = row.i64("region_id");
    e.industry_code = row.text("industry_code");
    e.industry_section = row.text("industry_section");
    e.above_scale = row.boolean("above_scale");
    e.is_key = row.boolean("is_key");
    in.enterprises.push_back(std::move(e));
  }

  ZT_ASSIGN_OR_RETURN(auto officials, tx.Query(fmt::format("SELECT {} FROM officials o ORDER BY o.id",
                                                           directory_service::store::kOfficialColumns), {}));
  std::unordered_map<int64_t, size_t> index;
  for (auto row : officials) {
    ZT_ASSIGN_OR_RETURN(auto o, directory_service::store::OfficialFromRow(row));
    index[o.value.id] = in.officials.size();
    in.officials.push_back(std::move(o.value));
  }
  ZT_ASSIGN_OR_RETURN(auto conflicts, tx.Query(Sql{"SELECT official_id, enterprise_id, reason FROM official_conflicts "
                                                   "ORDER BY official_id, enterprise_id"}));
  for (auto row : conflicts) {
    auto it = index.find(row.i64("official_id"));
    if (it != index.end()) in.officials[it->second].conflicts.push_back({row.i64("enterprise_id"), row.text("reason")});
  }

  ZT_ASSIGN_OR_RETURN(auto active, tx.Query(Sql{"SELECT official_id, enterprise_id FROM liaison_assignments "
                                                "WHERE ended_at IS NULL ORDER BY enterprise_id, official_id"}));
  for (auto row : active) in.current.push_back({row.i64("official_id"), row.i64("enterprise_id")});
  return in;
}

Result<int64_t> WritePlan(Tx& tx, const PlanReport& report, const access::Actor& actor, Instant now) {
  const auto& p = report.plan;
  const int64_t ms = ToUnixMillis(now);
  static constexpr Sql kPlan{
      "INSERT INTO liaison_plans (digest, planned_on, applied_at, applied_by_user_id, applied_by_login, kept, added, "
      "moved, ended, uncovered) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id"};
  ZT_ASSIGN_OR_RETURN(int64_t plan_id,
                      tx.InsertReturningId(kPlan, report.digest, FormatDate(report.planned_on), ms, UserIdOf(actor),
                                           actor.login, static_cast<int64_t>(p.kept.size()),
                                           static_cast<int64_t>(p.added.size()), static_cast<int64_t>(p.moved.size()),
                                           static_cast<int64_t>(p.ended.size()),
                                           static_cast<int64_t>(p.uncovered.size())));
  // Endings first, so that the one-active-liaison index never sees two at once.
  static constexpr Sql kEnd{
      "UPDATE liaison_assignments SET ended_at = ?, end_reason = ?, ended_plan_id = ? "
      "WHERE official_id = ? AND enterprise_id = ? AND ended_at IS NULL"};
  auto end = [&](int64_t official_id, int64_t enterprise_id, liaison::EndReason why) -> Result<void> {
    ZT_ASSIGN_OR_RETURN(int64_t n, tx.Exec(kEnd, ms, std::string(liaison::Name(why)), plan_id, official_id,
                                           enterprise_id));
    if (n != 1) {
      return Error::Conflict("liaison.plan_changed", "the assignments changed while the plan was applied; plan again",
                             "应用方案时联络关系已变化，请重新生成方案");
    }
    return Ok();
  };
  for (const auto& x : p.ended) ZT_TRY(end(x.assignment.official_id, x.assignment.enterprise_id, x.reason));
  for (const auto& m : p.moved) ZT_TRY(end(m.from_official_id, m.enterprise_id, m.reason));
  static constexpr Sql kStart{
      "INSERT INTO liaison_assignments (official_id, enterprise_id, started_at, reason, created_at, plan_id) "
      "VALUES (?, ?, ?, ?, ?, ?)"};
  for (const auto& a : p.added) ZT_TRY(tx.Exec(kStart, a.official_id, a.enterprise_id, ms, "added", ms, plan_id));
  for (const auto& m : p.moved) ZT_TRY(tx.Exec(kStart, m.to_official_id, m.enterprise_id, ms, "moved", ms, plan_id));
  return plan_id;
}

Result<std::vector<AssignmentRecord>> Assignments(Tx& tx, const std::string& where, const std::vector<Value>& params) {
  ZT_ASSIGN_OR_RETURN(auto rows, tx.Query(std::string(kAssignmentSelect) + where, params));
  std::vector<AssignmentRecord> out;
  out.reserve(rows.size());
  for (auto row : rows) {
    AssignmentRecord a;
    a.id = row.i64("id");
    a.official_id = row.i64("official_id");
    a.official_name = row.text("official_name");
    ZT_ASSIGN_OR_RETURN(a.official_rank, d::Parse<d::Rank>(row.text("official_rank")));
    a.enterprise_id = row.i64("enterprise_id");
    a.enterprise_name = row.text("enterprise_name");
    a.region_id = row.i64("region_id");
    a.region_name = row.text("region_name");
    a.is_key = row.boolean("is_key");
    a.started_at = FromUnixMillis(row.i64("started_at"));
    if (auto ended = row.opt_i64("ended_at")) a.ended_at = FromUnixMillis(*ended);
    a.reason = row.text("reason");
    a.end_reason = row.opt_text("end_reason").value_or("");
    a.plan_id = row.opt_i64("plan_id");
    a.ended_plan_id = row.opt_i64("ended_plan_id");
    out.push_back(std::move(a));
  }
  return out;
}

Result<int64_t> CountAssignments(Tx& tx, const std::string& where, const std::vector<Value>& params) {
  ZT_ASSIGN_OR_RETURN(auto rows, tx.Query("SELECT COUNT(*) AS n FROM liaison_assignments a JOIN enterprises e ON "
                                          "e.id = a.enterprise_id" + where, params));
  return rows[0].i64("n");
}

Result<std::vector<ServedEnterprise>> ServedEnterprises(Tx& tx, int64_t official_id) {
  static constexpr Sql kSql{
      "SELECT a.id AS assignment_id, a.started_at, e.id, e.uscc, e.name, e.region_id, r.name AS region_name, "
      "e.industry_code, e.industry_section, e.above_scale, e.is_key, e.contact_name, e.contact_phone "
      "FROM liaison_assignments a JOIN enterprises e ON e.id = a.enterprise_id JOIN regions r ON r.id = e.region_id "
      "WHERE a.official_id = ? AND a.ended_at IS NULL ORDER BY e.name, e.id"};
  ZT_ASSIGN_OR_RETURN(auto rows, tx.Query(kSql, official_id));
  std::vector<ServedEnterprise> out;
  for (auto row : rows) {
    ServedEnterprise s;
    s.assignment_id = row.i64("assignment_id");
    s.since = FromUnixMillis(row.i64("started_at"));
    s.id = row.i64("id");
    s.uscc = row.text("uscc");
    s.name = row.text("name");
    s.region_id = row.i64("region_id");
    s.region_name = row.text("region_name");
    s.industry_code = row.text("industry_code");
    s.industry_section = row.text("industry_section");
    s.above_scale = row.boolean("above_scale");
    s.is_key = row.boolean("is_key");
    s.contact_name = row.text("contact_name");
    s.contact_phone = row.text("contact_phone");
    out.push_back(std::move(s));
  }
  return out;
}

Result<std::map<int64_t, Instant>> LatestContacts(Tx& tx, bool* recorded) {
  *recorded = false;
  std::map<int64_t, Instant> out;
  // Ask the catalogue first: on PostgreSQL a failed query would abort the whole transaction.
  static constexpr Sql kColumns{
      "SELECT COUNT(*) AS n FROM pragma_table_info('contacts') WHERE name IN ('enterprise_id', 'contacted_at')",
      "SELECT COUNT(*) AS n FROM information_schema.columns WHERE table_schema = current_schema() "
      "AND table_name = 'contacts' AND column_name IN ('enterprise_id', 'contacted_at')"};
  ZT_ASSIGN_OR_RETURN(auto columns, tx.Query(kColumns));
  if (columns.empty() || columns[0].i64("n") != 2) return out;
  ZT_ASSIGN_OR_RETURN(auto rows, tx.Query(Sql{"SELECT enterprise_id, MAX(contacted_at) AS last FROM contacts "
                                              "WHERE enterprise_id IS NOT NULL GROUP BY enterprise_id"}));
  *recorded = true;
  for (auto row : rows) {
    if (auto last = row.opt_i64("last")) out[row.i64("enterprise_id")] = FromUnixMillis(*last);
  }
  return out;
}

Result<CoverageInputs> LoadCoverageInputs(Tx& tx, const CoverageScope& scope, Instant now) {
  CoverageInputs in;
  std::string region_clause;
  std::vector<Value> params;
  if (scope.region_id) {
    region_clause = " AND (e.region_id = ? OR e.region_id IN (SELECT id FROM regions WHERE parent_id = ?))";
    params = {*scope.region_id, *scope.region_id};
  }
  std::string enterprise_clause = region_clause;
  if (scope.official_id) {
    // The active assignment joined below is the official's: their enterprises only.
    enterprise_clause += " AND a.official_id = ?";
    params.emplace_back(*scope.official_id);
  }
  ZT_ASSIGN_OR_RETURN(auto enterprises,
                      tx.Query("SELECT e.id, e.name, e.region_id, r.name AS region_name, e.industry_code, e.is_key, "
                               "e.above_scale, a.official_id FROM enterprises e JOIN regions r ON r.id = e.region_id "
                               "LEFT JOIN liaison_assignments a ON a.enterprise_id = e.id AND a.ended_at IS NULL "
                               "WHERE e.above_scale = 1" + enterprise_clause + " ORDER BY e.id",
                               params));
  for (auto row : enterprises) {
    in.enterprises.push_back({row.i64("id"), row.text("name"), row.i64("region_id"), row.text("region_name"),
                              row.text("industry_code"), row.boolean("is_key"), row.boolean("above_scale"),
                              row.opt_i64("official_id")});
  }
  // The officials of the scope: one official's own report lists them alone; a region's, its
  // district officials (and those of the regions under it) and every city leader who serves one
  // of its enterprises.
  std::string official_clause;
  std::vector<Value> official_params;
  if (scope.official_id) {
    official_clause = " WHERE o.id = ?";
    official_params = {*scope.official_id};
  } else if (scope.region_id) {
    official_clause =
        " WHERE o.region_id = ? OR o.region_id IN (SELECT id FROM regions WHERE parent_id = ?) OR o.id IN "
        "(SELECT a.official_id FROM liaison_assignments a JOIN enterprises e ON e.id = a.enterprise_id "
        "WHERE a.ended_at IS NULL" + region_clause + ")";
    official_params = {*scope.region_id, *scope.region_id, *scope.region_id, *scope.region_id};
  }
  ZT_ASSIGN_OR_RETURN(auto officials,
                      tx.Query("SELECT o.id, o.name, o.rank, o.region_id, r.name AS region_name, o.liaison_capacity, "
                               "o.active_from, o.active_to, (SELECT COUNT(*) FROM liaison_assignments a "
                               "WHERE a.official_id = o.id AND a.ended_at IS NULL) AS load_count FROM officials o "
                               "JOIN regions r ON r.id = o.region_id" + official_clause + " ORDER BY o.id",
                               official_params));
  const d::Date today = ShanghaiDate(now);
  for (auto row : officials) {
    CoverageOfficial o;
    o.id = row.i64("id");
    o.name = row.text("name");
    ZT_ASSIGN_OR_RETURN(o.rank, d::Parse<d::Rank>(row.text("rank")));
    o.region_id = row.i64("region_id");
    o.region_name = row.text("region_name");
    o.capacity = row.i64("liaison_capacity");
    ZT_ASSIGN_OR_RETURN(d::Date from, ParseDate(row.text("active_from")));
    std::optional<d::Date> to;
    if (auto text = row.opt_text("active_to")) {
      ZT_ASSIGN_OR_RETURN(to, ParseDate(*text));
    }
    o.active = from <= today && (!to || today <= *to);
    o.load = row.i64("load_count");
    in.officials.push_back(std::move(o));
  }
  ZT_ASSIGN_OR_RETURN(in.last_contact, LatestContacts(tx, &in.contacts_recorded));
  static constexpr Sql kRequests{
      "SELECT liaison_official_id AS official_id, COUNT(*) AS open_count, "
      "CAST(SUM(CASE WHEN current_due_at IS NOT NULL AND current_due_at < ? THEN 1 ELSE 0 END) AS BIGINT) "
      "AS overdue_count "
      "FROM requests WHERE liaison_official_id IS NOT NULL "
      "AND status NOT IN ('closed', 'rejected', 'withdrawn', 'merged') GROUP BY liaison_official_id"};
  ZT_ASSIGN_OR_RETURN(auto requests, tx.Query(kRequests, ToUnixMillis(now)));
  for (auto row : requests) in.requests[row.i64("official_id")] = {row.i64("open_count"), row.i64("overdue_count")};
  return in;
}

}  // namespace zhitong::liaison_service::store
