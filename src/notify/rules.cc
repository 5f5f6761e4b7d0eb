#include "notify/rules.h"

#include <algorithm>
#include <array>

namespace zhitong::notify {
namespace {

using requests::Action;
using A = Audience;

const std::vector<Rule>& Table() {
  static const std::vector<Rule> rules = {
      {Action::kSubmit, std::nullopt, {A::kDispatchers}},
      {Action::kAccept, std::nullopt, {A::kRequester}},
      {Action::kReject, std::nullopt, {A::kRequester}},
      {Action::kRoute, std::nullopt, {A::kDepartmentHandlers}},
      {Action::kDisputeRouting, std::nullopt, {A::kDispatchers}},
      {Action::kSign, std::nullopt, {A::kRequester}},
      {Action::kStart, std::nullopt, {A::kRequester}},
      {Action::kRequestInfo, std::nullopt, {A::kRequester}},
      {Action::kReply, std::nullopt, {A::kRequester}},
      {Action::kSupplyInfo, std::nullopt, {A::kHandler}},
      {Action::kRate, false, {A::kHandler}},
      {Action::kRate, true, {A::kHandler, A::kDepartmentHeads, A::kLiaison}},
      {Action::kAutoClose, std::nullopt, {A::kRequester, A::kHandler}},
      {Action::kTransfer, std::nullopt, {A::kDepartmentHandlers, A::kDispatchers}},
      {Action::kAddCohandler, std::nullopt, {A::kCohandlerHandlers}},
      {Action::kMerge, std::nullopt, {A::kRequester}},
      {Action::kWithdraw, std::nullopt, {A::kHandler}},
      {Action::kReopen, std::nullopt, {A::kDepartmentHandlers}},
      {Action::kRectify, std::nullopt, {A::kRequester}},
      {Action::kRevisit, std::nullopt, {A::kHandler}},
      {Action::kAppeal, std::nullopt, {A::kAdmins}},
      {Action::kDecideAppeal, std::nullopt, {A::kHandler, A::kRequester}},
      // A new file is for the other side: the requester's for the handler, the handler's for the
      // requester (the actor is never told of their own change).
      {Action::kAttach, std::nullopt, {A::kHandler, A::kRequester}},
  };
  return rules;
}

constexpr std::array<std::string_view, 10> kAudienceNames{
    "requester",         "dispatchers", "department_handlers", "handler",          "cohandler_handlers",
    "department_heads",  "liaison",     "district_leaders",    "city_leaders",     "admins"};

}  // namespace

std::string_view Name(Audience a) { return kAudienceNames[static_cast<size_t>(a)]; }

std::span<const Rule> Rules() { return Table(); }

Audience AudienceOf(requests::EscalationLevel level, requests::DueKind due) {
  switch (level) {
    case requests::EscalationLevel::kHandler:
      // Before routing nobody in a department holds the request: the dispatchers act on it.
      return due == requests::DueKind::kAccept ? A::kDispatchers : A::kHandler;
    case requests::EscalationLevel::kDepartmentHead: return A::kDepartmentHeads;
    case requests::EscalationLevel::kLiaison: return A::kLiaison;
    case requests::EscalationLevel::kDistrictLeader: return A::kDistrictLeaders;
    case requests::EscalationLevel::kCityLeader: return A::kCityLeaders;
  }
  return A::kDispatchers;
}

std::vector<Audience> AudiencesFor(const requests::Event& event, const requests::Request& after) {
  if (event.type == Action::kEscalate) {
    auto level = requests::Parse<requests::EscalationLevel>(event.Get("level"));
    auto due = requests::Parse<requests::DueKind>(event.Get("due"));
    if (!level || !due) return {A::kDispatchers};
    return {AudienceOf(*level, *due)};
  }
  std::optional<bool> bad;
  if (event.type == Action::kRate) {
    auto level = requests::Parse<requests::RatingLevel>(event.Get("rating"));
    bad = level && requests::IsBad(*level);
  }
  (void)after;
  std::vector<Audience> out;
  for (const Rule& r : Table()) {
    if (r.action != event.type) continue;
    if (r.bad_rating && bad && *r.bad_rating != *bad) continue;
    for (Audience a : r.audiences) {
      if (std::find(out.begin(), out.end(), a) == out.end()) out.push_back(a);
    }
  }
  return out;
}

std::string Topic(const requests::Event& event) { return "request." + std::string(requests::Name(event.type)); }

Title TitleFor(const requests::Event& event, const requests::Request& after) {
  const std::string id = after.id;
  if (event.type == Action::kEscalate) {
    auto due = requests::Parse<requests::DueKind>(event.Get("due"));
    auto level = requests::Parse<requests::EscalationLevel>(event.Get("level"));
    const std::string due_en = due ? std::string(requests::Name(*due)) : event.Get("due");
    const std::string due_zh = due ? std::string(requests::NameZh(*due)) : event.Get("due");
    const std::string level_zh = level ? std::string(requests::NameZh(*level)) : event.Get("level");
    return {"Escalation of request " + id + " (" + due_en + " due " + event.Get("due_at") + ", level " +
                event.Get("level") + "): " + after.title,
            "督办：诉求 " + id + "（" + due_zh + "时限 " + event.Get("due_at") + "，督办层级：" + level_zh + "）" +
                after.title};
  }
  return {"Request " + id + " (" + std::string(requests::Name(event.type)) + "), now " +
              std::string(requests::DisplayEn(after.status)) + ": " + after.title,
          "诉求 " + id + "：" + std::string(requests::NameZh(event.type)) + "，当前状态“" +
              std::string(requests::NameZh(after.status)) + "”：" + after.title};
}

}  // namespace zhitong::notify
