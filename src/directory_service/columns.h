// The columns of directory imports and exports. A header cell matches a column by its Chinese
// or English name or an alias, ignoring ASCII case, spaces and a parenthesised unit
// ("营业收入（元）" is 营业收入). Exports write the Chinese names, so an exported file imports again.
//
// Enterprises (key: the USCC — a known code updates that enterprise):
//   统一社会信用代码 uscc*, 企业名称 name*, 所属区县 region* (name, English name or 6-digit code),
//   地址 address, 行业代码 industry_code* (GB/T 4754 division, 2 digits), 规上 above_scale,
//   重点 is_key (是/否, Y/N, yes/no, true/false, 1/0), 从业人数 employees, 营业收入 annual_revenue
//   (yuan), 联系人 contact_name, 联系电话 contact_phone; 编号 id and 行业门类 industry_section are
//   accepted and ignored (the section follows from the division).
// Officials (a row with 编号 id updates that official; without, adds one):
//   编号 id, 姓名 name*, 级别 rank* (市级/区县级, city/district), 所属区县 region*, 部门 department
//   (code or name), 职务 title, 联络容量 liaison_capacity, 专长行业 industries (division codes
//   separated by , ; 、 or spaces), 任职起始 active_from* (YYYY-MM-DD), 任职截止 active_to.
// (* required)
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace zhitong::directory_service {

struct Column {
  std::string_view key;  // the model's field name
  std::string_view zh;   // the header exports write
  std::string_view en;
  bool required = false;
  std::vector<std::string_view> aliases = {};
};

std::span<const Column> EnterpriseColumns();
std::span<const Column> OfficialColumns();

// The key of the column that header names, or nullopt.
std::optional<std::string_view> MatchColumn(std::span<const Column> columns, std::string_view header);

}  // namespace zhitong::directory_service
