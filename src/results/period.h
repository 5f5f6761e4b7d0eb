// Periods of the results: a day ("2025-03-05"), a month ("2025-03"), a quarter ("2025-Q1"), a
// year ("2025") or any range of days ("2025-01-10..2025-02-20", both ends included), as Shanghai
// calendar days. Pure.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"
#include "results/definitions.h"

namespace zhitong::results {

enum class PeriodKind { kDay, kMonth, kQuarter, kYear, kRange };
std::string_view Name(PeriodKind k);  // "day" | "month" | "quarter" | "year" | "range"

struct Period {
  PeriodKind kind = PeriodKind::kMonth;
  DayKey from = 0;  // first day, included
  DayKey to = 0;    // last day, included
  std::string label;  // as it would be parsed back: "2025-03"
  bool operator==(const Period&) const = default;
};

// kInvalid "results.invalid_period" for anything else (and for ranges that end before they
// start or span more than 100 years).
Result<Period> ParsePeriod(std::string_view text);
// The period of the same kind just before (a range: the same number of days just before it).
Period Previous(const Period& p);
// The months that overlap p, oldest first, as month periods.
std::vector<Period> MonthsOf(const Period& p);
// The `count` months ending with the month that holds day `last`, oldest first.
std::vector<Period> MonthsEndingAt(DayKey last, int count);
// "2025-03-05"
std::string FormatDay(DayKey day);
// The period holding one day: the month of that day.
Period MonthOf(DayKey day);
// The number of days in p.
int DayCount(const Period& p);
// Midnight in Shanghai at the start of day d, and at the end of the period (the next midnight).
Instant StartOf(DayKey d);
Instant EndOf(const Period& p);

}  // namespace zhitong::results
