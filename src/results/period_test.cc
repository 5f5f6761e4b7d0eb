#include "results/period.h"

#include <gtest/gtest.h>

namespace zhitong::results {
namespace {

struct Case {
  const char* text;
  PeriodKind kind;
  DayKey from;
  DayKey to;
  const char* previous;
};

TEST(Period, ParsesEveryKindAndItsPrevious) {
  const Case cases[] = {
      {"2025-03-05", PeriodKind::kDay, 20250305, 20250305, "2025-03-04"},
      {"2025-03-01", PeriodKind::kDay, 20250301, 20250301, "2025-02-28"},
      {"2025-03", PeriodKind::kMonth, 20250301, 20250331, "2025-02"},
      {"2025-01", PeriodKind::kMonth, 20250101, 20250131, "2024-12"},
      {"2024-02", PeriodKind::kMonth, 20240201, 20240229, "2024-01"},
      {"2025-Q1", PeriodKind::kQuarter, 20250101, 20250331, "2024-Q4"},
      {"2025-Q3", PeriodKind::kQuarter, 20250701, 20250930, "2025-Q2"},
      {"2025", PeriodKind::kYear, 20250101, 20251231, "2024"},
      {"2025-01-10..2025-01-19", PeriodKind::kRange, 20250110, 20250119, "2024-12-31..2025-01-09"},
  };
  for (const Case& c : cases) {
    auto p = ParsePeriod(c.text);
    ASSERT_TRUE(p) << c.text << ": " << p.error().ToString();
    EXPECT_EQ(p->kind, c.kind) << c.text;
    EXPECT_EQ(p->from, c.from) << c.text;
    EXPECT_EQ(p->to, c.to) << c.text;
    EXPECT_EQ(p->label, c.text);
    EXPECT_EQ(Previous(*p).label, c.previous) << c.text;
    EXPECT_EQ(*ParsePeriod(Previous(*p).label), Previous(*p));
  }
}

TEST(Period, RejectsMalformedText) {
  for (const char* bad : {"", "2025-13", "2025-00", "2025-Q5", "2025-02-30", "25-03", "2025/03", "2025-03-05..2025-03-01",
                          "2025-03..2025-04", "abcd", "1900", "2025-03-05..", "２０２５"}) {
    auto p = ParsePeriod(bad);
    ASSERT_FALSE(p) << bad;
    EXPECT_EQ(p.error().code, "results.invalid_period");
  }
}

TEST(Period, MonthsOfAndEndingAt) {
  auto months = MonthsOf(*ParsePeriod("2024-11-15..2025-02-01"));
  ASSERT_EQ(months.size(), 4u);
  EXPECT_EQ(months.front().label, "2024-11");
  EXPECT_EQ(months.back().label, "2025-02");
  auto trend = MonthsEndingAt(20250315, 12);
  ASSERT_EQ(trend.size(), 12u);
  EXPECT_EQ(trend.front().label, "2024-04");
  EXPECT_EQ(trend.back().label, "2025-03");
  EXPECT_EQ(DayCount(*ParsePeriod("2024")), 366);
}

}  // namespace
}  // namespace zhitong::results
