#include "liaison/min_cost_flow.h"

#include <limits>

#include <gtest/gtest.h>

namespace zhitong::liaison {
namespace {

TEST(MinCostFlow, TakesTheCheaperOfTwoParallelRoutes) {
  MinCostFlow f(4);
  int a = f.AddArc(0, 1, 1, 5);
  int b = f.AddArc(0, 2, 1, 1);
  f.AddArc(1, 3, 1, 0);
  f.AddArc(2, 3, 1, 0);
  auto out = f.Solve(0, 3, 1);
  ASSERT_TRUE(out);
  EXPECT_EQ(out->flow, 1);
  EXPECT_EQ(out->cost, 1);
  EXPECT_EQ(f.Flow(a), 0);
  EXPECT_EQ(f.Flow(b), 1);
}

TEST(MinCostFlow, ReroutesThroughAReverseArcToReachMaximumFlow) {
  // s=0, t=3. The cheap path 0→1→2→3 blocks both units unless the second augmentation undoes 1→2.
  MinCostFlow f(4);
  f.AddArc(0, 1, 1, 0);
  f.AddArc(0, 2, 1, 10);
  int middle = f.AddArc(1, 2, 1, 0);
  f.AddArc(1, 3, 1, 10);
  f.AddArc(2, 3, 1, 0);
  auto out = f.Solve(0, 3, 10);
  ASSERT_TRUE(out);
  EXPECT_EQ(out->flow, 2);
  EXPECT_EQ(out->cost, 20);
  EXPECT_EQ(f.Flow(middle), 0);
}

TEST(MinCostFlow, StopsAtTheLimitAndAtMaximumFlow) {
  MinCostFlow f(2);
  f.AddArc(0, 1, 3, 2);
  auto out = f.Solve(0, 1, 2);
  ASSERT_TRUE(out);
  EXPECT_EQ(out->flow, 2);
  EXPECT_EQ(out->cost, 4);
  MinCostFlow g(3);
  g.AddArc(0, 1, 3, 2);
  auto none = g.Solve(0, 2, 5);
  ASSERT_TRUE(none);
  EXPECT_EQ(none->flow, 0);
}

TEST(MinCostFlow, RejectsCostsThatCouldOverflow) {
  MinCostFlow f(2);
  f.AddArc(0, 1, 4, std::numeric_limits<int64_t>::max() / 8);
  auto out = f.Solve(0, 1, 4);
  ASSERT_FALSE(out);
  EXPECT_EQ(out.error().code, "liaison.flow_overflow");
}

}  // namespace
}  // namespace zhitong::liaison
