#include "notify_service/webhooks.h"

#include <nlohmann/json.hpp>

#include "access/audit.h"
#include "access/crypto.h"

namespace zhitong::notify_service {
namespace {

using storage::Sql;
using storage::Tx;

const Sql kInsert(
    "INSERT INTO webhooks (url, secret, topics, description, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?)"
    " RETURNING id");
constexpr const char* kSelect =
    "SELECT w.id, w.url, w.topics, w.description, w.created_by, w.created_at, w.deleted_at,"
    " (SELECT COUNT(*) FROM webhook_deliveries d WHERE d.webhook_id = w.id AND d.status = 'pending') AS pending,"
    " (SELECT COUNT(*) FROM webhook_deliveries d WHERE d.webhook_id = w.id AND d.status = 'delivered') AS delivered,"
    " (SELECT COUNT(*) FROM webhook_deliveries d WHERE d.webhook_id = w.id AND d.status = 'dead') AS dead"
    " FROM webhooks w ";
const Sql kDelete("UPDATE webhooks SET deleted_at = ? WHERE id = ? AND deleted_at IS NULL");
const Sql kKillPending(
    "UPDATE webhook_deliveries SET status = 'dead', last_error = 'webhook deleted', updated_at = ?"
    " WHERE webhook_id = ? AND status = 'pending'");
constexpr const char* kSelectDeliveries =
    "SELECT d.id, d.webhook_id, d.outbox_id, o.topic, d.status, d.attempts, d.next_attempt_at, d.last_status,"
    " d.last_error, d.created_at, d.updated_at FROM webhook_deliveries d"
    " JOIN notification_outbox o ON o.id = d.outbox_id ";
const Sql kRetry(
    "UPDATE webhook_deliveries SET status = 'pending', attempts = 0, next_attempt_at = ?, lease_until = 0,"
    " updated_at = ? WHERE id = ? AND webhook_id = ? AND status = 'dead'");

Result<void> RequireAdmin(const access::Actor& actor) {
  ZT_TRY(access::RequireRole(actor, {access::Role::kAdmin}));
  return access::RequireWriteScope(actor);
}

Error NotFound(int64_t id) {
  return Error::NotFound("webhook.not_found", "there is no webhook " + std::to_string(id),
                         "没有编号为 " + std::to_string(id) + " 的 Webhook");
}

Error FieldInvalid(const std::string& field, const std::string& en, const std::string& zh) {
  Error e = Error::Invalid("input.invalid", "invalid input: " + en, "输入有误：" + zh);
  e.fields.push_back({field, en, zh});
  return e;
}

std::string JoinTopics(const std::vector<std::string>& topics) {
  std::string out;
  for (const auto& t : topics) out += (out.empty() ? "" : ",") + t;
  return out;
}

std::vector<std::string> SplitTopics(const std::string& text) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start < text.size()) {
    size_t comma = text.find(',', start);
    if (comma == std::string::npos) comma = text.size();
    if (comma > start) out.push_back(text.substr(start, comma - start));
    start = comma + 1;
  }
  return out;
}

Result<std::vector<Webhook>> Load(Tx& tx, const std::string& where, const std::vector<storage::Value>& params) {
  ZT_ASSIGN_OR_RETURN(auto rows, tx.Query(std::string(kSelect) + where, params));
  std::vector<Webhook> out;
  for (const auto& row : rows) {
    Webhook w;
    w.id = row.i64("id");
    w.url = row.text("url");
    w.topics = SplitTopics(row.text("topics"));
    w.description = row.text("description");
    w.created_by = row.i64("created_by");
    w.created_at = FromUnixMillis(row.i64("created_at"));
    if (auto d = row.opt_i64("deleted_at")) w.deleted_at = FromUnixMillis(*d);
    w.pending = row.i64("pending");
    w.delivered = row.i64("delivered");
    w.dead = row.i64("dead");
    out.push_back(std::move(w));
  }
  return out;
}

Result<std::vector<Delivery>> LoadDeliveries(Tx& tx, const std::string& where,
                                             const std::vector<storage::Value>& params) {
  ZT_ASSIGN_OR_RETURN(auto rows, tx.Query(std::string(kSelectDeliveries) + where, params));
  std::vector<Delivery> out;
  for (const auto& row : rows) {
    Delivery d;
    d.id = row.i64("id");
    d.webhook_id = row.i64("webhook_id");
    d.outbox_id = row.i64("outbox_id");
    d.topic = row.text("topic");
    d.status = row.text("status");
    d.attempts = static_cast<int>(row.i64("attempts"));
    d.next_attempt_at = FromUnixMillis(row.i64("next_attempt_at"));
    if (auto s = row.opt_i64("last_status")) d.last_status = static_cast<int>(*s);
    d.last_error = row.text("last_error");
    d.created_at = FromUnixMillis(row.i64("created_at"));
    d.updated_at = FromUnixMillis(row.i64("updated_at"));
    out.push_back(std::move(d));
  }
  return out;
}

nlohmann::json AuditJson(const Webhook& w) {
  return {{"url", w.url}, {"topics", w.topics}, {"description", w.description}};
}

bool ValidTopic(const std::string& t) {
  if (t.empty() || t.size() > 64) return false;
  for (char c : t) {
    if (!((c >= 'a' && c <= 'z') || c == '_' || c == '.')) return false;
  }
  return true;
}

}  // namespace

Result<std::pair<Webhook, std::string>> Webhooks::Create(const access::Actor& actor, const WebhookInput& in,
                                                         std::string_view http_request_id) {
  ZT_TRY(RequireAdmin(actor));
  const bool http = in.url.rfind("http://", 0) == 0 && in.url.size() > 7;
  const bool https = in.url.rfind("https://", 0) == 0 && in.url.size() > 8;
  if ((!http && !https) || in.url.size() > 2000 || in.url.find_first_of(" \t\r\n") != std::string::npos) {
    return FieldInvalid("url", "url must be an http:// or https:// URL of at most 2000 characters",
                        "url 须为不超过 2000 个字符的 http:// 或 https:// 地址");
  }
  if (in.secret && (in.secret->size() < 16 || in.secret->size() > 200)) {
    return FieldInvalid("secret", "secret must be 16 to 200 characters", "secret 须为 16 至 200 个字符");
  }
  for (const auto& t : in.topics) {
    if (!ValidTopic(t)) {
      return FieldInvalid("topics", "topic \"" + t + "\" is not a topic name such as request.route",
                          "主题“" + t + "”无效，应形如 request.route");
    }
  }
  access::InitCrypto();
  const std::string secret = in.secret ? *in.secret : access::NewToken("whsec_");
  const Instant now = clock_.Now();
  auto hook = db_.WriteValue([&](Tx& tx) -> Result<Webhook> {
    ZT_ASSIGN_OR_RETURN(int64_t id, tx.InsertReturningId(kInsert, in.url, secret, JoinTopics(in.topics),
                                                         in.description, actor.user_id, ToUnixMillis(now)));
    ZT_ASSIGN_OR_RETURN(auto hooks, Load(tx, "WHERE w.id = ?", {id}));
    ZT_TRY(access::RecordAudit(tx, actor, now, "create", "webhook", std::to_string(id), nullptr,
                               AuditJson(hooks.front()), http_request_id));
    return hooks.front();
  });
  if (!hook) return hook.error();
  return std::make_pair(std::move(*hook), secret);
}

Result<std::vector<Webhook>> Webhooks::List(const access::Actor& actor) {
  ZT_TRY(access::RequireRole(actor, {access::Role::kAdmin}));
  return db_.ReadValue([&](Tx& tx) { return Load(tx, "WHERE w.deleted_at IS NULL ORDER BY w.id", {}); });
}

Result<Webhook> Webhooks::Get(const access::Actor& actor, int64_t id) {
  ZT_TRY(access::RequireRole(actor, {access::Role::kAdmin}));
  return db_.ReadValue([&](Tx& tx) -> Result<Webhook> {
    ZT_ASSIGN_OR_RETURN(auto hooks, Load(tx, "WHERE w.id = ?", {id}));
    if (hooks.empty()) return NotFound(id);
    return hooks.front();
  });
}

Result<void> Webhooks::Delete(const access::Actor& actor, int64_t id, std::string_view http_request_id) {
  ZT_TRY(RequireAdmin(actor));
  const Instant now = clock_.Now();
  return db_.Write([&](Tx& tx) -> Result<void> {
    ZT_ASSIGN_OR_RETURN(auto hooks, Load(tx, "WHERE w.id = ? AND w.deleted_at IS NULL", {id}));
    if (hooks.empty()) return NotFound(id);
    ZT_TRY(tx.Exec(kDelete, ToUnixMillis(now), id));
    ZT_TRY(tx.Exec(kKillPending, ToUnixMillis(now), id));
    return access::RecordAudit(tx, actor, now, "delete", "webhook", std::to_string(id), AuditJson(hooks.front()),
                               nullptr, http_request_id);
  });
}

Result<std::vector<Delivery>> Webhooks::Deliveries(const access::Actor& actor, int64_t id,
                                                   const std::optional<std::string>& status, int limit, int offset) {
  ZT_TRY(access::RequireRole(actor, {access::Role::kAdmin}));
  return db_.ReadValue([&](Tx& tx) -> Result<std::vector<Delivery>> {
    ZT_ASSIGN_OR_RETURN(auto hooks, Load(tx, "WHERE w.id = ?", {id}));
    if (hooks.empty()) return NotFound(id);
    std::vector<storage::Value> params{id};
    std::string where = "WHERE d.webhook_id = ?";
    if (status) {
      where += " AND d.status = ?";
      params.emplace_back(*status);
    }
    params.emplace_back(int64_t{limit});
    params.emplace_back(int64_t{offset});
    return LoadDeliveries(tx, where + " ORDER BY d.id DESC LIMIT ? OFFSET ?", params);
  });
}

Result<Delivery> Webhooks::Retry(const access::Actor& actor, int64_t id, int64_t delivery_id,
                                 std::string_view http_request_id) {
  ZT_TRY(RequireAdmin(actor));
  const Instant now = clock_.Now();
  return db_.WriteValue([&](Tx& tx) -> Result<Delivery> {
    ZT_ASSIGN_OR_RETURN(auto hooks, Load(tx, "WHERE w.id = ? AND w.deleted_at IS NULL", {id}));
    if (hooks.empty()) return NotFound(id);
    ZT_ASSIGN_OR_RETURN(int64_t changed, tx.Exec(kRetry, ToUnixMillis(now), ToUnixMillis(now), delivery_id, id));
    ZT_ASSIGN_OR_RETURN(auto rows, LoadDeliveries(tx, "WHERE d.id = ? AND d.webhook_id = ?", {delivery_id, id}));
    if (rows.empty()) {
      return Error::NotFound("webhook.delivery_not_found",
                             "webhook " + std::to_string(id) + " has no delivery " + std::to_string(delivery_id),
                             "该 Webhook 没有编号为 " + std::to_string(delivery_id) + " 的投递记录");
    }
    if (changed == 0) {
      return Error::Conflict("webhook.delivery_not_dead", "only a dead delivery can be retried",
                             "只有已失败（死信）的投递可以重试");
    }
    ZT_TRY(access::RecordAudit(tx, actor, now, "retry", "webhook_delivery", std::to_string(delivery_id),
                               nlohmann::json{{"status", "dead"}}, nlohmann::json{{"status", "pending"}},
                               http_request_id));
    return rows.front();
  });
}

}  // namespace zhitong::notify_service
