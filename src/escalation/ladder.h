// The escalation ladder (督办): who is told, in which order, as a request's due time approaches and
// passes. Each rung names a level (requests::EscalationLevel) and an offset from the due time in
// working time: negative before it ("near due"), zero at it, positive after it. A rung is reached
//   offset < 0:  when at most |offset| of working time is left before the due time;
//   offset >= 0: when the due time has passed and at least `offset` of working time has elapsed
//                since it.
// Offsets are written "-4h" (working hours), "0", "1d", "2d" (working days: one day is one day's
// office hours on the calendar). The ladder is configured as text:
//   handler:-4h,department_head:0,liaison:1d,district_leader:2d,city_leader:3d
// Pure functions; the calendar and "now" are passed in.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "calendar/deadline.h"
#include "calendar/working_calendar.h"
#include "core/clock.h"
#include "core/error.h"
#include "requests/escalation.h"

namespace zhitong::escalation {

struct Offset {
  enum class Unit { kWorkingDays, kWorkingHours };
  int amount = 0;  // negative: before the due time
  Unit unit = Unit::kWorkingDays;
  friend bool operator==(const Offset&, const Offset&) = default;
};

struct Rung {
  requests::EscalationLevel level = requests::EscalationLevel::kHandler;
  Offset offset;
  friend bool operator==(const Rung&, const Rung&) = default;
};

// Rungs in the order they are climbed: offsets never decrease, each level at most once.
using Ladder = std::vector<Rung>;

inline constexpr const char* kDefaultLadder =
    "handler:-4h,department_head:0,liaison:1d,district_leader:2d,city_leader:3d";

// Parses the text form; "" is the empty ladder (no escalation). kInvalid "escalation.ladder_invalid"
// naming the bad part for an unknown level, a malformed offset, a level listed twice, or offsets
// that decrease.
Result<Ladder> ParseLadder(std::string_view text);
// The text form ParseLadder reads ("0" for a zero offset).
std::string FormatLadder(const Ladder& ladder);

// The offset as working time on this calendar's office hours.
calendar::Duration WorkingTime(const calendar::WorkingCalendar& cal, const Offset& offset);

// True iff `rung` is reached at `now` for a due time `due_at` (see the header comment).
bool Reached(const calendar::WorkingCalendar& cal, const Rung& rung, Instant due_at, Instant now);

// The rungs reached at `now`, in ladder order.
Ladder ReachedRungs(const calendar::WorkingCalendar& cal, const Ladder& ladder, Instant due_at, Instant now);

// The latest due time at which some rung may already be reached at `now`: a due time after it
// has no rung reached. For picking candidate requests before checking each with ReachedRungs.
Instant Horizon(const calendar::WorkingCalendar& cal, const Ladder& ladder, Instant now);

// Automatic closing (自动办结) of a reply the requester has not rated: after `days` working days
// (working = true) or calendar days of the reply. days = 0 turns it off.
struct AutoClosePolicy {
  int days = 5;
  bool working = true;
};

// The instant the reply given at replied_at closes by itself; empty when the policy is off.
std::optional<Instant> AutoCloseAt(const calendar::WorkingCalendar& cal, const AutoClosePolicy& policy,
                                   Instant replied_at);

}  // namespace zhitong::escalation
