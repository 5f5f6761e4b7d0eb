// The seam through which other modules follow requests as they change: the results aggregates
// (以实干实绩论英雄), the notification outbox and escalation bookkeeping. An observer is called
// inside the very transaction that changes a request, after its events, projection and deadlines
// are written, so what it writes commits with the change or not at all. An error from an observer
// rolls the whole change back. Observers must not call back into RequestService.
#pragma once

#include <optional>
#include <span>

#include "access/actor.h"
#include "core/clock.h"
#include "core/error.h"
#include "requests/event.h"
#include "requests/model.h"
#include "requests_service/deadlines.h"
#include "requests_service/store.h"
#include "storage/database.h"

namespace zhitong::requests_service {

struct RequestChange {
  // The request before the change; empty when it was just submitted.
  std::optional<requests::Request> before;
  // The row as it now stands (snapshot after the change, region, liaison, names, policy).
  const StoredRequest& after;
  // The events this change appended, in order.
  std::span<const requests::Event> events;
  // The request's deadlines after the change.
  const Deadlines& deadlines;
  // Who made the change (a system actor for scheduled work) and when.
  const access::Actor& actor;
  Instant at{};
  // The request's deadlines before the change, computed at `at` (empty when it was just
  // submitted): the due a change meets or misses, e.g. the sign due of a round a transfer ends.
  std::optional<Deadlines> before_deadlines;
};

class RequestObserver {
 public:
  virtual ~RequestObserver() = default;
  virtual Result<void> OnChange(storage::Tx& tx, const RequestChange& change) = 0;
};

}  // namespace zhitong::requests_service
