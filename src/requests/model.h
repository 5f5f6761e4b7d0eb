// The value types of direct-line requests (诉求): the enums named in the glossary, the actor who
// acts on a request, and the Request aggregate itself. A Request is never edited in place: it is
// the fold of its events (see state_machine.h). Pure values; no I/O, no clock.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/clock.h"
#include "core/error.h"

namespace zhitong::requests {

// How the request reached us.
enum class Channel { kWeb, kApi, kOpen311, kPhone, kVisit };
enum class Kind { kProblem, kQuestion, kSuggestion, kComplaint };
enum class Priority { kNormal, kUrgent };

enum class Status {
  kSubmitted,         // 已提交
  kAccepted,          // 已受理
  kRejected,          // 不予受理 (terminal)
  kRouted,            // 已派单: waiting for the handling department to sign
  kSigned,            // 已签收
  kInProgress,        // 办理中
  kWaitingRequester,  // 待补正: the deadline clock is paused
  kReplied,           // 已答复: waiting for the rating, or in the rectification loop
  kClosed,            // 已办结
  kWithdrawn,         // 已撤回 (terminal)
  kMerged,            // 已并单 (terminal): see Request::merged_into
};

// 好差评, best first.
enum class RatingLevel {
  kVerySatisfied,      // 非常满意
  kSatisfied,          // 满意
  kBasicallySatisfied, // 基本满意
  kDissatisfied,       // 不满意
  kVeryDissatisfied,   // 非常不满意
};

// Everything that can happen to a request; each is the type of one event. kSubmit creates the
// request and is the first event of every timeline.
enum class Action {
  kSubmit,
  kAccept,
  kReject,
  kRoute,
  kDisputeRouting,
  kSign,
  kStart,
  kRequestInfo,  // 补正: pauses the deadline clock
  kSupplyInfo,   // resumes it
  kReply,
  kRate,
  kAutoClose,
  kTransfer,
  kAddCohandler,
  kMerge,
  kWithdraw,
  kReopen,
  kRectify,       // records the rectification after a bad rating
  kRevisit,       // records the requester's answer at the revisit
  kAppeal,        // the handler appeals a bad rating
  kDecideAppeal,  // an admin decides the appeal
  kEscalate,      // 督办: the server pushes an overdue (or nearly due) step up the ladder; the status stays
  kAttach,        // adds a file (an attachment) to the request; the status stays
};

// Who is acting. kDispatcher is an admin-side operator who takes requests in and routes them;
// kSystem is the server itself (auto-close and other scheduled jobs).
enum class Role { kAdmin, kLeader, kLiaison, kHandler, kEnterprise, kPublic, kDispatcher, kSystem };

// Where a bad rating stands: opened by the rating, then rectified, then revisited.
enum class RectificationState { kNone, kPending, kRectified, kRevisited };
enum class AppealState { kNone, kPending, kUpheld, kDismissed };

// Names. Name() is the snake_case English name used in code, API and data files
// ("waiting_requester"); NameZh() the Chinese display name ("待补正"). Parse<E>() is the inverse of
// Name(); an unknown name is kInvalid "request.unknown_<type>". All<E>() lists every value in
// declaration order.
std::string_view Name(Channel v);
std::string_view Name(Kind v);
std::string_view Name(Priority v);
std::string_view Name(Status v);
std::string_view Name(RatingLevel v);
std::string_view Name(Action v);
std::string_view Name(Role v);
std::string_view Name(RectificationState v);
std::string_view Name(AppealState v);
std::string_view NameZh(Channel v);
std::string_view NameZh(Kind v);
std::string_view NameZh(Priority v);
std::string_view NameZh(Status v);
std::string_view NameZh(RatingLevel v);
std::string_view NameZh(Action v);
std::string_view NameZh(Role v);
std::string_view NameZh(RectificationState v);
std::string_view NameZh(AppealState v);

template <class E>
Result<E> Parse(std::string_view name);
template <class E>
std::span<const E> All();

// English display text: "waiting for the requester" (status), "reply to" (action, as a verb
// phrase that fits "cannot ... a request").
std::string_view DisplayEn(Status v);
std::string_view VerbEn(Action v);

// True iff no action can follow except, for kClosed, reopen and appeal.
bool IsTerminal(Status s);
// True iff the request still waits for somebody to act on it (not closed, rejected, withdrawn or
// merged). Only open requests can be merge targets.
bool IsOpen(Status s);
// True for 不满意 and 非常不满意: such a rating opens a rectification.
bool IsBad(RatingLevel r);

// The person or process acting on a request. department_id is set for handlers (the department
// they work in); enterprise_id for enterprise users.
struct Actor {
  std::string user_id;
  Role role = Role::kPublic;
  std::optional<std::string> department_id;
  std::optional<std::string> enterprise_id;
};

// The requester's rating of the current reply.
struct Rating {
  RatingLevel level = RatingLevel::kSatisfied;
  std::string comment;
  Instant at{};
  bool voided = false;  // an upheld appeal voids the rating: it no longer counts in results
};

// An interval during which the deadline clock stood still (补正). end is empty while it lasts.
struct Pause {
  Instant start{};
  std::optional<Instant> end;
};

// The request aggregate: the state after folding its events. version is the seq of the last
// event applied (1 after submission); commands carry it for optimistic concurrency.
struct Request {
  std::string id;
  std::optional<std::string> enterprise_id;  // empty for citizens
  std::string submitter_id;                   // the user who is the requester
  Channel channel = Channel::kWeb;
  Kind kind = Kind::kProblem;
  std::string category_code;
  std::string title;
  std::string description;
  std::optional<std::string> location;
  Priority priority = Priority::kNormal;
  Status status = Status::kSubmitted;
  std::optional<std::string> liaison_id;  // the enterprise's liaison at intake

  std::optional<std::string> handling_department;
  std::vector<std::string> cohandling_departments;
  std::optional<std::string> handler_id;  // who signed for the handling department
  std::optional<std::string> merged_into;
  std::string reply;  // text of the latest reply
  int reply_count = 0;

  std::optional<Rating> rating;  // of the latest reply; reset by a new reply
  RectificationState rectification = RectificationState::kNone;
  std::optional<RatingLevel> revisit_level;  // the requester's answer at the revisit
  AppealState appeal = AppealState::kNone;

  // The instants the deadline clock needs. routed_at and later are those of the current round:
  // a transfer or reopen starts a new one.
  Instant submitted_at{};
  std::optional<Instant> accepted_at;
  std::optional<Instant> routed_at;
  std::optional<Instant> signed_at;
  std::optional<Instant> replied_at;
  std::optional<Instant> rated_at;
  std::optional<Instant> rectified_at;
  std::optional<Instant> closed_at;
  std::vector<Pause> pauses;

  int attachment_count = 0;  // files attached so far (attach events)

  int64_t version = 0;
  std::string last_hash;  // hash of the last event applied; the next event's prev_hash

  // True iff a pause (补正) is in progress.
  bool paused() const { return !pauses.empty() && !pauses.back().end.has_value(); }
};

// Limits checked at submission.
inline constexpr size_t kMaxTitleChars = 200;
inline constexpr size_t kMaxDescriptionChars = 4000;
inline constexpr size_t kMaxNoteChars = 4000;
inline constexpr size_t kMaxAttachmentNameChars = 255;

}  // namespace zhitong::requests
