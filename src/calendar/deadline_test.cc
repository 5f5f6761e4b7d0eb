// Deadlines in working days, hand-computed around Spring Festival 2025 (days off 01-28..02-04,
// make-up workdays Sunday 01-26 and Saturday 02-08) and National Day 2024 (days off 10-01..10-07,
// make-up workdays Sunday 09-29 and Saturday 10-12; Mid-Autumn 09-15..17 with Saturday 09-14
// worked), with whole-day office hours (24 h a day) and split hours 09:00-12:00 + 13:30-17:30
// (7 h a day). Times are Shanghai local.
#include "calendar/deadline.h"

#include <gtest/gtest.h>

#include "calendar/test_util.h"

namespace zhitong::calendar {
namespace {

using namespace std::chrono;
using testing::At;
using testing::RealCalendar;
using testing::SplitHoursCalendar;

enum class Hours { kWholeDay, kSplit };

const WorkingCalendar& CalendarWith(Hours h) {
  return h == Hours::kWholeDay ? RealCalendar() : SplitHoursCalendar();
}

struct DeadlineCase {
  Hours office;
  const char* start;
  int n;
  const char* due;
  const char* why;
};
void PrintTo(const DeadlineCase& c, std::ostream* os) {
  *os << c.start << " +" << c.n << (c.office == Hours::kSplit ? " (split)" : "") << ": " << c.why;
}

class AddWorkingDaysCase : public ::testing::TestWithParam<DeadlineCase> {};

TEST_P(AddWorkingDaysCase, GivesTheHandComputedDue) {
  const DeadlineCase& c = GetParam();
  const Instant due = AddWorkingDays(CalendarWith(c.office), At(c.start), c.n);
  EXPECT_EQ(FormatShanghai(due), FormatShanghai(At(c.due)));
}

constexpr Hours W = Hours::kWholeDay;
constexpr Hours S = Hours::kSplit;

INSTANTIATE_TEST_SUITE_P(
    WholeDay, AddWorkingDaysCase,
    ::testing::Values(
        // The two examples of the definition, on an ordinary weekend.
        DeadlineCase{W, "2024-10-18 10:00", 1, "2024-10-21 10:00", "Friday → Monday same time"},
        DeadlineCase{W, "2024-10-19 10:00", 1, "2024-10-22 00:00", "Saturday → end of Monday"},
        // Spring Festival 2025.
        DeadlineCase{W, "2025-01-24 10:00", 1, "2025-01-26 10:00", "make-up Sunday counts"},
        DeadlineCase{W, "2025-01-24 10:00", 2, "2025-01-27 10:00", "Fri 14h + Sun 24h + Mon 10h"},
        DeadlineCase{W, "2025-01-24 10:00", 3, "2025-02-05 10:00", "skips 01-28..02-04"},
        DeadlineCase{W, "2025-01-27 23:00", 1, "2025-02-05 23:00", "last hour before the break"},
        DeadlineCase{W, "2025-01-30 15:00", 1, "2025-02-06 00:00", "submitted on a holiday"},
        DeadlineCase{W, "2025-01-30 15:00", 5, "2025-02-11 00:00", "02-05..08 (Sat worked), 02-10"},
        DeadlineCase{W, "2025-02-08 18:00", 1, "2025-02-10 18:00", "from the make-up Saturday"},
        // National Day 2024 and Mid-Autumn before it.
        DeadlineCase{W, "2024-09-13 12:00", 1, "2024-09-14 12:00", "make-up Saturday 09-14"},
        DeadlineCase{W, "2024-09-27 16:00", 2, "2024-09-30 16:00", "Fri 8h + Sun 24h + Mon 16h"},
        DeadlineCase{W, "2024-09-29 09:00", 1, "2024-09-30 09:00", "from the make-up Sunday"},
        DeadlineCase{W, "2024-09-30 09:00", 1, "2024-10-08 09:00", "skips 10-01..10-07"},
        DeadlineCase{W, "2024-09-30 09:00", 5, "2024-10-12 09:00", "ends on make-up Saturday"},
        DeadlineCase{W, "2024-10-03 12:00", 1, "2024-10-09 00:00", "submitted on a holiday"},
        DeadlineCase{W, "2024-10-12 00:00", 1, "2024-10-13 00:00", "all of the make-up Saturday"},
        // N = 0 is the start itself, even on a day off.
        DeadlineCase{W, "2024-10-18 10:00", 0, "2024-10-18 10:00", "N=0 on a weekday"},
        DeadlineCase{W, "2025-01-30 15:00", 0, "2025-01-30 15:00", "N=0 on a holiday"},
        // Year boundaries.
        DeadlineCase{W, "2025-12-31 10:00", 1, "2026-01-04 10:00",
                     "元旦 2026, Sunday 01-04 worked"},
        DeadlineCase{W, "2022-12-30 10:00", 1, "2023-01-03 10:00", "元旦 2023 from Sat 12-31"},
        DeadlineCase{W, "2019-12-31 20:00", 1, "2020-01-02 20:00", "元旦 2020, one day"},
        DeadlineCase{W, "2018-12-28 10:00", 1, "2018-12-29 10:00", "Sat 2018-12-29 worked"}));

INSTANTIATE_TEST_SUITE_P(
    SplitHours, AddWorkingDaysCase,
    ::testing::Values(
        DeadlineCase{S, "2025-01-24 10:00", 1, "2025-01-26 10:00", "Fri 6h + Sun 1h"},
        DeadlineCase{S, "2025-01-24 10:00", 2, "2025-01-27 10:00", "Fri 6h + Sun 7h + Mon 1h"},
        DeadlineCase{S, "2025-01-24 10:00", 3, "2025-02-05 10:00", "skips 01-28..02-04"},
        DeadlineCase{S, "2025-01-24 12:30", 1, "2025-01-26 12:00", "lunch start; ends at noon"},
        DeadlineCase{S, "2025-01-27 18:00", 1, "2025-02-05 17:30", "after hours; end of 02-05"},
        DeadlineCase{S, "2025-01-30 15:00", 1, "2025-02-05 17:30", "submitted on a holiday"},
        DeadlineCase{S, "2024-09-27 17:00", 1, "2024-09-29 17:00", "Fri 0.5h + Sun 6.5h"},
        DeadlineCase{S, "2024-09-29 14:00", 1, "2024-09-30 14:00", "Sun 3.5h + Mon 3.5h"},
        DeadlineCase{S, "2024-09-30 09:00", 1, "2024-09-30 17:30", "one whole office day"},
        DeadlineCase{S, "2024-09-30 09:00", 2, "2024-10-08 17:30", "skips 10-01..10-07"},
        DeadlineCase{S, "2024-10-08 07:00", 1, "2024-10-08 17:30", "before opening"},
        DeadlineCase{S, "2025-12-31 16:00", 1, "2026-01-04 16:00", "Wed 1.5h + Sun 01-04 5.5h"},
        DeadlineCase{S, "2024-10-18 10:00", 0, "2024-10-18 10:00", "N=0"}));

struct BetweenCase {
  Hours office;
  const char* a;
  const char* b;
  std::chrono::hours expected;
};
void PrintTo(const BetweenCase& c, std::ostream* os) { *os << c.a << " → " << c.b; }

class WorkingTimeBetweenCase : public ::testing::TestWithParam<BetweenCase> {};

TEST_P(WorkingTimeBetweenCase, CountsOnlyOfficeHoursOfWorkingDays) {
  const BetweenCase& c = GetParam();
  EXPECT_EQ(duration_cast<minutes>(WorkingTimeBetween(CalendarWith(c.office), At(c.a), At(c.b))),
            duration_cast<minutes>(c.expected));
}

INSTANTIATE_TEST_SUITE_P(
    Spans, WorkingTimeBetweenCase,
    ::testing::Values(BetweenCase{W, "2025-01-24 10:00", "2025-02-05 10:00", hours{72}},
                      BetweenCase{W, "2025-02-05 10:00", "2025-01-24 10:00", hours{-72}},
                      BetweenCase{W, "2024-10-02 00:00", "2024-10-06 00:00", hours{0}},
                      BetweenCase{W, "2024-09-30 00:00", "2024-10-08 00:00", hours{24}},
                      BetweenCase{W, "2024-10-18 10:00", "2024-10-18 10:00", hours{0}},
                      BetweenCase{S, "2025-01-24 10:00", "2025-01-26 10:00", hours{7}},
                      BetweenCase{S, "2024-09-29 00:00", "2024-10-09 00:00", hours{21}},
                      BetweenCase{S, "2024-10-08 12:00", "2024-10-08 13:30", hours{0}}));

// The definition, checked from many starting instants: the due instant is reached with exactly
// N days' worth of working time, and not one millisecond earlier.
TEST(AddWorkingDays, IsTheEarliestInstantWithNDaysOfWorkingTime) {
  for (const WorkingCalendar* cal : {&RealCalendar(), &SplitHoursCalendar()}) {
    const Duration per_day = duration_cast<Duration>(cal->office_hours().PerDay());
    for (Instant start = At("2024-09-01 00:00"); start < At("2025-03-01 00:00");
         start += hours{5}) {
      for (int n : {1, 2, 6}) {
        const Instant due = AddWorkingDays(*cal, start, n);
        ASSERT_EQ(WorkingTimeBetween(*cal, start, due), n * per_day) << FormatShanghai(start);
        ASSERT_LT(WorkingTimeBetween(*cal, start, due - milliseconds{1}), n * per_day)
            << FormatShanghai(start);
      }
    }
  }
}

TEST(AddWorkingTime, AddsPartialDaysAndIgnoresNonPositiveAmounts) {
  EXPECT_EQ(AddWorkingTime(RealCalendar(), At("2025-01-27 20:00"), hours{6}),
            At("2025-02-05 02:00"));
  EXPECT_EQ(AddWorkingTime(SplitHoursCalendar(), At("2025-01-27 11:00"), minutes{90}),
            At("2025-01-27 14:00"));
  EXPECT_EQ(AddWorkingTime(RealCalendar(), At("2025-01-30 15:00"), hours{-3}),
            At("2025-01-30 15:00"));
  EXPECT_EQ(AddWorkingDays(RealCalendar(), At("2025-01-30 15:00"), -1), At("2025-01-30 15:00"));
}

TEST(AddCalendarHours, CountsHolidaysAndNights) {
  EXPECT_EQ(AddCalendarHours(At("2025-01-27 20:00"), 24), At("2025-01-28 20:00"));
  EXPECT_EQ(AddCalendarHours(At("2024-09-30 22:00"), 72), At("2024-10-03 22:00"));
  EXPECT_EQ(AddCalendarHours(At("2024-09-30 22:00"), 0), At("2024-09-30 22:00"));
}

TEST(AddWorkingDays, BeyondCoverageFallsBackToMondayToFridayAndSaysSo) {
  const Instant start = At("2026-12-31 10:00");
  const Instant due = AddWorkingDays(RealCalendar(), start, 2);
  // 2027-01-01 is unknown to the file: counted as an ordinary Friday.
  EXPECT_EQ(due, At("2027-01-04 10:00"));
  EXPECT_EQ(RealCalendar().UncoveredYears(ShanghaiDate(start), ShanghaiDate(due)),
            std::vector<int>{2027});
  const Instant inside = AddWorkingDays(RealCalendar(), At("2025-01-24 10:00"), 3);
  EXPECT_TRUE(RealCalendar()
                  .UncoveredYears(ShanghaiDate(At("2025-01-24 10:00")), ShanghaiDate(inside))
                  .empty());
}

}  // namespace
}  // namespace zhitong::calendar
