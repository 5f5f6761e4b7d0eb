#include "directory_service/json.h"

#include "core/clock.h"
#include "directory/industry.h"
#include "directory_service/category_codes.h"

namespace zhitong::directory_service {
namespace {

using nlohmann::json;

json Opt(const std::optional<int64_t>& v) { return v ? json(*v) : json(nullptr); }

}  // namespace

json ToJson(const Versioned<directory::Region>& v) {
  const auto& r = v.value;
  return {{"id", r.id},           {"code", r.code}, {"name", r.name},         {"name_en", r.name_en},
          {"kind", directory::Name(r.kind)}, {"kind_zh", directory::NameZh(r.kind)}, {"parent_id", Opt(r.parent_id)},
          {"version", v.version}};
}

json ToJson(const Versioned<directory::Department>& v) {
  const auto& d = v.value;
  json categories = json::array();
  for (auto c : d.categories) categories.push_back(RequestCategoryCode(c));
  return {{"id", d.id},           {"code", d.code},           {"name", d.name},      {"name_en", d.name_en},
          {"region_id", d.region_id}, {"categories", categories}, {"version", v.version}};
}

json ToJson(const Versioned<directory::Official>& v) {
  const auto& o = v.value;
  json conflicts = json::array();
  for (const auto& c : o.conflicts) conflicts.push_back({{"enterprise_id", c.enterprise_id}, {"reason", c.reason}});
  return {{"id", o.id},
          {"name", o.name},
          {"rank", directory::Name(o.rank)},
          {"rank_zh", directory::NameZh(o.rank)},
          {"region_id", o.region_id},
          {"department_id", Opt(o.department_id)},
          {"title", o.title},
          {"liaison_capacity", o.liaison_capacity},
          {"industries", o.industries},
          {"conflicts", conflicts},
          {"active_from", FormatDate(o.active_from)},
          {"active_to", o.active_to ? json(FormatDate(*o.active_to)) : json(nullptr)},
          {"version", v.version}};
}

json ToJson(const EnterpriseView& v) {
  const auto& e = v.enterprise;
  auto division = directory::FindIndustryDivision(e.industry_code);
  return {{"id", e.id},
          {"uscc", e.uscc},
          {"name", e.name},
          {"region_id", e.region_id},
          {"region_name", v.region_name},
          {"address", e.address},
          {"industry_code", e.industry_code},
          {"industry_section", e.industry_section},
          {"industry_name", division ? json(division->name_zh) : json("")},
          {"above_scale", e.above_scale},
          {"is_key", e.is_key},
          {"employees", e.employees},
          {"annual_revenue", e.annual_revenue},
          {"contact_name", e.contact_name},
          {"contact_phone", e.contact_phone},
          {"contact_masked", v.contact_masked},
          {"version", v.version}};
}

json ToJson(const ImportReport& r) {
  json errors = json::array();
  for (const auto& e : r.errors) {
    errors.push_back({{"row", e.row}, {"column", e.column}, {"message", e.message}, {"message_zh", e.message_zh}});
  }
  return {{"entity", r.entity},   {"rows", r.rows},         {"created", r.created}, {"updated", r.updated}, {"unchanged", r.unchanged},
          {"dry_run", r.dry_run}, {"committed", r.committed}, {"errors", errors}};
}

}  // namespace zhitong::directory_service
