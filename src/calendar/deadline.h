// Deadlines counted on a WorkingCalendar: how much working time lies between two instants, when a
// budget of working days (or of calendar hours, for urgent requests) runs out, and a DeadlineClock
// that does the same across pauses (waiting for the requester, suspended cases). Pure functions of
// their arguments: no clock is read, "now" is always passed in.
//
// Semantic. Working time is time inside the calendar's office hours on working days, in
// Asia/Shanghai. One working day's worth is the length of one day's office hours (24 h for the
// default whole-day hours, 7 h for 09:00-12:00 + 13:30-17:30). A deadline of N working days from
// instant t is the EARLIEST instant at which N working days' worth of working time has elapsed
// since t. With whole-day hours:
//   - submitted Friday 10:00 before a normal weekend, N = 1  → Monday 10:00;
//   - submitted Saturday (or on a holiday), N = 1            → counting starts at the next working
//     day's 00:00, so the deadline is the end of that day: Tuesday 00:00 after a normal weekend;
//   - N = 0 → t itself.
// With split hours the earliest instant is the end of an office interval, e.g. Monday 17:30 rather
// than Tuesday 09:00. Beyond the calendar's covered years the days are Monday–Friday: check
// WorkingCalendar::UncoveredYears(start, due) to warn that a deadline rests on a fallback.
#pragma once

#include <chrono>
#include <optional>
#include <vector>

#include "calendar/working_calendar.h"
#include "core/clock.h"
#include "core/error.h"

namespace zhitong::calendar {

using Duration = std::chrono::milliseconds;

// Working time in [a, b); negative (minus the working time in [b, a)) when b < a.
Duration WorkingTimeBetween(const WorkingCalendar& cal, Instant a, Instant b);

// The earliest instant T >= start with WorkingTimeBetween(start, T) == amount.
// amount <= 0 gives start.
Instant AddWorkingTime(const WorkingCalendar& cal, Instant start, Duration amount);

// AddWorkingTime(start, n × one day's office hours). n <= 0 gives start. The cost of these
// functions is linear in the calendar days spanned (meant for budgets of days to months).
Instant AddWorkingDays(const WorkingCalendar& cal, Instant start, int n);

// start + h hours, holidays and nights included (urgent requests count on the wall clock).
inline Instant AddCalendarHours(Instant start, int h) { return start + std::chrono::hours{h}; }

// How much time a DeadlineClock may consume, and in which measure.
struct Budget {
  enum class Unit {
    kWorkingDays,    // measured in working time
    kCalendarHours,  // measured on the wall clock
  };
  Unit unit = Unit::kWorkingDays;
  int amount = 0;  // >= 0

  static Budget WorkingDays(int n) { return {Unit::kWorkingDays, n}; }
  static Budget CalendarHours(int h) { return {Unit::kCalendarHours, h}; }
};

// The clock stops in [from, to). No `to`: paused now, not yet resumed.
struct Pause {
  Instant from;
  std::optional<Instant> to;
};

// A deadline with pauses. The budget is consumed, in its measure, by time after `start` that is
// outside every pause; the due instant is the earliest instant at which it is all consumed. While
// the last pause is open the clock is treated as resuming at `now`, so the due instant moves later
// as `now` advances. Value type; it refers to the calendar, which must outlive it.
class DeadlineClock {
 public:
  // Returns calendar.invalid_deadline unless: amount >= 0; every closed pause has from <= to; the
  // pauses are in order and do not overlap; only the last may be open. Pauses (or their parts)
  // before `start` are ignored.
  static Result<DeadlineClock> Make(const WorkingCalendar& cal, Instant start, Budget budget,
                                    std::vector<Pause> pauses = {});

  // The due instant given the pauses so far; `now` matters only while paused (open last pause).
  Instant DueAt(Instant now) const;

  // The budget consumed in [start, now), pauses excluded, in the budget's measure.
  Duration Elapsed(Instant now) const;

  // Budget minus Elapsed(now), in the budget's measure (working time for working days): it does
  // not change while paused, is zero at the due instant and negative once budget time has passed
  // beyond it. For working days it stays zero over nights, weekends and holidays right after the
  // due instant; use IsOverdue for "is it late".
  Duration Remaining(Instant now) const;

  // now > DueAt(now): the deadline has passed.
  bool IsOverdue(Instant now) const { return now > DueAt(now); }

  // Not overdue, and Remaining(now) <= threshold (in the budget's measure).
  bool IsNearDue(Instant now, Duration threshold) const;

  bool IsPaused() const { return !pauses_.empty() && !pauses_.back().to.has_value(); }

  Instant start() const { return start_; }
  const Budget& budget() const { return budget_; }
  const std::vector<Pause>& pauses() const { return pauses_; }

 private:
  DeadlineClock(const WorkingCalendar& cal, Instant start, Budget budget, std::vector<Pause> pauses)
      : calendar_(&cal), start_(start), budget_(budget), pauses_(std::move(pauses)) {}

  Duration BudgetAmount() const;
  Duration Measure(Instant a, Instant b) const;  // in the budget's measure, a <= b
  Instant Add(Instant from, Duration amount) const;

  const WorkingCalendar* calendar_;
  Instant start_;
  Budget budget_;
  std::vector<Pause> pauses_;  // clipped to start, in order
};

}  // namespace zhitong::calendar
