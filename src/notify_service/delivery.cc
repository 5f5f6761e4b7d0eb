#include "notify_service/delivery.h"

#include <curl/curl.h>
#include <spdlog/spdlog.h>

#include <mutex>
#include <nlohmann/json.hpp>

namespace zhitong::notify_service {
namespace {

using storage::Sql;
using storage::Tx;

const Sql kPendingOutbox(
    "SELECT id, topic, recipients FROM notification_outbox WHERE dispatched_at IS NULL ORDER BY id LIMIT ?",
    "SELECT id, topic, recipients FROM notification_outbox WHERE dispatched_at IS NULL ORDER BY id LIMIT ?"
    " FOR UPDATE SKIP LOCKED");
const Sql kLiveWebhooks("SELECT id, topics FROM webhooks WHERE deleted_at IS NULL ORDER BY id");
const Sql kInsertInbox(
    "INSERT INTO inbox_items (user_id, outbox_id, created_at) VALUES (?, ?, ?)"
    " ON CONFLICT (user_id, outbox_id) DO NOTHING");
const Sql kInsertDelivery(
    "INSERT INTO webhook_deliveries (webhook_id, outbox_id, status, next_attempt_at, created_at, updated_at)"
    " VALUES (?, ?, 'pending', ?, ?, ?) ON CONFLICT (webhook_id, outbox_id) DO NOTHING");
const Sql kDispatched("UPDATE notification_outbox SET dispatched_at = ? WHERE id = ?");
const Sql kDueDeliveries(
    "SELECT id FROM webhook_deliveries WHERE status = 'pending' AND next_attempt_at <= ? AND lease_until <= ?"
    " ORDER BY next_attempt_at, id LIMIT ?",
    "SELECT id FROM webhook_deliveries WHERE status = 'pending' AND next_attempt_at <= ? AND lease_until <= ?"
    " ORDER BY next_attempt_at, id LIMIT ? FOR UPDATE SKIP LOCKED");
const Sql kLease("UPDATE webhook_deliveries SET lease_until = ? WHERE id = ?");
const Sql kDeliveryWork(
    "SELECT d.id, d.attempts, d.outbox_id, w.url, w.secret, o.topic, o.request_id, o.payload, o.created_at"
    " FROM webhook_deliveries d JOIN webhooks w ON w.id = d.webhook_id"
    " JOIN notification_outbox o ON o.id = d.outbox_id WHERE d.id = ?");
const Sql kRecord(
    "UPDATE webhook_deliveries SET status = ?, attempts = ?, next_attempt_at = ?, lease_until = 0,"
    " last_status = ?, last_error = ?, updated_at = ? WHERE id = ? AND status = 'pending'");

bool TopicMatches(const std::string& topics, const std::string& topic) {
  if (topics.empty()) return true;
  size_t start = 0;
  while (start <= topics.size()) {
    size_t comma = topics.find(',', start);
    if (comma == std::string::npos) comma = topics.size();
    if (topics.compare(start, comma - start, topic) == 0 && comma - start == topic.size()) return true;
    start = comma + 1;
  }
  return false;
}

size_t Discard(char*, size_t size, size_t n, void*) { return size * n; }

struct Work {
  int64_t id = 0;
  int attempts = 0;
  std::string url, secret, topic, body;
};

}  // namespace

// libcurl's easy interface (https://curl.se/libcurl/c/libcurl-easy.html); redirects are not
// followed, so a webhook cannot be bounced to another address.
PostOutcome CurlPost(const std::string& url, const std::string& body,
                     const std::vector<std::pair<std::string, std::string>>& headers, std::chrono::seconds timeout) {
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
  CURL* curl = curl_easy_init();
  if (!curl) return {0, "curl_easy_init failed"};
  curl_slist* list = nullptr;
  for (const auto& [k, v] : headers) list = curl_slist_append(list, (k + ": " + v).c_str());
  list = curl_slist_append(list, "Expect:");  // no 100-continue round trip for larger bodies
  curl_easy_setopt(curl, CURLOPT_URL, url.c_str());
  curl_easy_setopt(curl, CURLOPT_POST, 1L);
  curl_easy_setopt(curl, CURLOPT_POSTFIELDS, body.data());
  curl_easy_setopt(curl, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(body.size()));
  curl_easy_setopt(curl, CURLOPT_HTTPHEADER, list);
  curl_easy_setopt(curl, CURLOPT_TIMEOUT, static_cast<long>(timeout.count()));
  curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(curl, CURLOPT_FOLLOWLOCATION, 0L);
  curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, Discard);
  PostOutcome out;
  const CURLcode rc = curl_easy_perform(curl);
  if (rc != CURLE_OK) {
    out.error = curl_easy_strerror(rc);
  } else {
    long status = 0;
    curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &status);
    out.status = static_cast<int>(status);
    if (status < 200 || status > 299) out.error = "HTTP " + std::to_string(status);
  }
  curl_slist_free_all(list);
  curl_easy_cleanup(curl);
  return out;
}

Result<int> DeliveryWorker::FanOut() {
  int total = 0;
  while (true) {
    const Instant now = clock_.Now();
    auto n = db_.WriteValue([&](Tx& tx) -> Result<int> {
      ZT_ASSIGN_OR_RETURN(auto rows, tx.Query(kPendingOutbox, int64_t{options_.batch}));
      if (rows.empty()) return 0;
      ZT_ASSIGN_OR_RETURN(auto hooks, tx.Query(kLiveWebhooks));
      for (const auto& row : rows) {
        const int64_t id = row.i64("id");
        const std::string topic = row.text("topic");
        const auto recipients = nlohmann::json::parse(row.text("recipients"), nullptr, false);
        if (recipients.is_array()) {
          for (const auto& user : recipients) {
            if (user.is_number_integer()) ZT_TRY(tx.Exec(kInsertInbox, user.get<int64_t>(), id, ToUnixMillis(now)));
          }
        }
        for (const auto& hook : hooks) {
          if (!TopicMatches(hook.text("topics"), topic)) continue;
          ZT_TRY(tx.Exec(kInsertDelivery, hook.i64("id"), id, ToUnixMillis(now), ToUnixMillis(now),
                         ToUnixMillis(now)));
        }
        ZT_TRY(tx.Exec(kDispatched, ToUnixMillis(now), id));
      }
      return static_cast<int>(rows.size());
    });
    if (!n) return n.error();
    total += *n;
    if (*n < options_.batch) return total;
  }
}

Result<DeliveryStats> DeliveryWorker::DeliverDue() {
  DeliveryStats stats;
  const Instant now = clock_.Now();
  // Claim: lease the due deliveries long enough to send them all.
  const auto lease = now + options_.timeout * (options_.batch + 1) + std::chrono::seconds(30);
  auto claimed = db_.WriteValue([&](Tx& tx) -> Result<std::vector<Work>> {
    ZT_ASSIGN_OR_RETURN(auto rows, tx.Query(kDueDeliveries, ToUnixMillis(now), ToUnixMillis(now),
                                            int64_t{options_.batch}));
    std::vector<Work> out;
    for (const auto& row : rows) {
      const int64_t id = row.i64("id");
      ZT_TRY(tx.Exec(kLease, ToUnixMillis(lease), id));
      ZT_ASSIGN_OR_RETURN(auto work, tx.Query(kDeliveryWork, id));
      if (work.empty()) continue;
      const auto& w = work[0];
      nlohmann::json payload = nlohmann::json::parse(w.text("payload"), nullptr, false);
      if (payload.is_discarded()) payload = nlohmann::json::object();
      const nlohmann::json body = {{"id", w.i64("outbox_id")},
                                   {"topic", w.text("topic")},
                                   {"request_id", w.opt_i64("request_id") ? nlohmann::json(*w.opt_i64("request_id"))
                                                                          : nlohmann::json(nullptr)},
                                   {"created_at", FormatShanghai(FromUnixMillis(w.i64("created_at")))},
                                   {"data", payload}};
      out.push_back({id, static_cast<int>(w.i64("attempts")), w.text("url"), w.text("secret"), w.text("topic"),
                     body.dump()});
    }
    return out;
  });
  if (!claimed) return claimed.error();
  for (const Work& w : *claimed) {
    const std::vector<std::pair<std::string, std::string>> headers = {
        {"Content-Type", "application/json; charset=utf-8"},
        {notify::kSignatureHeader, notify::Signature(w.secret, w.body)},
        {"X-Zhitong-Topic", w.topic},
        {"X-Zhitong-Delivery", std::to_string(w.id)},
        {"User-Agent", "zhitong-webhook"}};
    const PostOutcome outcome = post_(w.url, w.body, headers, options_.timeout);
    const bool ok = outcome.status >= 200 && outcome.status <= 299;
    const int attempts = w.attempts + 1;
    const Instant done = clock_.Now();
    std::string status = "delivered";
    Instant next = done;
    if (!ok) {
      if (auto delay = notify::RetryDelay(options_.retry, attempts)) {
        status = "pending";
        next = done + *delay;
        ++stats.failed;
      } else {
        status = "dead";
        ++stats.dead;
        spdlog::warn("webhook delivery {} to {} is dead after {} attempts: {}", w.id, w.url, attempts, outcome.error);
      }
    } else {
      ++stats.delivered;
    }
    std::optional<int64_t> last_status;
    if (outcome.status > 0) last_status = outcome.status;
    auto st = db_.Write([&](Tx& tx) -> Result<void> {
      return tx.Exec(kRecord, status, int64_t{attempts}, ToUnixMillis(next), last_status, outcome.error.substr(0, 500),
                     ToUnixMillis(done), w.id)
          .map([](int64_t) {});
    });
    if (!st) spdlog::error("recording webhook delivery {}: {}", w.id, st.error().ToString());
  }
  return stats;
}

DeliveryStats DeliveryWorker::RunOnce() {
  DeliveryStats stats;
  if (auto n = FanOut()) {
    stats.fanned_out = *n;
  } else {
    spdlog::error("notification fan-out: {}", n.error().ToString());
  }
  if (auto d = DeliverDue()) {
    d->fanned_out = stats.fanned_out;
    stats = *d;
  } else {
    spdlog::error("webhook delivery: {}", d.error().ToString());
  }
  return stats;
}

}  // namespace zhitong::notify_service
