// DirectoryService: regions, departments and officials (enterprises are in enterprises.cc).
#include "directory_service/directory_service.h"

#include <fmt/format.h>

#include "access/audit.h"
#include "directory/validate.h"
#include "directory_service/json.h"
#include "directory_service/rules.h"
#include "directory_service/scope.h"
#include "directory_service/store.h"
#include "storage/like.h"

namespace zhitong::directory_service {

using storage::Tx;
namespace d = directory;

namespace {

Error NotFound(std::string_view entity, int64_t id) {
  const std::string zh = entity == "official" ? "干部" : entity == "department" ? "部门" : "记录";
  return Error::NotFound("directory.not_found", fmt::format("no {} {}", entity, id),
                         fmt::format("{}（编号 {}）不存在", zh, id));
}

// "o.region_id = ?" etc. for the rows an actor may see, with its parameters.
struct Clause {
  std::string sql;
  std::vector<storage::Value> params;
};

Clause OfficialScopeClause(const access::Actor& a, const ReadScope& scope) {
  switch (scope.rows) {
    case RowScope::kRegion: return {"o.region_id = ?", {*a.region_id}};
    case RowScope::kSelf: return {"o.id = ?", {*a.official_id}};
    default: return {"1 = 1", {}};
  }
}

}  // namespace

Result<OfficialSort> ParseOfficialSort(std::string_view text) {
  if (text == "name") return OfficialSort::kName;
  if (text == "id") return OfficialSort::kId;
  return Error::Invalid("directory.unknown_sort", fmt::format("unknown sort \"{}\"; use name or id", text),
                        fmt::format("不支持的排序方式“{}”，可用 name 或 id", text));
}

Result<std::vector<Versioned<d::Region>>> DirectoryService::ListRegions(const access::Actor& actor) {
  ZT_TRY(RequireDirectoryReader(actor));
  return db_.ReadValue([&](Tx& tx) { return store::AllRegions(tx); });
}

Result<Versioned<d::Region>> DirectoryService::CreateRegion(const access::Actor& actor, d::Region region) {
  ZT_TRY(RequireDirectoryWriter(actor));
  ZT_TRY(d::ToResult(d::ValidateRegion(region), "region"));
  const Instant now = clock_.Now();
  auto created = db_.WriteValue([&](Tx& tx) -> Result<Versioned<d::Region>> {
    if (region.parent_id) {
      ZT_ASSIGN_OR_RETURN(auto parent, store::FindRegion(tx, *region.parent_id));
      if (!parent) {
        return d::ToResult({{"parent_id", "there is no region " + std::to_string(*region.parent_id),
                             "上级区域不存在"}}, "region").error();
      }
    }
    ZT_ASSIGN_OR_RETURN(int64_t id, store::InsertRegion(tx, region, now));
    ZT_ASSIGN_OR_RETURN(auto stored, store::FindRegion(tx, id));
    ZT_TRY(access::RecordAudit(tx, actor, now, "create", "region", std::to_string(id), nullptr, ToJson(*stored)));
    return std::move(*stored);
  });
  if (!created) return TranslateStorageError(created.error(), "region");
  return created;
}

Result<std::vector<Versioned<d::Department>>> DirectoryService::ListDepartments(const access::Actor& actor,
                                                                                std::optional<int64_t> region_id) {
  ZT_TRY(RequireDirectoryReader(actor));
  return db_.ReadValue([&](Tx& tx) { return store::Departments(tx, region_id); });
}

namespace {

Result<void> CheckDepartmentRegion(Tx& tx, const d::Department& dep) {
  ZT_ASSIGN_OR_RETURN(auto region, store::FindRegion(tx, dep.region_id));
  if (region) return Ok();
  return d::ToResult({{"region_id", "there is no region " + std::to_string(dep.region_id), "所属区域不存在"}},
                     "department");
}

}  // namespace

Result<Versioned<d::Department>> DirectoryService::CreateDepartment(const access::Actor& actor, d::Department dep) {
  ZT_TRY(RequireDirectoryWriter(actor));
  ZT_TRY(d::ToResult(d::ValidateDepartment(dep), "department"));
  const Instant now = clock_.Now();
  auto created = db_.WriteValue([&](Tx& tx) -> Result<Versioned<d::Department>> {
    ZT_TRY(CheckDepartmentRegion(tx, dep));
    ZT_ASSIGN_OR_RETURN(int64_t id, store::InsertDepartment(tx, dep, now));
    ZT_ASSIGN_OR_RETURN(auto stored, store::FindDepartment(tx, id));
    ZT_TRY(access::RecordAudit(tx, actor, now, "create", "department", std::to_string(id), nullptr, ToJson(*stored)));
    return std::move(*stored);
  });
  if (!created) return TranslateStorageError(created.error(), "department");
  return created;
}

Result<Versioned<d::Department>> DirectoryService::UpdateDepartment(const access::Actor& actor, int64_t id,
                                                                    int64_t version,
                                                                    const Mutator<d::Department>& change) {
  ZT_TRY(RequireDirectoryWriter(actor));
  const Instant now = clock_.Now();
  auto updated = db_.WriteValue([&](Tx& tx) -> Result<Versioned<d::Department>> {
    ZT_ASSIGN_OR_RETURN(auto before, store::FindDepartment(tx, id));
    if (!before) return NotFound("department", id);
    if (before->version != version) return store::VersionConflict("department", id, version, before->version);
    d::Department dep = before->value;
    ZT_TRY(change(dep));
    dep.id = id;
    ZT_TRY(d::ToResult(d::ValidateDepartment(dep), "department"));
    ZT_TRY(CheckDepartmentRegion(tx, dep));
    ZT_TRY(store::UpdateDepartment(tx, dep, version, now));
    ZT_ASSIGN_OR_RETURN(auto after, store::FindDepartment(tx, id));
    ZT_TRY(access::RecordAudit(tx, actor, now, "update", "department", std::to_string(id), ToJson(*before),
                               ToJson(*after)));
    return std::move(*after);
  });
  if (!updated) return TranslateStorageError(updated.error(), "department");
  return updated;
}

Result<Page<Versioned<d::Official>>> DirectoryService::ListOfficials(const access::Actor& actor,
                                                                     const OfficialFilter& f) {
  ZT_ASSIGN_OR_RETURN(ReadScope scope, OfficialScopeOf(actor));
  Clause c = OfficialScopeClause(actor, scope);
  std::string where = " WHERE " + c.sql;
  std::vector<storage::Value> params = c.params;
  if (f.region_id) {
    where += " AND (o.region_id = ? OR o.region_id IN (SELECT id FROM regions WHERE parent_id = ?))";
    params.emplace_back(*f.region_id);
    params.emplace_back(*f.region_id);
  }
  if (f.rank) {
    where += " AND o.rank = ?";
    params.emplace_back(std::string(d::Name(*f.rank)));
  }
  if (f.department_id) {
    where += " AND o.department_id = ?";
    params.emplace_back(*f.department_id);
  }
  if (f.q && !f.q->empty()) {
    const std::string pattern = storage::LikeContains(*f.q);
    where += " AND (o.name LIKE ? ESCAPE '\\' OR o.title LIKE ? ESCAPE '\\')";
    params.emplace_back(pattern);
    params.emplace_back(pattern);
  }
  const char* order = f.sort == OfficialSort::kName ? " ORDER BY o.name, o.id" : " ORDER BY o.id";
  std::string select = fmt::format("SELECT {} FROM officials o{}{}", store::kOfficialColumns, where, order);
  std::vector<storage::Value> page_params = params;
  if (f.limit > 0) {
    select += " LIMIT ? OFFSET ?";
    page_params.emplace_back(int64_t{f.limit});
    page_params.emplace_back(int64_t{f.offset});
  }
  const std::string count = "SELECT COUNT(*) AS n FROM officials o" + where;
  return db_.ReadValue([&](Tx& tx) -> Result<Page<Versioned<d::Official>>> {
    Page<Versioned<d::Official>> page;
    page.limit = f.limit;
    page.offset = f.offset;
    ZT_ASSIGN_OR_RETURN(auto n, tx.Query(count, params));
    page.total = n[0].i64("n");
    ZT_ASSIGN_OR_RETURN(auto rows, tx.Query(select, page_params));
    for (auto row : rows) {
      ZT_ASSIGN_OR_RETURN(auto o, store::OfficialFromRow(row));
      ZT_TRY(store::LoadConflicts(tx, o.value));
      page.items.push_back(std::move(o));
    }
    return page;
  });
}

Result<Versioned<d::Official>> DirectoryService::GetOfficial(const access::Actor& actor, int64_t id) {
  ZT_ASSIGN_OR_RETURN(ReadScope scope, OfficialScopeOf(actor));
  ZT_ASSIGN_OR_RETURN(auto o, db_.ReadValue([&](Tx& tx) { return store::FindOfficial(tx, id); }));
  const bool visible = o && (scope.rows == RowScope::kAll ||
                             (scope.rows == RowScope::kRegion && o->value.region_id == actor.region_id) ||
                             (scope.rows == RowScope::kSelf && o->value.id == actor.official_id));
  if (!visible) return NotFound("official", id);
  return std::move(*o);
}

Result<Versioned<d::Official>> DirectoryService::CreateOfficial(const access::Actor& actor, d::Official o) {
  ZT_TRY(RequireDirectoryWriter(actor));
  NormalizeOfficial(o);
  const Instant now = clock_.Now();
  auto created = db_.WriteValue([&](Tx& tx) -> Result<Versioned<d::Official>> {
    ZT_TRY(CheckOfficial(tx, o));
    ZT_ASSIGN_OR_RETURN(int64_t id, store::InsertOfficial(tx, o, now));
    ZT_ASSIGN_OR_RETURN(auto stored, store::FindOfficial(tx, id));
    ZT_TRY(access::RecordAudit(tx, actor, now, "create", "official", std::to_string(id), nullptr, ToJson(*stored)));
    return std::move(*stored);
  });
  if (!created) return TranslateStorageError(created.error(), "official");
  return created;
}

Result<Versioned<d::Official>> DirectoryService::UpdateOfficial(const access::Actor& actor, int64_t id, int64_t version,
                                                                const Mutator<d::Official>& change) {
  ZT_TRY(RequireDirectoryWriter(actor));
  const Instant now = clock_.Now();
  auto updated = db_.WriteValue([&](Tx& tx) -> Result<Versioned<d::Official>> {
    ZT_ASSIGN_OR_RETURN(auto before, store::FindOfficial(tx, id));
    if (!before) return NotFound("official", id);
    if (before->version != version) return store::VersionConflict("official", id, version, before->version);
    d::Official o = before->value;
    ZT_TRY(change(o));
    o.id = id;
    NormalizeOfficial(o);
    ZT_TRY(CheckOfficial(tx, o));
    ZT_TRY(store::UpdateOfficial(tx, o, version, now));
    ZT_ASSIGN_OR_RETURN(auto after, store::FindOfficial(tx, id));
    ZT_TRY(access::RecordAudit(tx, actor, now, "update", "official", std::to_string(id), ToJson(*before),
                               ToJson(*after)));
    return std::move(*after);
  });
  if (!updated) return TranslateStorageError(updated.error(), "official");
  return updated;
}

}  // namespace zhitong::directory_service
