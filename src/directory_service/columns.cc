#include "directory_service/columns.h"

#include <cctype>

namespace zhitong::directory_service {
namespace {

// Lower-case ASCII, no spaces, nothing from the first '(' or '（' on.
std::string Canonical(std::string_view s) {
  for (std::string_view open : {std::string_view("("), std::string_view("（")}) {
    if (auto p = s.find(open); p != std::string_view::npos) s = s.substr(0, p);
  }
  std::string out;
  for (char c : s) {
    if (c == ' ' || c == '\t' || c == '\r' || c == '\n') continue;
    out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  return out;
}

}  // namespace

std::span<const Column> EnterpriseColumns() {
  static const std::vector<Column> columns = {
      {"id", "编号", "id", false, {"企业编号"}},
      {"uscc", "统一社会信用代码", "uscc", true, {"信用代码", "社会信用代码"}},
      {"name", "企业名称", "name", true, {"名称", "企业"}},
      {"region", "所属区县", "region", true, {"所属区域", "区县", "区域", "region_name", "region_code"}},
      {"address", "地址", "address", false, {"企业地址", "注册地址"}},
      {"industry_code", "行业代码", "industry_code", true, {"行业大类", "行业大类代码", "industry"}},
      {"industry_section", "行业门类", "industry_section", false, {"门类"}},
      {"above_scale", "规上", "above_scale", false, {"规模以上", "规上企业", "是否规上"}},
      {"is_key", "重点", "is_key", false, {"重点企业", "是否重点"}},
      {"employees", "从业人数", "employees", false, {"职工人数", "员工人数"}},
      {"annual_revenue", "营业收入", "annual_revenue", false, {"年营业收入", "主营业务收入", "revenue"}},
      {"contact_name", "联系人", "contact_name", false, {"联系人姓名", "contact"}},
      {"contact_phone", "联系电话", "contact_phone", false, {"电话", "手机", "phone"}},
  };
  return columns;
}

std::span<const Column> OfficialColumns() {
  static const std::vector<Column> columns = {
      {"id", "编号", "id", false, {"干部编号"}},
      {"name", "姓名", "name", true, {"名字"}},
      {"rank", "级别", "rank", true, {"层级"}},
      {"region", "所属区县", "region", true, {"所属区域", "区县", "区域", "region_name", "region_code"}},
      {"department", "部门", "department", false, {"所在部门", "department_code"}},
      {"title", "职务", "title", false, {"职位"}},
      {"liaison_capacity", "联络容量", "liaison_capacity", false, {"联络企业数", "capacity"}},
      {"industries", "专长行业", "industries", false, {"熟悉行业"}},
      {"active_from", "任职起始", "active_from", true, {"任职开始", "起始日期"}},
      {"active_to", "任职截止", "active_to", false, {"任职结束", "截止日期"}},
  };
  return columns;
}

std::optional<std::string_view> MatchColumn(std::span<const Column> columns, std::string_view header) {
  const std::string h = Canonical(header);
  if (h.empty()) return std::nullopt;
  for (const auto& c : columns) {
    if (h == Canonical(c.zh) || h == Canonical(c.en)) return c.key;
    for (auto a : c.aliases) {
      if (h == Canonical(a)) return c.key;
    }
  }
  return std::nullopt;
}

}  // namespace zhitong::directory_service
