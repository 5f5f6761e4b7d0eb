// Apply() and Replay(): folding events into the state of a request.
#include "requests/state_machine.h"

#include <algorithm>

namespace zhitong::requests {
namespace {

std::optional<std::string> Optional(const Event& e, const std::string& key) {
  auto it = e.payload.find(key);
  if (it == e.payload.end()) return std::nullopt;
  return it->second;
}

template <class E>
E ParseOr(const std::string& name, E fallback) {
  auto v = Parse<E>(name);
  return v ? *v : fallback;
}

void FromSubmit(Request& r, const Event& e) {
  r.id = e.request_id;
  r.submitter_id = e.Get("submitter_id");
  r.enterprise_id = Optional(e, "enterprise_id");
  r.channel = ParseOr(e.Get("channel"), Channel::kWeb);
  r.kind = ParseOr(e.Get("kind"), Kind::kProblem);
  r.category_code = e.Get("category");
  r.title = e.Get("title");
  r.description = e.Get("description");
  r.location = Optional(e, "location");
  r.priority = ParseOr(e.Get("priority"), Priority::kNormal);
  r.liaison_id = Optional(e, "liaison_id");
  r.status = Status::kSubmitted;
  r.submitted_at = e.at;
}

// A new round of handling starts with a new routing: what the previous round did is history.
void StartRound(Request& r, Instant at) {
  r.routed_at = at;
  r.signed_at.reset();
  r.handler_id.reset();
  r.replied_at.reset();
  r.closed_at.reset();
}

void Close(Request& r, Instant at) {
  r.status = Status::kClosed;
  r.closed_at = at;
}

}  // namespace

Request Apply(Request r, const Event& e) {
  switch (e.type) {
    case Action::kSubmit:
      FromSubmit(r, e);
      break;
    case Action::kAccept:
      r.status = Status::kAccepted;
      r.accepted_at = e.at;
      if (auto c = Optional(e, "category")) r.category_code = *c;
      break;
    case Action::kReject:
      r.status = Status::kRejected;
      break;
    case Action::kRoute:
      r.status = Status::kRouted;
      r.handling_department = e.Get("department");
      if (auto c = Optional(e, "category")) r.category_code = *c;
      StartRound(r, e.at);
      break;
    case Action::kDisputeRouting:
      r.status = Status::kAccepted;  // back to the dispatcher, who routes again
      r.handling_department.reset();
      r.routed_at.reset();
      break;
    case Action::kSign:
      r.status = Status::kSigned;
      r.signed_at = e.at;
      r.handler_id = e.actor_id;
      break;
    case Action::kStart:
      r.status = Status::kInProgress;
      break;
    case Action::kRequestInfo:
      r.status = Status::kWaitingRequester;
      r.pauses.push_back(Pause{e.at, std::nullopt});
      break;
    case Action::kSupplyInfo:
      r.status = Status::kInProgress;
      break;
    case Action::kReply:
      r.status = Status::kReplied;
      r.reply = e.note;
      r.reply_count += 1;
      r.replied_at = e.at;
      // Rating, rectification and appeal belong to one reply.
      r.rating.reset();
      r.rated_at.reset();
      r.rectification = RectificationState::kNone;
      r.rectified_at.reset();
      r.revisit_level.reset();
      r.appeal = AppealState::kNone;
      break;
    case Action::kRate: {
      const RatingLevel level = ParseOr(e.Get("rating"), RatingLevel::kSatisfied);
      r.rating = Rating{level, e.note, e.at, false};
      r.rated_at = e.at;
      if (IsBad(level)) {
        r.rectification = RectificationState::kPending;  // stays replied until revisited
      } else {
        Close(r, e.at);
      }
      break;
    }
    case Action::kAutoClose:
      Close(r, e.at);
      break;
    case Action::kTransfer: {
      const std::string dept = e.Get("department");
      r.status = Status::kRouted;
      r.handling_department = dept;
      std::erase(r.cohandling_departments, dept);
      StartRound(r, e.at);
      break;
    }
    case Action::kAddCohandler:
      r.cohandling_departments.push_back(e.Get("department"));
      break;
    case Action::kMerge:
      r.status = Status::kMerged;
      r.merged_into = e.Get("target");
      break;
    case Action::kWithdraw:
      r.status = Status::kWithdrawn;
      break;
    case Action::kReopen:
      r.status = Status::kRouted;  // back to the department that answered
      StartRound(r, e.at);
      break;
    case Action::kRectify:
      r.rectification = RectificationState::kRectified;
      r.rectified_at = e.at;
      break;
    case Action::kRevisit:
      r.rectification = RectificationState::kRevisited;
      r.revisit_level = ParseOr(e.Get("rating"), RatingLevel::kSatisfied);
      Close(r, e.at);
      break;
    case Action::kAppeal:
      r.appeal = AppealState::kPending;
      break;
    case Action::kDecideAppeal:
      if (e.Get("upheld") == "true") {
        r.appeal = AppealState::kUpheld;
        if (r.rating) r.rating->voided = true;
        // A voided rating needs no rectification: the request is done.
        if (r.status == Status::kReplied) Close(r, e.at);
      } else {
        r.appeal = AppealState::kDismissed;
      }
      break;
    case Action::kEscalate:
      break;  // a fact on the timeline; the status and the clocks stay as they are
    case Action::kAttach:
      r.attachment_count += 1;  // the file itself is kept beside the timeline; the status stays
      break;
  }
  // Leaving 补正 by any route (supply, withdraw, merge) ends the pause.
  if (r.status != Status::kWaitingRequester && r.paused()) r.pauses.back().end = e.at;
  r.version = e.seq;
  r.last_hash = e.hash;
  return r;
}

Result<Request> Replay(std::span<const Event> events) {
  Request r;
  for (size_t i = 0; i < events.size(); ++i) {
    const Event& e = events[i];
    const bool first = i == 0;
    if (first != (e.type == Action::kSubmit) || e.seq != static_cast<int64_t>(i + 1) ||
        (!first && e.request_id != r.id)) {
      return Error::Internal("request.timeline_invalid",
                             "request timeline is not well-formed at event " + std::to_string(i + 1),
                             "诉求时间线在第 " + std::to_string(i + 1) + " 号事件处格式错误");
    }
    r = Apply(std::move(r), e);
  }
  return r;
}

}  // namespace zhitong::requests
