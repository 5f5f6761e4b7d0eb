// The aggregates recomputed from the raw timelines: every request's events, oldest first, folded
// through results::Contributions with the dues the deadlines module gives on the calendar. Equal to
// what the observer kept (results_daily) unless something went wrong; `zhitong results check`
// and the tests compare the two, and `zhitong results rebuild` replaces the kept rows with it.
#pragma once

#include <cstdint>
#include <string>

#include "calendar/working_calendar.h"
#include "core/error.h"
#include "results/ledger.h"
#include "storage/database.h"

namespace zhitong::results_service {

// Reads requests in pages of `page` ids and their events.
Result<results::Ledger> RecomputeFromEvents(storage::Tx& tx, const calendar::WorkingCalendar& calendar,
                                            int64_t page = 2000);

// The buckets where two ledgers differ, as text lines ("department 3 20250304 sign_due: 2 vs 1"),
// at most `limit`; empty when they are equal (zero buckets ignored).
std::string LedgerDifferences(results::Ledger a, results::Ledger b, size_t limit = 20);

}  // namespace zhitong::results_service
