#include "calendar/deadline.h"

#include <fmt/format.h>

#include <algorithm>

namespace zhitong::calendar {
namespace {

using namespace std::chrono;

// The Shanghai calendar day after `d`.
year_month_day NextDay(year_month_day d) { return year_month_day{sys_days{d} + days{1}}; }

// Calls fn(begin, end) for each office interval of `date` as instants, if it is a working day.
// Returns false as soon as fn does.
template <class Fn>
bool ForEachWorkingInterval(const WorkingCalendar& cal, year_month_day date, Fn&& fn) {
  if (!cal.IsWorkingDay(date)) return true;
  const Instant midnight = ShanghaiMidnight(date);
  for (const auto& iv : cal.office_hours().intervals()) {
    if (!fn(midnight + iv.begin, midnight + iv.end)) return false;
  }
  return true;
}

Error InvalidDeadline(std::string en, std::string zh) {
  return Error::Invalid("calendar.invalid_deadline", std::move(en), std::move(zh));
}

}  // namespace

Duration WorkingTimeBetween(const WorkingCalendar& cal, Instant a, Instant b) {
  if (b < a) return -WorkingTimeBetween(cal, b, a);
  Duration total{0};
  const year_month_day last = ShanghaiDate(b);
  for (year_month_day d = ShanghaiDate(a); sys_days{d} <= sys_days{last}; d = NextDay(d)) {
    ForEachWorkingInterval(cal, d, [&](Instant begin, Instant end) {
      const Instant s = std::max(begin, a), e = std::min(end, b);
      if (s < e) total += e - s;
      return true;
    });
  }
  return total;
}

Instant AddWorkingTime(const WorkingCalendar& cal, Instant start, Duration amount) {
  if (amount <= Duration{0}) return start;
  // Terminates: office hours are never empty and every week outside holidays has working days.
  Duration left = amount;
  std::optional<Instant> due;
  for (year_month_day d = ShanghaiDate(start); !due; d = NextDay(d)) {
    ForEachWorkingInterval(cal, d, [&](Instant begin, Instant end) {
      const Instant s = std::max(begin, start);
      if (s >= end) return true;
      if (left <= end - s) {
        due = s + left;
        return false;
      }
      left -= end - s;
      return true;
    });
  }
  return *due;
}

Instant AddWorkingDays(const WorkingCalendar& cal, Instant start, int n) {
  if (n <= 0) return start;
  return AddWorkingTime(cal, start, n * duration_cast<Duration>(cal.office_hours().PerDay()));
}

// ---- DeadlineClock ----

Result<DeadlineClock> DeadlineClock::Make(const WorkingCalendar& cal, Instant start, Budget budget,
                                          std::vector<Pause> pauses) {
  if (budget.amount < 0) {
    return InvalidDeadline(fmt::format("a deadline budget cannot be negative ({})", budget.amount),
                           fmt::format("期限额度不能为负数（{}）", budget.amount));
  }
  std::vector<Pause> kept;
  for (size_t i = 0; i < pauses.size(); ++i) {
    Pause p = pauses[i];
    const bool open = !p.to.has_value();
    if (open && i + 1 != pauses.size()) {
      return InvalidDeadline("only the last pause may be open", "只有最后一次暂停可以尚未结束");
    }
    if (!open && *p.to < p.from) {
      return InvalidDeadline(
          fmt::format("pause {} ends before it begins ({})", i + 1, FormatShanghai(*p.to)),
          fmt::format("第 {} 次暂停的结束早于开始（{}）", i + 1, FormatShanghai(*p.to)));
    }
    if (i > 0 && pauses[i - 1].to && p.from < *pauses[i - 1].to) {
      return InvalidDeadline(fmt::format("pause {} begins before pause {} ends", i + 1, i),
                             fmt::format("第 {} 次暂停开始于第 {} 次暂停结束之前", i + 1, i));
    }
    if (!open && *p.to <= start) continue;  // wholly before the clock started
    p.from = std::max(p.from, start);
    kept.push_back(p);
  }
  return DeadlineClock(cal, start, budget, std::move(kept));
}

Duration DeadlineClock::BudgetAmount() const {
  if (budget_.unit == Budget::Unit::kCalendarHours) return hours{budget_.amount};
  return budget_.amount * duration_cast<Duration>(calendar_->office_hours().PerDay());
}

Duration DeadlineClock::Measure(Instant a, Instant b) const {
  if (budget_.unit == Budget::Unit::kCalendarHours) return b - a;
  return WorkingTimeBetween(*calendar_, a, b);
}

Instant DeadlineClock::Add(Instant from, Duration amount) const {
  if (budget_.unit == Budget::Unit::kCalendarHours) return from + amount;
  return AddWorkingTime(*calendar_, from, amount);
}

Instant DeadlineClock::DueAt(Instant now) const {
  Duration left = BudgetAmount();
  Instant cursor = start_;
  for (const Pause& p : pauses_) {
    // An open pause lasts until now (and is empty if it has not begun yet).
    const Instant pause_end = p.to ? *p.to : std::max(p.from, now);
    // The clock runs in [cursor, p.from): does the budget run out there?
    if (cursor < p.from) {
      const Instant candidate = Add(cursor, left);
      if (candidate <= p.from) return candidate;
      left -= Measure(cursor, p.from);
    } else if (left <= Duration{0}) {
      return cursor;
    }
    cursor = std::max(cursor, pause_end);
  }
  return Add(cursor, left);
}

Duration DeadlineClock::Elapsed(Instant now) const {
  Duration used{0};
  Instant cursor = start_;
  for (const Pause& p : pauses_) {
    if (cursor >= now) break;
    const Instant run_end = std::min(p.from, now);
    if (cursor < run_end) used += Measure(cursor, run_end);
    cursor = std::max(cursor, p.to ? *p.to : std::max(p.from, now));
  }
  if (cursor < now) used += Measure(cursor, now);
  return used;
}

Duration DeadlineClock::Remaining(Instant now) const { return BudgetAmount() - Elapsed(now); }

bool DeadlineClock::IsNearDue(Instant now, Duration threshold) const {
  return !IsOverdue(now) && Remaining(now) <= threshold;
}

}  // namespace zhitong::calendar
