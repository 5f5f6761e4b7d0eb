// Who is told what when a request changes: one table, kRules in rules.cc, from an event of the
// request's timeline to the audiences that get a notification of it. Audiences are resolved to
// user accounts by the notification service (src/notify_service/recipients.cc); an audience that
// resolves to nobody falls back to the dispatchers, so that no notice goes nowhere. Escalation
// events go to the audience of their ladder level. Pure functions.
//
//   event                        audiences
//   submit                       dispatchers
//   accept, reject               requester
//   route                        handling department's handlers
//   dispute_routing              dispatchers
//   sign, start, request_info,   requester
//   reply
//   supply_info                  handler (who signed; else the department's handlers)
//   rate, good                   handler
//   rate, bad (不满意 or worse)   handler, department head, liaison
//   auto_close                   requester, handler
//   transfer                     handling (new) department's handlers, dispatchers
//   add_cohandler                the co-handling department's handlers
//   merge                        requester
//   withdraw                     handler
//   reopen                       handling department's handlers
//   rectify                      requester
//   revisit                      handler
//   appeal                       admins
//   decide_appeal                handler, requester
//   escalate at level handler    handler (before routing: the dispatchers)
//     department_head            department head (officials of the handling department)
//     liaison                    liaison (the enterprise's liaison at intake)
//     district_leader            district leaders of the enterprise's district
//     city_leader                city leaders
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "requests/escalation.h"
#include "requests/event.h"
#include "requests/model.h"

namespace zhitong::notify {

enum class Audience {
  kRequester,             // the submitter
  kDispatchers,           // every dispatcher (派单员)
  kDepartmentHandlers,    // the handlers of the handling department
  kHandler,               // the handler who signed; else the handling department's handlers
  kCohandlerHandlers,     // the handlers of the department the event adds as co-handler
  kDepartmentHeads,       // users of officials of the handling department
  kLiaison,               // users of the request's liaison official
  kDistrictLeaders,       // leaders of district rank over the request's region
  kCityLeaders,           // leaders of city rank
  kAdmins,
};

std::string_view Name(Audience a);  // "requester", "dispatchers", …

struct Rule {
  requests::Action action;
  // For rate only: set to match a bad (true) or a good (false) rating; empty: any.
  std::optional<bool> bad_rating;
  std::vector<Audience> audiences;
};

// The table (see the header comment), in the order written there.
std::span<const Rule> Rules();

// The audience of each escalation level.
Audience AudienceOf(requests::EscalationLevel level, requests::DueKind due);

// Who is told of `event`, which `after` is the request right after; no duplicates, in the order
// of the rule.
std::vector<Audience> AudiencesFor(const requests::Event& event, const requests::Request& after);

// The topic of an event's notification, as webhooks and the inbox show it: "request.route",
// "request.escalate" …
std::string Topic(const requests::Event& event);

// A one-line title in English and Chinese: "Request 12 was routed to your department: 招工难" …
struct Title {
  std::string en;
  std::string zh;
};
Title TitleFor(const requests::Event& event, const requests::Request& after);

}  // namespace zhitong::notify
