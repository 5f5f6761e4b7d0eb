// DirectoryService exports: the caller's scope of a list, masked as the list is, as a table
// whose headers the importer reads back.
#include <map>

#include "directory_service/columns.h"
#include "directory_service/directory_service.h"
#include "directory_service/store.h"

namespace zhitong::directory_service {

namespace d = directory;

namespace {

std::vector<std::string> Headers(std::span<const Column> columns) {
  std::vector<std::string> out;
  for (const auto& c : columns) out.emplace_back(c.zh);
  return out;
}

const char* YesNo(bool b) { return b ? "是" : "否"; }

std::string Join(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& s : items) out += (out.empty() ? "" : ",") + s;
  return out;
}

}  // namespace

Result<Table> DirectoryService::ExportEnterprises(const access::Actor& actor, EnterpriseFilter filter) {
  filter.limit = 0;
  filter.offset = 0;
  ZT_ASSIGN_OR_RETURN(auto page, ListEnterprises(actor, filter));
  Table table;
  table.push_back(Headers(EnterpriseColumns()));
  for (const auto& v : page.items) {
    const auto& e = v.enterprise;
    table.push_back({std::to_string(e.id), e.uscc, e.name, v.region_name, e.address, e.industry_code,
                     e.industry_section, YesNo(e.above_scale), YesNo(e.is_key), std::to_string(e.employees),
                     std::to_string(e.annual_revenue), e.contact_name, e.contact_phone});
  }
  return table;
}

Result<Table> DirectoryService::ExportOfficials(const access::Actor& actor, OfficialFilter filter) {
  filter.limit = 0;
  filter.offset = 0;
  ZT_ASSIGN_OR_RETURN(auto page, ListOfficials(actor, filter));
  ZT_ASSIGN_OR_RETURN(auto lookups, db_.ReadValue([&](storage::Tx& tx) -> Result<std::pair<
                                                      std::map<int64_t, std::string>, std::map<int64_t, std::string>>> {
    std::map<int64_t, std::string> regions, departments;
    ZT_ASSIGN_OR_RETURN(auto rs, store::AllRegions(tx));
    for (const auto& r : rs) regions[r.value.id] = r.value.name;
    ZT_ASSIGN_OR_RETURN(auto ds, store::Departments(tx, std::nullopt));
    for (const auto& dep : ds) departments[dep.value.id] = dep.value.code;
    return std::make_pair(regions, departments);
  }));
  Table table;
  table.push_back(Headers(OfficialColumns()));
  for (const auto& v : page.items) {
    const auto& o = v.value;
    table.push_back({std::to_string(o.id), o.name, std::string(d::NameZh(o.rank)), lookups.first[o.region_id],
                     o.department_id ? lookups.second[*o.department_id] : "", o.title,
                     std::to_string(o.liaison_capacity), Join(o.industries), FormatDate(o.active_from),
                     o.active_to ? FormatDate(*o.active_to) : ""});
  }
  return table;
}

}  // namespace zhitong::directory_service
