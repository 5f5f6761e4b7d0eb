#include "directory/model.h"

#include <array>
#include <string>

namespace zhitong::directory {
namespace {

template <class E>
struct Names {
  E value;
  std::string_view name;
  std::string_view zh;
};

constexpr std::array<Names<RegionKind>, 4> kRegionKinds{{
    {RegionKind::kCity, "city", "市"},
    {RegionKind::kDistrict, "district", "区"},
    {RegionKind::kCounty, "county", "县"},
    {RegionKind::kZone, "zone", "功能区"},
}};

constexpr std::array<Names<Rank>, 2> kRanks{{
    {Rank::kCity, "city", "市级"},
    {Rank::kDistrict, "district", "区县级"},
}};

constexpr std::array<Names<Category>, 12> kCategories{{
    {Category::kLabor, "labour", "用工招工"},
    {Category::kFinancing, "finance", "融资信贷"},
    {Category::kLand, "land", "用地规划"},
    {Category::kEnvironment, "environment", "环评审批"},
    {Category::kPower, "power", "供电用电"},
    {Category::kTax, "tax", "税费政策"},
    {Category::kMarketAccess, "market_access", "市场准入"},
    {Category::kScience, "technology", "科技项目"},
    {Category::kLogistics, "transport", "物流交通"},
    {Category::kSafety, "safety", "安全生产"},
    {Category::kApproval, "approvals", "审批服务"},
    {Category::kOther, "other", "其他"},
}};

template <class E, size_t N>
const Names<E>& Find(const std::array<Names<E>, N>& table, E v) {
  for (const auto& n : table) {
    if (n.value == v) return n;
  }
  return table[0];  // unreachable: every enumerator is in its table (see model_test)
}

template <class E, size_t N>
Result<E> ParseIn(const std::array<Names<E>, N>& table, std::string_view name, std::string_view type,
                  std::string_view type_zh) {
  for (const auto& n : table) {
    if (n.name == name) return n.value;
  }
  return Error::Invalid("directory.unknown_" + std::string(type),
                        "unknown " + std::string(type) + " \"" + std::string(name) + "\"",
                        "未知的" + std::string(type_zh) + "“" + std::string(name) + "”");
}

template <class E, size_t N>
constexpr std::array<E, N> Values(const std::array<Names<E>, N>& table) {
  std::array<E, N> out{};
  for (size_t i = 0; i < N; ++i) out[i] = table[i].value;
  return out;
}

constexpr auto kRegionKindValues = Values(kRegionKinds);
constexpr auto kRankValues = Values(kRanks);
constexpr auto kCategoryValues = Values(kCategories);

}  // namespace

std::string_view Name(RegionKind v) { return Find(kRegionKinds, v).name; }
std::string_view Name(Rank v) { return Find(kRanks, v).name; }
std::string_view Name(Category v) { return Find(kCategories, v).name; }
std::string_view NameZh(RegionKind v) { return Find(kRegionKinds, v).zh; }
std::string_view NameZh(Rank v) { return Find(kRanks, v).zh; }
std::string_view NameZh(Category v) { return Find(kCategories, v).zh; }

template <>
Result<RegionKind> Parse<RegionKind>(std::string_view name) {
  return ParseIn(kRegionKinds, name, "region_kind", "区域类型");
}
template <>
Result<Rank> Parse<Rank>(std::string_view name) {
  return ParseIn(kRanks, name, "rank", "级别");
}
template <>
Result<Category> Parse<Category>(std::string_view name) {
  return ParseIn(kCategories, name, "category", "诉求类别");
}

template <>
std::span<const RegionKind> All<RegionKind>() {
  return kRegionKindValues;
}
template <>
std::span<const Rank> All<Rank>() {
  return kRankValues;
}
template <>
std::span<const Category> All<Category>() {
  return kCategoryValues;
}

}  // namespace zhitong::directory
