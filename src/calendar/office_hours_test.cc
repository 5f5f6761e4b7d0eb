// Office hours: parsing, validation and the length of one working day.
#include "calendar/office_hours.h"

#include <gtest/gtest.h>

namespace zhitong::calendar {
namespace {

using std::chrono::minutes;

TEST(OfficeHours, DefaultIsTheWholeDay) {
  const OfficeHours h;
  EXPECT_TRUE(h.IsWholeDay());
  EXPECT_EQ(h.PerDay(), minutes{24 * 60});
  EXPECT_EQ(h.ToString(), "00:00-24:00");
}

TEST(OfficeHours, ParsesSplitHoursAndMeasuresTheDay) {
  auto h = OfficeHours::Parse("09:00-12:00, 13:30-17:30");
  ASSERT_TRUE(h) << h.error().ToString();
  EXPECT_EQ(h->intervals().size(), 2u);
  EXPECT_EQ(h->PerDay(), minutes{7 * 60});
  EXPECT_FALSE(h->IsWholeDay());
  EXPECT_EQ(h->ToString(), "09:00-12:00,13:30-17:30");
  EXPECT_EQ(*OfficeHours::Parse(h->ToString()), *h);
}

TEST(OfficeHours, AcceptsTouchingIntervalsAndMidnightEnd) {
  EXPECT_TRUE(OfficeHours::Parse("08:00-12:00,12:00-24:00"));
  EXPECT_EQ(*OfficeHours::Parse("00:00-24:00"), OfficeHours::WholeDay());
}

struct BadHours {
  const char* text;
};
void PrintTo(const BadHours& b, std::ostream* os) { *os << '"' << b.text << '"'; }

class OfficeHoursRejects : public ::testing::TestWithParam<BadHours> {};

TEST_P(OfficeHoursRejects, WithABilingualError) {
  auto h = OfficeHours::Parse(GetParam().text);
  ASSERT_FALSE(h);
  EXPECT_EQ(h.error().code, "calendar.office_hours_invalid");
  EXPECT_FALSE(h.error().message_zh.empty());
}

INSTANTIATE_TEST_SUITE_P(Malformed, OfficeHoursRejects,
                         ::testing::Values(BadHours{""}, BadHours{"9:00-12:00"}, BadHours{"09:00"},
                                           BadHours{"12:00-09:00"}, BadHours{"09:00-09:00"},
                                           BadHours{"09:00-12:00,11:00-13:00"},
                                           BadHours{"13:30-17:30,09:00-12:00"},
                                           BadHours{"24:00-24:00"}, BadHours{"09:00-24:30"},
                                           BadHours{"09:60-10:00"}, BadHours{"09:00-12:00,"}));

TEST(OfficeHours, FromIntervalsRejectsEmpty) {
  auto h = OfficeHours::FromIntervals({});
  ASSERT_FALSE(h);
  EXPECT_EQ(h.error().code, "calendar.office_hours_invalid");
}

}  // namespace
}  // namespace zhitong::calendar
