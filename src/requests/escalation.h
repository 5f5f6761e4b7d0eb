// Escalation (督办) as the request domain sees it: which due time a request is waiting on, the
// levels of the escalation ladder, and the order that the scheduler turns into an `escalate`
// event. The ladder itself (when each level is reached) is src/escalation/ladder.h. Pure values.
#pragma once

#include <optional>
#include <span>
#include <string_view>

#include "core/clock.h"
#include "core/error.h"
#include "requests/model.h"

namespace zhitong::requests {

// The deadline a request is waiting on (see requests_service/deadlines.h).
enum class DueKind { kAccept, kSign, kReply, kRectify };

// The rungs of the ladder, lowest first: the handler (or, before routing, the dispatchers), the
// head of the handling department, the enterprise's liaison, the leader of its district, a leader
// of the city.
enum class EscalationLevel { kHandler, kDepartmentHead, kLiaison, kDistrictLeader, kCityLeader };

std::string_view Name(DueKind v);          // "accept" | "sign" | "reply" | "rectify"
std::string_view NameZh(DueKind v);        // "受理" | "签收" | "答复" | "整改"
std::string_view Name(EscalationLevel v);  // "handler" | "department_head" | "liaison" | …
std::string_view NameZh(EscalationLevel v);
template <>
Result<DueKind> Parse<DueKind>(std::string_view name);
template <>
Result<EscalationLevel> Parse<EscalationLevel>(std::string_view name);
template <>
std::span<const DueKind> All<DueKind>();
template <>
std::span<const EscalationLevel> All<EscalationLevel>();

// One step of the ladder taken for one due time of one round of handling. round_at identifies
// the round: submission for accept, the latest routing for sign and reply, the rating for
// rectify; a transfer or reopen starts a new round and so a new ladder.
struct EscalationOrder {
  DueKind due = DueKind::kReply;
  EscalationLevel level = EscalationLevel::kHandler;
  Instant due_at{};
  Instant round_at{};
};

// The due time the request waits on now and the start of its round, given its due instants:
// accept (submitted), sign (routed), reply (signed, in progress), rectify (replied with a bad
// rating not yet rectified). Empty while it waits for routing, for the requester (the clock is
// paused), for a rating, or is done.
struct CurrentDue {
  DueKind kind = DueKind::kReply;
  Instant due_at{};
  Instant round_at{};
};
std::optional<CurrentDue> CurrentDueOf(const Request& r, std::optional<Instant> accept_due,
                                       std::optional<Instant> sign_due, std::optional<Instant> reply_due,
                                       std::optional<Instant> rectify_due);

}  // namespace zhitong::requests
