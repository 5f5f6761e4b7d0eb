// The working-day calendar in the database (calendar_days, calendar_years): loaded from the
// built-in data (data/calendar/cn_holidays.csv, compiled in) on first start, read back as a
// calendar::WorkingCalendar that every deadline is counted on. Administrators edit the rows later.
#pragma once

#include "calendar/working_calendar.h"
#include "core/clock.h"
#include "core/error.h"
#include "storage/database.h"

namespace zhitong::requests_service {

// Inserts the built-in entries and covered years when calendar_days is empty; a no-op otherwise.
// Safe when several servers start together (ON CONFLICT DO NOTHING).
Result<void> SeedCalendarIfEmpty(storage::Database& db, Instant now);

// The calendar the rows describe (whole-day office hours): the listed days, and the years marked
// covered.
Result<calendar::WorkingCalendar> LoadCalendar(storage::Tx& tx);

// A number that changes whenever an administrator saves a year (the sum of the years' revisions
// plus their count), to tell whether a loaded calendar is still current.
Result<int64_t> CalendarRevision(storage::Tx& tx);

}  // namespace zhitong::requests_service
