// Sums of counter deltas per (unit, day), and the fold of a whole timeline through
// Contributions(): what the maintained aggregates must equal when recomputed from the raw events.
// Pure.
#pragma once

#include <functional>
#include <map>
#include <span>
#include <string>
#include <tuple>
#include <vector>

#include "core/error.h"
#include "requests/event.h"
#include "requests/model.h"
#include "results/definitions.h"

namespace zhitong::results {

// (unit kind, unit id, day) → counters. Ordered, so two ledgers compare and print stably.
struct BucketKey {
  UnitKind kind = UnitKind::kCity;
  std::string unit;
  DayKey day = 0;
  auto operator<=>(const BucketKey&) const = default;
};

class Ledger {
 public:
  void Add(const Delta& d) { buckets_[BucketKey{d.kind, d.unit, d.day}][d.counter] += d.value; }
  void Add(std::span<const Delta> deltas) {
    for (const Delta& d : deltas) Add(d);
  }
  // Buckets whose counters are all zero are dropped, so that a ledger built from different
  // histories of the same facts compares equal.
  void DropZeros();
  const std::map<BucketKey, Counts>& buckets() const { return buckets_; }
  std::map<BucketKey, Counts>& buckets() { return buckets_; }

 private:
  std::map<BucketKey, Counts> buckets_;
};

// The dues of a request (its state before an event) at the event's instant, as the deadlines
// module computes them.
using DueFn = std::function<Result<Dues>(const requests::Request& before, Instant at)>;

// The deltas of every event of one timeline (oldest first, starting with the submit), as the
// observer produced them one change at a time. kInternal "request.timeline_invalid" as Replay.
Result<std::vector<Delta>> TimelineContributions(std::span<const requests::Event> events, const RequestUnits& units,
                                                 const DueFn& dues);

}  // namespace zhitong::results
