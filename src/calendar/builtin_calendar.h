// The calendar shipped with Zhitong: data/calendar/cn_holidays.csv, compiled into the binary at
// build time, so that the server counts deadlines on the published notices without a data path.
// An administrator's edited copy is parsed with ParseCalendarCsv instead.
#pragma once

#include <string_view>

#include "calendar/working_calendar.h"

namespace zhitong::calendar {

// The text of data/calendar/cn_holidays.csv as it was at build time.
std::string_view BuiltInHolidayCsv();

// ParseCalendarCsv(BuiltInHolidayCsv(), hours). Fails only if the shipped file is broken, which
// the calendar tests rule out.
Result<WorkingCalendar> BuiltInCalendar(OfficeHours hours = OfficeHours::WholeDay());

}  // namespace zhitong::calendar
