// DeadlineClock: budgets that stop while a request is paused, hand-computed around National Day
// 2024 (days off 10-01..10-07, Sunday 09-29 and Saturday 10-12 worked) and Spring Festival 2025
// (days off 01-28..02-04). Times are Shanghai local; whole-day office hours unless named.
#include <gtest/gtest.h>

#include "calendar/deadline.h"
#include "calendar/test_util.h"

namespace zhitong::calendar {
namespace {

using namespace std::chrono;
using testing::At;
using testing::RealCalendar;
using testing::SplitHoursCalendar;

DeadlineClock MustMake(const WorkingCalendar& cal, const char* start, Budget budget,
                       std::vector<Pause> pauses = {}) {
  auto clock = DeadlineClock::Make(cal, At(start), budget, std::move(pauses));
  EXPECT_TRUE(clock) << clock.error().ToString();
  return *clock;
}

Pause Closed(const char* from, const char* to) { return {At(from), At(to)}; }
Pause Open(const char* from) { return {At(from), std::nullopt}; }

// Compares as Shanghai text, so that a failure reads like the case.
#define EXPECT_DUE(clock, now, expected) \
  EXPECT_EQ(FormatShanghai((clock).DueAt(At(now))), FormatShanghai(At(expected)))

TEST(DeadlineClock, WithoutPausesIsAddWorkingDays) {
  const auto c = MustMake(RealCalendar(), "2025-01-24 10:00", Budget::WorkingDays(3));
  EXPECT_DUE(c, "2025-01-24 10:00", "2025-02-05 10:00");
  EXPECT_FALSE(c.IsPaused());
}

TEST(DeadlineClock, PauseSpanningNationalDayMovesTheDueByTheWorkingTimeItHid) {
  // Fri 16:00-24:00 (8h) and Sun 00:00-12:00 (12h) run; paused from Sunday noon to 10-09.
  // 28h are left from 10-09 00:00: all of 10-09 and 4h of 10-10.
  const auto c = MustMake(RealCalendar(), "2024-09-27 16:00", Budget::WorkingDays(2),
                          {Closed("2024-09-29 12:00", "2024-10-09 00:00")});
  EXPECT_DUE(c, "2024-10-09 00:00", "2024-10-10 04:00");
  EXPECT_EQ(c.Elapsed(At("2024-10-09 00:00")), hours{20});
  EXPECT_EQ(c.Remaining(At("2024-10-09 00:00")), hours{28});
}

TEST(DeadlineClock, PauseInsideTheHolidayChangesNothing) {
  const auto c = MustMake(RealCalendar(), "2024-09-30 09:00", Budget::WorkingDays(1),
                          {Closed("2024-10-02 00:00", "2024-10-05 00:00")});
  EXPECT_DUE(c, "2024-10-06 00:00", "2024-10-08 09:00");
}

TEST(DeadlineClock, PauseSpanningSpringFestivalWithSplitHours) {
  // 2 days = 14h. Mon 01-20 gives 7h, Tue 01-21 09:00-12:00 3h; paused until Thu 02-06 09:00;
  // the last 4h are 09:00-12:00 and 13:30-14:30.
  const auto c = MustMake(SplitHoursCalendar(), "2025-01-20 09:00", Budget::WorkingDays(2),
                          {Closed("2025-01-21 12:00", "2025-02-06 09:00")});
  EXPECT_DUE(c, "2025-02-06 09:00", "2025-02-06 14:30");
}

TEST(DeadlineClock, SeveralPausesAddUp) {
  // 1 day = 24h from Mon 2024-10-14 00:00; paused 06:00-12:00 and 18:00-Tue 06:00 (12h running so
  // far), then 12h more: Tue 06:00 → 18:00.
  const auto c = MustMake(RealCalendar(), "2024-10-14 00:00", Budget::WorkingDays(1),
                          {Closed("2024-10-14 06:00", "2024-10-14 12:00"),
                           Closed("2024-10-14 18:00", "2024-10-15 06:00")});
  EXPECT_DUE(c, "2024-10-15 06:00", "2024-10-15 18:00");
}

TEST(DeadlineClock, WhileOpenThePauseMovesTheDue) {
  // 6h ran before the pause; 18h are left whenever it resumes.
  const auto c = MustMake(RealCalendar(), "2024-09-23 09:00", Budget::WorkingDays(1),
                          {Open("2024-09-23 15:00")});
  EXPECT_TRUE(c.IsPaused());
  EXPECT_DUE(c, "2024-09-25 10:00", "2024-09-26 04:00");
  EXPECT_DUE(c, "2024-09-26 10:00", "2024-09-27 04:00");
  EXPECT_EQ(c.Remaining(At("2024-09-25 10:00")), hours{18});
  EXPECT_EQ(c.Remaining(At("2024-09-26 10:00")), hours{18});
  EXPECT_FALSE(c.IsOverdue(At("2024-09-30 10:00")));
}

TEST(DeadlineClock, OpenPauseOverTheHolidayKeepsTheDueUntilWorkResumes) {
  // Fri 8h + Sun 24h + Mon 12h = 44h ran; paused Mon noon; 4h left.
  const auto c = MustMake(RealCalendar(), "2024-09-27 16:00", Budget::WorkingDays(2),
                          {Open("2024-09-30 12:00")});
  EXPECT_DUE(c, "2024-10-03 12:00", "2024-10-08 04:00");
  EXPECT_DUE(c, "2024-10-07 23:00", "2024-10-08 04:00");
  EXPECT_DUE(c, "2024-10-08 10:00", "2024-10-08 14:00");
}

TEST(DeadlineClock, OpenPauseThatHasNotBegunIsEmpty) {
  const auto c = MustMake(RealCalendar(), "2024-10-08 00:00", Budget::WorkingDays(1),
                          {Open("2024-10-08 12:00")});
  EXPECT_DUE(c, "2024-10-08 06:00", "2024-10-09 00:00");
}

TEST(DeadlineClock, BudgetSpentBeforeAPauseStaysOverdue) {
  const auto c = MustMake(RealCalendar(), "2024-09-23 00:00", Budget::WorkingDays(1),
                          {Open("2024-09-25 00:00")});
  EXPECT_DUE(c, "2024-09-26 00:00", "2024-09-24 00:00");
  EXPECT_TRUE(c.IsOverdue(At("2024-09-26 00:00")));
  EXPECT_EQ(c.Remaining(At("2024-09-26 00:00")), hours{-24});  // the pause stops the count
}

TEST(DeadlineClock, CalendarHoursCountHolidaysButNotPauses) {
  const auto plain = MustMake(RealCalendar(), "2025-01-27 20:00", Budget::CalendarHours(24));
  EXPECT_DUE(plain, "2025-01-27 20:00", "2025-01-28 20:00");
  const auto paused = MustMake(RealCalendar(), "2025-01-27 20:00", Budget::CalendarHours(24),
                               {Closed("2025-01-28 08:00", "2025-01-28 12:00")});
  EXPECT_DUE(paused, "2025-01-28 12:00", "2025-01-29 00:00");
  EXPECT_EQ(paused.Remaining(At("2025-01-28 10:00")), hours{12});
  const auto open = MustMake(RealCalendar(), "2025-01-27 20:00", Budget::CalendarHours(24),
                             {Open("2025-01-28 08:00")});
  EXPECT_DUE(open, "2025-01-28 18:00", "2025-01-29 06:00");
}

TEST(DeadlineClock, RemainingIsNegativeOnceOverdue) {
  const auto c = MustMake(RealCalendar(), "2024-09-23 00:00", Budget::WorkingDays(1));
  EXPECT_EQ(c.Remaining(At("2024-09-23 18:00")), hours{6});
  EXPECT_FALSE(c.IsOverdue(At("2024-09-24 00:00")));  // due exactly now: not yet late
  EXPECT_TRUE(c.IsOverdue(At("2024-09-24 00:01")));
  EXPECT_EQ(c.Remaining(At("2024-09-24 06:00")), hours{-6});
}

TEST(DeadlineClock, DueAtEndOfFridayIsOverdueOverTheWeekendWithZeroWorkingTimeLeft) {
  const auto c = MustMake(RealCalendar(), "2024-10-18 00:00", Budget::WorkingDays(1));
  EXPECT_DUE(c, "2024-10-18 00:00", "2024-10-19 00:00");
  EXPECT_TRUE(c.IsOverdue(At("2024-10-19 10:00")));
  EXPECT_EQ(c.Remaining(At("2024-10-19 10:00")), hours{0});
  EXPECT_EQ(c.Remaining(At("2024-10-21 06:00")), hours{-6});
}

TEST(DeadlineClock, NearDueIsBeforeTheDueWithinTheThreshold) {
  const auto c = MustMake(RealCalendar(), "2024-09-23 00:00", Budget::WorkingDays(1));
  EXPECT_FALSE(c.IsNearDue(At("2024-09-23 12:00"), hours{6}));  // 12h left
  EXPECT_TRUE(c.IsNearDue(At("2024-09-23 20:00"), hours{6}));   // 4h left
  EXPECT_FALSE(c.IsNearDue(At("2024-09-24 06:00"), hours{6}));  // overdue, not near
  // Split hours: the threshold is working time, so Friday evening is near a Monday 10:00 due.
  const auto s = MustMake(SplitHoursCalendar(), "2024-10-17 10:00", Budget::WorkingDays(2));
  EXPECT_DUE(s, "2024-10-17 10:00", "2024-10-21 10:00");
  EXPECT_TRUE(s.IsNearDue(At("2024-10-18 19:00"), hours{2}));  // 1h left, on Monday
}

TEST(DeadlineClock, ZeroBudgetIsDueAtTheStart) {
  const auto c = MustMake(RealCalendar(), "2025-01-30 15:00", Budget::WorkingDays(0));
  EXPECT_DUE(c, "2025-01-30 15:00", "2025-01-30 15:00");
  EXPECT_FALSE(c.IsOverdue(At("2025-01-30 15:00")));
  EXPECT_TRUE(c.IsOverdue(At("2025-01-30 15:01")));
}

TEST(DeadlineClock, PausesBeforeTheStartAreIgnored) {
  const auto c = MustMake(RealCalendar(), "2024-10-14 10:00", Budget::CalendarHours(2),
                          {Closed("2024-10-14 06:00", "2024-10-14 08:00"),
                           Closed("2024-10-14 09:00", "2024-10-14 11:00")});
  EXPECT_DUE(c, "2024-10-14 11:00", "2024-10-14 13:00");
}

struct BadClock {
  const char* what;
  Budget budget;
  std::vector<Pause> pauses;
};
void PrintTo(const BadClock& b, std::ostream* os) { *os << b.what; }

class DeadlineClockRejects : public ::testing::TestWithParam<BadClock> {};

TEST_P(DeadlineClockRejects, WithInvalidDeadline) {
  auto c = DeadlineClock::Make(RealCalendar(), At("2024-10-14 00:00"), GetParam().budget,
                               GetParam().pauses);
  ASSERT_FALSE(c);
  EXPECT_EQ(c.error().code, "calendar.invalid_deadline");
  EXPECT_FALSE(c.error().message_zh.empty());
}

INSTANTIATE_TEST_SUITE_P(
    Inputs, DeadlineClockRejects,
    ::testing::Values(BadClock{"negative budget", Budget::WorkingDays(-1), {}},
                      BadClock{"pause ending before it begins",
                               Budget::WorkingDays(1),
                               {Closed("2024-10-14 12:00", "2024-10-14 11:00")}},
                      BadClock{"overlapping pauses",
                               Budget::WorkingDays(1),
                               {Closed("2024-10-14 08:00", "2024-10-14 12:00"),
                                Closed("2024-10-14 11:00", "2024-10-14 13:00")}},
                      BadClock{"pauses out of order",
                               Budget::WorkingDays(1),
                               {Closed("2024-10-15 08:00", "2024-10-15 12:00"),
                                Closed("2024-10-14 08:00", "2024-10-14 12:00")}},
                      BadClock{"open pause not last",
                               Budget::CalendarHours(4),
                               {Open("2024-10-14 08:00"),
                                Closed("2024-10-14 10:00", "2024-10-14 11:00")}}));

}  // namespace
}  // namespace zhitong::calendar
