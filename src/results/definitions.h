// The definitions of the results (实绩), in one place: which event of a request's timeline counts
// for which counter, on which day, and which units (the city, the request's region, its liaison,
// its category, a department) it is charged to. The rates and the composite score are formulas
// over these counters (rates.h); docs/RESULTS.md states both in words. Everything the dashboards
// show is a sum of the deltas that Contributions() returns, kept per (unit, day) as events happen
// and recomputable from the raw timelines by folding them through the same function.
// Pure functions of values.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/clock.h"
#include "requests/event.h"
#include "requests/model.h"

namespace zhitong::results {

// What a figure is computed for. kCity is the whole city (unit id ""); the others carry the
// region id, official id (the enterprise's liaison at intake), category code or department id as
// decimal text or code.
enum class UnitKind { kCity, kRegion, kOfficial, kCategory, kDepartment };
std::string_view Name(UnitKind k);  // "city" | "region" | "official" | "category" | "department"
std::optional<UnitKind> ParseUnitKind(std::string_view name);

// The counters kept per (unit, day). The order is the column order of results_daily.
enum class Counter {
  kReceived,      // requests submitted (department: routings to it, transfers in included)
  kSignDue,       // sign obligations that fell due (response rate denominator)
  kSignOnTime,    // … answered (signed, transferred or disputed) by their due (numerator)
  kClosed,        // closures (resolution rate denominator)
  kSolved,        // closures the requester confirmed as solved, by rating or at the revisit
  kClosedUnrated, // closures without a counted rating: auto-close, or a bad rating voided on appeal
  kRatedVerySatisfied,
  kRatedSatisfied,
  kRatedBasicallySatisfied,
  kRatedDissatisfied,
  kRatedVeryDissatisfied,
  kOverdue,       // handling rounds replied (or ended) after their reply due
  kReopened,
  kRectified,
  kAppealed,
  kAppealsUpheld,
  kTransferred,   // transfers away from the department
};
inline constexpr size_t kCounterCount = 17;
std::string_view Name(Counter c);  // snake_case column name: "sign_on_time"
std::span<const Counter> AllCounters();
// The rating counter of a level.
Counter RatingCounter(requests::RatingLevel level);

// A day bucket: the Shanghai calendar date as yyyymmdd (20250315), so that a month is day / 100.
using DayKey = int32_t;
DayKey DayOf(Instant t);

// One change of one counter.
struct Delta {
  UnitKind kind = UnitKind::kCity;
  std::string unit;
  DayKey day = 0;
  Counter counter = Counter::kReceived;
  int64_t value = 0;
  bool operator==(const Delta&) const = default;
};

// The units a request is charged to apart from its category and department: fixed at intake.
struct RequestUnits {
  std::optional<std::string> region;   // the enterprise's region
  std::optional<std::string> liaison;  // the enterprise's liaison (official id) at intake
};

// The due instants of the request *before* the event, as the deadlines module computes them at
// the event's instant (requests_service/deadlines.h): the sign due of the current round, and the
// reply due with the time waiting for the requester (补正) left out.
struct Dues {
  std::optional<Instant> sign;
  std::optional<Instant> reply;
};

// One event and the request around it.
struct Step {
  const requests::Request* before = nullptr;  // nullptr for the submit event
  const requests::Event* event = nullptr;
  const requests::Request* after = nullptr;   // Apply(*before, *event)
  Dues before_dues;
  RequestUnits units;
};

// The counter changes one event causes (see docs/RESULTS.md, "What counts"):
//  - submit: received +1 on the submission day (city, region, liaison, category); a department
//    receives a request when it is routed or transferred to it. A category change at accept or
//    route moves the received count to the new category. A merge takes the merged request's
//    received count back: merged requests are counted once, as their target.
//  - response: each routing (route, transfer, reopen) gives the department routed to a sign
//    obligation due at the deadlines module's sign due. It counts on the day it fell due when it
//    ends: answered (sign, transfer onwards or dispute_routing) on time or late; or ended by others
//    (re-route, merge, withdraw), which counts as missed only if it was already past due, else
//    not at all. Obligations still open past due are added at query time (see the service).
//  - overdue: a handling round (signed … replied) that ends — reply, transfer, merge, withdraw —
//    after its reply due (pauses excluded) counts one overdue on the day the reply fell due,
//    charged to the department that held it.
//  - resolution: a closure counts on its day for the department that answered; solved when the
//    requester's rating is 基本满意 or better, or, after a bad rating, the revisit is; unrated when
//    closed without a counted rating. A reopen takes the closure back; an appeal upheld after
//    closure re-classifies it.
//  - satisfaction: each rating counts on its day under its level; an upheld appeal removes it.
//  - reopened, rectified, appealed, appeals upheld, transferred: +1 on the day of the event.
// Transfers: each department is charged for its own round — the one it held when the event
// happened; co-handling departments are not charged.
std::vector<Delta> Contributions(const Step& step);

// Counters of one unit, in Counter order.
struct Counts {
  std::array<int64_t, kCounterCount> v{};
  int64_t& operator[](Counter c) { return v[static_cast<size_t>(c)]; }
  int64_t operator[](Counter c) const { return v[static_cast<size_t>(c)]; }
  Counts& operator+=(const Counts& o) {
    for (size_t i = 0; i < kCounterCount; ++i) v[i] += o.v[i];
    return *this;
  }
  bool operator==(const Counts&) const = default;
};

}  // namespace zhitong::results
