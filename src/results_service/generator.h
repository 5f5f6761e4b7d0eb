// A plausible history of direct-line requests for benchmarks and the recompute check: requests
// of the directory's enterprises over a number of months, each carried through the pure request
// domain (Submit, Decide, Apply — the same events the service would write, hash-chained) by a
// seeded random script: accept, route to the category's department, sometimes transfer, sign
// (sometimes late), sometimes wait for the requester, reply, rate (or auto-close), appeal,
// rectify and revisit bad ratings, reopen, merge, withdraw. Each event's counter deltas come from
// results::Contributions with the deadlines module's dues, exactly as the observer computes them;
// the generator sums them in memory and writes the requests, their events (optional) and the
// summed (unit, day) rows in bulk, in batches of one transaction each. Deterministic for a seed.
#pragma once

#include <cstdint>
#include <functional>

#include "calendar/working_calendar.h"
#include "core/clock.h"
#include "core/error.h"
#include "storage/database.h"

namespace zhitong::results_service {

struct GenerateOptions {
  int64_t requests = 100000;
  int months = 12;
  uint64_t seed = 1;
  Instant end{};             // the history ends here (events after it are not made)
  bool write_events = true;  // also write request_events (the timelines) and index their text for
                             // search; off for size benchmarks
  int batch = 2000;          // requests per transaction
};

struct GenerateStats {
  int64_t requests = 0;
  int64_t events = 0;
  int64_t buckets = 0;  // (unit, day) rows written
};

// Needs a directory with enterprises and departments (e.g. `zhitong demo`); uses the first user
// of each enterprise as its requester (else any user), and active liaison assignments for the
// liaison. kInvalid "generate.no_directory" when there are no enterprises or departments.
Result<GenerateStats> GenerateHistory(storage::Database& db, const calendar::WorkingCalendar& calendar,
                                      const GenerateOptions& options,
                                      const std::function<void(const GenerateStats&)>& progress = {});

}  // namespace zhitong::results_service
