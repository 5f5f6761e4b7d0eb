// DirectoryService: enterprises — scoped, masked reads; audited admin writes.
#include <fmt/format.h>

#include <cctype>

#include "access/audit.h"
#include "directory/industry.h"
#include "directory/uscc.h"
#include "directory_service/directory_service.h"
#include "directory_service/json.h"
#include "directory_service/rules.h"
#include "directory_service/scope.h"
#include "directory_service/store.h"
#include "storage/like.h"

namespace zhitong::directory_service {

using storage::Tx;
namespace d = directory;

namespace {

struct Clause {
  std::string sql;
  std::vector<storage::Value> params;
};

constexpr const char* kAssigned =
    "e.id IN (SELECT enterprise_id FROM liaison_assignments WHERE official_id = ? AND ended_at IS NULL)";

Clause ScopeClause(const access::Actor& a, const ReadScope& scope) {
  switch (scope.rows) {
    case RowScope::kRegion: return {"e.region_id = ?", {*a.region_id}};
    case RowScope::kAssigned: return {kAssigned, {*a.official_id}};
    case RowScope::kSelf: return {"e.id = ?", {*a.enterprise_id}};
    case RowScope::kAll: break;
  }
  return {"1 = 1", {}};
}

const char* OrderBy(EnterpriseSort s) {
  switch (s) {
    case EnterpriseSort::kName: return " ORDER BY e.name ASC, e.id ASC";
    case EnterpriseSort::kNameDesc: return " ORDER BY e.name DESC, e.id DESC";
    case EnterpriseSort::kRevenueDesc: return " ORDER BY e.annual_revenue DESC, e.id ASC";
    case EnterpriseSort::kRevenue: return " ORDER BY e.annual_revenue ASC, e.id ASC";
    case EnterpriseSort::kEmployees: return " ORDER BY e.employees ASC, e.id ASC";
    case EnterpriseSort::kEmployeesDesc: return " ORDER BY e.employees DESC, e.id ASC";
    case EnterpriseSort::kId: return " ORDER BY e.id ASC";
    case EnterpriseSort::kIdDesc: return " ORDER BY e.id DESC";
  }
  return " ORDER BY e.id ASC";
}

void Mask(EnterpriseView& v) {
  v.enterprise.contact_name = MaskName(v.enterprise.contact_name);
  v.enterprise.contact_phone = MaskPhone(v.enterprise.contact_phone);
  v.contact_masked = true;
}

Error EnterpriseNotFound(int64_t id) {
  return Error::NotFound("directory.not_found", fmt::format("no enterprise {}", id),
                         fmt::format("企业（编号 {}）不存在", id));
}

// A liaison's scope: is the enterprise assigned to them now?
Result<bool> IsAssigned(Tx& tx, int64_t official_id, int64_t enterprise_id) {
  static constexpr storage::Sql kSql{
      "SELECT 1 AS one FROM liaison_assignments WHERE official_id = ? AND enterprise_id = ? AND ended_at IS NULL"};
  ZT_ASSIGN_OR_RETURN(auto rows, tx.Query(kSql, official_id, enterprise_id));
  return !rows.empty();
}

}  // namespace

Result<EnterpriseSort> ParseEnterpriseSort(std::string_view text) {
  static constexpr std::pair<std::string_view, EnterpriseSort> kSorts[] = {
      {"name", EnterpriseSort::kName},
      {"-name", EnterpriseSort::kNameDesc},
      {"-annual_revenue", EnterpriseSort::kRevenueDesc},
      {"annual_revenue", EnterpriseSort::kRevenue},
      {"-revenue", EnterpriseSort::kRevenueDesc},
      {"revenue", EnterpriseSort::kRevenue},
      {"employees", EnterpriseSort::kEmployees},
      {"-employees", EnterpriseSort::kEmployeesDesc},
      {"id", EnterpriseSort::kId},
      {"-id", EnterpriseSort::kIdDesc},
  };
  for (const auto& [name, sort] : kSorts) {
    if (name == text) return sort;
  }
  return Error::Invalid(
      "directory.unknown_sort",
      fmt::format("unknown sort \"{}\"; use name, -annual_revenue, employees or id (- for descending)", text),
      fmt::format("不支持的排序方式“{}”，可用 name、-annual_revenue、employees、id（前加 - 为降序）", text));
}

Result<Page<EnterpriseView>> DirectoryService::ListEnterprises(const access::Actor& actor, const EnterpriseFilter& f) {
  ZT_ASSIGN_OR_RETURN(ReadScope scope, EnterpriseScopeOf(actor));
  Clause c = ScopeClause(actor, scope);
  std::string where = " WHERE " + c.sql;
  std::vector<storage::Value> params = c.params;
  auto add = [&](const char* sql, storage::Value v) {
    where += sql;
    params.push_back(std::move(v));
  };
  if (f.region_id) {
    // The region and the regions under it, so that the city means the whole city.
    add(" AND (e.region_id = ? OR e.region_id IN (SELECT id FROM regions WHERE parent_id = ?))", *f.region_id);
    params.emplace_back(*f.region_id);
  }
  if (f.industry && !f.industry->empty()) {
    const std::string& ind = *f.industry;
    if (ind.size() == 1 && std::isalpha(static_cast<unsigned char>(ind[0]))) {
      add(" AND e.industry_section = ?", std::string(1, static_cast<char>(std::toupper(ind[0]))));
    } else if (d::FindIndustryDivision(ind)) {
      add(" AND e.industry_code = ?", ind);
    } else {
      return Error::Invalid("directory.unknown_industry",
                            fmt::format("\"{}\" is neither a GB/T 4754 section (A–T) nor a division (01–97)", ind),
                            fmt::format("“{}”不是国民经济行业分类的门类（A–T）或大类（01–97）", ind));
    }
  }
  if (f.is_key) add(" AND e.is_key = ?", int64_t{*f.is_key ? 1 : 0});
  if (f.above_scale) add(" AND e.above_scale = ?", int64_t{*f.above_scale ? 1 : 0});
  if (f.q && !f.q->empty()) {
    add(" AND (e.name LIKE ? ESCAPE '\\' OR e.uscc LIKE ? ESCAPE '\\')", storage::LikeContains(*f.q));
    params.emplace_back(storage::LikeEscaped(d::NormalizeUscc(*f.q)) + "%");
  }
  std::string select = std::string(store::kEnterpriseSelect) + where + OrderBy(f.sort);
  std::vector<storage::Value> page_params = params;
  if (f.limit > 0) {
    select += " LIMIT ? OFFSET ?";
    page_params.emplace_back(int64_t{f.limit});
    page_params.emplace_back(int64_t{f.offset});
  }
  const std::string count = "SELECT COUNT(*) AS n FROM enterprises e" + where;
  return db_.ReadValue([&](Tx& tx) -> Result<Page<EnterpriseView>> {
    Page<EnterpriseView> page;
    page.limit = f.limit;
    page.offset = f.offset;
    ZT_ASSIGN_OR_RETURN(auto n, tx.Query(count, params));
    page.total = n[0].i64("n");
    ZT_ASSIGN_OR_RETURN(auto rows, tx.Query(select, page_params));
    for (auto row : rows) {
      EnterpriseView v = store::EnterpriseFromRow(row);
      if (!scope.contacts_visible) Mask(v);
      page.items.push_back(std::move(v));
    }
    return page;
  });
}

Result<EnterpriseView> DirectoryService::GetEnterprise(const access::Actor& actor, int64_t id) {
  ZT_ASSIGN_OR_RETURN(ReadScope scope, EnterpriseScopeOf(actor));
  return db_.ReadValue([&](Tx& tx) -> Result<EnterpriseView> {
    ZT_ASSIGN_OR_RETURN(auto v, store::FindEnterprise(tx, id));
    if (!v) return EnterpriseNotFound(id);
    bool visible = true;
    switch (scope.rows) {
      case RowScope::kAll: break;
      case RowScope::kRegion: visible = v->enterprise.region_id == *actor.region_id; break;
      case RowScope::kSelf: visible = id == *actor.enterprise_id; break;
      case RowScope::kAssigned: {
        ZT_ASSIGN_OR_RETURN(visible, IsAssigned(tx, *actor.official_id, id));
        break;
      }
    }
    if (!visible) return EnterpriseNotFound(id);
    if (!scope.contacts_visible) Mask(*v);
    return std::move(*v);
  });
}

Result<EnterpriseView> DirectoryService::CreateEnterprise(const access::Actor& actor, d::Enterprise e) {
  ZT_TRY(RequireDirectoryWriter(actor));
  NormalizeEnterprise(e);
  const Instant now = clock_.Now();
  auto created = db_.WriteValue([&](Tx& tx) -> Result<EnterpriseView> {
    ZT_TRY(CheckEnterprise(tx, e, 0));
    ZT_ASSIGN_OR_RETURN(int64_t id, store::InsertEnterprise(tx, e, now));
    ZT_ASSIGN_OR_RETURN(auto stored, store::FindEnterprise(tx, id));
    ZT_TRY(access::RecordAudit(tx, actor, now, "create", "enterprise", std::to_string(id), nullptr, ToJson(*stored)));
    return std::move(*stored);
  });
  if (!created) return TranslateStorageError(created.error(), "enterprise");
  return created;
}

Result<EnterpriseView> DirectoryService::UpdateEnterprise(const access::Actor& actor, int64_t id, int64_t version,
                                                          const Mutator<d::Enterprise>& change) {
  ZT_TRY(RequireDirectoryWriter(actor));
  const Instant now = clock_.Now();
  auto updated = db_.WriteValue([&](Tx& tx) -> Result<EnterpriseView> {
    ZT_ASSIGN_OR_RETURN(auto before, store::FindEnterprise(tx, id));
    if (!before) return EnterpriseNotFound(id);
    if (before->version != version) return store::VersionConflict("enterprise", id, version, before->version);
    d::Enterprise e = before->enterprise;
    ZT_TRY(change(e));
    e.id = id;
    NormalizeEnterprise(e);
    ZT_TRY(CheckEnterprise(tx, e, id));
    ZT_TRY(store::UpdateEnterprise(tx, e, version, now));
    ZT_ASSIGN_OR_RETURN(auto after, store::FindEnterprise(tx, id));
    ZT_TRY(access::RecordAudit(tx, actor, now, "update", "enterprise", std::to_string(id), ToJson(*before),
                               ToJson(*after)));
    return std::move(*after);
  });
  if (!updated) return TranslateStorageError(updated.error(), "enterprise");
  return updated;
}

}  // namespace zhitong::directory_service
