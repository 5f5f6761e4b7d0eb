// The shipped data file against the State Council General Office's notices, year by year, written
// out here a second time as the notices word them: each block of days off (first and last day
// named, every day between checked), each make-up workday (调休上班), and ordinary days next to
// them that must follow the normal week. A wrong, missing or extra date in the file fails here.
#include <gtest/gtest.h>

#include <map>

#include "calendar/builtin_calendar.h"
#include "calendar/test_util.h"

namespace zhitong::calendar {
namespace {

using namespace std::chrono;
using testing::Day;
using testing::RealCalendar;

struct Block {
  const char* name;
  const char* first;  // first day off
  const char* last;   // last day off
};

struct Around {
  const char* date;
  bool working;
};

struct YearNotice {
  int year;
  const char* notice;
  std::vector<Block> days_off;
  std::vector<const char*> workdays;  // 调休上班
  std::vector<Around> around;         // ordinary days: the normal week applies
  int total_days_off;                 // as the notices add up
};

void PrintTo(const YearNotice& n, std::ostream* os) { *os << n.year; }

const std::vector<YearNotice>& Notices() {
  static const std::vector<YearNotice> notices = {
      {2019,
       "国办发明电〔2018〕15号, May Day as changed by 国办发明电〔2019〕3号",
       {{"元旦", "2018-12-30", "2019-01-01"},
        {"春节", "2019-02-04", "2019-02-10"},
        {"清明节", "2019-04-05", "2019-04-05"},
        {"劳动节", "2019-05-01", "2019-05-04"},
        {"端午节", "2019-06-07", "2019-06-07"},
        {"中秋节", "2019-09-13", "2019-09-13"},
        {"国庆节", "2019-10-01", "2019-10-07"}},
       {"2018-12-29", "2019-02-02", "2019-02-03", "2019-04-28", "2019-05-05", "2019-09-29",
        "2019-10-12"},
       {{"2018-12-28", true},
        {"2019-01-02", true},
        {"2019-02-01", true},
        {"2019-02-11", true},
        {"2019-04-04", true},
        {"2019-04-06", false},
        {"2019-04-27", false},
        {"2019-04-30", true},
        {"2019-05-06", true},
        {"2019-06-08", false},
        {"2019-09-12", true},
        {"2019-09-28", false},
        {"2019-09-30", true},
        {"2019-10-08", true},
        {"2019-10-13", false}},
       24},
      {2020,
       "国办发明电〔2019〕16号, Spring Festival extended by 国办发明电〔2020〕1号",
       {{"元旦", "2020-01-01", "2020-01-01"},
        {"春节", "2020-01-24", "2020-02-02"},
        {"清明节", "2020-04-04", "2020-04-06"},
        {"劳动节", "2020-05-01", "2020-05-05"},
        {"端午节", "2020-06-25", "2020-06-27"},
        {"国庆节、中秋节", "2020-10-01", "2020-10-08"}},
       // Saturday 2020-02-01 was a make-up workday until the extension made it a day off.
       {"2020-01-19", "2020-04-26", "2020-05-09", "2020-06-28", "2020-09-27", "2020-10-10"},
       {{"2019-12-31", true},
        {"2020-01-02", true},
        {"2020-01-18", false},
        {"2020-01-23", true},
        {"2020-02-03", true},
        {"2020-04-03", true},
        {"2020-04-07", true},
        {"2020-04-25", false},
        {"2020-05-06", true},
        {"2020-05-10", false},
        {"2020-06-24", true},
        {"2020-09-26", false},
        {"2020-09-30", true},
        {"2020-10-09", true},
        {"2020-10-11", false}},
       30},
      {2021,
       "国办发明电〔2020〕27号",
       {{"元旦", "2021-01-01", "2021-01-03"},
        {"春节", "2021-02-11", "2021-02-17"},
        {"清明节", "2021-04-03", "2021-04-05"},
        {"劳动节", "2021-05-01", "2021-05-05"},
        {"端午节", "2021-06-12", "2021-06-14"},
        {"中秋节", "2021-09-19", "2021-09-21"},
        {"国庆节", "2021-10-01", "2021-10-07"}},
       {"2021-02-07", "2021-02-20", "2021-04-25", "2021-05-08", "2021-09-18", "2021-09-26",
        "2021-10-09"},
       {{"2020-12-31", true},
        {"2021-01-04", true},
        {"2021-02-06", false},
        {"2021-02-10", true},
        {"2021-02-18", true},
        {"2021-02-21", false},
        {"2021-04-02", true},
        {"2021-04-06", true},
        {"2021-04-24", false},
        {"2021-05-06", true},
        {"2021-05-09", false},
        {"2021-06-11", true},
        {"2021-06-15", true},
        {"2021-09-17", true},
        {"2021-09-22", true},
        {"2021-09-25", false},
        {"2021-09-30", true},
        {"2021-10-08", true},
        {"2021-10-10", false}},
       31},
      {2022,
       "国办发明电〔2021〕11号",
       {{"元旦", "2022-01-01", "2022-01-03"},
        {"春节", "2022-01-31", "2022-02-06"},
        {"清明节", "2022-04-03", "2022-04-05"},
        {"劳动节", "2022-04-30", "2022-05-04"},
        {"端午节", "2022-06-03", "2022-06-05"},
        {"中秋节", "2022-09-10", "2022-09-12"},
        {"国庆节", "2022-10-01", "2022-10-07"}},
       {"2022-01-29", "2022-01-30", "2022-04-02", "2022-04-24", "2022-05-07", "2022-10-08",
        "2022-10-09"},
       {{"2021-12-31", true},
        {"2022-01-04", true},
        {"2022-01-28", true},
        {"2022-02-07", true},
        {"2022-04-01", true},
        {"2022-04-06", true},
        {"2022-04-23", false},
        {"2022-04-29", true},
        {"2022-05-05", true},
        {"2022-05-08", false},
        {"2022-06-02", true},
        {"2022-06-06", true},
        {"2022-09-09", true},
        {"2022-09-13", true},
        {"2022-09-30", true},
        {"2022-10-10", true}},
       31},
      {2023,
       "国办发明电〔2022〕16号",
       {{"元旦", "2022-12-31", "2023-01-02"},
        {"春节", "2023-01-21", "2023-01-27"},
        {"清明节", "2023-04-05", "2023-04-05"},
        {"劳动节", "2023-04-29", "2023-05-03"},
        {"端午节", "2023-06-22", "2023-06-24"},
        {"中秋节、国庆节", "2023-09-29", "2023-10-06"}},
       {"2023-01-28", "2023-01-29", "2023-04-23", "2023-05-06", "2023-06-25", "2023-10-07",
        "2023-10-08"},
       {{"2022-12-30", true},
        {"2023-01-03", true},
        {"2023-01-20", true},
        {"2023-01-30", true},
        {"2023-04-04", true},
        {"2023-04-06", true},
        {"2023-04-22", false},
        {"2023-04-28", true},
        {"2023-05-04", true},
        {"2023-05-07", false},
        {"2023-06-21", true},
        {"2023-06-26", true},
        {"2023-09-28", true},
        {"2023-10-09", true}},
       27},
      {2024,
       "国办发明电〔2023〕7号",
       {{"元旦", "2024-01-01", "2024-01-01"},
        {"春节", "2024-02-10", "2024-02-17"},
        {"清明节", "2024-04-04", "2024-04-06"},
        {"劳动节", "2024-05-01", "2024-05-05"},
        {"端午节", "2024-06-10", "2024-06-10"},
        {"中秋节", "2024-09-15", "2024-09-17"},
        {"国庆节", "2024-10-01", "2024-10-07"}},
       {"2024-02-04", "2024-02-18", "2024-04-07", "2024-04-28", "2024-05-11", "2024-09-14",
        "2024-09-29", "2024-10-12"},
       // 2024-02-09 (除夕): the notice only encourages employers to give it; it is a working day.
       {{"2023-12-29", true},  {"2023-12-30", false}, {"2024-01-02", true}, {"2024-02-03", false},
        {"2024-02-09", true},  {"2024-02-19", true},  {"2024-04-03", true}, {"2024-04-08", true},
        {"2024-04-27", false}, {"2024-04-30", true},  {"2024-05-06", true}, {"2024-05-12", false},
        {"2024-06-07", true},  {"2024-06-08", false}, {"2024-06-11", true}, {"2024-09-13", true},
        {"2024-09-18", true},  {"2024-09-28", false}, {"2024-09-30", true}, {"2024-10-08", true},
        {"2024-10-13", false}},
       28},
      {2025,
       "国办发明电〔2024〕12号",
       {{"元旦", "2025-01-01", "2025-01-01"},
        {"春节", "2025-01-28", "2025-02-04"},
        {"清明节", "2025-04-04", "2025-04-06"},
        {"劳动节", "2025-05-01", "2025-05-05"},
        {"端午节", "2025-05-31", "2025-06-02"},
        {"国庆节、中秋节", "2025-10-01", "2025-10-08"}},
       {"2025-01-26", "2025-02-08", "2025-04-27", "2025-09-28", "2025-10-11"},
       {{"2024-12-31", true},
        {"2025-01-02", true},
        {"2025-01-25", false},
        {"2025-01-27", true},
        {"2025-02-05", true},
        {"2025-02-09", false},
        {"2025-04-03", true},
        {"2025-04-07", true},
        {"2025-04-26", false},
        {"2025-04-30", true},
        {"2025-05-06", true},
        {"2025-05-30", true},
        {"2025-06-03", true},
        {"2025-09-27", false},
        {"2025-09-30", true},
        {"2025-10-09", true},
        {"2025-10-12", false}},
       28},
      {2026,
       "国办发明电〔2025〕7号",
       {{"元旦", "2026-01-01", "2026-01-03"},
        {"春节", "2026-02-15", "2026-02-23"},
        {"清明节", "2026-04-04", "2026-04-06"},
        {"劳动节", "2026-05-01", "2026-05-05"},
        {"端午节", "2026-06-19", "2026-06-21"},
        {"中秋节", "2026-09-25", "2026-09-27"},
        {"国庆节", "2026-10-01", "2026-10-07"}},
       {"2026-01-04", "2026-02-14", "2026-02-28", "2026-05-09", "2026-09-20", "2026-10-10"},
       {{"2025-12-31", true},
        {"2026-01-05", true},
        {"2026-02-13", true},
        {"2026-02-24", true},
        {"2026-02-27", true},
        {"2026-03-01", false},
        {"2026-04-03", true},
        {"2026-04-07", true},
        {"2026-04-30", true},
        {"2026-05-06", true},
        {"2026-05-10", false},
        {"2026-06-18", true},
        {"2026-06-22", true},
        {"2026-09-19", false},
        {"2026-09-24", true},
        {"2026-09-28", true},
        {"2026-09-30", true},
        {"2026-10-08", true},
        {"2026-10-11", false}},
       33},
  };
  return notices;
}

class NoticeYear : public ::testing::TestWithParam<YearNotice> {};

TEST_P(NoticeYear, IsCovered) { EXPECT_TRUE(RealCalendar().Covers(GetParam().year)); }

TEST_P(NoticeYear, EveryDayOfEveryBlockIsADayOff) {
  int counted = 0;
  for (const Block& b : GetParam().days_off) {
    for (sys_days d{Day(b.first)}; d <= sys_days{Day(b.last)}; d += days{1}) {
      const DayInfo info = RealCalendar().Describe(year_month_day{d});
      SCOPED_TRACE(FormatDate(year_month_day{d}));
      EXPECT_FALSE(info.working);
      EXPECT_EQ(info.reason, DayReason::kHoliday);
      ASSERT_NE(info.entry, nullptr);
      EXPECT_EQ(info.entry->name, b.name);
      ++counted;
    }
  }
  EXPECT_EQ(counted, GetParam().total_days_off) << GetParam().notice;
}

TEST_P(NoticeYear, EveryMakeUpWorkdayIsAWorkedWeekendDay) {
  for (const char* date : GetParam().workdays) {
    SCOPED_TRACE(date);
    const DayInfo info = RealCalendar().Describe(Day(date));
    EXPECT_TRUE(info.working);
    EXPECT_EQ(info.reason, DayReason::kMakeUpWorkday);
    const weekday wd{sys_days{Day(date)}};
    EXPECT_TRUE(wd == Saturday || wd == Sunday);
  }
}

TEST_P(NoticeYear, DaysAroundTheBlocksFollowTheNormalWeek) {
  for (const Around& a : GetParam().around) {
    SCOPED_TRACE(a.date);
    const DayInfo info = RealCalendar().Describe(Day(a.date));
    EXPECT_EQ(info.working, a.working);
    EXPECT_EQ(info.entry, nullptr);
    EXPECT_EQ(info.reason, a.working ? DayReason::kWeekday : DayReason::kWeekend);
  }
}

INSTANTIATE_TEST_SUITE_P(Notices, NoticeYear, ::testing::ValuesIn(Notices()),
                         [](const auto& info) { return std::to_string(info.param.year); });

// The file holds exactly the notices' days: nothing missing, nothing extra.
TEST(HolidayFile, HoldsExactlyTheDaysOfTheNotices) {
  std::map<std::string, EntryKind> expected;
  for (const YearNotice& n : Notices()) {
    for (const Block& b : n.days_off) {
      for (sys_days d{Day(b.first)}; d <= sys_days{Day(b.last)}; d += days{1}) {
        expected[FormatDate(year_month_day{d})] = EntryKind::kHoliday;
      }
    }
    for (const char* w : n.workdays) expected[w] = EntryKind::kMakeUpWorkday;
  }
  std::map<std::string, EntryKind> actual;
  for (const CalendarEntry& e : RealCalendar().Entries()) actual[FormatDate(e.date)] = e.kind;
  EXPECT_EQ(actual, expected);
  EXPECT_EQ(actual.size(), 232u + 53u);  // days off + make-up workdays, 2019-2026
}

TEST(HolidayFile, CoversExactly2019To2026) {
  EXPECT_EQ(RealCalendar().covered_years(),
            (std::set<int>{2019, 2020, 2021, 2022, 2023, 2024, 2025, 2026}));
  // 2018-12-29..31 come from the 2019 notice; the rest of 2018 is not in the file.
  EXPECT_FALSE(RealCalendar().Covers(2018));
  EXPECT_FALSE(RealCalendar().Covers(2027));
}

TEST(HolidayFile, EveryEntryHasAnEnglishName) {
  const std::map<std::string, std::string> english = {
      {"元旦", "New Year's Day"},
      {"春节", "Spring Festival"},
      {"清明节", "Qingming Festival"},
      {"劳动节", "Labour Day"},
      {"端午节", "Dragon Boat Festival"},
      {"中秋节", "Mid-Autumn Festival"},
      {"国庆节", "National Day"},
      {"国庆节、中秋节", "National Day and Mid-Autumn Festival"},
      {"中秋节、国庆节", "Mid-Autumn Festival and National Day"}};
  for (const CalendarEntry& e : RealCalendar().Entries()) {
    ASSERT_TRUE(english.contains(e.name)) << FormatDate(e.date) << " " << e.name;
    EXPECT_EQ(e.name_en, english.at(e.name)) << FormatDate(e.date);
  }
}

TEST(HolidayFile, BuiltInCopyIsTheFile) {
  EXPECT_EQ(BuiltInHolidayCsv(), testing::HolidayFileText());
  auto builtin = BuiltInCalendar();
  ASSERT_TRUE(builtin) << builtin.error().ToString();
  EXPECT_EQ(builtin->Entries(), RealCalendar().Entries());
}

}  // namespace
}  // namespace zhitong::calendar
