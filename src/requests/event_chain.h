// Tamper evidence for a request's timeline: each event's hash is the SHA-256 of a canonical
// serialization of the event, which includes the previous event's hash, so changing, inserting or
// removing any event breaks every link after it.
#pragma once

#include <optional>
#include <span>
#include <string>

#include "core/error.h"
#include "requests/event.h"

namespace zhitong::requests {

// The bytes that are hashed: every field of the event except `hash`, each as
// "<name>=<byte length>:<bytes>\n" in a fixed order, the payload entries in key order. Length
// prefixes make the encoding unambiguous whatever the text contains.
std::string CanonicalBytes(const Event& e);

// SHA-256 of CanonicalBytes(e), lower-case hex (64 characters).
std::string ComputeHash(const Event& e);

// Sets e.prev_hash and then e.hash.
void Seal(Event& e, const std::string& prev_hash);

// Checks one request's timeline, in order: seq runs 1, 2, 3 …, every event names the same
// request, every prev_hash is the hash of the event before (empty for the first) and every hash
// matches its event. On the first broken link returns kConflict "request.chain_broken" naming that
// event's seq; an empty timeline is valid.
Result<void> VerifyChain(std::span<const Event> events);

// The first broken link of a timeline, for a report: the event, what was checked there, the value
// the chain requires and the value stored. Checked as VerifyChain checks, in the same order.
struct BrokenLink {
  int64_t seq = 0;
  std::string what;  // "seq", "request_id", "prev_hash" or "hash"
  std::string expected;
  std::string found;
};
std::optional<BrokenLink> FirstBrokenLink(std::span<const Event> events);

}  // namespace zhitong::requests
