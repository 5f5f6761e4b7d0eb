// One entry of a request's append-only timeline. Every state change of a request is an Event;
// the request's current state is the fold of its events (state_machine.h), and the events are
// hash-chained so that editing or removing one is detectable (event_chain.h).
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/clock.h"
#include "core/error.h"
#include "requests/model.h"

namespace zhitong::requests {

// Small, ordered key → value data of an event ("department" → "gxj"). Ordered, so that its
// serialization, and so the hash, is canonical.
using Payload = std::map<std::string, std::string>;

struct Event {
  int64_t seq = 0;  // 1-based position in the request's timeline; equals the version it creates
  std::string request_id;
  Action type = Action::kSubmit;
  std::string actor_id;
  Role actor_role = Role::kSystem;
  Instant at{};
  std::string note;  // free text: reason, reply, comment
  Payload payload;
  std::string prev_hash;  // hash of the event before; empty for the first
  std::string hash;       // SHA-256 of CanonicalBytes(), lower-case hex

  // The payload value under key, or "" when absent.
  const std::string& Get(const std::string& key) const;
};

// JSON form for storage and the API:
// {"seq":2,"request_id":"…","type":"accept","actor_id":"…","actor_role":"dispatcher",
//  "at":"2025-03-04T05:06:07.000Z","at_ms":1741064767000,"note":"…","payload":{…},
//  "prev_hash":"…","hash":"…"}
nlohmann::json ToJson(const Event& e);
// The inverse of ToJson (at_ms is authoritative, at is ignored). kInvalid "request.event_malformed"
// when a field is missing or has the wrong type or an unknown name.
Result<Event> EventFromJson(const nlohmann::json& j);

}  // namespace zhitong::requests
