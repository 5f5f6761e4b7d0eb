// Properties of the assignment engine over random cities of realistic shape.
#include <algorithm>
#include <chrono>
#include <map>
#include <random>
#include <set>

#include <gtest/gtest.h>

#include "liaison/assignment.h"
#include "liaison/assignment_test_util.h"

namespace zhitong::liaison {
namespace {

using namespace testing;  // NOLINT
using std::chrono::January;
using std::chrono::year;

// A random city: region 1 is the city, 2…R+1 its districts. `slack` scales capacities: 1 is
// about enough in total, 3 plenty; below 1 some pools must run short.
Instance RandomCity(uint64_t seed, double slack) {
  std::mt19937_64 rng(seed);
  auto between = [&](int lo, int hi) { return lo + static_cast<int>(rng() % static_cast<uint64_t>(hi - lo + 1)); };
  Instance in;
  const int regions = between(2, 5), ne = between(80, 250);
  const char* industries[] = {"25", "26", "30", "33", "38", "39"};
  std::map<int64_t, int> demand;  // region (1 for key) → enterprises
  for (int i = 1; i <= ne; ++i) {
    Enterprise e;
    e.id = i;
    e.region_id = between(2, regions + 1);
    e.industry_code = industries[between(0, 5)];
    e.above_scale = between(0, 19) != 0;
    e.is_key = between(0, 9) == 0;
    in.enterprises.push_back(e);
    if (e.above_scale) ++demand[e.is_key ? 1 : e.region_id];
  }
  int64_t next_id = 1000;
  for (int r = 1; r <= regions + 1; ++r) {
    const int n = between(2, 6);
    const int average = static_cast<int>(slack * demand[r] / n) + 1;
    for (int k = 0; k < n; ++k) {
      Official o;
      o.id = next_id++;
      o.rank = r == 1 ? Rank::kCity : Rank::kDistrict;
      o.region_id = r;
      o.liaison_capacity = between(std::max(0, average - 3), average + 3);
      for (const char* ind : industries) {
        if (between(0, 2) == 0) o.industries.push_back(ind);
      }
      o.active_from = year{2019} / January / 1;
      if (between(0, 14) == 0) o.active_to = year{2024} / January / 1;
      for (const auto& e : in.enterprises) {
        if ((r == 1 ? e.is_key : e.region_id == r) && between(0, 29) == 0) o.conflicts.push_back({e.id, "亲属"});
      }
      in.officials.push_back(o);
    }
  }
  return in;
}

// Maximum number of enterprises that can be covered, by augmenting paths over capacity slots
// (Kuhn's algorithm): independent of the flow solver.
int64_t MaxCoverage(const Instance& in) {
  std::vector<int64_t> slot_owner;  // slot → official index
  for (size_t j = 0; j < in.officials.size(); ++j) {
    for (int s = 0; s < in.officials[j].liaison_capacity; ++s) slot_owner.push_back(static_cast<int64_t>(j));
  }
  std::vector<int> slot_match(slot_owner.size(), -1);
  std::vector<char> seen;
  auto try_enterprise = [&](auto&& self, size_t i) -> bool {
    for (size_t s = 0; s < slot_owner.size(); ++s) {
      if (seen[s] || !Eligible(in, in.officials[static_cast<size_t>(slot_owner[s])], in.enterprises[i])) continue;
      seen[s] = 1;
      if (slot_match[s] < 0 || self(self, static_cast<size_t>(slot_match[s]))) {
        slot_match[s] = static_cast<int>(i);
        return true;
      }
    }
    return false;
  };
  int64_t matched = 0;
  for (size_t i = 0; i < in.enterprises.size(); ++i) {
    if (!in.enterprises[i].above_scale) continue;
    seen.assign(slot_owner.size(), 0);
    matched += try_enterprise(try_enterprise, i);
  }
  return matched;
}

Plan MustPlan(const Instance& in) {
  auto plan = PlanAssignments(in.enterprises, in.officials, in.current, kPlanningDate);
  EXPECT_TRUE(plan) << plan.error().ToString();
  return plan ? *plan : Plan{};
}

TEST(AssignmentProperty, PlansAreValidAndCoverAsManyAsPossible) {
  int short_cases = 0;
  for (uint64_t seed = 1; seed <= 40; ++seed) {
    Instance in = RandomCity(seed, seed % 2 ? 0.8 : 1.5);
    Plan plan = MustPlan(in);
    ExpectValid(in, plan);  // no conflict pair, capacities, ranks, regions, activity
    EXPECT_EQ(static_cast<int64_t>(plan.assignments.size()), MaxCoverage(in)) << "seed " << seed;
    short_cases += !plan.uncovered.empty();
    // An enterprise reported short of capacity has only full officials to turn to.
    std::map<int64_t, int64_t> load;
    for (const auto& a : plan.assignments) ++load[a.official_id];
    for (const auto& u : plan.uncovered) {
      if (u.reason != UncoveredReason::kNoCapacity) continue;
      for (const auto& o : in.officials) {
        for (const auto& e : in.enterprises) {
          if (e.id == u.enterprise_id && Eligible(in, o, e)) {
            EXPECT_EQ(load[o.id], o.liaison_capacity);
          }
        }
      }
    }
  }
  EXPECT_GT(short_cases, 5) << "some cities should run short of capacity";
}

TEST(AssignmentProperty, FullCoverageWhenCapacityIsAmple) {
  for (uint64_t seed = 100; seed < 130; ++seed) {
    Instance in = RandomCity(seed, 1.0);
    for (auto& o : in.officials) o.liaison_capacity = static_cast<int>(in.enterprises.size());
    Plan plan = MustPlan(in);
    ExpectValid(in, plan);
    for (const auto& u : plan.uncovered) {
      EXPECT_NE(u.reason, UncoveredReason::kNoCapacity) << "seed " << seed << " enterprise " << u.enterprise_id;
    }
  }
}

TEST(AssignmentProperty, RerunningOnItsOwnPlanChangesNothing) {
  for (uint64_t seed = 200; seed < 230; ++seed) {
    Instance in = RandomCity(seed, seed % 2 ? 0.8 : 1.5);
    Plan first = MustPlan(in);
    in.current = first.assignments;
    Plan second = MustPlan(in);
    EXPECT_TRUE(second.changes_nothing()) << "seed " << seed;
    EXPECT_EQ(second.kept, first.assignments);
  }
}

TEST(AssignmentProperty, DeactivatingAnOfficialMovesOnlyTheirEnterprises) {
  for (uint64_t seed = 300; seed < 330; ++seed) {
    Instance in = RandomCity(seed, 3.0);
    Plan first = MustPlan(in);
    in.current = first.assignments;
    std::map<int64_t, int64_t> load;
    for (const auto& a : first.assignments) ++load[a.official_id];
    int64_t leaving = std::max_element(load.begin(), load.end(), [](auto& a, auto& b) { return a.second < b.second; })->first;
    for (auto& o : in.officials) {
      if (o.id == leaving) o.active_to = year{2025} / January / 1;
    }
    Plan second = MustPlan(in);
    ExpectValid(in, second);
    EXPECT_EQ(static_cast<int64_t>(second.kept.size()), static_cast<int64_t>(first.assignments.size()) - load[leaving]);
    EXPECT_TRUE(second.added.empty());
    for (const auto& m : second.moved) {
      EXPECT_EQ(m.from_official_id, leaving);
      EXPECT_EQ(m.reason, EndReason::kOfficialInactive);
    }
    for (const auto& x : second.ended) EXPECT_EQ(x.assignment.official_id, leaving);
    EXPECT_EQ(static_cast<int64_t>(second.moved.size() + second.ended.size()), load[leaving]);
  }
}

}  // namespace
}  // namespace zhitong::liaison
