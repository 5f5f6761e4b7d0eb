// WorkingCalendar: the three rules of a working day, what it says about coverage, and office hours.
#include "calendar/working_calendar.h"

#include <gtest/gtest.h>

#include "calendar/test_util.h"

namespace zhitong::calendar {
namespace {

using testing::Day;
using testing::RealCalendar;

struct DayCase {
  const char* date;
  bool working;
  DayReason reason;
  const char* why;
};
void PrintTo(const DayCase& c, std::ostream* os) { *os << c.date << " " << c.why; }

class WorkingDayRule : public ::testing::TestWithParam<DayCase> {};

TEST_P(WorkingDayRule, FollowsHolidayThenWorkdayThenWeekday) {
  const DayInfo info = RealCalendar().Describe(Day(GetParam().date));
  EXPECT_EQ(info.working, GetParam().working);
  EXPECT_EQ(info.reason, GetParam().reason);
  EXPECT_EQ(RealCalendar().IsWorkingDay(Day(GetParam().date)), GetParam().working);
}

INSTANTIATE_TEST_SUITE_P(
    Rules, WorkingDayRule,
    ::testing::Values(
        DayCase{"2024-10-01", false, DayReason::kHoliday, "a holiday on a Tuesday is off"},
        DayCase{"2024-10-05", false, DayReason::kHoliday, "a holiday on a Saturday is off"},
        DayCase{"2024-10-12", true, DayReason::kMakeUpWorkday, "a make-up Saturday is worked"},
        DayCase{"2024-09-29", true, DayReason::kMakeUpWorkday, "a make-up Sunday is worked"},
        DayCase{"2024-10-08", true, DayReason::kWeekday, "an ordinary Tuesday is worked"},
        DayCase{"2024-10-19", false, DayReason::kWeekend, "an ordinary Saturday is off"},
        DayCase{"2024-10-20", false, DayReason::kWeekend, "an ordinary Sunday is off"},
        DayCase{"2027-01-01", true, DayReason::kWeekday, "outside coverage: Friday, so worked"},
        DayCase{"2018-12-29", true, DayReason::kMakeUpWorkday, "a listed day outside coverage"}));

TEST(WorkingCalendar, ReportsWhetherADayIsCovered) {
  EXPECT_TRUE(RealCalendar().Describe(Day("2026-12-31")).covered);
  EXPECT_FALSE(RealCalendar().Describe(Day("2027-01-01")).covered);
  EXPECT_FALSE(RealCalendar().Describe(Day("2018-12-29")).covered);
  EXPECT_TRUE(RealCalendar().Describe(Day("2019-01-01")).covered);
}

TEST(WorkingCalendar, ListsUncoveredYearsBetweenTwoDates) {
  EXPECT_TRUE(RealCalendar().UncoveredYears(Day("2019-01-01"), Day("2026-12-31")).empty());
  EXPECT_EQ(RealCalendar().UncoveredYears(Day("2026-12-20"), Day("2027-01-10")),
            std::vector<int>{2027});
  EXPECT_EQ(RealCalendar().UncoveredYears(Day("2019-01-05"), Day("2018-12-28")),
            std::vector<int>{2018});
}

TEST(WorkingCalendar, EmptyCalendarIsMondayToFridayAndCoversNothing) {
  const WorkingCalendar empty;
  EXPECT_TRUE(empty.IsWorkingDay(Day("2025-01-28")));   // Spring Festival unknown: a Tuesday
  EXPECT_FALSE(empty.IsWorkingDay(Day("2025-01-26")));  // make-up day unknown: a Sunday
  EXPECT_FALSE(empty.Covers(2025));
  EXPECT_TRUE(empty.office_hours().IsWholeDay());
}

TEST(WorkingCalendar, WithOfficeHoursKeepsTheDays) {
  const WorkingCalendar split =
      RealCalendar().WithOfficeHours(*OfficeHours::Parse("09:00-12:00,13:30-17:30"));
  EXPECT_EQ(split.office_hours().PerDay(), std::chrono::minutes{420});
  EXPECT_EQ(split.Entries(), RealCalendar().Entries());
  EXPECT_EQ(split.covered_years(), RealCalendar().covered_years());
  EXPECT_TRUE(RealCalendar().office_hours().IsWholeDay());  // the original is unchanged
}

TEST(WorkingCalendar, MakeKeepsEntriesInDateOrder) {
  auto cal = WorkingCalendar::Make(
      {{Day("2025-02-08"), EntryKind::kMakeUpWorkday, "春节", "Spring Festival"},
       {Day("2025-01-28"), EntryKind::kHoliday, "春节", "Spring Festival"}},
      {2025});
  ASSERT_TRUE(cal);
  const auto entries = cal->Entries();
  ASSERT_EQ(entries.size(), 2u);
  EXPECT_EQ(FormatDate(entries[0].date), "2025-01-28");
  EXPECT_EQ(FormatDate(entries[1].date), "2025-02-08");
}

}  // namespace
}  // namespace zhitong::calendar
