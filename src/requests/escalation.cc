#include "requests/escalation.h"

#include "requests/name_table.h"

#include <array>
#include <string>

namespace zhitong::requests {
namespace {

using name_table::Names;

constexpr std::array<Names<DueKind>, 4> kDueKinds{{
    {DueKind::kAccept, "accept", "受理"},
    {DueKind::kSign, "sign", "签收"},
    {DueKind::kReply, "reply", "答复"},
    {DueKind::kRectify, "rectify", "整改"},
}};

constexpr std::array<Names<EscalationLevel>, 5> kLevels{{
    {EscalationLevel::kHandler, "handler", "承办人"},
    {EscalationLevel::kDepartmentHead, "department_head", "部门负责人"},
    {EscalationLevel::kLiaison, "liaison", "联络员"},
    {EscalationLevel::kDistrictLeader, "district_leader", "区县领导"},
    {EscalationLevel::kCityLeader, "city_leader", "市级领导"},
}};

}  // namespace

ZT_REQUESTS_NAMES(DueKind, kDueKinds, "due_kind", "期限类型")
ZT_REQUESTS_NAMES(EscalationLevel, kLevels, "escalation_level", "督办层级")

std::optional<CurrentDue> CurrentDueOf(const Request& r, std::optional<Instant> accept_due,
                                       std::optional<Instant> sign_due, std::optional<Instant> reply_due,
                                       std::optional<Instant> rectify_due) {
  auto make = [](DueKind kind, std::optional<Instant> due, std::optional<Instant> round) -> std::optional<CurrentDue> {
    if (!due || !round) return std::nullopt;
    return CurrentDue{kind, *due, *round};
  };
  switch (r.status) {
    case Status::kSubmitted:
      return make(DueKind::kAccept, accept_due, r.submitted_at);
    case Status::kRouted:
      return make(DueKind::kSign, sign_due, r.routed_at);
    case Status::kSigned:
    case Status::kInProgress:
      return make(DueKind::kReply, reply_due, r.routed_at);
    case Status::kReplied:
      if (r.rectification != RectificationState::kPending) return std::nullopt;
      return make(DueKind::kRectify, rectify_due, r.rated_at);
    default:
      return std::nullopt;
  }
}

}  // namespace zhitong::requests
