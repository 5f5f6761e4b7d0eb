// ContactsService: random joint inspection plans (双随机、一公开). A plan is drawn once, when it is
// created, from the enterprises the 无事不扰 rules leave eligible and the inspectors of its
// departments, with the algorithm of docs/RANDOM-INSPECTIONS.md; publishing makes it, its
// inputs and the outcomes of its inspections readable by everyone.
#include <algorithm>
#include <map>

#include <fmt/format.h>

#include "access/audit.h"
#include "contacts/draw.h"
#include "contacts_service/contacts_service.h"
#include "contacts_service/store.h"

namespace zhitong::contacts_service {
namespace {

using access::Role;
using nlohmann::json;

constexpr size_t kMaxPoolIds = 100000;
constexpr int64_t kMaxTargets = 10000;

std::string Placeholders(size_t n) {
  std::string out;
  for (size_t i = 0; i < n; ++i) out += i ? ", ?" : "?";
  return out;
}

Error PlanNotFound(int64_t id) {
  return Error::NotFound("inspection_plan.not_found", "inspection plan " + std::to_string(id) + " not found",
                         "未找到检查计划 " + std::to_string(id));
}

std::vector<int64_t> Unique(std::vector<int64_t> ids) {
  std::sort(ids.begin(), ids.end());
  ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
  return ids;
}

Result<std::vector<Plan>> LoadPlans(storage::Tx& tx, const std::string& where, const std::vector<storage::Value>& params) {
  ZT_ASSIGN_OR_RETURN(auto rows, tx.Query("SELECT id, status, document, created_at, published_at FROM inspection_plans " +
                                              where + " ORDER BY id DESC",
                                          params));
  std::vector<Plan> out;
  for (const auto& row : rows) {
    Plan p;
    p.id = row.i64("id");
    p.status = row.text("status");
    p.document = json::parse(row.text("document"), nullptr, false);
    if (p.document.is_discarded()) return Error::Internal("inspection_plan.corrupt", "a stored plan is not JSON");
    p.created_at = FromUnixMillis(row.i64("created_at"));
    if (auto at = row.opt_i64("published_at")) p.published_at = FromUnixMillis(*at);
    out.push_back(std::move(p));
  }
  return out;
}

// Adds to each drawn target the inspection registered under the plan, if any (一公开: results).
Result<void> AddResults(storage::Tx& tx, Plan& plan) {
  ZT_ASSIGN_OR_RETURN(auto rows, tx.Query(storage::Sql("SELECT e.uscc, c.contacted_at, c.outcome FROM contacts c"
                                                       " JOIN enterprises e ON e.id = c.enterprise_id"
                                                       " WHERE c.plan_id = ? ORDER BY c.contacted_at"),
                                          plan.id));
  std::map<std::string, json> results;
  for (const auto& row : rows) {
    results[row.text("uscc")] = {{"inspected_at", FormatShanghai(FromUnixMillis(row.i64("contacted_at")))},
                                 {"outcome", row.text("outcome")}};
  }
  for (auto& t : plan.document["draw"]["targets"]) {
    auto it = results.find(t.value("key", ""));
    t["result"] = it == results.end() ? json(nullptr) : it->second;
  }
  return Ok();
}

}  // namespace

Result<Plan> ContactsService::CreatePlan(const access::Actor& actor, const PlanInput& raw, std::string_view http_request_id) {
  ZT_TRY(access::RequireWriteScope(actor));
  ZT_TRY(access::RequireRole(actor, {Role::kAdmin}));
  PlanInput in = raw;
  in.department_ids = Unique(in.department_ids);
  if (in.title.empty() || in.title.size() > 600) return FieldInvalid("title", "title is required", "须填写计划名称");
  if (in.department_ids.empty() || in.department_ids.size() > contacts::kMaxJointDepartments) {
    return FieldInvalid("department_ids", "a plan has 1 to 10 departments", "计划须有 1 至 10 个部门");
  }
  if (in.ends_on < in.starts_on) return FieldInvalid("ends_on", "ends_on must not be before starts_on", "结束日期不能早于开始日期");
  if (in.target_count < 1 || in.target_count > kMaxTargets) {
    return FieldInvalid("target_count", "target_count must be from 1 to 10000", "抽取数量须为 1 至 10000");
  }
  if (in.enterprise_ids && (in.enterprise_ids->empty() || in.enterprise_ids->size() > kMaxPoolIds)) {
    return FieldInvalid("enterprise_ids", "enterprise_ids must list 1 to 100000 enterprises", "企业范围须为 1 至 100000 家");
  }
  const std::string seed = in.seed ? *in.seed : contacts::NewSeed();
  if (seed.empty() || seed.size() > contacts::kMaxSeedBytes || seed.find('\0') != std::string::npos) {
    return FieldInvalid("seed", "the seed must be 1 to 256 bytes without NUL", "种子须为 1 至 256 字节且不含 NUL");
  }
  const Instant now = clock_.Now();
  return db_.WriteValue([&](storage::Tx& tx) -> Result<Plan> {
    ZT_ASSIGN_OR_RETURN(auto names, LoadDepartmentNames(tx));
    json department_names = json::array();
    for (int64_t d : in.department_ids) {
      if (!names.count(d)) return FieldInvalid("department_ids", "no department " + std::to_string(d), "没有部门 " + std::to_string(d));
      department_names.push_back(names[d]);
    }

    // The candidates, then the rules: who may be drawn, and why the others may not.
    struct Candidate {
      int64_t id;
      std::string uscc, name;
    };
    std::vector<Candidate> candidates;
    {
      std::string sql = "SELECT id, uscc, name FROM enterprises";
      std::vector<storage::Value> params;
      if (in.enterprise_ids) {
        auto ids = Unique(*in.enterprise_ids);
        sql += " WHERE id IN (" + Placeholders(ids.size()) + ")";
        for (int64_t id : ids) params.emplace_back(id);
        ZT_ASSIGN_OR_RETURN(auto rows, tx.Query(sql, params));
        if (rows.size() != ids.size()) return FieldInvalid("enterprise_ids", "an enterprise does not exist", "有企业不存在");
        for (const auto& r : rows) candidates.push_back({r.i64("id"), r.text("uscc"), r.text("name")});
      } else {
        ZT_ASSIGN_OR_RETURN(auto rows, tx.Query(sql, params));
        for (const auto& r : rows) candidates.push_back({r.i64("id"), r.text("uscc"), r.text("name")});
      }
    }
    const auto first_year = static_cast<int>(in.starts_on.year());
    const auto last_year = static_cast<int>(in.ends_on.year());
    ZT_ASSIGN_OR_RETURN(
        auto inspections,
        LoadInspections(tx,
                        ShanghaiMidnight(contacts::Date{std::chrono::year(first_year), std::chrono::January, std::chrono::day(1)}),
                        ShanghaiMidnight(contacts::Date{std::chrono::year(last_year + 1), std::chrono::January, std::chrono::day(1)})));
    ZT_ASSIGN_OR_RETURN(auto quiet, LoadQuietPeriods(tx, 0));
    std::map<int64_t, std::vector<contacts::ContactFacts>> history;
    for (auto& f : inspections) history[f.enterprise_id].push_back(std::move(f));
    std::map<int64_t, std::vector<contacts::QuietPeriod>> quiet_by;
    for (auto& q : quiet) quiet_by[q.enterprise_id].push_back(std::move(q));
    const contacts::PlanWindow window{in.starts_on, in.ends_on, in.department_ids};

    std::map<std::string, std::string> enterprise_names;
    std::vector<std::string> pool;
    json excluded = json::array();
    for (const auto& c : candidates) {
      enterprise_names[c.uscc] = c.name;
      if (auto why = contacts::WhyNotEligible(c.id, history[c.id], quiet_by[c.id], window, settings_, names)) {
        excluded.push_back({{"key", c.uscc}, {"name", c.name}, {"rule", contacts::Name(why->rule)},
                            {"reason", why->message}, {"reason_zh", why->message_zh}});
      } else {
        pool.push_back(c.uscc);
      }
    }

    // The roster: the officials named, or the departments' officials in office on the first day.
    std::map<std::string, std::string> inspector_names;
    std::vector<std::string> roster;
    {
      ZT_ASSIGN_OR_RETURN(auto rows, [&]() -> Result<storage::ResultSet> {
        std::vector<storage::Value> params;
        if (in.roster) {
          auto ids = Unique(*in.roster);
          for (int64_t id : ids) params.emplace_back(id);
          return tx.Query("SELECT id, name FROM officials WHERE id IN (" + Placeholders(ids.size()) + ")", params);
        }
        for (int64_t d : in.department_ids) params.emplace_back(d);
        params.emplace_back(FormatDate(in.starts_on));
        params.emplace_back(FormatDate(in.starts_on));
        return tx.Query("SELECT id, name FROM officials WHERE department_id IN (" + Placeholders(in.department_ids.size()) +
                            ") AND active_from <= ? AND (active_to IS NULL OR active_to >= ?)",
                        params);
      }());
      if (in.roster && rows.size() != Unique(*in.roster).size()) {
        return FieldInvalid("roster", "an official in the roster does not exist", "检查人员名录中有人员不存在");
      }
      for (const auto& r : rows) {
        const std::string key = std::to_string(r.i64("id"));
        roster.push_back(key);
        inspector_names[key] = r.text("name");
      }
    }
    if (roster.size() < 2) {
      return FieldInvalid("roster", "the roster needs at least two inspectors (give roster, or add officials to the departments)",
                          "检查人员名录至少须有两人（请指定名录，或为部门添加人员）");
    }
    ZT_ASSIGN_OR_RETURN(auto draw, contacts::Draw({seed, pool, roster, in.target_count}));

    json pool_json = json::array(), roster_json = json::array(), targets = json::array();
    for (const auto& k : contacts::Canonical(pool)) pool_json.push_back({{"key", k}, {"name", enterprise_names[k]}});
    for (const auto& k : contacts::Canonical(roster)) roster_json.push_back({{"key", k}, {"name", inspector_names[k]}});
    for (const auto& t : draw.targets) {
      targets.push_back({{"key", t.key},
                         {"name", enterprise_names[t.key]},
                         {"team", {t.team[0], t.team[1]}},
                         {"team_names", {inspector_names[t.team[0]], inspector_names[t.team[1]]}}});
    }
    json document = {{"title", in.title},
                     {"algorithm", contacts::kDrawAlgorithm},
                     {"seed", seed},
                     {"target_count", in.target_count},
                     {"department_ids", in.department_ids},
                     {"department_names", department_names},
                     {"starts_on", FormatDate(in.starts_on)},
                     {"ends_on", FormatDate(in.ends_on)},
                     {"pool", pool_json},
                     {"excluded", excluded},
                     {"roster", roster_json},
                     {"draw", {{"targets", targets}}}};
    ZT_ASSIGN_OR_RETURN(
        int64_t id,
        tx.InsertReturningId(storage::Sql("INSERT INTO inspection_plans (title, status, algorithm, seed, target_count,"
                                          " starts_on, ends_on, document, created_by, created_at)"
                                          " VALUES (?, 'draft', ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id"),
                             in.title, contacts::kDrawAlgorithm, seed, in.target_count, FormatDate(in.starts_on),
                             FormatDate(in.ends_on), document.dump(), actor.user_id, ToUnixMillis(now)));
    Plan plan{id, "draft", document, now, std::nullopt};
    ZT_TRY(access::RecordAudit(tx, actor, now, "create", "inspection_plan", std::to_string(id), nullptr,
                               {{"title", in.title}, {"seed", seed}, {"target_count", in.target_count},
                                {"pool_size", pool.size()}, {"excluded", excluded.size()}, {"draw", document["draw"]}},
                               http_request_id));
    return plan;
  });
}

Result<Plan> ContactsService::PublishPlan(const access::Actor& actor, int64_t id, std::string_view http_request_id) {
  ZT_TRY(access::RequireWriteScope(actor));
  ZT_TRY(access::RequireRole(actor, {Role::kAdmin}));
  const Instant now = clock_.Now();
  return db_.WriteValue([&](storage::Tx& tx) -> Result<Plan> {
    ZT_ASSIGN_OR_RETURN(auto plans, LoadPlans(tx, "WHERE id = ?", {id}));
    if (plans.empty()) return PlanNotFound(id);
    if (plans[0].status == "published") {
      return Error::Conflict("inspection_plan.already_published", "the plan is already published", "该计划已公开");
    }
    ZT_TRY(tx.Exec(storage::Sql("UPDATE inspection_plans SET status = 'published', published_at = ? WHERE id = ?"),
                   ToUnixMillis(now), id));
    plans[0].status = "published";
    plans[0].published_at = now;
    ZT_TRY(access::RecordAudit(tx, actor, now, "publish", "inspection_plan", std::to_string(id), {{"status", "draft"}},
                               {{"status", "published"}}, http_request_id));
    return plans[0];
  });
}

Result<std::vector<Plan>> ContactsService::Plans(const access::Actor& actor) {
  ZT_TRY(access::RequireRole(actor, {Role::kAdmin, Role::kLeader, Role::kDispatcher}));
  return db_.ReadValue([&](storage::Tx& tx) { return LoadPlans(tx, "", {}); });
}

Result<Plan> ContactsService::GetPlan(const access::Actor& actor, int64_t id) {
  ZT_TRY(access::RequireRole(actor, {Role::kAdmin, Role::kLeader, Role::kDispatcher}));
  return db_.ReadValue([&](storage::Tx& tx) -> Result<Plan> {
    ZT_ASSIGN_OR_RETURN(auto plans, LoadPlans(tx, "WHERE id = ?", {id}));
    if (plans.empty()) return PlanNotFound(id);
    ZT_TRY(AddResults(tx, plans[0]));
    return plans[0];
  });
}

Result<std::vector<Plan>> ContactsService::PublishedPlans() {
  return db_.ReadValue([&](storage::Tx& tx) { return LoadPlans(tx, "WHERE status = 'published'", {}); });
}

Result<Plan> ContactsService::GetPublishedPlan(int64_t id) {
  return db_.ReadValue([&](storage::Tx& tx) -> Result<Plan> {
    ZT_ASSIGN_OR_RETURN(auto plans, LoadPlans(tx, "WHERE id = ? AND status = 'published'", {id}));
    if (plans.empty()) return PlanNotFound(id);
    ZT_TRY(AddResults(tx, plans[0]));
    return plans[0];
  });
}

}  // namespace zhitong::contacts_service
