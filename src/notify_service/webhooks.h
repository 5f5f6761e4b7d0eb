// Webhooks, administered by admins: a URL that receives every notification (or those of the
// listed topics) as a signed JSON POST (notify/webhook.h), and the record of each delivery —
// pending, delivered or dead (dead-lettered after the last failed attempt). Every change is
// audited. The secret is shown once, when the webhook is created.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "access/actor.h"
#include "core/clock.h"
#include "core/error.h"
#include "storage/database.h"

namespace zhitong::notify_service {

struct WebhookInput {
  std::string url;                    // http:// or https://, at most 2,000 characters
  std::optional<std::string> secret;  // 16 to 200 characters; generated when absent
  std::vector<std::string> topics;    // "request.route" …; empty: every topic
  std::string description;
};

struct Webhook {
  int64_t id = 0;
  std::string url;
  std::vector<std::string> topics;
  std::string description;
  int64_t created_by = 0;
  Instant created_at{};
  std::optional<Instant> deleted_at;
  int64_t pending = 0, delivered = 0, dead = 0;  // deliveries by status
};

struct Delivery {
  int64_t id = 0;
  int64_t webhook_id = 0;
  int64_t outbox_id = 0;
  std::string topic;
  std::string status;  // pending | delivered | dead
  int attempts = 0;
  Instant next_attempt_at{};
  std::optional<int> last_status;
  std::string last_error;
  Instant created_at{};
  Instant updated_at{};
};

class Webhooks {
 public:
  Webhooks(storage::Database& db, const Clock& clock) : db_(db), clock_(clock) {}

  // Returns the webhook and its secret (the only time the secret is shown).
  Result<std::pair<Webhook, std::string>> Create(const access::Actor& actor, const WebhookInput& input,
                                                 std::string_view http_request_id = {});
  Result<std::vector<Webhook>> List(const access::Actor& actor);
  Result<Webhook> Get(const access::Actor& actor, int64_t id);
  // Deletes it: no new deliveries; pending ones become dead ("webhook deleted").
  Result<void> Delete(const access::Actor& actor, int64_t id, std::string_view http_request_id = {});
  // Its deliveries, newest first, optionally of one status.
  Result<std::vector<Delivery>> Deliveries(const access::Actor& actor, int64_t id,
                                           const std::optional<std::string>& status, int limit, int offset);
  // Puts a dead delivery back in the queue for one more round of attempts.
  Result<Delivery> Retry(const access::Actor& actor, int64_t id, int64_t delivery_id,
                         std::string_view http_request_id = {});

 private:
  storage::Database& db_;
  const Clock& clock_;
};

}  // namespace zhitong::notify_service
