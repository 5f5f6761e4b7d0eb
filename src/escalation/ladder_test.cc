// The escalation ladder and automatic closing, on the real published calendar around Spring
// Festival 2025 (28 Jan – 4 Feb off; Sunday 26 Jan and Saturday 8 Feb worked).
#include "escalation/ladder.h"

#include <gtest/gtest.h>

#include "calendar/test_util.h"
#include "core/config.h"

namespace zhitong::escalation {
namespace {

using calendar::testing::At;
using calendar::testing::RealCalendar;
using calendar::testing::SplitHoursCalendar;
using requests::EscalationLevel;

Ladder Default() { return *ParseLadder(kDefaultLadder); }

std::vector<EscalationLevel> Levels(const Ladder& l) {
  std::vector<EscalationLevel> out;
  for (const auto& r : l) out.push_back(r.level);
  return out;
}

TEST(Ladder, ParsesTheDefaultAndFormatsItBack) {
  auto l = ParseLadder(kDefaultLadder);
  ASSERT_TRUE(l) << l.error().ToString();
  ASSERT_EQ(l->size(), 5u);
  EXPECT_EQ((*l)[0], (Rung{EscalationLevel::kHandler, {-4, Offset::Unit::kWorkingHours}}));
  EXPECT_EQ((*l)[1], (Rung{EscalationLevel::kDepartmentHead, {0, Offset::Unit::kWorkingDays}}));
  EXPECT_EQ((*l)[4], (Rung{EscalationLevel::kCityLeader, {3, Offset::Unit::kWorkingDays}}));
  EXPECT_EQ(FormatLadder(*l), kDefaultLadder);
}

TEST(Ladder, TheConfiguredDefaultIsTheDefaultLadder) {
  EXPECT_EQ(Config{}.escalation_ladder, kDefaultLadder);
  EXPECT_TRUE(ParseLadder(Config{}.escalation_ladder));
}

TEST(Ladder, EmptyTextIsNoEscalation) {
  auto l = ParseLadder("  ");
  ASSERT_TRUE(l);
  EXPECT_TRUE(l->empty());
}

TEST(Ladder, RejectsMalformedLadders) {
  for (const char* bad : {"handler", "boss:1d", "handler:1w", "handler:x", "handler:1d,handler:2d",
                          "liaison:2d,city_leader:1d", "handler:-1d,", "handler:9999d"}) {
    auto l = ParseLadder(bad);
    ASSERT_FALSE(l) << bad;
    EXPECT_EQ(l.error().code, "escalation.ladder_invalid") << bad;
    EXPECT_NE(l.error().message_zh.find("督办"), std::string::npos);
  }
}

TEST(Ladder, NothingIsReachedEarly) {
  const auto& cal = RealCalendar();
  const Instant due = At("2025-02-05 10:00");
  // 4 working hours before the due time is 06:00 the same day (whole-day office hours).
  EXPECT_TRUE(ReachedRungs(cal, Default(), due, At("2025-02-05 05:59")).empty());
  EXPECT_EQ(Levels(ReachedRungs(cal, Default(), due, At("2025-02-05 06:00"))),
            std::vector{EscalationLevel::kHandler});
  EXPECT_EQ(Levels(ReachedRungs(cal, Default(), due, At("2025-02-05 09:59"))),
            std::vector{EscalationLevel::kHandler});
}

TEST(Ladder, OverdueRungsCountWorkingDaysAfterTheDueTime) {
  const auto& cal = RealCalendar();
  // Due Monday 27 January 2025 10:00; the 28th to 4 February are the Spring Festival holiday.
  const Instant due = At("2025-01-27 10:00");
  EXPECT_EQ(Levels(ReachedRungs(cal, Default(), due, At("2025-01-27 10:00"))),
            (std::vector{EscalationLevel::kHandler, EscalationLevel::kDepartmentHead}));
  // One working day after: the holiday does not count, so not before 5 February 10:00 — the
  // 27th (14 h) plus the 5th up to 10:00.
  EXPECT_EQ(ReachedRungs(cal, Default(), due, At("2025-02-04 23:00")).size(), 2u);
  EXPECT_EQ(Levels(ReachedRungs(cal, Default(), due, At("2025-02-05 10:00"))),
            (std::vector{EscalationLevel::kHandler, EscalationLevel::kDepartmentHead, EscalationLevel::kLiaison}));
  EXPECT_EQ(ReachedRungs(cal, Default(), due, At("2025-02-06 10:00")).size(), 4u);
  EXPECT_EQ(ReachedRungs(cal, Default(), due, At("2025-02-07 09:59")).size(), 4u);
  EXPECT_EQ(ReachedRungs(cal, Default(), due, At("2025-02-07 10:00")).size(), 5u);
}

TEST(Ladder, NearDueCountsOnlyWorkingTime) {
  const auto& cal = RealCalendar();
  // Due Wednesday 5 February 02:00: four working hours before it reach back over the holiday to
  // Monday 27 January 22:00.
  const Instant due = At("2025-02-05 02:00");
  EXPECT_TRUE(ReachedRungs(cal, Default(), due, At("2025-01-27 21:59")).empty());
  EXPECT_EQ(ReachedRungs(cal, Default(), due, At("2025-01-27 22:00")).size(), 1u);
  EXPECT_EQ(ReachedRungs(cal, Default(), due, At("2025-02-01 12:00")).size(), 1u);
}

TEST(Ladder, DaysFollowTheOfficeHours) {
  const auto& cal = SplitHoursCalendar();  // 09:00-12:00, 13:30-17:30: a day is 7 working hours
  const Ladder l = *ParseLadder("liaison:1d");
  const Instant due = At("2025-03-03 17:30");  // Monday
  EXPECT_FALSE(Reached(cal, l[0], due, At("2025-03-04 17:29")));
  EXPECT_TRUE(Reached(cal, l[0], due, At("2025-03-04 17:30")));
}

TEST(Ladder, HorizonCoversEveryDueTimeWithARungReached) {
  const auto& cal = RealCalendar();
  const Ladder l = Default();
  const Instant now = At("2025-01-27 22:00");
  const Instant horizon = Horizon(cal, l, now);
  for (const char* due : {"2025-01-27 22:00", "2025-02-05 02:00", "2025-02-05 00:00", "2025-01-20 00:00"}) {
    if (!ReachedRungs(cal, l, At(due), now).empty()) {
      EXPECT_LE(At(due), horizon) << due;
    }
  }
  EXPECT_EQ(Horizon(cal, *ParseLadder("department_head:0,liaison:1d"), now), now);
}

TEST(AutoClose, CountsWorkingOrCalendarDaysFromTheReply) {
  const auto& cal = RealCalendar();
  const Instant replied = At("2025-01-24 10:00");  // Friday before Spring Festival 2025
  // Working days: Sunday 26th (make-up), Monday 27th, then 5, 6, 7 February.
  EXPECT_EQ(AutoCloseAt(cal, {5, true}, replied), At("2025-02-07 10:00"));
  EXPECT_EQ(AutoCloseAt(cal, {5, false}, replied), At("2025-01-29 10:00"));
  EXPECT_FALSE(AutoCloseAt(cal, {0, true}, replied).has_value());
}

}  // namespace
}  // namespace zhitong::escalation
