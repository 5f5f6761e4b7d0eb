// The working-day calendar that every request deadline is counted on: which Shanghai calendar days
// are working days (public holidays and make-up workdays from the State Council notices, otherwise
// Monday to Friday) and the office hours inside them. Pure and immutable: built from entries or
// from the text of data/calendar/cn_holidays.csv, never reads a file or a clock. Thread-safe to
// share.
#pragma once

#include <chrono>
#include <map>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "calendar/office_hours.h"
#include "core/error.h"

namespace zhitong::calendar {

// What a listed date is.
enum class EntryKind {
  kHoliday,        // a day off (放假), whatever the weekday
  kMakeUpWorkday,  // a weekend day that is worked (调休上班)
};

struct CalendarEntry {
  std::chrono::year_month_day date;
  EntryKind kind = EntryKind::kHoliday;
  std::string name;     // the festival as the notice names it: 春节, 国庆节、中秋节 …
  std::string name_en;  // Spring Festival …

  friend bool operator==(const CalendarEntry&, const CalendarEntry&) = default;
};

// Why a day is or is not a working day.
enum class DayReason { kHoliday, kMakeUpWorkday, kWeekday, kWeekend };

struct DayInfo {
  bool working = false;
  DayReason reason = DayReason::kWeekday;
  // False when the day's year is not covered: the answer is then the Monday–Friday fallback (or an
  // entry found anyway, such as 2018-12-29 from the 2019 notice) and the caller should warn.
  bool covered = false;
  const CalendarEntry* entry = nullptr;  // the listed entry, if any; valid while the calendar lives
};

class WorkingCalendar {
 public:
  // Monday to Friday, whole-day office hours, no entries, no year covered.
  WorkingCalendar() = default;

  // Returns an error for an invalid date, a date listed twice (calendar.duplicate_date), or a
  // make-up workday that is not a Saturday or Sunday (calendar.workday_not_weekend).
  // `covered_years` are the years whose arrangement the entries hold completely.
  static Result<WorkingCalendar> Make(std::vector<CalendarEntry> entries,
                                      std::set<int> covered_years,
                                      OfficeHours hours = OfficeHours::WholeDay());

  // REQUIRES date.ok(). Explicit holiday → false; explicit make-up workday → true; otherwise
  // true iff Monday–Friday. Outside coverage this is the fallback; see Describe() and Covers().
  bool IsWorkingDay(std::chrono::year_month_day date) const;

  // REQUIRES date.ok(). IsWorkingDay with the reason, the entry and whether the year is covered.
  DayInfo Describe(std::chrono::year_month_day date) const;

  // True iff the calendar holds the complete arrangement of that year.
  bool Covers(int year) const { return covered_years_.contains(year); }
  // The years from `from` to `to` (inclusive, in either order) that are not covered, ascending:
  // empty means a deadline between these dates was counted on published data only.
  std::vector<int> UncoveredYears(std::chrono::year_month_day from,
                                  std::chrono::year_month_day to) const;
  const std::set<int>& covered_years() const { return covered_years_; }

  const OfficeHours& office_hours() const { return office_hours_; }
  // The same days with other office hours.
  WorkingCalendar WithOfficeHours(OfficeHours hours) const;

  // The entry for that date, or nullptr.
  const CalendarEntry* Find(std::chrono::year_month_day date) const;
  // All entries in date order.
  std::vector<CalendarEntry> Entries() const;
  size_t entry_count() const { return entries_.size(); }

 private:
  std::map<std::chrono::sys_days, CalendarEntry> entries_;
  std::set<int> covered_years_;
  OfficeHours office_hours_;
};

// Parses the text of a holiday file (format: data/calendar/README.md). Comments start with '#';
// "#! covers YYYY: <citation>" declares a covered year; the first other non-blank line must be the
// header "date,kind,name,name_en". Errors name the 1-based line, in English and Chinese:
// calendar.missing_header, calendar.malformed_line, calendar.invalid_date, calendar.unknown_kind,
// calendar.duplicate_date, calendar.conflicting_date (a date both holiday and workday),
// calendar.workday_not_weekend, calendar.unknown_directive.
Result<WorkingCalendar> ParseCalendarCsv(std::string_view text,
                                         OfficeHours hours = OfficeHours::WholeDay());

}  // namespace zhitong::calendar
