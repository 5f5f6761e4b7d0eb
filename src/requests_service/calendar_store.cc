#include "requests_service/calendar_store.h"

#include <set>
#include <vector>

#include "calendar/builtin_calendar.h"

namespace zhitong::requests_service {
namespace {

const storage::Sql kCountDays("SELECT COUNT(*) AS n FROM calendar_days");
const storage::Sql kInsertDay(
    "INSERT INTO calendar_days (date, kind, name, name_en, updated_at) VALUES (?, ?, ?, ?, ?)"
    " ON CONFLICT (date) DO NOTHING");
const storage::Sql kInsertYear(
    "INSERT INTO calendar_years (year, source) VALUES (?, ?) ON CONFLICT (year) DO NOTHING");
const storage::Sql kDays("SELECT date, kind, name, name_en FROM calendar_days ORDER BY date");
const storage::Sql kYears("SELECT year FROM calendar_years WHERE covered = 1 ORDER BY year");
const storage::Sql kRevision(
    "SELECT CAST(COALESCE(SUM(revision), 0) AS BIGINT) AS r, COUNT(*) AS n FROM calendar_years");

}  // namespace

Result<void> SeedCalendarIfEmpty(storage::Database& db, Instant now) {
  ZT_ASSIGN_OR_RETURN(calendar::WorkingCalendar builtin, calendar::BuiltInCalendar());
  return db.Write([&](storage::Tx& tx) -> Result<void> {
    ZT_ASSIGN_OR_RETURN(auto count, tx.Query(kCountDays));
    if (!count.empty() && count[0].i64("n") > 0) return Ok();
    for (const auto& e : builtin.Entries()) {
      const char* kind = e.kind == calendar::EntryKind::kHoliday ? "holiday" : "workday";
      ZT_TRY(tx.Exec(kInsertDay, FormatDate(e.date), kind, e.name, e.name_en, ToUnixMillis(now)));
    }
    for (int year : builtin.covered_years()) {
      ZT_TRY(tx.Exec(kInsertYear, year, "built-in: data/calendar/cn_holidays.csv"));
    }
    return Ok();
  });
}

Result<calendar::WorkingCalendar> LoadCalendar(storage::Tx& tx) {
  ZT_ASSIGN_OR_RETURN(auto days, tx.Query(kDays));
  ZT_ASSIGN_OR_RETURN(auto years, tx.Query(kYears));
  std::vector<calendar::CalendarEntry> entries;
  for (const auto& row : days) {
    ZT_ASSIGN_OR_RETURN(auto date, ParseDate(row.text("date")));
    entries.push_back({date, row.text("kind") == "holiday" ? calendar::EntryKind::kHoliday
                                                           : calendar::EntryKind::kMakeUpWorkday,
                       row.text("name"), row.text("name_en")});
  }
  std::set<int> covered;
  for (const auto& row : years) covered.insert(static_cast<int>(row.i64("year")));
  return calendar::WorkingCalendar::Make(std::move(entries), std::move(covered));
}

Result<int64_t> CalendarRevision(storage::Tx& tx) {
  ZT_ASSIGN_OR_RETURN(auto rows, tx.Query(kRevision));
  if (rows.empty()) return int64_t{0};
  return rows[0].i64("r") + rows[0].i64("n");
}

}  // namespace zhitong::requests_service
