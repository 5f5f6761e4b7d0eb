#include "core/clock.h"

#include <gtest/gtest.h>

namespace zhitong {
namespace {

using namespace std::chrono;

TEST(Clock, FormatsUtcWithMillisAndZ) {
  EXPECT_EQ(FormatUtc(FromUnixMillis(0)), "1970-01-01T00:00:00.000Z");
  EXPECT_EQ(FormatUtc(FromUnixMillis(1741064767123)), "2025-03-04T05:06:07.123Z");
}

TEST(Clock, FormatsShanghaiEightHoursAhead) {
  EXPECT_EQ(FormatShanghai(FromUnixMillis(1741064767000)), "2025-03-04T13:06:07+08:00");
  // 20:00 UTC is already the next day in Shanghai.
  EXPECT_EQ(FormatShanghai(FromUnixMillis(1741118400000)), "2025-03-05T04:00:00+08:00");
}

TEST(Clock, ParsesOffsetsZuluAndPlainDates) {
  auto a = ParseTimestamp("2025-03-04T13:06:07+08:00");
  ASSERT_TRUE(a) << a.error().ToString();
  EXPECT_EQ(ToUnixMillis(*a), 1741064767000);
  auto b = ParseTimestamp("2025-03-04T05:06:07.123Z");
  ASSERT_TRUE(b);
  EXPECT_EQ(ToUnixMillis(*b), 1741064767123);
  auto c = ParseTimestamp("2025-03-04");
  ASSERT_TRUE(c);
  EXPECT_EQ(FormatShanghai(*c), "2025-03-04T00:00:00+08:00");
  auto d = ParseTimestamp("2025-03-03T16:00:00-05:00");
  ASSERT_TRUE(d);
  EXPECT_EQ(FormatUtc(*d), "2025-03-03T21:00:00.000Z");
}

TEST(Clock, RejectsMalformedTimestampsWithBilingualError) {
  for (const char* bad : {"", "2025-3-4", "2025-02-30", "2025-03-04T13:06:07", "2025-03-04T25:00:00Z",
                          "2025-03-04T13:06:07+0800", "2025-03-04T13:06:07Zjunk", "yesterday"}) {
    auto r = ParseTimestamp(bad);
    ASSERT_FALSE(r) << bad;
    EXPECT_EQ(r.error().kind, ErrorKind::kInvalid);
    EXPECT_FALSE(r.error().message_zh.empty());
  }
}

TEST(Clock, ShanghaiDateCrossesMidnightAtSixteenUtc) {
  EXPECT_EQ(ShanghaiDate(FromUnixMillis(1741103999000)), year_month_day(2025y, March, 4d));  // 15:59:59Z
  EXPECT_EQ(ShanghaiDate(FromUnixMillis(1741104000000)), year_month_day(2025y, March, 5d));  // 16:00Z
  EXPECT_EQ(ToUnixMillis(ShanghaiMidnight(year_month_day(2025y, March, 5d))), 1741104000000);
}

TEST(Clock, ManualClockMovesOnlyWhenTold) {
  ManualClock clock(FromUnixMillis(1000));
  EXPECT_EQ(ToUnixMillis(clock.Now()), 1000);
  clock.Advance(milliseconds(500));
  EXPECT_EQ(ToUnixMillis(clock.Now()), 1500);
  clock.Set(FromUnixMillis(42));
  EXPECT_EQ(ToUnixMillis(clock.Now()), 42);
}

}  // namespace
}  // namespace zhitong
