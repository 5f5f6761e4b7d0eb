// The due instants of a request and where it stands against them (its SLA), counted on the
// working-day calendar. Pure functions of the request, its category's policy, the calendar and
// "now":
//   accept due   1 working day after submission
//   sign due     1 working day after (the latest) routing
//   reply due    category.reply_days working days after routing, or category.urgent_hours
//                calendar hours for urgent requests; time waiting for the requester (补正) does
//                not count
//   rectify due  5 working days after a bad rating
// The request's current due instant is the one of the step it waits on: accept (submitted), sign
// (routed), reply (signed, in progress), rectify (replied with a bad rating not yet rectified);
// none while it waits for routing, for the requester, for a rating, or is done.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

#include "calendar/working_calendar.h"
#include "core/clock.h"
#include "core/error.h"
#include "requests/model.h"

namespace zhitong::requests_service {

inline constexpr int kAcceptWorkingDays = 1;
inline constexpr int kSignWorkingDays = 1;
inline constexpr int kRectifyWorkingDays = 5;

// A category's deadline policy.
struct DeadlinePolicy {
  int reply_days = 5;
  int urgent_hours = 24;
};

enum class Sla { kOnTime, kNearDue, kOverdue, kPaused, kDone };
std::string_view SlaName(Sla s);  // "on_time" | "near_due" | "overdue" | "paused" | "done"

struct Deadlines {
  std::optional<Instant> accept_due;
  std::optional<Instant> sign_due;
  std::optional<Instant> reply_due;    // while paused: as if the clock resumed at `now`
  std::optional<Instant> rectify_due;
  std::optional<Instant> current_due;  // see the header comment
  bool paused = false;                 // waiting for the requester: the reply clock stands still
  Sla sla = Sla::kOnTime;
  // current_due − now in seconds (negative once overdue); while paused, reply_due − now; empty
  // when no clock runs.
  std::optional<int64_t> remaining_seconds;
};

// Near due: less than one working day of working time left (urgent reply clocks, counted in
// calendar hours: less than a quarter of the budget left).
Result<Deadlines> ComputeDeadlines(const calendar::WorkingCalendar& cal, const requests::Request& r,
                                   const DeadlinePolicy& policy, Instant now);

}  // namespace zhitong::requests_service
