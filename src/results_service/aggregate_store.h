// The SQL of the results aggregates, in one place: counter deltas added to the (unit, day) rows of
// results_daily, sums of them over a period, and the live part of the figures that no event
// marks (sign obligations and reply rounds still open past their due). Functions of a Tx.
#pragma once

#include <map>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "core/clock.h"
#include "core/error.h"
#include "results/definitions.h"
#include "results/ledger.h"
#include "results/period.h"
#include "storage/database.h"

namespace zhitong::results_service {

// Adds the deltas, one upsert per (unit, day) touched.
Result<void> AddDeltas(storage::Tx& tx, std::span<const results::Delta> deltas);
// Writes whole buckets (a generator's or a rebuild's sums), adding to what is there.
Result<void> AddBuckets(storage::Tx& tx, const results::Ledger& ledger);

// The counters of every unit of `kind` summed over the days of `period`; unit id → counts.
Result<std::map<std::string, results::Counts>> SumByUnit(storage::Tx& tx, results::UnitKind kind,
                                                         const results::Period& period);
// The counters of one unit (or, when unit is empty, of every unit of the kind) per month of
// `period`: (unit id, yyyymm) → counts.
Result<std::map<std::pair<std::string, int>, results::Counts>> SumByUnitAndMonth(
    storage::Tx& tx, results::UnitKind kind, const std::optional<std::string>& unit, const results::Period& period);

// Every stored bucket (for the recompute check).
Result<results::Ledger> LoadLedger(storage::Tx& tx);

// What is open past due at `now` with its due inside `period`, per unit: sign obligations not yet
// answered (requests still routed) and reply rounds not yet replied (signed or in progress).
struct OpenOverdue {
  int64_t signs = 0;
  int64_t replies = 0;
};
Result<std::map<std::string, OpenOverdue>> OpenOverdueByUnit(storage::Tx& tx, results::UnitKind kind,
                                                             const results::Period& period, Instant now);

}  // namespace zhitong::results_service
