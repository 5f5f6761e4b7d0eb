#include "requests_service/deadlines.h"

#include <chrono>
#include <vector>

#include "calendar/deadline.h"

namespace zhitong::requests_service {
namespace {

using requests::Status;

bool IsDone(const requests::Request& r) {
  switch (r.status) {
    case Status::kClosed:
    case Status::kRejected:
    case Status::kWithdrawn:
    case Status::kMerged:
      return true;
    case Status::kReplied:
      return r.rectification != requests::RectificationState::kPending;
    default:
      return false;
  }
}

}  // namespace

std::string_view SlaName(Sla s) {
  switch (s) {
    case Sla::kOnTime: return "on_time";
    case Sla::kNearDue: return "near_due";
    case Sla::kOverdue: return "overdue";
    case Sla::kPaused: return "paused";
    case Sla::kDone: return "done";
  }
  return "on_time";
}

Result<Deadlines> ComputeDeadlines(const calendar::WorkingCalendar& cal, const requests::Request& r,
                                   const DeadlinePolicy& policy, Instant now) {
  using std::chrono::duration_cast;
  using std::chrono::seconds;
  Deadlines d;
  d.accept_due = calendar::AddWorkingDays(cal, r.submitted_at, kAcceptWorkingDays);
  const bool urgent = r.priority == requests::Priority::kUrgent;
  std::optional<calendar::DeadlineClock> reply_clock;
  if (r.routed_at) {
    d.sign_due = calendar::AddWorkingDays(cal, *r.routed_at, kSignWorkingDays);
    std::vector<calendar::Pause> pauses;
    for (const auto& p : r.pauses) pauses.push_back({p.start, p.end});
    const calendar::Budget budget = urgent ? calendar::Budget::CalendarHours(policy.urgent_hours)
                                           : calendar::Budget::WorkingDays(policy.reply_days);
    ZT_ASSIGN_OR_RETURN(auto clock, calendar::DeadlineClock::Make(cal, *r.routed_at, budget, std::move(pauses)));
    d.reply_due = clock.DueAt(now);
    reply_clock = clock;
  }
  if (r.rated_at && r.rectification != requests::RectificationState::kNone) {
    d.rectify_due = calendar::AddWorkingDays(cal, *r.rated_at, kRectifyWorkingDays);
  }

  bool reply_step = false;
  switch (r.status) {
    case Status::kSubmitted: d.current_due = d.accept_due; break;
    case Status::kRouted: d.current_due = d.sign_due; break;
    case Status::kSigned:
    case Status::kInProgress:
      d.current_due = d.reply_due;
      reply_step = true;
      break;
    case Status::kWaitingRequester: d.paused = true; break;
    case Status::kReplied:
      if (r.rectification == requests::RectificationState::kPending) d.current_due = d.rectify_due;
      break;
    default: break;
  }

  if (IsDone(r)) {
    d.sla = Sla::kDone;
  } else if (d.paused) {
    d.sla = Sla::kPaused;
    if (d.reply_due) d.remaining_seconds = duration_cast<seconds>(*d.reply_due - now).count();
  } else if (d.current_due) {
    d.remaining_seconds = duration_cast<seconds>(*d.current_due - now).count();
    if (now > *d.current_due) {
      d.sla = Sla::kOverdue;
    } else if (reply_step && urgent) {
      const auto left = *d.current_due - now;
      d.sla = left * 4 < std::chrono::hours(policy.urgent_hours) ? Sla::kNearDue : Sla::kOnTime;
    } else {
      const auto one_day = duration_cast<calendar::Duration>(cal.office_hours().PerDay());
      d.sla = calendar::WorkingTimeBetween(cal, now, *d.current_due) < one_day ? Sla::kNearDue : Sla::kOnTime;
    }
  }
  return d;
}

}  // namespace zhitong::requests_service
