#include "results/rates.h"

#include <gtest/gtest.h>

namespace zhitong::results {
namespace {

Counts Make(std::initializer_list<std::pair<Counter, int64_t>> values) {
  Counts c;
  for (auto [k, v] : values) c[k] = v;
  return c;
}

TEST(Rates, FormulasOverTheCounters) {
  const Counts c = Make({{Counter::kSignDue, 10},
                         {Counter::kSignOnTime, 9},
                         {Counter::kClosed, 8},
                         {Counter::kSolved, 6},
                         {Counter::kClosedUnrated, 1},
                         {Counter::kRatedVerySatisfied, 2},
                         {Counter::kRatedSatisfied, 1},
                         {Counter::kRatedBasicallySatisfied, 1},
                         {Counter::kRatedDissatisfied, 1}});
  const Rates r = ComputeRates(c, {});
  EXPECT_DOUBLE_EQ(*r.response.value, 0.9);
  EXPECT_DOUBLE_EQ(*r.resolution.value, 0.75);
  EXPECT_EQ(r.satisfaction.numerator, 4);
  EXPECT_EQ(r.satisfaction.denominator, 5);
  EXPECT_DOUBLE_EQ(*r.composite, 30 * 0.9 + 35 * 0.75 + 35 * 0.8);
}

TEST(Rates, StricterSatisfactionLevel) {
  const Counts c = Make({{Counter::kRatedSatisfied, 1}, {Counter::kRatedBasicallySatisfied, 3}});
  Definitions d;
  d.satisfied_from = requests::RatingLevel::kSatisfied;
  EXPECT_DOUBLE_EQ(*ComputeRates(c, d).satisfaction.value, 0.25);
  EXPECT_DOUBLE_EQ(*ComputeRates(c, {}).satisfaction.value, 1.0);
}

TEST(Rates, CompositeLeavesOutRatesWithoutDenominator) {
  const Counts c = Make({{Counter::kSignDue, 4}, {Counter::kSignOnTime, 2}, {Counter::kClosed, 1}, {Counter::kSolved, 1}});
  const Rates r = ComputeRates(c, {});
  EXPECT_FALSE(r.satisfaction.value);
  EXPECT_DOUBLE_EQ(*r.composite, 100.0 * (30 * 0.5 + 35 * 1.0) / 65);
  EXPECT_FALSE(ComputeRates(Counts{}, {}).composite);
}

TEST(Rates, ConfigurableWeights) {
  const Counts c = Make({{Counter::kSignDue, 1}, {Counter::kSignOnTime, 1}, {Counter::kClosed, 1}});
  Definitions d;
  d.weights = *ParseWeights("1, 0, 0");
  EXPECT_DOUBLE_EQ(*ComputeRates(c, d).composite, 100.0);
  d.weights = *ParseWeights("0,1,0");
  EXPECT_DOUBLE_EQ(*ComputeRates(c, d).composite, 0.0);
}

TEST(Rates, ParseWeights) {
  auto w = ParseWeights("30,35,35");
  ASSERT_TRUE(w);
  EXPECT_EQ(FormatWeights(*w), "30,35,35");
  EXPECT_EQ(FormatWeights(*ParseWeights("0.5,0.25,0.25")), "0.5,0.25,0.25");
  for (const char* bad : {"", "30,35", "30,35,35,1", "a,b,c", "-1,1,1", "0,0,0", "30,,35", "1e400,1,1"}) {
    auto r = ParseWeights(bad);
    ASSERT_FALSE(r) << bad;
    EXPECT_EQ(r.error().code, "results.invalid_weights");
  }
}

TEST(Rates, DescribeNamesTheWeightsAndLevels) {
  Definitions d;
  d.weights = *ParseWeights("20,40,40");
  bool found = false;
  for (const Formula& f : Describe(d)) {
    if (f.key == "composite") {
      found = true;
      EXPECT_NE(f.formula.find("20,40,40"), std::string::npos);
    }
    if (f.key == "satisfaction_rate") {
      EXPECT_NE(f.zh.find("基本满意"), std::string::npos);
    }
  }
  EXPECT_TRUE(found);
}

}  // namespace
}  // namespace zhitong::results
