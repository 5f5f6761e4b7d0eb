#include "directory/demo_city.h"

#include <map>
#include <set>
#include <string>

#include <gtest/gtest.h>

#include "directory/industry.h"
#include "directory/uscc.h"
#include "directory/validate.h"

namespace zhitong::directory {
namespace {

const DemoCity& City() {
  static const DemoCity city = GenerateDemoCity();
  return city;
}

const Region& RegionOf(int64_t id) { return City().regions.at(static_cast<size_t>(id - 1)); }

TEST(DemoCity, HasTheExactCounts) {
  const DemoCity& c = City();
  EXPECT_EQ(c.regions.size(), 12u);
  EXPECT_EQ(c.departments.size(), 16u);
  EXPECT_EQ(c.enterprises.size(), static_cast<size_t>(kDemoEnterprises));
  int key = 0, above = 0, city_leaders = 0;
  for (const auto& e : c.enterprises) key += e.is_key, above += e.above_scale;
  for (const auto& o : c.officials) city_leaders += o.rank == Rank::kCity;
  EXPECT_EQ(key, kDemoKeyEnterprises);
  EXPECT_EQ(above, kDemoEnterprises);
  EXPECT_EQ(city_leaders, kDemoCityLeaders);
  EXPECT_GE(c.officials.size(), 290u) << "about 300 liaisons in all";
  EXPECT_LE(c.officials.size(), 320u);
}

TEST(DemoCity, IdsAreDenseFromOne) {
  const DemoCity& c = City();
  for (size_t i = 0; i < c.regions.size(); ++i) EXPECT_EQ(c.regions[i].id, static_cast<int64_t>(i + 1));
  for (size_t i = 0; i < c.departments.size(); ++i) EXPECT_EQ(c.departments[i].id, static_cast<int64_t>(i + 1));
  for (size_t i = 0; i < c.officials.size(); ++i) EXPECT_EQ(c.officials[i].id, static_cast<int64_t>(i + 1));
  for (size_t i = 0; i < c.enterprises.size(); ++i) EXPECT_EQ(c.enterprises[i].id, static_cast<int64_t>(i + 1));
}

TEST(DemoCity, RegionsAreZiboWithItsRealCodes) {
  const std::map<std::string, std::pair<std::string, RegionKind>> expected = {
      {"淄博市", {"370300", RegionKind::kCity}},       {"淄川区", {"370302", RegionKind::kDistrict}},
      {"张店区", {"370303", RegionKind::kDistrict}},   {"博山区", {"370304", RegionKind::kDistrict}},
      {"临淄区", {"370305", RegionKind::kDistrict}},   {"周村区", {"370306", RegionKind::kDistrict}},
      {"桓台县", {"370321", RegionKind::kCounty}},     {"高青县", {"370322", RegionKind::kCounty}},
      {"沂源县", {"370323", RegionKind::kCounty}},     {"淄博高新技术产业开发区", {"370371", RegionKind::kZone}},
      {"淄博经济开发区", {"370372", RegionKind::kZone}}, {"文昌湖省级旅游度假区", {"370373", RegionKind::kZone}},
  };
  for (const auto& r : City().regions) {
    auto it = expected.find(r.name);
    ASSERT_NE(it, expected.end()) << r.name;
    EXPECT_EQ(r.code, it->second.first) << r.name;
    EXPECT_EQ(r.kind, it->second.second) << r.name;
    EXPECT_EQ(r.parent_id.has_value(), r.kind != RegionKind::kCity);
  }
}

TEST(DemoCity, EveryUsccValidatesIsUniqueAndNamesItsRegistrationRegion) {
  std::set<std::string> seen;
  for (const auto& e : City().enterprises) {
    auto r = ValidateUscc(e.uscc);
    EXPECT_TRUE(r) << e.uscc << ": " << (r ? "" : r.error().message);
    EXPECT_TRUE(seen.insert(e.uscc).second) << "duplicate " << e.uscc;
    const Region& region = RegionOf(e.region_id);
    std::string expected = region.kind == RegionKind::kZone ? "370300" : region.code;
    EXPECT_EQ(e.uscc.substr(2, 6), expected) << e.name;
    EXPECT_EQ(e.uscc.substr(0, 2), "91") << "企业 registered by market regulation";
  }
}

TEST(DemoCity, NamesAreUnique) {
  std::set<std::string> enterprises, officials;
  for (const auto& e : City().enterprises) {
    EXPECT_TRUE(enterprises.insert(e.name).second) << e.name;
    EXPECT_EQ(e.name.find("实业"), std::string::npos) << "every division has its own words: " << e.name;
  }
  for (const auto& o : City().officials) EXPECT_TRUE(officials.insert(o.name).second) << o.name;
}

TEST(DemoCity, EveryEntityValidates) {
  const DemoCity& c = City();
  for (const auto& r : c.regions) EXPECT_TRUE(ValidateRegion(r).empty()) << r.name;
  for (const auto& d : c.departments) EXPECT_TRUE(ValidateDepartment(d).empty()) << d.name;
  for (const auto& o : c.officials) {
    auto errors = ValidateOfficial(o, RegionOf(o.region_id).kind);
    EXPECT_TRUE(errors.empty()) << o.name << ": " << (errors.empty() ? "" : errors[0].message);
  }
  for (const auto& e : c.enterprises) {
    auto errors = ValidateEnterprise(e);
    EXPECT_TRUE(errors.empty()) << e.name << ": " << (errors.empty() ? "" : errors[0].message);
    EXPECT_TRUE(IsIndustrialDivision(e.industry_code)) << e.industry_code;
    EXPECT_GE(e.annual_revenue, kAboveScaleRevenueYuan);
    EXPECT_EQ(e.contact_phone.substr(0, 5), "19900");
  }
}

TEST(DemoCity, SameSeedGivesTheSameCity) {
  EXPECT_EQ(Digest(GenerateDemoCity(kDemoSeed)), Digest(City()));
  EXPECT_EQ(Digest(GenerateDemoCity(7)), Digest(GenerateDemoCity(7)));
  EXPECT_NE(Digest(GenerateDemoCity(7)), Digest(City()));
}

TEST(DemoCity, DigestIsPinnedAcrossStandardLibraries) {
  // Changing the generator on purpose changes this value: update it in the same commit.
  EXPECT_EQ(Digest(City()), "7302f0b2f8119e6c");
}

TEST(DemoCity, CapacitiesAllowFullCoveragePerRegion) {
  const DemoCity& c = City();
  int city_capacity = 0, keys = 0;
  std::map<int64_t, int> capacity, enterprises;
  for (const auto& o : c.officials) {
    if (o.rank == Rank::kCity) city_capacity += o.liaison_capacity;
    else capacity[o.region_id] += o.liaison_capacity;
  }
  for (const auto& e : c.enterprises) {
    keys += e.is_key;
    ++enterprises[e.region_id];
  }
  EXPECT_GE(city_capacity, keys) << "city leaders can serve every key enterprise";
  for (const auto& r : c.regions) {
    if (r.kind == RegionKind::kCity) continue;
    EXPECT_GT(enterprises[r.id], 0) << r.name;
    EXPECT_GE(capacity[r.id], enterprises[r.id]) << r.name << ": its own officials can serve all its enterprises";
  }
}

TEST(DemoCity, KeyEnterprisesAreTheLargest) {
  int64_t smallest_key = INT64_MAX, largest_other = 0;
  for (const auto& e : City().enterprises) {
    if (e.is_key) smallest_key = std::min(smallest_key, e.annual_revenue);
    else largest_other = std::max(largest_other, e.annual_revenue);
  }
  EXPECT_GE(smallest_key, largest_other);
}

TEST(DemoCity, IndustryMixIsManufacturingHeavyWithLocalSpecialities) {
  std::map<std::string, int> linzi, all;
  int manufacturing = 0;
  for (const auto& e : City().enterprises) {
    ++all[e.industry_code];
    if (RegionOf(e.region_id).name == "临淄区") ++linzi[e.industry_code];
    manufacturing += e.industry_section == "C";
  }
  EXPECT_GT(manufacturing, kDemoEnterprises * 85 / 100);
  auto top = [](const std::map<std::string, int>& m) {
    return std::max_element(m.begin(), m.end(), [](auto& a, auto& b) { return a.second < b.second; })->first;
  };
  EXPECT_EQ(top(linzi), "26") << "chemicals lead in 临淄";
  EXPECT_EQ(top(all), "26");
  EXPECT_GT(all["30"], all["39"]) << "ceramics and building materials outnumber electronics";
}

TEST(DemoCity, EveryCategoryHasADepartment) {
  std::set<Category> handled;
  for (const auto& d : City().departments) handled.insert(d.categories.begin(), d.categories.end());
  for (Category cat : All<Category>()) EXPECT_TRUE(handled.contains(cat)) << Name(cat);
}

TEST(DemoCity, DeclaresAFewConflictsOfInterest) {
  int conflicts = 0;
  for (const auto& o : City().officials) {
    for (const auto& c : o.conflicts) {
      ++conflicts;
      const Enterprise& e = City().enterprises.at(static_cast<size_t>(c.enterprise_id - 1));
      if (o.rank == Rank::kCity) EXPECT_TRUE(e.is_key) << o.name;
      else EXPECT_EQ(e.region_id, o.region_id) << o.name;
      EXPECT_FALSE(c.reason.empty());
    }
  }
  EXPECT_EQ(conflicts, 8);
}

TEST(DemoUsers, OnePerRoleReferringToTheCity) {
  const DemoCity& c = City();
  auto users = DemoUsers(c);
  std::map<std::string, DemoUser> by_login;
  for (const auto& u : users) by_login[u.login] = u;
  ASSERT_EQ(by_login.size(), 7u);
  for (std::string login : {"admin", "leader", "district_leader", "liaison", "handler", "dispatcher", "enterprise"}) {
    ASSERT_TRUE(by_login.contains(login)) << login;
    EXPECT_FALSE(by_login[login].display_name.empty());
  }
  const auto& leader = by_login["leader"];
  EXPECT_EQ(leader.role, "leader");
  EXPECT_EQ(c.officials.at(static_cast<size_t>(*leader.official_id - 1)).rank, Rank::kCity);
  EXPECT_FALSE(leader.region_id);
  const auto& district = by_login["district_leader"];
  EXPECT_EQ(district.role, "leader");
  const Official& d = c.officials.at(static_cast<size_t>(*district.official_id - 1));
  EXPECT_EQ(d.rank, Rank::kDistrict);
  EXPECT_EQ(district.region_id, d.region_id);
  const auto& liaison = by_login["liaison"];
  EXPECT_EQ(c.officials.at(static_cast<size_t>(*liaison.official_id - 1)).rank, Rank::kDistrict);
  EXPECT_TRUE(by_login["handler"].department_id);
  EXPECT_EQ(by_login["enterprise"].enterprise_id, 1);
  EXPECT_FALSE(kDemoPassword.empty());
}

}  // namespace
}  // namespace zhitong::directory
