#include "directory_service/store.h"

#include <fmt/format.h>

#include "directory_service/category_codes.h"

namespace zhitong::directory_service::store {

using storage::Sql;
using storage::Tx;
namespace d = directory;

namespace {

std::string JoinComma(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& s : items) out += (out.empty() ? "" : ",") + s;
  return out;
}

std::vector<std::string> SplitComma(const std::string& s) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start < s.size()) {
    size_t comma = s.find(',', start);
    if (comma == std::string::npos) comma = s.size();
    if (comma > start) out.push_back(s.substr(start, comma - start));
    start = comma + 1;
  }
  return out;
}

Result<Versioned<d::Region>> RegionFromRow(const storage::ResultSet::Row& row) {
  Versioned<d::Region> v;
  v.value.id = row.i64("id");
  v.value.code = row.text("code");
  v.value.name = row.text("name");
  v.value.name_en = row.text("name_en");
  ZT_ASSIGN_OR_RETURN(v.value.kind, d::Parse<d::RegionKind>(row.text("kind")));
  v.value.parent_id = row.opt_i64("parent_id");
  v.version = row.i64("version");
  return v;
}

constexpr Sql kRegionSelect{"SELECT id, code, name, name_en, kind, parent_id, version FROM regions"};

Result<void> LoadCategories(Tx& tx, d::Department& dep) {
  static constexpr Sql kSql{"SELECT category_code FROM department_categories WHERE department_id = ? ORDER BY category_code"};
  ZT_ASSIGN_OR_RETURN(auto rows, tx.Query(kSql, dep.id));
  dep.categories.clear();
  for (auto row : rows) {
    ZT_ASSIGN_OR_RETURN(auto c, CategoryFromCode(row.text("category_code")));
    dep.categories.push_back(c);
  }
  return Ok();
}

Result<void> WriteCategories(Tx& tx, const d::Department& dep) {
  ZT_TRY(tx.Exec(Sql{"DELETE FROM department_categories WHERE department_id = ?"}, dep.id));
  for (auto c : dep.categories) {
    ZT_TRY(tx.Exec(Sql{"INSERT INTO department_categories (department_id, category_code) VALUES (?, ?)"}, dep.id,
                   RequestCategoryCode(c)));
  }
  return Ok();
}

Result<void> WriteConflicts(Tx& tx, const d::Official& o) {
  ZT_TRY(tx.Exec(Sql{"DELETE FROM official_conflicts WHERE official_id = ?"}, o.id));
  for (const auto& c : o.conflicts) {
    ZT_TRY(tx.Exec(Sql{"INSERT INTO official_conflicts (official_id, enterprise_id, reason) VALUES (?, ?, ?)"}, o.id,
                   c.enterprise_id, c.reason));
  }
  return Ok();
}

std::optional<std::string> OptDate(const std::optional<d::Date>& date) {
  if (!date) return std::nullopt;
  return FormatDate(*date);
}

}  // namespace

Error VersionConflict(std::string_view entity, int64_t id, int64_t expected, int64_t actual) {
  return Error::Conflict("directory.version_conflict",
                         fmt::format("{} {} has changed (version {} now, {} given); reload and try again", entity, id,
                                     actual, expected),
                         fmt::format("该记录已被他人修改（当前版本 {}，提交版本 {}），请刷新后重试", actual, expected));
}

Result<std::optional<Versioned<d::Region>>> FindRegion(Tx& tx, int64_t id) {
  ZT_ASSIGN_OR_RETURN(auto rows, tx.Query(std::string(kRegionSelect.For(tx.dialect())) + " WHERE id = ?", {id}));
  if (rows.empty()) return std::optional<Versioned<d::Region>>();
  ZT_ASSIGN_OR_RETURN(auto r, RegionFromRow(rows[0]));
  return std::optional(std::move(r));
}

Result<std::vector<Versioned<d::Region>>> AllRegions(Tx& tx) {
  ZT_ASSIGN_OR_RETURN(auto rows, tx.Query(std::string(kRegionSelect.For(tx.dialect())) + " ORDER BY id", {}));
  std::vector<Versioned<d::Region>> out;
  for (auto row : rows) {
    ZT_ASSIGN_OR_RETURN(auto r, RegionFromRow(row));
    out.push_back(std::move(r));
  }
  return out;
}

Result<int64_t> InsertRegion(Tx& tx, const d::Region& r, Instant now) {
  static constexpr Sql kSql{
      "INSERT INTO regions (code, name, name_en, kind, parent_id, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?) "
      "RETURNING id"};
  return tx.InsertReturningId(kSql, r.code, r.name, r.name_en, d::Name(r.kind), r.parent_id, ToUnixMillis(now),
                              ToUnixMillis(now));
}

Result<std::optional<Versioned<d::Department>>> FindDepartment(Tx& tx, int64_t id) {
  static constexpr Sql kSql{"SELECT id, code, name, name_en, region_id, version FROM departments WHERE id = ?"};
  ZT_ASSIGN_OR_RETURN(auto rows, tx.Query(kSql, id));
  if (rows.empty()) return std::optional<Versioned<d::Department>>();
  Versioned<d::Department> v;
  auto row = rows[0];
  v.value = {row.i64("id"), row.text("code"), row.text("name"), row.text("name_en"), row.i64("region_id"), {}};
  v.version = row.i64("version");
  ZT_TRY(LoadCategories(tx, v.value));
  return std::optional(std::move(v));
}

Result<std::vector<Versioned<d::Department>>> Departments(Tx& tx, std::optional<int64_t> region_id) {
  static constexpr Sql kAll{"SELECT id FROM departments ORDER BY id"};
  static constexpr Sql kOfRegion{"SELECT id FROM departments WHERE region_id = ? ORDER BY id"};
  ZT_ASSIGN_OR_RETURN(auto rows, region_id ? tx.Query(kOfRegion, *region_id) : tx.Query(kAll));
  std::vector<Versioned<d::Department>> out;
  for (auto row : rows) {
    ZT_ASSIGN_OR_RETURN(auto dep, FindDepartment(tx, row.i64("id")));
    if (dep) out.push_back(std::move(*dep));
  }
  return out;
}

Result<int64_t> InsertDepartment(Tx& tx, const d::Department& dep, Instant now) {
  static constexpr Sql kSql{
      "INSERT INTO departments (code, name, name_en, region_id, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?) "
      "RETURNING id"};
  ZT_ASSIGN_OR_RETURN(int64_t id, tx.InsertReturningId(kSql, dep.code, dep.name, dep.name_en, dep.region_id,
                                                       ToUnixMillis(now), ToUnixMillis(now)));
  d::Department stored = dep;
  stored.id = id;
  ZT_TRY(WriteCategories(tx, stored));
  return id;
}

Result<void> UpdateDepartment(Tx& tx, const d::Department& dep, int64_t version, Instant now) {
  static constexpr Sql kSql{
      "UPDATE departments SET code = ?, name = ?, name_en = ?, region_id = ?, version = version + 1, updated_at = ? "
      "WHERE id = ? AND version = ?"};
  ZT_ASSIGN_OR_RETURN(int64_t n, tx.Exec(kSql, dep.code, dep.name, dep.name_en, dep.region_id, ToUnixMillis(now),
                                         dep.id, version));
  if (n == 0) return VersionConflict("department", dep.id, version, version + 1);
  return WriteCategories(tx, dep);
}

const char* const kOfficialColumns =
    "o.id, o.name, o.rank, o.region_id, o.department_id, o.title, o.liaison_capacity, o.industries, o.active_from, "
    "o.active_to, o.version";

Result<Versioned<d::Official>> OfficialFromRow(const storage::ResultSet::Row& row) {
  Versioned<d::Official> v;
  auto& o = v.value;
  o.id = row.i64("id");
  o.name = row.text("name");
  ZT_ASSIGN_OR_RETURN(o.rank, d::Parse<d::Rank>(row.text("rank")));
  o.region_id = row.i64("region_id");
  o.department_id = row.opt_i64("department_id");
  o.title = row.text("title");
  o.liaison_capacity = static_cast<int>(row.i64("liaison_capacity"));
  o.industries = SplitComma(row.text("industries"));
  ZT_ASSIGN_OR_RETURN(o.active_from, ParseDate(row.text("active_from")));
  if (auto to = row.opt_text("active_to")) {
    ZT_ASSIGN_OR_RETURN(auto date, ParseDate(*to));
    o.active_to = date;
  }
  v.version = row.i64("version");
  return v;
}

Result<void> LoadConflicts(Tx& tx, d::Official& o) {
  static constexpr Sql kSql{
      "SELECT enterprise_id, reason FROM official_conflicts WHERE official_id = ? ORDER BY enterprise_id"};
  ZT_ASSIGN_OR_RETURN(auto rows, tx.Query(kSql, o.id));
  o.conflicts.clear();
  for (auto row : rows) o.conflicts.push_back({row.i64("enterprise_id"), row.text("reason")});
  return Ok();
}

Result<std::optional<Versioned<d::Official>>> FindOfficial(Tx& tx, int64_t id) {
  ZT_ASSIGN_OR_RETURN(auto rows,
                      tx.Query(fmt::format("SELECT {} FROM officials o WHERE o.id = ?", kOfficialColumns), {id}));
  if (rows.empty()) return std::optional<Versioned<d::Official>>();
  ZT_ASSIGN_OR_RETURN(auto v, OfficialFromRow(rows[0]));
  ZT_TRY(LoadConflicts(tx, v.value));
  return std::optional(std::move(v));
}

Result<int64_t> InsertOfficial(Tx& tx, const d::Official& o, Instant now) {
  static constexpr Sql kSql{
      "INSERT INTO officials (name, rank, region_id, department_id, title, liaison_capacity, industries, "
      "active_from, active_to, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id"};
  ZT_ASSIGN_OR_RETURN(int64_t id,
                      tx.InsertReturningId(kSql, o.name, d::Name(o.rank), o.region_id, o.department_id, o.title,
                                           o.liaison_capacity, JoinComma(o.industries), FormatDate(o.active_from),
                                           OptDate(o.active_to), ToUnixMillis(now), ToUnixMillis(now)));
  d::Official stored = o;
  stored.id = id;
  if (!o.conflicts.empty()) ZT_TRY(WriteConflicts(tx, stored));
  return id;
}

Result<void> UpdateOfficial(Tx& tx, const d::Official& o, int64_t version, Instant now) {
  static constexpr Sql kSql{
      "UPDATE officials SET name = ?, rank = ?, region_id = ?, department_id = ?, title = ?, liaison_capacity = ?, "
      "industries = ?, active_from = ?, active_to = ?, version = version + 1, updated_at = ? "
      "WHERE id = ? AND version = ?"};
  ZT_ASSIGN_OR_RETURN(int64_t n, tx.Exec(kSql, o.name, d::Name(o.rank), o.region_id, o.department_id, o.title,
                                         o.liaison_capacity, JoinComma(o.industries), FormatDate(o.active_from),
                                         OptDate(o.active_to), ToUnixMillis(now), o.id, version));
  if (n == 0) return VersionConflict("official", o.id, version, version + 1);
  return WriteConflicts(tx, o);
}

const char* const kEnterpriseSelect =
    "SELECT e.id, e.uscc, e.name, e.region_id, r.name AS region_name, e.address, e.industry_code, "
    "e.industry_section, e.above_scale, e.is_key, e.employees, e.annual_revenue, e.contact_name, e.contact_phone, "
    "e.version FROM enterprises e JOIN regions r ON r.id = e.region_id";

EnterpriseView EnterpriseFromRow(const storage::ResultSet::Row& row) {
  EnterpriseView v;
  auto& e = v.enterprise;
  e.id = row.i64("id");
  e.uscc = row.text("uscc");
  e.name = row.text("name");
  e.region_id = row.i64("region_id");
  e.address = row.text("address");
  e.industry_code = row.text("industry_code");
  e.industry_section = row.text("industry_section");
  e.above_scale = row.boolean("above_scale");
  e.is_key = row.boolean("is_key");
  e.employees = row.i64("employees");
  e.annual_revenue = row.i64("annual_revenue");
  e.contact_name = row.text("contact_name");
  e.contact_phone = row.text("contact_phone");
  v.version = row.i64("version");
  v.region_name = row.text("region_name");
  return v;
}

Result<std::optional<EnterpriseView>> FindEnterprise(Tx& tx, int64_t id) {
  ZT_ASSIGN_OR_RETURN(auto rows, tx.Query(std::string(kEnterpriseSelect) + " WHERE e.id = ?", {id}));
  if (rows.empty()) return std::optional<EnterpriseView>();
  return std::optional(EnterpriseFromRow(rows[0]));
}

Result<std::optional<int64_t>> EnterpriseIdByUscc(Tx& tx, const std::string& uscc) {
  ZT_ASSIGN_OR_RETURN(auto rows, tx.Query(Sql{"SELECT id FROM enterprises WHERE uscc = ?"}, uscc));
  if (rows.empty()) return std::optional<int64_t>();
  return std::optional(rows[0].i64("id"));
}

Result<int64_t> InsertEnterprise(Tx& tx, const d::Enterprise& e, Instant now) {
  static constexpr Sql kSql{
      "INSERT INTO enterprises (uscc, name, region_id, address, industry_code, industry_section, above_scale, is_key, "
      "employees, annual_revenue, contact_name, contact_phone, created_at, updated_at) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id"};
  return tx.InsertReturningId(kSql, e.uscc, e.name, e.region_id, e.address, e.industry_code, e.industry_section,
                              e.above_scale, e.is_key, e.employees, e.annual_revenue, e.contact_name, e.contact_phone,
                              ToUnixMillis(now), ToUnixMillis(now));
}

Result<void> UpdateEnterprise(Tx& tx, const d::Enterprise& e, int64_t version, Instant now) {
  static constexpr Sql kSql{
      "UPDATE enterprises SET uscc = ?, name = ?, region_id = ?, address = ?, industry_code = ?, industry_section = ?, "
      "above_scale = ?, is_key = ?, employees = ?, annual_revenue = ?, contact_name = ?, contact_phone = ?, "
      "version = version + 1, updated_at = ? WHERE id = ? AND version = ?"};
  ZT_ASSIGN_OR_RETURN(int64_t n, tx.Exec(kSql, e.uscc, e.name, e.region_id, e.address, e.industry_code,
                                         e.industry_section, e.above_scale, e.is_key, e.employees, e.annual_revenue,
                                         e.contact_name, e.contact_phone, ToUnixMillis(now), e.id, version));
  if (n == 0) return VersionConflict("enterprise", e.id, version, version + 1);
  return Ok();
}

}  // namespace zhitong::directory_service::store
