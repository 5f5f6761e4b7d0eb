// The state machine of a direct-line request, event-sourced: Submit() creates the first event,
// Decide() checks a command against the current state and returns the events it causes, and
// Apply() folds one event into the state. Decide never changes anything and Apply never refuses,
// so the current state of a request is always Replay(its events). Which action is allowed in which
// status, and to whom, is the table in transitions.h (= data/requests/transitions.tsv); the rules
// that depend on more than the status (a reason is required, a rating only once per reply …) are
// checked here. Pure functions: the instant of the change is passed in.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <vector>

#include "core/clock.h"
#include "core/error.h"
#include "requests/escalation.h"
#include "requests/event.h"
#include "requests/model.h"

namespace zhitong::requests {

// What intake knows about a new request. The service chooses the id.
struct NewRequest {
  std::string id;
  std::string submitter_id;                   // the requester's user id
  std::optional<std::string> enterprise_id;   // empty for citizens
  Channel channel = Channel::kWeb;
  Kind kind = Kind::kProblem;
  std::string category_code;                  // may be empty: the dispatcher sets it when routing
  std::string title;
  std::string description;
  std::optional<std::string> location;
  Priority priority = Priority::kNormal;
  std::optional<std::string> liaison_id;      // the enterprise's liaison at intake
};

// The request a merge folds into, as the service read it in the same transaction.
struct MergeTarget {
  std::string id;
  Status status = Status::kSubmitted;
  Instant submitted_at{};
};

// A file to attach, as the service stored it: the id of its row, the name the uploader gave, the
// media type sniffed from its content (never taken from the name), its size and the lower-case hex
// SHA-256 of its bytes (the key of its content-addressed blob).
struct AttachmentRef {
  std::string id;
  std::string name;
  std::string media_type;
  int64_t size = 0;
  std::string sha256;
};

// One thing an actor wants to do to a request. Only the fields the action uses are read:
//   note         reason (reject, dispute_routing, transfer, reopen, appeal: required), what is
//                missing (request_info: required), the reply (reply: required), what was done
//                (rectify: required), a comment (rate, revisit, others: optional)
//   department   route, transfer, add_cohandler (required)
//   category_code  accept, route (optional override of the category)
//   rating       rate (required), revisit (the requester's answer, required)
//   upheld       decide_appeal (required)
//   merge_target merge (required)
//   escalation   escalate (required; the scheduler's order)
//   attachment   attach (required; the note is an optional comment)
struct Command {
  Action action = Action::kAccept;
  int64_t expected_version = 0;  // the Request::version the actor saw
  std::string note;
  std::optional<std::string> department;
  std::optional<std::string> category_code;
  std::optional<RatingLevel> rating;
  std::optional<bool> upheld;
  std::optional<MergeTarget> merge_target;
  std::optional<EscalationOrder> escalation;
  std::optional<AttachmentRef> attachment;
};

// The first event of a new request (seq 1, sealed). Enterprise and public users submit for
// themselves (submitter_id is their own id; an enterprise user only for their own enterprise); a
// dispatcher enters phone and visit requests on a requester's behalf. Errors: kForbidden
// "request.not_allowed"; kInvalid "request.id_required", "request.submitter_required",
// "request.title_required", "request.title_too_long", "request.description_too_long",
// "request.text_not_utf8".
Result<Event> Submit(const NewRequest& request, const Actor& actor, Instant now);

// The events (sealed, seq following request.version) that carrying out `command` causes; the
// request itself is not changed. Errors, checked in this order:
//   kConflict "request.version_conflict"  command.expected_version != request.version
//   kConflict "request.invalid_transition" the status does not allow the action at all; the
//             message names the status and the action in English and Chinese
//   kForbidden "request.not_allowed"      the actor has none of the relations the table allows
//   kInvalid / kConflict for the action's own rules (see state_machine.cc: "request.reason_required",
//             "request.department_required", "request.same_department", "request.already_rated",
//             "request.rectification_pending", "request.not_appealable" …)
Result<std::vector<Event>> Decide(const Request& request, const Command& command,
                                  const Actor& actor, Instant now);

// The state after `event`. Never fails: events are facts that Decide (or Submit) already
// checked. REQUIRES: event.seq == request.version + 1 and, unless it is the submit event, event
// belongs to this request.
Request Apply(Request request, const Event& event);

// The state after all events, from an empty request. kInternal "request.timeline_invalid" when
// the first event is not a submit, or seq does not run 1, 2, 3 …, or an event names another
// request. Hashes are not checked here: that is VerifyChain (event_chain.h).
Result<Request> Replay(std::span<const Event> events);

}  // namespace zhitong::requests
