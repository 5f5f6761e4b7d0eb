#include "liaison/assignment.h"

#include <chrono>
#include <map>
#include <random>
#include <set>

#include <gtest/gtest.h>

#include "liaison/assignment_test_util.h"

namespace zhitong::liaison {
namespace {

using namespace testing;  // NOLINT
using std::chrono::January;
using std::chrono::year;

const char* const kIndustries[] = {"26", "30", "33", "38"};

// A small random instance: the city (region 1) and regions 2–3; random key and above-scale flags,
// capacities 0–3, conflicts, inactive officials, and current assignments that are partly invalid.
Instance SmallRandom(uint64_t seed) {
  std::mt19937_64 rng(seed);
  auto below = [&](int n) { return static_cast<int>(rng() % static_cast<uint64_t>(n)); };
  Instance in;
  int ne = 1 + below(7), no = 1 + below(4);
  for (int i = 1; i <= ne; ++i) {
    Enterprise e;
    e.id = i;
    e.region_id = 2 + below(2);
    e.industry_code = kIndustries[below(4)];
    e.above_scale = below(10) != 0;
    e.is_key = below(3) == 0;
    in.enterprises.push_back(e);
  }
  for (int j = 1; j <= no; ++j) {
    Official o;
    o.id = 100 + j;
    o.rank = below(3) == 0 ? Rank::kCity : Rank::kDistrict;
    o.region_id = o.rank == Rank::kCity ? 1 : 2 + below(2);
    o.liaison_capacity = below(4);
    for (const char* ind : kIndustries) {
      if (below(3) == 0) o.industries.push_back(ind);
    }
    for (int i = 1; i <= ne; ++i) {
      if (below(6) == 0) o.conflicts.push_back({i, "亲属"});
    }
    o.active_from = year{2019} / January / 1;
    if (below(6) == 0) o.active_to = year{2024} / January / 1;  // left before the planning date
    in.officials.push_back(o);
  }
  for (int i = 1; i <= ne; ++i) {
    int r = below(6);
    if (r <= 2) in.current.push_back({100 + 1 + below(no), i});
    if (r == 3) in.current.push_back({999, i});  // an official unknown to the directory
    if (r == 4) in.current.push_back({100 + 1 + below(no), i}), in.current.push_back({100 + 1 + below(no), i});
  }
  return in;
}

Plan MustPlan(const Instance& in) {
  auto plan = PlanAssignments(in.enterprises, in.officials, in.current, kPlanningDate);
  EXPECT_TRUE(plan) << plan.error().ToString();
  return plan ? *plan : Plan{};
}

TEST(Assignment, ObjectiveEqualsBruteForceOnSmallRandomInstances) {
  constexpr int kCases = 600;
  int nontrivial = 0;
  for (uint64_t seed = 1; seed <= kCases; ++seed) {
    Instance in = SmallRandom(seed);
    Plan plan = MustPlan(in);
    ExpectValid(in, plan);
    Score got = ScoreOf(in, LiaisonOf(plan)), want = BruteForceOptimum(in);
    ASSERT_EQ(got, want) << "seed " << seed;
    nontrivial += !plan.uncovered.empty() || !plan.moved.empty();
  }
  EXPECT_GT(nontrivial, kCases / 10) << "the generator should produce uncovered and moved cases";
}

TEST(Assignment, DoesNotDependOnInputOrder) {
  for (uint64_t seed = 1; seed <= 100; ++seed) {
    Instance in = SmallRandom(seed);
    Plan a = MustPlan(in);
    std::reverse(in.enterprises.begin(), in.enterprises.end());
    std::reverse(in.officials.begin(), in.officials.end());
    std::reverse(in.current.begin(), in.current.end());
    Plan b = MustPlan(in);
    EXPECT_EQ(a.assignments, b.assignments) << "seed " << seed;
  }
}

TEST(Assignment, RerunningOnItsOwnPlanChangesNothingOnSmallInstances) {
  for (uint64_t seed = 1; seed <= 300; ++seed) {
    Instance in = SmallRandom(seed);
    Plan first = MustPlan(in);
    in.current = first.assignments;
    Plan second = MustPlan(in);
    EXPECT_TRUE(second.changes_nothing()) << "seed " << seed;
    EXPECT_EQ(second.assignments, first.assignments) << "seed " << seed;
  }
}

Enterprise MakeEnterprise(int64_t id, int64_t region, bool key, std::string industry = "26") {
  Enterprise e;
  e.id = id;
  e.region_id = region;
  e.is_key = key;
  e.above_scale = true;
  e.industry_code = std::move(industry);
  return e;
}

Official MakeOfficial(int64_t id, Rank rank, int64_t region, int capacity, std::vector<std::string> industries = {}) {
  Official o;
  o.id = id;
  o.rank = rank;
  o.region_id = region;
  o.liaison_capacity = capacity;
  o.industries = std::move(industries);
  o.active_from = year{2019} / January / 1;
  return o;
}

TEST(Assignment, ReportsWhyEnterprisesAreUncovered) {
  Instance in;
  in.enterprises = {MakeEnterprise(1, 2, false), MakeEnterprise(2, 3, false), MakeEnterprise(3, 3, false),
                    MakeEnterprise(4, 4, false), MakeEnterprise(5, 2, true)};
  in.officials = {MakeOfficial(10, Rank::kDistrict, 3, 1), MakeOfficial(11, Rank::kDistrict, 4, 5)};
  in.officials[1].conflicts.push_back({4, "配偶任职"});
  Plan plan = MustPlan(in);
  ExpectValid(in, plan);
  std::map<int64_t, UncoveredReason> why;
  for (const auto& u : plan.uncovered) why[u.enterprise_id] = u.reason;
  EXPECT_EQ(why[1], UncoveredReason::kNoOfficialInPool);  // nobody in region 2
  EXPECT_EQ(why[5], UncoveredReason::kNoOfficialInPool);  // no city leader for a key enterprise
  EXPECT_EQ(why[4], UncoveredReason::kOnlyConflicted);
  EXPECT_EQ(why.count(2) + why.count(3), 1u);  // region 3: one slot for two
  EXPECT_EQ(why.count(2) ? why[2] : why[3], UncoveredReason::kNoCapacity);
  EXPECT_EQ(Name(UncoveredReason::kNoCapacity), "no_capacity");
  EXPECT_FALSE(MessageZh(UncoveredReason::kOnlyConflicted).empty());
}

TEST(Assignment, EndsAssignmentsWithTheirReasons) {
  Instance in;
  Enterprise small = MakeEnterprise(4, 2, false);
  small.above_scale = false;
  in.enterprises = {MakeEnterprise(1, 2, false), MakeEnterprise(2, 2, false), MakeEnterprise(3, 2, true), small};
  in.officials = {MakeOfficial(10, Rank::kDistrict, 2, 5), MakeOfficial(11, Rank::kDistrict, 2, 5),
                  MakeOfficial(12, Rank::kCity, 1, 5)};
  in.officials[1].active_to = year{2024} / January / 1;
  in.current = {{11, 1}, {10, 2}, {11, 2}, {10, 3}, {10, 4}};
  Plan plan = MustPlan(in);
  ExpectValid(in, plan);
  ASSERT_EQ(plan.moved.size(), 2u);
  EXPECT_EQ(plan.moved[0].enterprise_id, 1);
  EXPECT_EQ(plan.moved[0].reason, EndReason::kOfficialInactive);
  EXPECT_EQ(plan.moved[1].enterprise_id, 3);
  EXPECT_EQ(plan.moved[1].to_official_id, 12);
  EXPECT_EQ(plan.moved[1].reason, EndReason::kIneligible);  // became key: needs a city leader
  ASSERT_EQ(plan.kept.size(), 1u);
  EXPECT_EQ(plan.kept[0], (Assignment{10, 2}));
  ASSERT_EQ(plan.ended.size(), 2u);
  EXPECT_EQ(plan.ended[0].assignment, (Assignment{11, 2}));
  EXPECT_EQ(plan.ended[0].reason, EndReason::kOfficialInactive);
  EXPECT_EQ(plan.ended[1].assignment, (Assignment{10, 4}));
  EXPECT_EQ(plan.ended[1].reason, EndReason::kEnterpriseGone);
}

TEST(Assignment, PrefersExpertiseOnlyAfterBalance) {
  Instance in;
  in.enterprises = {MakeEnterprise(1, 2, false, "26"), MakeEnterprise(2, 2, false, "26")};
  in.officials = {MakeOfficial(10, Rank::kDistrict, 2, 2, {"26"}), MakeOfficial(11, Rank::kDistrict, 2, 2, {"30"})};
  Plan plan = MustPlan(in);
  ASSERT_EQ(plan.assignments.size(), 2u);
  EXPECT_NE(plan.assignments[0].official_id, plan.assignments[1].official_id) << "balance first";
  in.enterprises.pop_back();
  plan = MustPlan(in);
  ASSERT_EQ(plan.assignments.size(), 1u);
  EXPECT_EQ(plan.assignments[0].official_id, 10) << "then expertise";
}

TEST(Assignment, RejectsDuplicateIdsAndNegativeCapacity) {
  Instance in;
  in.enterprises = {MakeEnterprise(1, 2, false), MakeEnterprise(1, 2, false)};
  auto plan = PlanAssignments(in.enterprises, in.officials, in.current, kPlanningDate);
  ASSERT_FALSE(plan);
  EXPECT_EQ(plan.error().code, "liaison.duplicate_enterprise");
  in.enterprises.pop_back();
  in.officials = {MakeOfficial(10, Rank::kDistrict, 2, -1)};
  plan = PlanAssignments(in.enterprises, in.officials, in.current, kPlanningDate);
  ASSERT_FALSE(plan);
  EXPECT_EQ(plan.error().code, "liaison.negative_capacity");
}

}  // namespace
}  // namespace zhitong::liaison
