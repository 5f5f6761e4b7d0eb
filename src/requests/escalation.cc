#include "requests/escalation.h"

#include <array>
#include <string>

namespace zhitong::requests {
namespace {

template <class E>
struct Names {
  E value;
  std::string_view name;
  std::string_view zh;
};

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

constexpr std::array<EscalationLevel, 5> kLevelValues{EscalationLevel::kHandler, EscalationLevel::kDepartmentHead,
                                                      EscalationLevel::kLiaison, EscalationLevel::kDistrictLeader,
                                                      EscalationLevel::kCityLeader};

template <class E, size_t N>
Result<E> ParseIn(const std::array<Names<E>, N>& table, std::string_view name, const char* what) {
  for (const auto& row : table) {
    if (row.name == name) return row.value;
  }
  return Error::Invalid(std::string("request.unknown_") + what,
                        std::string("unknown ") + what + " \"" + std::string(name) + "\"",
                        "未知的取值“" + std::string(name) + "”");
}

}  // namespace

std::string_view Name(DueKind v) { return kDueKinds[static_cast<size_t>(v)].name; }
std::string_view NameZh(DueKind v) { return kDueKinds[static_cast<size_t>(v)].zh; }
std::string_view Name(EscalationLevel v) { return kLevels[static_cast<size_t>(v)].name; }
std::string_view NameZh(EscalationLevel v) { return kLevels[static_cast<size_t>(v)].zh; }

template <>
Result<DueKind> Parse<DueKind>(std::string_view name) {
  return ParseIn(kDueKinds, name, "due_kind");
}
template <>
Result<EscalationLevel> Parse<EscalationLevel>(std::string_view name) {
  return ParseIn(kLevels, name, "escalation_level");
}
template <>
std::span<const EscalationLevel> All<EscalationLevel>() {
  return kLevelValues;
}

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
