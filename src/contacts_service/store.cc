#include "contacts_service/store.h"

#include <map>

#include "contacts/rules.h"

namespace zhitong::contacts_service {
namespace {

using access::Role;
using nlohmann::json;

contacts::Rule RuleFromName(const std::string& name) {
  for (auto r : {contacts::Rule::kQuietPeriod, contacts::Rule::kInspectionCap, contacts::Rule::kHighFrequency}) {
    if (contacts::Name(r) == name) return r;
  }
  return contacts::Rule::kQuietPeriod;
}

std::string Placeholders(size_t n) {
  std::string out;
  for (size_t i = 0; i < n; ++i) out += i ? ", ?" : "?";
  return out;
}

}  // namespace

Error FieldInvalid(const std::string& field, const std::string& en, const std::string& zh) {
  Error e = Error::Invalid("input.invalid", "invalid input: " + en, "输入有误：" + zh);
  e.fields.push_back({field, en, zh});
  return e;
}

Error ContactNotFound(int64_t id) {
  return Error::NotFound("contact.not_found", "contact " + std::to_string(id) + " not found",
                         "未找到联系记录 " + std::to_string(id));
}

Result<Clause> ContactScope(const access::Actor& a) {
  switch (a.role) {
    case Role::kAdmin:
    case Role::kDispatcher: return Clause{"1 = 1", {}};
    case Role::kLeader:
      if (a.city_wide()) return Clause{"1 = 1", {}};
      return Clause{"c.region_id = ?", {*a.region_id}};
    case Role::kLiaison:
      if (a.official_id) {
        return Clause{"(c.registered_by = ? OR c.official_id = ? OR c.enterprise_id IN (SELECT la.enterprise_id FROM "
                      "liaison_assignments la WHERE la.official_id = ? AND la.ended_at IS NULL))",
                      {a.user_id, *a.official_id, *a.official_id}};
      }
      return Clause{"c.registered_by = ?", {a.user_id}};
    case Role::kHandler:
      if (a.department_id) {
        return Clause{"(c.registered_by = ? OR EXISTS (SELECT 1 FROM contact_departments cdx WHERE cdx.contact_id = c.id"
                      " AND cdx.department_id = ?))",
                      {a.user_id, *a.department_id}};
      }
      return Clause{"c.registered_by = ?", {a.user_id}};
    case Role::kEnterprise:
      if (a.enterprise_id) return Clause{"c.enterprise_id = ?", {*a.enterprise_id}};
      break;
    case Role::kPublic: break;
  }
  return access::Forbidden("read contacts", "查看联系记录");
}

Result<std::vector<Contact>> LoadContacts(storage::Tx& tx, const std::string& where,
                                          const std::vector<storage::Value>& params) {
  ZT_ASSIGN_OR_RETURN(auto rows,
                      tx.Query("SELECT c.*, e.name AS enterprise_name, o.name AS official_name FROM contacts c"
                               " JOIN enterprises e ON e.id = c.enterprise_id"
                               " LEFT JOIN officials o ON o.id = c.official_id " +
                                   where,
                               params));
  std::vector<Contact> out;
  std::map<int64_t, size_t> index;
  for (const auto& row : rows) {
    Contact c;
    c.id = row.i64("id");
    c.enterprise_id = row.i64("enterprise_id");
    c.enterprise_name = row.text("enterprise_name");
    c.region_id = row.i64("region_id");
    c.kind = contacts::ParseKind(row.text("kind")).value_or(contacts::Kind::kVisit);
    c.purpose = row.text("purpose");
    c.legal_basis = row.text("legal_basis");
    c.started_at = FromUnixMillis(row.i64("contacted_at"));
    c.duration_minutes = row.i64("duration_minutes");
    c.outcome = row.text("outcome");
    c.official_id = row.opt_i64("official_id");
    c.official_name = row.opt_text("official_name").value_or("");
    c.request_id = row.opt_i64("request_id");
    c.plan_id = row.opt_i64("plan_id");
    c.justification = row.text("justification");
    c.violations = FindingsFromJson(row.text("violations"));
    c.warnings = FindingsFromJson(row.text("warnings"));
    c.flagged = row.boolean("flagged");
    if (auto level = row.opt_text("rating")) {
      if (auto parsed = requests::Parse<requests::RatingLevel>(*level)) {
        c.rating = ContactRating{*parsed, row.text("rating_comment"), FromUnixMillis(row.opt_i64("rated_at").value_or(0))};
      }
    }
    if (auto req = row.opt_i64("report_request_id")) {
      c.report = ContactReport{row.opt_text("report_reason").value_or(""), *req,
                               FromUnixMillis(row.opt_i64("reported_at").value_or(0))};
    }
    c.registered_by = row.i64("registered_by");
    c.registered_at = FromUnixMillis(row.i64("registered_at"));
    index[c.id] = out.size();
    out.push_back(std::move(c));
  }
  if (out.empty()) return out;
  std::vector<storage::Value> ids;
  for (const auto& c : out) ids.emplace_back(c.id);
  ZT_ASSIGN_OR_RETURN(auto depts, tx.Query("SELECT cd.contact_id, cd.department_id, d.name FROM contact_departments cd"
                                           " JOIN departments d ON d.id = cd.department_id WHERE cd.contact_id IN (" +
                                               Placeholders(ids.size()) + ") ORDER BY cd.contact_id, cd.department_id",
                                           ids));
  for (const auto& row : depts) {
    Contact& c = out[index.at(row.i64("contact_id"))];
    c.department_ids.push_back(row.i64("department_id"));
    c.department_names.push_back(row.text("name"));
  }
  return out;
}

namespace {

Result<std::vector<contacts::ContactFacts>> LoadFactsWhere(storage::Tx& tx, const storage::Sql& sql,
                                                           std::vector<storage::Value> params,
                                                           const storage::Sql& dept_sql) {
  ZT_ASSIGN_OR_RETURN(auto rows, tx.Query(sql.For(tx.dialect()), params));
  std::vector<contacts::ContactFacts> out;
  std::map<int64_t, size_t> index;
  for (const auto& row : rows) {
    contacts::ContactFacts f;
    f.id = row.i64("id");
    f.enterprise_id = row.i64("enterprise_id");
    f.kind = contacts::ParseKind(row.text("kind")).value_or(contacts::Kind::kVisit);
    f.started_at = FromUnixMillis(row.i64("contacted_at"));
    f.duration_minutes = row.i64("duration_minutes");
    index[f.id] = out.size();
    out.push_back(std::move(f));
  }
  ZT_ASSIGN_OR_RETURN(auto depts, tx.Query(dept_sql.For(tx.dialect()), params));
  for (const auto& row : depts) {
    auto it = index.find(row.i64("contact_id"));
    if (it != index.end()) out[it->second].department_ids.push_back(row.i64("department_id"));
  }
  return out;
}

}  // namespace

Result<std::vector<contacts::ContactFacts>> LoadFacts(storage::Tx& tx, int64_t enterprise_id, Instant from) {
  return LoadFactsWhere(
      tx,
      "SELECT id, enterprise_id, kind, contacted_at, duration_minutes FROM contacts"
      " WHERE enterprise_id = ? AND contacted_at >= ?",
      {enterprise_id, ToUnixMillis(from)},
      "SELECT cd.contact_id, cd.department_id FROM contact_departments cd JOIN contacts c ON c.id = cd.contact_id"
      " WHERE c.enterprise_id = ? AND c.contacted_at >= ?");
}

Result<std::vector<contacts::ContactFacts>> LoadInspections(storage::Tx& tx, Instant from, Instant to) {
  return LoadFactsWhere(
      tx,
      "SELECT id, enterprise_id, kind, contacted_at, duration_minutes FROM contacts"
      " WHERE kind = 'inspection' AND contacted_at >= ? AND contacted_at < ?",
      {ToUnixMillis(from), ToUnixMillis(to)},
      "SELECT cd.contact_id, cd.department_id FROM contact_departments cd JOIN contacts c ON c.id = cd.contact_id"
      " WHERE c.kind = 'inspection' AND c.contacted_at >= ? AND c.contacted_at < ?");
}

Result<std::vector<contacts::QuietPeriod>> LoadQuietPeriods(storage::Tx& tx, int64_t enterprise_id) {
  std::string sql = "SELECT id, enterprise_id, starts_on, ends_on, status, reason FROM quiet_periods";
  std::vector<storage::Value> params;
  if (enterprise_id != 0) {
    sql += " WHERE enterprise_id = ?";
    params.emplace_back(enterprise_id);
  }
  ZT_ASSIGN_OR_RETURN(auto rows, tx.Query(sql, params));
  std::vector<contacts::QuietPeriod> out;
  for (const auto& row : rows) {
    contacts::QuietPeriod p;
    p.id = row.i64("id");
    p.enterprise_id = row.i64("enterprise_id");
    ZT_ASSIGN_OR_RETURN(p.starts_on, ParseDate(row.text("starts_on")));
    ZT_ASSIGN_OR_RETURN(p.ends_on, ParseDate(row.text("ends_on")));
    ZT_ASSIGN_OR_RETURN(p.status, contacts::ParseQuietStatus(row.text("status")));
    p.reason = row.text("reason");
    out.push_back(std::move(p));
  }
  return out;
}

Result<contacts::DepartmentNames> LoadDepartmentNames(storage::Tx& tx) {
  ZT_ASSIGN_OR_RETURN(auto rows, tx.Query(storage::Sql("SELECT id, name FROM departments")));
  contacts::DepartmentNames out;
  for (const auto& row : rows) out[row.i64("id")] = row.text("name");
  return out;
}

json FindingsJson(const std::vector<contacts::Finding>& findings) {
  json out = json::array();
  for (const auto& f : findings) out.push_back(ToJson(f));
  return out;
}

std::vector<contacts::Finding> FindingsFromJson(const std::string& text) {
  std::vector<contacts::Finding> out;
  auto j = json::parse(text, nullptr, false);
  if (!j.is_array()) return out;
  for (const auto& item : j) {
    if (!item.is_object()) continue;
    contacts::Finding f;
    f.rule = RuleFromName(item.value("rule", ""));
    f.message = item.value("message", "");
    f.message_zh = item.value("message_zh", "");
    if (item.contains("department_id") && item["department_id"].is_number_integer()) {
      f.department_id = item["department_id"].get<int64_t>();
    }
    if (item.contains("quiet_period_id") && item["quiet_period_id"].is_number_integer()) {
      f.quiet_period_id = item["quiet_period_id"].get<int64_t>();
    }
    f.count = item.value("count", int64_t{0});
    f.limit = item.value("limit", int64_t{0});
    f.period_days = item.value("period_days", 0);
    out.push_back(std::move(f));
  }
  return out;
}

Result<std::map<int64_t, Instant>> LastContactTimes(storage::Tx& tx) {
  ZT_ASSIGN_OR_RETURN(auto rows, tx.Query(storage::Sql(
                                     "SELECT enterprise_id, MAX(contacted_at) AS last_at FROM contacts GROUP BY enterprise_id")));
  std::map<int64_t, Instant> out;
  for (const auto& row : rows) out[row.i64("enterprise_id")] = FromUnixMillis(row.i64("last_at"));
  return out;
}

}  // namespace zhitong::contacts_service
