#include "directory/model.h"

#include <set>
#include <string>

#include <gtest/gtest.h>

namespace zhitong::directory {
namespace {

template <class E>
void ExpectRoundTrip(size_t count) {
  std::set<std::string_view> names;
  EXPECT_EQ(All<E>().size(), count);
  for (E v : All<E>()) {
    auto parsed = Parse<E>(Name(v));
    ASSERT_TRUE(parsed) << Name(v);
    EXPECT_EQ(*parsed, v);
    EXPECT_FALSE(NameZh(v).empty());
    for (char c : Name(v)) EXPECT_TRUE((c >= 'a' && c <= 'z') || c == '_') << Name(v);
    names.insert(Name(v));
  }
  EXPECT_EQ(names.size(), count) << "names are unique";
}

TEST(Model, EnumNamesRoundTrip) {
  ExpectRoundTrip<RegionKind>(4);
  ExpectRoundTrip<Rank>(2);
  ExpectRoundTrip<Category>(12);
}

TEST(Model, NamesFollowTheGlossary) {
  EXPECT_EQ(Name(RegionKind::kZone), "zone");
  EXPECT_EQ(Name(Rank::kDistrict), "district");
  EXPECT_EQ(Name(Category::kMarketAccess), "market_access");
  EXPECT_EQ(NameZh(Category::kFinancing), "融资信贷");
  EXPECT_EQ(NameZh(Category::kLabor), "用工招工");
}

TEST(Model, UnknownNamesAreInvalid) {
  auto r = Parse<RegionKind>("province");
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, "directory.unknown_region_kind");
  EXPECT_EQ(Parse<Rank>("City").error().code, "directory.unknown_rank");
  EXPECT_EQ(Parse<Category>("").error().code, "directory.unknown_category");
}

TEST(Model, OfficialIsActiveBetweenItsDatesInclusive) {
  using namespace std::chrono;
  Official o;
  o.active_from = 2019y / January / 1d;
  EXPECT_FALSE(o.ActiveOn(2018y / December / 31d));
  EXPECT_TRUE(o.ActiveOn(2019y / January / 1d));
  EXPECT_TRUE(o.ActiveOn(2030y / June / 1d));
  o.active_to = 2021y / December / 31d;
  EXPECT_TRUE(o.ActiveOn(2021y / December / 31d));
  EXPECT_FALSE(o.ActiveOn(2022y / January / 1d));
}

}  // namespace
}  // namespace zhitong::directory
