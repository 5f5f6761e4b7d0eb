// The verifier: a published plan recomputes to itself; a changed seed, pool or draw is found and
// the first difference named.
#include "contacts/plan_check.h"

#include <gtest/gtest.h>

namespace zhitong::contacts {
namespace {

using nlohmann::json;

json Plan() {
  // Known-answer vector 1 of docs/RANDOM-INSPECTIONS.md, in the published shape.
  return json::parse(R"({
    "algorithm": "zhitong-draw-v1", "seed": "zibo-2025-q1", "target_count": 3,
    "pool": [{"key": "91370300MA3C5X1234", "name": "甲"}, {"key": "91370302MA3D0Y5678"},
             {"key": "91370303MA3E1Z9012"}, {"key": "91370304MA3F2A3456"}, {"key": "91370305MA3G3B7890"},
             {"key": "91370306MA3H4C1234"}, {"key": "91370307MA3J5D5678"}, {"key": "91370308MA3K6E9012"}],
    "roster": ["101", "102", "103", "104", "105"],
    "draw": {"targets": [{"key": "91370306MA3H4C1234", "team": ["104", "102"]},
                         {"key": "91370305MA3G3B7890", "team": ["105", "101"]},
                         {"key": "91370300MA3C5X1234", "team": ["104", "102"]}]}
  })");
}

VerifyReport Verify(const json& j) {
  auto plan = ParsePublishedPlan(j);
  EXPECT_TRUE(plan) << plan.error().ToString();
  auto r = VerifyPublishedPlan(*plan);
  EXPECT_TRUE(r) << r.error().ToString();
  return *r;
}

TEST(PlanCheck, PublishedPlanMatches) {
  auto r = Verify(Plan());
  EXPECT_TRUE(r.match) << r.difference;
  EXPECT_TRUE(r.difference.empty());
}

TEST(PlanCheck, AChangedSeedIsFoundAtTheFirstTarget) {
  auto j = Plan();
  j["seed"] = "zibo-2025-q2";
  auto r = Verify(j);
  EXPECT_FALSE(r.match);
  EXPECT_EQ(r.difference.rfind("target 1:", 0), 0u) << r.difference;
  EXPECT_NE(r.difference_zh.find("第 1 个对象"), std::string::npos);
}

TEST(PlanCheck, AChangedPoolIsFound) {
  auto j = Plan();
  j["pool"].erase(5);  // drop 91370306MA3H4C1234, the first target
  EXPECT_FALSE(Verify(j).match);
}

TEST(PlanCheck, ATamperedTeamIsNamed) {
  auto j = Plan();
  j["draw"]["targets"][2]["team"][1] = "103";
  auto r = Verify(j);
  EXPECT_FALSE(r.match);
  EXPECT_EQ(r.difference, "target 3: published 91370300MA3C5X1234 by 104 and 103, recomputed 91370300MA3C5X1234 by 104 and 102");
}

TEST(PlanCheck, AMissingOrExtraTargetIsFound) {
  auto j = Plan();
  j["draw"]["targets"].erase(2);
  EXPECT_NE(Verify(j).difference.find("ends after 2 targets"), std::string::npos);
  j = Plan();
  j["draw"]["targets"].push_back({{"key", "91370301X"}, {"team", {"101", "102"}}});
  EXPECT_NE(Verify(j).difference.find("target 4: published"), std::string::npos);
}

TEST(PlanCheck, MalformedPlansAreErrorsNamingTheField) {
  auto j = Plan();
  j.erase("seed");
  auto p = ParsePublishedPlan(j);
  ASSERT_FALSE(p);
  EXPECT_EQ(p.error().fields.at(0).field, "seed");
  j = Plan();
  j["draw"]["targets"][0]["team"] = json::array({"101"});
  EXPECT_FALSE(ParsePublishedPlan(j));
  EXPECT_FALSE(ParsePublishedPlan(json::array()));
  j = Plan();
  j["pool"] = json::array({1, 2});
  EXPECT_FALSE(ParsePublishedPlan(j));
}

TEST(PlanCheck, AnUnknownAlgorithmIsAnErrorNotAMismatch) {
  auto j = Plan();
  j["algorithm"] = "zhitong-draw-v9";
  auto p = ParsePublishedPlan(j);
  ASSERT_TRUE(p);
  auto r = VerifyPublishedPlan(*p);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, "inspection.unknown_algorithm");
}

}  // namespace
}  // namespace zhitong::contacts
