// The in-app inbox (站内消息) of each signed-in user: the notifications the delivery worker put
// there, newest first, with read marks. A user sees only their own items; an item of another user
// is reported as not found.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "access/actor.h"
#include "core/clock.h"
#include "core/error.h"
#include "storage/database.h"

namespace zhitong::notify_service {

struct InboxItem {
  int64_t id = 0;
  std::string topic;
  std::optional<int64_t> request_id;
  nlohmann::json payload;  // title, title_zh, request, event (see outbox.cc)
  Instant created_at{};
  std::optional<Instant> read_at;
};

struct InboxPage {
  std::vector<InboxItem> items;
  int64_t total = 0;   // matching the filter
  int64_t unread = 0;  // all unread items of the user
};

class Inbox {
 public:
  Inbox(storage::Database& db, const Clock& clock) : db_(db), clock_(clock) {}

  Result<InboxPage> List(const access::Actor& actor, bool unread_only, int limit, int offset);
  Result<int64_t> UnreadCount(const access::Actor& actor);
  // Marks one item read (again: no change); kNotFound "inbox.not_found" unless it is the actor's.
  Result<InboxItem> MarkRead(const access::Actor& actor, int64_t id);
  // Marks every unread item read; returns how many.
  Result<int64_t> MarkAllRead(const access::Actor& actor);

 private:
  storage::Database& db_;
  const Clock& clock_;
};

}  // namespace zhitong::notify_service
