// The transition table of a request: which actions are allowed in which status, to whom, and the
// status they lead to. The same table is kept as data in data/requests/transitions.tsv, and a
// test holds the two equal, so the behaviour can be read (and reviewed) without C++.
#pragma once

#include <span>
#include <string_view>
#include <vector>

#include "core/error.h"
#include "requests/model.h"

namespace zhitong::requests {

// How an actor stands to a particular request.
enum class Relation {
  kRequester,   // the submitter (unless a dispatcher entering it for someone), or a user of the same enterprise
  kDispatcher,  // a dispatcher (派单员)
  kHandler,     // a handler working in the request's handling department
  kAdmin,
  kSystem,
};

std::string_view Name(Relation r);
template <>
Result<Relation> Parse<Relation>(std::string_view name);
template <>
std::span<const Relation> All<Relation>();

struct Transition {
  Status from;
  Action action;
  Relation relation;
  Status to;
  friend bool operator==(const Transition&, const Transition&) = default;
};

// Every allowed transition, in the order of transitions.tsv.
std::span<const Transition> Transitions();

// True iff some line allows `action` in status `from`, for anyone.
bool IsAllowedInStatus(Status from, Action action);

// True iff the actor stands in relation r to the request.
bool HasRelation(const Request& request, const Actor& actor, Relation r);

// The lines for (from, action) whose relation the actor has.
std::vector<Transition> TransitionsFor(const Request& request, Action action, const Actor& actor);

}  // namespace zhitong::requests
