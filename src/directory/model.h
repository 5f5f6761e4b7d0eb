// The value types of the directory: regions (市, 区县, 开发区), the departments that handle
// requests, the officials who can be liaisons, and the enterprises they serve. Pure values with
// no I/O; the storage and HTTP layers map them to rows and JSON (see the 0010_directory
// migration for the columns). Names follow ../shared/GLOSSARY.md.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"

namespace zhitong::directory {

// 市 / 区 / 县 / 开发区 (functional zone: not a GB/T 2260 division, run by a management committee).
enum class RegionKind { kCity, kDistrict, kCounty, kZone };

// The level of an official: 市级领导 or 区县领导.
enum class Rank { kCity, kDistrict };

// The request categories of the routing catalogue (派单目录): what a department can answer.
enum class Category {
  kLabor,           // 用工招工
  kFinancing,       // 融资信贷
  kLand,            // 用地规划
  kEnvironment,     // 环评审批
  kPower,           // 供电用电
  kTax,             // 税费政策
  kMarketAccess,    // 市场准入
  kScience,         // 科技项目
  kLogistics,       // 物流交通
  kSafety,          // 安全生产
  kApproval,        // 审批服务
  kOther,           // 其他
};

// Name() is the snake_case English name used in code, API and data files ("market_access");
// NameZh() the Chinese display name ("市场准入"). Parse<E>() is the inverse of Name(); an unknown
// name is kInvalid "directory.unknown_<type>". All<E>() lists every value in declaration order.
std::string_view Name(RegionKind v);
std::string_view Name(Rank v);
std::string_view Name(Category v);
std::string_view NameZh(RegionKind v);
std::string_view NameZh(Rank v);
std::string_view NameZh(Category v);

template <class E>
Result<E> Parse(std::string_view name);
template <class E>
std::span<const E> All();

using Date = std::chrono::year_month_day;

struct Region {
  int64_t id = 0;
  std::string code;  // 6 digits: GB/T 2260 for divisions; a documented local code for zones
  std::string name;
  std::string name_en;
  RegionKind kind = RegionKind::kDistrict;
  std::optional<int64_t> parent_id;  // empty only for the city
};

struct Department {
  int64_t id = 0;
  std::string code;  // stable, lowercase snake: "human_resources"
  std::string name;
  std::string name_en;
  int64_t region_id = 0;
  std::vector<Category> categories;  // what it handles; no duplicates
};

// A declared conflict of interest (亲清): the official must never serve the enterprise.
struct Conflict {
  int64_t enterprise_id = 0;
  std::string reason;
};

struct Official {
  int64_t id = 0;
  std::string name;
  Rank rank = Rank::kDistrict;
  int64_t region_id = 0;                   // the city for city rank
  std::optional<int64_t> department_id;    // set when the official heads a department
  std::string title;
  int liaison_capacity = 0;                // how many enterprises they can serve at once
  std::vector<std::string> industries;     // GB/T 4754 division codes ("26") of expertise
  std::vector<Conflict> conflicts;
  Date active_from{};
  std::optional<Date> active_to;           // inclusive; empty while in office

  // True iff the official is in office on date d.
  bool ActiveOn(Date d) const { return active_from <= d && (!active_to || d <= *active_to); }
};

struct Enterprise {
  int64_t id = 0;
  std::string uscc;              // 统一社会信用代码, GB 32100-2015
  std::string name;
  int64_t region_id = 0;
  std::string address;
  std::string industry_code;     // GB/T 4754-2017 division, 2 digits ("26")
  std::string industry_section;  // its section letter ("C")
  bool above_scale = false;      // 规上
  bool is_key = false;           // 重点企业: served by a city-level leader
  int64_t employees = 0;
  int64_t annual_revenue = 0;    // yuan
  std::string contact_name;
  std::string contact_phone;
};

// 规模以上工业企业: annual main-business revenue of 20 million yuan or more (GLOSSARY.md; the
// National Bureau of Statistics threshold in force since 2011).
inline constexpr int64_t kAboveScaleRevenueYuan = 20'000'000;

}  // namespace zhitong::directory
