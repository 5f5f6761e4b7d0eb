#include "requests/transitions.h"

#include <algorithm>
#include <array>

namespace zhitong::requests {
namespace {

using A = Action;
using R = Relation;
using S = Status;

// Keep equal to data/requests/transitions.tsv (transitions_table_test.cc checks it).
constexpr std::array<Transition, 59> kTransitions{{
    {S::kSubmitted, A::kAccept, R::kDispatcher, S::kAccepted},
    {S::kSubmitted, A::kReject, R::kDispatcher, S::kRejected},
    {S::kAccepted, A::kRoute, R::kDispatcher, S::kRouted},
    {S::kRouted, A::kRoute, R::kDispatcher, S::kRouted},
    {S::kRouted, A::kDisputeRouting, R::kHandler, S::kAccepted},
    {S::kRouted, A::kSign, R::kHandler, S::kSigned},
    {S::kSigned, A::kStart, R::kHandler, S::kInProgress},
    {S::kInProgress, A::kRequestInfo, R::kHandler, S::kWaitingRequester},
    {S::kWaitingRequester, A::kSupplyInfo, R::kRequester, S::kInProgress},
    {S::kSigned, A::kReply, R::kHandler, S::kReplied},
    {S::kInProgress, A::kReply, R::kHandler, S::kReplied},
    {S::kRouted, A::kTransfer, R::kHandler, S::kRouted},
    {S::kSigned, A::kTransfer, R::kHandler, S::kRouted},
    {S::kInProgress, A::kTransfer, R::kHandler, S::kRouted},
    {S::kSigned, A::kAddCohandler, R::kHandler, S::kSigned},
    {S::kInProgress, A::kAddCohandler, R::kHandler, S::kInProgress},
    {S::kWaitingRequester, A::kAddCohandler, R::kHandler, S::kWaitingRequester},
    {S::kReplied, A::kRate, R::kRequester, S::kClosed},
    {S::kReplied, A::kRate, R::kRequester, S::kReplied},
    {S::kReplied, A::kAutoClose, R::kSystem, S::kClosed},
    {S::kReplied, A::kRectify, R::kHandler, S::kReplied},
    {S::kReplied, A::kRevisit, R::kRequester, S::kClosed},
    {S::kReplied, A::kAppeal, R::kHandler, S::kReplied},
    {S::kClosed, A::kAppeal, R::kHandler, S::kClosed},
    {S::kReplied, A::kDecideAppeal, R::kAdmin, S::kReplied},
    {S::kReplied, A::kDecideAppeal, R::kAdmin, S::kClosed},
    {S::kClosed, A::kDecideAppeal, R::kAdmin, S::kClosed},
    {S::kClosed, A::kReopen, R::kRequester, S::kRouted},
    {S::kClosed, A::kReopen, R::kDispatcher, S::kRouted},
    {S::kSubmitted, A::kMerge, R::kDispatcher, S::kMerged},
    {S::kAccepted, A::kMerge, R::kDispatcher, S::kMerged},
    {S::kRouted, A::kMerge, R::kDispatcher, S::kMerged},
    {S::kSigned, A::kMerge, R::kDispatcher, S::kMerged},
    {S::kInProgress, A::kMerge, R::kDispatcher, S::kMerged},
    {S::kWaitingRequester, A::kMerge, R::kDispatcher, S::kMerged},
    {S::kSubmitted, A::kWithdraw, R::kRequester, S::kWithdrawn},
    {S::kAccepted, A::kWithdraw, R::kRequester, S::kWithdrawn},
    {S::kRouted, A::kWithdraw, R::kRequester, S::kWithdrawn},
    {S::kSigned, A::kWithdraw, R::kRequester, S::kWithdrawn},
    {S::kInProgress, A::kWithdraw, R::kRequester, S::kWithdrawn},
    {S::kWaitingRequester, A::kWithdraw, R::kRequester, S::kWithdrawn},
    {S::kSubmitted, A::kEscalate, R::kSystem, S::kSubmitted},
    {S::kRouted, A::kEscalate, R::kSystem, S::kRouted},
    {S::kSigned, A::kEscalate, R::kSystem, S::kSigned},
    {S::kInProgress, A::kEscalate, R::kSystem, S::kInProgress},
    {S::kReplied, A::kEscalate, R::kSystem, S::kReplied},
    {S::kSubmitted, A::kAttach, R::kRequester, S::kSubmitted},
    {S::kAccepted, A::kAttach, R::kRequester, S::kAccepted},
    {S::kRouted, A::kAttach, R::kRequester, S::kRouted},
    {S::kSigned, A::kAttach, R::kRequester, S::kSigned},
    {S::kInProgress, A::kAttach, R::kRequester, S::kInProgress},
    {S::kWaitingRequester, A::kAttach, R::kRequester, S::kWaitingRequester},
    {S::kReplied, A::kAttach, R::kRequester, S::kReplied},
    {S::kSubmitted, A::kAttach, R::kDispatcher, S::kSubmitted},
    {S::kAccepted, A::kAttach, R::kDispatcher, S::kAccepted},
    {S::kSigned, A::kAttach, R::kHandler, S::kSigned},
    {S::kInProgress, A::kAttach, R::kHandler, S::kInProgress},
    {S::kWaitingRequester, A::kAttach, R::kHandler, S::kWaitingRequester},
    {S::kReplied, A::kAttach, R::kHandler, S::kReplied},
}};

constexpr std::array<std::string_view, 5> kRelationNames{"requester", "dispatcher", "handler",
                                                         "admin", "system"};
constexpr std::array<Relation, 5> kRelations{R::kRequester, R::kDispatcher, R::kHandler,
                                             R::kAdmin, R::kSystem};

}  // namespace

std::string_view Name(Relation r) { return kRelationNames[static_cast<size_t>(r)]; }

template <>
Result<Relation> Parse<Relation>(std::string_view name) {
  for (size_t i = 0; i < kRelationNames.size(); ++i) {
    if (kRelationNames[i] == name) return kRelations[i];
  }
  return Error::Invalid("request.unknown_relation",
                        "unknown relation \"" + std::string(name) + "\"",
                        "未知的关系“" + std::string(name) + "”");
}

template <>
std::span<const Relation> All<Relation>() {
  return kRelations;
}

std::span<const Transition> Transitions() { return kTransitions; }

bool IsAllowedInStatus(Status from, Action action) {
  return std::any_of(kTransitions.begin(), kTransitions.end(), [&](const Transition& t) {
    return t.from == from && t.action == action;
  });
}

bool HasRelation(const Request& request, const Actor& actor, Relation r) {
  switch (r) {
    case Relation::kRequester:
      // A dispatcher who entered a phone or visit request did so on the requester's behalf: they
      // do not become the requester (who alone withdraws, supplies information and rates).
      if (actor.role != Role::kDispatcher && !actor.user_id.empty() && actor.user_id == request.submitter_id) {
        return true;
      }
      return actor.role == Role::kEnterprise && actor.enterprise_id.has_value() &&
             actor.enterprise_id == request.enterprise_id;
    case Relation::kDispatcher:
      return actor.role == Role::kDispatcher;
    case Relation::kHandler:
      return actor.role == Role::kHandler && actor.department_id.has_value() &&
             actor.department_id == request.handling_department;
    case Relation::kAdmin:
      return actor.role == Role::kAdmin;
    case Relation::kSystem:
      return actor.role == Role::kSystem;
  }
  return false;
}

std::vector<Transition> TransitionsFor(const Request& request, Action action, const Actor& actor) {
  std::vector<Transition> out;
  for (const Transition& t : kTransitions) {
    if (t.from == request.status && t.action == action && HasRelation(request, actor, t.relation)) {
      out.push_back(t);
    }
  }
  return out;
}

}  // namespace zhitong::requests
