// ParseCalendarCsv: what a holiday file may contain, and the line-precise, bilingual error for each
// way a line can be wrong.
#include <gtest/gtest.h>

#include "calendar/test_util.h"
#include "calendar/working_calendar.h"

namespace zhitong::calendar {
namespace {

using testing::Day;

constexpr const char* kHeader = "date,kind,name,name_en\n";

TEST(CalendarCsv, ParsesEntriesCommentsBlankLinesAndCoverage) {
  auto cal = ParseCalendarCsv(
      "# a comment before the header\n"
      "\n"
      "date,kind,name,name_en\n"
      "#! covers 2025: 国务院办公厅关于2025年部分节假日安排的通知（国办发明电〔2024〕12号）\n"
      "2025-01-28,holiday,春节,Spring Festival\n"
      "  2025-01-26 , workday , 春节 , Spring Festival  \r\n"
      "# trailing comment\n");
  ASSERT_TRUE(cal) << cal.error().ToString();
  EXPECT_EQ(cal->entry_count(), 2u);
  EXPECT_TRUE(cal->Covers(2025));
  EXPECT_FALSE(cal->Covers(2024));
  const CalendarEntry* e = cal->Find(Day("2025-01-26"));
  ASSERT_NE(e, nullptr);
  EXPECT_EQ(e->kind, EntryKind::kMakeUpWorkday);
  EXPECT_EQ(e->name, "春节");
  EXPECT_EQ(e->name_en, "Spring Festival");
}

TEST(CalendarCsv, AYearMayBeCitedByMoreThanOneNotice) {
  auto cal = ParseCalendarCsv(std::string(kHeader) +
                              "#! covers 2020: 国办发明电〔2019〕16号\n"
                              "#! covers 2020: 国办发明电〔2020〕1号\n");
  ASSERT_TRUE(cal) << cal.error().ToString();
  EXPECT_EQ(cal->covered_years(), (std::set<int>{2020}));
}

TEST(CalendarCsv, HeaderOnlyIsAnEmptyCalendar) {
  auto cal = ParseCalendarCsv(kHeader);
  ASSERT_TRUE(cal);
  EXPECT_EQ(cal->entry_count(), 0u);
  EXPECT_TRUE(cal->covered_years().empty());
}

struct BadFile {
  const char* what;
  std::string text;
  std::string code;
  int line;
};
void PrintTo(const BadFile& b, std::ostream* os) { *os << b.what; }

class CalendarCsvRejects : public ::testing::TestWithParam<BadFile> {};

TEST_P(CalendarCsvRejects, NamingTheLineInEnglishAndChinese) {
  const BadFile& c = GetParam();
  auto cal = ParseCalendarCsv(c.text);
  ASSERT_FALSE(cal) << c.what;
  const Error& e = cal.error();
  EXPECT_EQ(e.code, c.code);
  EXPECT_EQ(e.kind, ErrorKind::kInvalid);
  EXPECT_EQ(e.message.rfind("line " + std::to_string(c.line) + ": ", 0), 0u) << e.message;
  EXPECT_EQ(e.message_zh.rfind("第 " + std::to_string(c.line) + " 行：", 0), 0u) << e.message_zh;
  ASSERT_EQ(e.fields.size(), 1u);
  EXPECT_EQ(e.fields[0].field, "line:" + std::to_string(c.line));
}

const std::string H = kHeader;
const std::string kOk = "2025-01-28,holiday,春节,Spring Festival\n";

INSTANTIATE_TEST_SUITE_P(
    Lines, CalendarCsvRejects,
    ::testing::Values(
        BadFile{"empty file", "", "calendar.missing_header", 1},
        BadFile{"comments only", "# x\n# y\n", "calendar.missing_header", 2},
        BadFile{"data before header", kOk + H, "calendar.missing_header", 1},
        BadFile{"header misspelt", "date,type,name,name_en\n", "calendar.missing_header", 1},
        BadFile{"three fields", H + kOk + "2025-01-29,holiday,春节\n", "calendar.malformed_line",
                3},
        BadFile{"five fields (comma in a name)",
                H + "2025-10-01,holiday,国庆节,中秋节,National Day\n", "calendar.malformed_line",
                2},
        BadFile{"empty name", H + "2025-01-28,holiday,,Spring Festival\n",
                "calendar.malformed_line", 2},
        BadFile{"empty English name", H + "2025-01-28,holiday,春节,\n", "calendar.malformed_line",
                2},
        BadFile{"date with slashes", H + "2025/01/28,holiday,春节,Spring Festival\n",
                "calendar.invalid_date", 2},
        BadFile{"no such day", H + kOk + "\n2025-02-30,holiday,春节,Spring Festival\n",
                "calendar.invalid_date", 4},
        BadFile{"unknown kind", H + "2025-01-28,off,春节,Spring Festival\n",
                "calendar.unknown_kind", 2},
        BadFile{"kind in capitals", H + "2025-01-28,Holiday,春节,Spring Festival\n",
                "calendar.unknown_kind", 2},
        BadFile{"duplicate date", H + kOk + "# again\n" + kOk, "calendar.duplicate_date", 4},
        BadFile{"date marked both ways",
                H + "2025-01-26,holiday,春节,Spring Festival\n" +
                    "2025-01-26,workday,春节,Spring Festival\n",
                "calendar.conflicting_date", 3},
        BadFile{"make-up workday on a Tuesday", H + "2025-01-28,workday,春节,Spring Festival\n",
                "calendar.workday_not_weekend", 2},
        BadFile{"unknown directive", H + "#! include other.csv\n", "calendar.unknown_directive", 2},
        BadFile{"covers without a year", H + "#! covers next year\n", "calendar.unknown_directive",
                2},
        BadFile{"covers with a 5-digit year", H + "#! covers 20255: x\n",
                "calendar.unknown_directive", 2}));

TEST(CalendarCsv, ConflictMessageNamesBothLines) {
  auto cal = ParseCalendarCsv(H + "2025-01-26,holiday,春节,Spring Festival\n" +
                              "2025-01-26,workday,春节,Spring Festival\n");
  ASSERT_FALSE(cal);
  EXPECT_NE(cal.error().message.find("also line 2"), std::string::npos) << cal.error().message;
  EXPECT_NE(cal.error().message_zh.find("另见第 2 行"), std::string::npos)
      << cal.error().message_zh;
}

TEST(CalendarCsv, MakeFromEntriesRejectsDuplicatesAndWeekdayWorkdays) {
  const CalendarEntry a{Day("2025-01-28"), EntryKind::kHoliday, "春节", "Spring Festival"};
  auto dup = WorkingCalendar::Make({a, a}, {2025});
  ASSERT_FALSE(dup);
  EXPECT_EQ(dup.error().code, "calendar.duplicate_date");
  auto weekday = WorkingCalendar::Make(
      {{Day("2025-01-27"), EntryKind::kMakeUpWorkday, "春节", "Spring Festival"}}, {2025});
  ASSERT_FALSE(weekday);
  EXPECT_EQ(weekday.error().code, "calendar.workday_not_weekend");
}

}  // namespace
}  // namespace zhitong::calendar
