// Helpers for the calendar tests: the real data file and readable instants.
#pragma once

#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>

#include "calendar/working_calendar.h"
#include "core/clock.h"

namespace zhitong::calendar::testing {

// The text of $ZHITONG_SOURCE_DIR/data/calendar/cn_holidays.csv (the source root when unset).
inline std::string HolidayFileText() {
  const char* root = std::getenv("ZHITONG_SOURCE_DIR");
  const std::string path = std::string(root ? root : ".") + "/data/calendar/cn_holidays.csv";
  std::ifstream in(path, std::ios::binary);
  EXPECT_TRUE(in.good()) << "cannot read " << path;
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// The calendar of the real data file, parsed once, with whole-day office hours.
inline const WorkingCalendar& RealCalendar() {
  static const WorkingCalendar cal = [] {
    auto parsed = ParseCalendarCsv(HolidayFileText());
    EXPECT_TRUE(parsed) << parsed.error().ToString();
    return parsed ? *parsed : WorkingCalendar();
  }();
  return cal;
}

// The real calendar with office hours 09:00-12:00 and 13:30-17:30 (7 h a day).
inline const WorkingCalendar& SplitHoursCalendar() {
  static const WorkingCalendar cal =
      RealCalendar().WithOfficeHours(*OfficeHours::Parse("09:00-12:00,13:30-17:30"));
  return cal;
}

// "2025-01-24 10:00" (Shanghai local time) → Instant.
inline Instant At(const std::string& local) {
  auto t = ParseTimestamp(
      local.size() == 16 ? local.substr(0, 10) + "T" + local.substr(11) + ":00+08:00" : local);
  EXPECT_TRUE(t) << "bad test instant " << local;
  return t ? *t : Instant{};
}

inline std::chrono::year_month_day Day(const std::string& text) {
  auto d = ParseDate(text);
  EXPECT_TRUE(d) << "bad test date " << text;
  return d ? *d : std::chrono::year_month_day{};
}

}  // namespace zhitong::calendar::testing
