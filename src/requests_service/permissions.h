// Who may do what to a request, as the service sees it: the access layer's Actor mapped onto the
// domain's, and the actions an actor can take on a request right now (the transition table, the
// actor's relations, and the rules that depend on more than the status), so that a client can
// show exactly the buttons that will work. Pure functions.
#pragma once

#include <vector>

#include "access/actor.h"
#include "requests/model.h"

namespace zhitong::requests_service {

// The domain actor for an access actor: ids as decimal strings, the same role.
requests::Actor ToDomainActor(const access::Actor& actor);

// The actions (never submit, auto_close, escalate or attach) that Decide would accept from this
// actor given well-formed input, in declaration order: what POST …/actions/{action} takes.
std::vector<requests::Action> AllowedActions(const requests::Request& request, const access::Actor& actor);

// True iff the transition table lets this actor attach a file to the request now (the limit on
// the number of files is the service's).
bool CanAttach(const requests::Request& request, const access::Actor& actor);

}  // namespace zhitong::requests_service
