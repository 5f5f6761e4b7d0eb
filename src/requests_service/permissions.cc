#include "requests_service/permissions.h"

#include <string>

#include "requests/transitions.h"

namespace zhitong::requests_service {
namespace {

using requests::Action;
using requests::AppealState;
using requests::RectificationState;

requests::Role DomainRole(access::Role r) {
  switch (r) {
    case access::Role::kAdmin: return requests::Role::kAdmin;
    case access::Role::kLeader: return requests::Role::kLeader;
    case access::Role::kDispatcher: return requests::Role::kDispatcher;
    case access::Role::kLiaison: return requests::Role::kLiaison;
    case access::Role::kHandler: return requests::Role::kHandler;
    case access::Role::kEnterprise: return requests::Role::kEnterprise;
    case access::Role::kPublic: return requests::Role::kPublic;
  }
  return requests::Role::kPublic;
}

std::optional<std::string> IdText(const std::optional<int64_t>& id) {
  if (!id) return std::nullopt;
  return std::to_string(*id);
}

// The rules of state_machine.cc that do not depend on the command's input.
bool RulesAllow(const requests::Request& r, Action a) {
  switch (a) {
    case Action::kSubmit:
    case Action::kAutoClose:
    case Action::kEscalate:
    case Action::kAttach:  // not an /actions call: see CanAttach
      return false;
    case Action::kRate:
      return !r.rating;
    case Action::kRectify:
      return r.rectification == RectificationState::kPending;
    case Action::kRevisit:
      return r.rectification == RectificationState::kRectified;
    case Action::kAppeal:
      return r.rating && requests::IsBad(r.rating->level) && !r.rating->voided && r.appeal == AppealState::kNone;
    case Action::kDecideAppeal:
      return r.appeal == AppealState::kPending;
    case Action::kReopen:
      return r.appeal != AppealState::kPending;
    default:
      return true;
  }
}

}  // namespace

requests::Actor ToDomainActor(const access::Actor& actor) {
  requests::Actor out;
  out.user_id = std::to_string(actor.user_id);
  out.role = actor.is_system() ? requests::Role::kSystem : DomainRole(actor.role);
  out.department_id = IdText(actor.department_id);
  out.enterprise_id = IdText(actor.enterprise_id);
  return out;
}

std::vector<Action> AllowedActions(const requests::Request& request, const access::Actor& actor) {
  const requests::Actor a = ToDomainActor(actor);
  std::vector<Action> out;
  if (!actor.HasScope("write")) return out;
  for (Action action : requests::All<Action>()) {
    if (!RulesAllow(request, action)) continue;
    if (!requests::TransitionsFor(request, action, a).empty()) out.push_back(action);
  }
  return out;
}

bool CanAttach(const requests::Request& request, const access::Actor& actor) {
  if (!actor.HasScope("write")) return false;
  return !requests::TransitionsFor(request, Action::kAttach, ToDomainActor(actor)).empty();
}

}  // namespace zhitong::requests_service
