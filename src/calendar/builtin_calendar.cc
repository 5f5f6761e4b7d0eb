#include "calendar/builtin_calendar.h"

#include "core/embedded.h"

namespace zhitong::embedded {
extern const EmbeddedFile calendar_data[];
extern const size_t calendar_data_count;
}  // namespace zhitong::embedded

namespace zhitong::calendar {

std::string_view BuiltInHolidayCsv() {
  for (size_t i = 0; i < embedded::calendar_data_count; ++i) {
    if (std::string_view(embedded::calendar_data[i].path) == "cn_holidays.csv") {
      return embedded::calendar_data[i].content;
    }
  }
  return {};
}

Result<WorkingCalendar> BuiltInCalendar(OfficeHours hours) {
  return ParseCalendarCsv(BuiltInHolidayCsv(), std::move(hours));
}

}  // namespace zhitong::calendar
