// The notification worker inside `zhitong serve`: it fans each outbox row out into inbox items
// (one per recipient) and webhook deliveries (one per live webhook whose topics match), then
// POSTs due deliveries, signed, and records the outcome: delivered on a 2xx answer; otherwise
// retried with exponentially growing delays, and dead after the last attempt. With several
// servers on one PostgreSQL each outbox row and each delivery attempt is claimed by one of them
// (FOR UPDATE SKIP LOCKED; a delivery is leased while it is being sent); SQLite has one writer.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "core/clock.h"
#include "core/error.h"
#include "notify/webhook.h"
#include "storage/database.h"

namespace zhitong::notify_service {

// What came back from one HTTP POST.
struct PostOutcome {
  int status = 0;     // HTTP status; 0 when there was no answer
  std::string error;  // why there was no answer, or a short note of a non-2xx answer
};

// POSTs a body over HTTP(S). The production one is libcurl's (CurlPost).
using PostFn = std::function<PostOutcome(const std::string& url, const std::string& body,
                                         const std::vector<std::pair<std::string, std::string>>& headers,
                                         std::chrono::seconds timeout)>;
PostOutcome CurlPost(const std::string& url, const std::string& body,
                     const std::vector<std::pair<std::string, std::string>>& headers, std::chrono::seconds timeout);

struct DeliveryOptions {
  notify::RetryPolicy retry;
  std::chrono::seconds timeout{10};
  int batch = 100;
};

struct DeliveryStats {
  int fanned_out = 0;  // outbox rows dispatched
  int delivered = 0;
  int failed = 0;      // attempts that will be retried
  int dead = 0;
};

class DeliveryWorker {
 public:
  // `clock` is the real clock: retry delays are wall-clock time.
  DeliveryWorker(storage::Database& db, const Clock& clock, DeliveryOptions options, PostFn post = CurlPost)
      : db_(db), clock_(clock), options_(options), post_(std::move(post)) {}

  // Fans out undispatched outbox rows, a batch at a time, until none is left.
  Result<int> FanOut();
  // Sends every delivery that is due (one batch); returns what happened.
  Result<DeliveryStats> DeliverDue();
  // FanOut then DeliverDue; errors are logged, not returned (for the periodic thread).
  DeliveryStats RunOnce();

 private:
  storage::Database& db_;
  const Clock& clock_;
  DeliveryOptions options_;
  PostFn post_;
};

}  // namespace zhitong::notify_service
