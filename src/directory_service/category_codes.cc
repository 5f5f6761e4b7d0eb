#include "directory_service/category_codes.h"

#include <array>
#include <string>
#include <utility>

namespace zhitong::directory_service {
namespace {

using directory::Category;

constexpr std::array<std::pair<Category, std::string_view>, 12> kCodes{{
    {Category::kLabor, "labour"},
    {Category::kFinancing, "finance"},
    {Category::kLand, "land"},
    {Category::kEnvironment, "environment"},
    {Category::kPower, "power"},
    {Category::kTax, "tax"},
    {Category::kMarketAccess, "market_access"},
    {Category::kScience, "technology"},
    {Category::kLogistics, "transport"},
    {Category::kSafety, "safety"},
    {Category::kApproval, "approvals"},
    {Category::kOther, "other"},
}};

}  // namespace

std::string_view RequestCategoryCode(Category c) {
  for (const auto& [value, code] : kCodes) {
    if (value == c) return code;
  }
  return "other";
}

Result<Category> CategoryFromCode(std::string_view code) {
  for (const auto& [value, c] : kCodes) {
    if (c == code) return value;
  }
  if (auto own = directory::Parse<Category>(code)) return *own;
  return Error::Invalid("directory.unknown_category", "unknown request category \"" + std::string(code) + "\"",
                        "未知的诉求类别“" + std::string(code) + "”");
}

}  // namespace zhitong::directory_service
