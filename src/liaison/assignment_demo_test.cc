// The assignment engine on the demo city of Zibo (directory/demo_city.h): the numbers the 2019
// article reports, and the done-when checks of the liaison issue.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <map>

#include <gtest/gtest.h>

#include "directory/demo_city.h"
#include "liaison/assignment.h"
#include "liaison/assignment_test_util.h"

namespace zhitong::liaison {
namespace {

using namespace testing;  // NOLINT

const directory::DemoCity& City() {
  static const directory::DemoCity city = directory::GenerateDemoCity();
  return city;
}

const Plan& DemoPlan() {
  static const Plan plan = [] {
    auto start = std::chrono::steady_clock::now();
    auto p = PlanAssignments(City().enterprises, City().officials, {}, kPlanningDate);
    auto ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
    std::printf("demo city: %zu enterprises × %zu officials planned in %.1f ms\n", City().enterprises.size(),
                City().officials.size(), ms);
    EXPECT_TRUE(p) << p.error().ToString();
    return p ? *p : Plan{};
  }();
  return plan;
}

std::map<int64_t, int64_t> Loads(const Plan& plan) {
  std::map<int64_t, int64_t> load;
  for (const auto& o : City().officials) load[o.id] = 0;
  for (const auto& a : plan.assignments) ++load[a.official_id];
  return load;
}

TEST(AssignmentDemo, CoversEveryEnterprise) {
  EXPECT_TRUE(DemoPlan().uncovered.empty());
  EXPECT_EQ(DemoPlan().assignments.size(), City().enterprises.size());
  EXPECT_EQ(DemoPlan().added.size(), City().enterprises.size());
  ExpectValid(Instance{City().enterprises, City().officials, {}}, DemoPlan());
}

TEST(AssignmentDemo, EveryCityLeaderHasSevenKeyEnterprisesGiveOrTakeOne) {
  auto load = Loads(DemoPlan());
  for (const auto& o : City().officials) {
    if (o.rank != directory::Rank::kCity) continue;
    EXPECT_GE(load[o.id], 6) << o.name;
    EXPECT_LE(load[o.id], 8) << o.name;
  }
}

// Within each region, district officials' loads differ by at most one (the demo city gives no
// district official less capacity than the region's average, so this is always possible).
TEST(AssignmentDemo, DistrictLoadsDifferByAtMostOneWithinEachRegion) {
  auto load = Loads(DemoPlan());
  std::map<int64_t, int64_t> most, least;  // region → highest and lowest load
  for (const auto& o : City().officials) {
    if (o.rank != directory::Rank::kDistrict) continue;
    most[o.region_id] = std::max(most[o.region_id], load[o.id]);
    auto [it, fresh] = least.try_emplace(o.region_id, load[o.id]);
    if (!fresh) it->second = std::min(it->second, load[o.id]);
  }
  EXPECT_EQ(most.size(), City().regions.size() - 1);
  for (const auto& [region, high] : most) {
    EXPECT_LE(high - least[region], 1) << "region " << region;
  }
}

TEST(AssignmentDemo, RerunIsStableAndADepartureMovesOnlyThatOfficialsEnterprises) {
  Instance in{City().enterprises, City().officials, DemoPlan().assignments};
  auto again = PlanAssignments(in.enterprises, in.officials, in.current, kPlanningDate);
  ASSERT_TRUE(again);
  EXPECT_TRUE(again->changes_nothing());

  const int64_t leaving = City().officials[40].id;  // a district official
  int64_t served = Loads(DemoPlan())[leaving];
  ASSERT_GT(served, 0);
  in.officials[40].active_to = std::chrono::year{2025} / std::chrono::January / 1;
  auto after = PlanAssignments(in.enterprises, in.officials, in.current, kPlanningDate);
  ASSERT_TRUE(after);
  ExpectValid(in, *after);
  EXPECT_TRUE(after->uncovered.empty());
  EXPECT_EQ(static_cast<int64_t>(after->moved.size()), served);
  for (const auto& m : after->moved) EXPECT_EQ(m.from_official_id, leaving);
  EXPECT_TRUE(after->ended.empty());
  EXPECT_EQ(after->kept.size() + after->moved.size(), City().enterprises.size());
}

}  // namespace
}  // namespace zhitong::liaison
