#include "calendar/working_calendar.h"

#include <fmt/format.h>

#include "core/clock.h"

namespace zhitong::calendar {
namespace {

using namespace std::chrono;

bool IsWeekend(year_month_day date) {
  const weekday wd{sys_days{date}};
  return wd == Saturday || wd == Sunday;
}

}  // namespace

Result<WorkingCalendar> WorkingCalendar::Make(std::vector<CalendarEntry> entries,
                                              std::set<int> covered_years, OfficeHours hours) {
  WorkingCalendar cal;
  for (auto& e : entries) {
    if (!e.date.ok()) {
      return Error::Invalid("calendar.invalid_date", "a calendar entry has an invalid date",
                            "日历条目的日期无效");
    }
    const std::string date = FormatDate(e.date);
    if (e.kind == EntryKind::kMakeUpWorkday && !IsWeekend(e.date)) {
      return Error::Invalid(
          "calendar.workday_not_weekend",
          fmt::format("{} is a make-up workday but not a Saturday or Sunday", date),
          fmt::format("{} 标为调休上班，但不是周六或周日", date));
    }
    const sys_days key{e.date};
    if (cal.entries_.contains(key)) {
      return Error::Invalid("calendar.duplicate_date", fmt::format("{} is listed twice", date),
                            fmt::format("日期 {} 重复出现", date));
    }
    cal.entries_.emplace(key, std::move(e));
  }
  cal.covered_years_ = std::move(covered_years);
  cal.office_hours_ = std::move(hours);
  return cal;
}

const CalendarEntry* WorkingCalendar::Find(year_month_day date) const {
  const auto it = entries_.find(sys_days{date});
  return it == entries_.end() ? nullptr : &it->second;
}

DayInfo WorkingCalendar::Describe(year_month_day date) const {
  DayInfo info;
  info.covered = Covers(int(date.year()));
  info.entry = Find(date);
  if (info.entry != nullptr) {
    info.working = info.entry->kind == EntryKind::kMakeUpWorkday;
    info.reason = info.working ? DayReason::kMakeUpWorkday : DayReason::kHoliday;
  } else {
    info.working = !IsWeekend(date);
    info.reason = info.working ? DayReason::kWeekday : DayReason::kWeekend;
  }
  return info;
}

bool WorkingCalendar::IsWorkingDay(year_month_day date) const { return Describe(date).working; }

std::vector<int> WorkingCalendar::UncoveredYears(year_month_day from, year_month_day to) const {
  int a = int(from.year()), b = int(to.year());
  if (a > b) std::swap(a, b);
  std::vector<int> out;
  for (int y = a; y <= b; ++y) {
    if (!Covers(y)) out.push_back(y);
  }
  return out;
}

WorkingCalendar WorkingCalendar::WithOfficeHours(OfficeHours hours) const {
  WorkingCalendar copy = *this;
  copy.office_hours_ = std::move(hours);
  return copy;
}

std::vector<CalendarEntry> WorkingCalendar::Entries() const {
  std::vector<CalendarEntry> out;
  out.reserve(entries_.size());
  for (const auto& [day, entry] : entries_) out.push_back(entry);
  return out;
}

}  // namespace zhitong::calendar
