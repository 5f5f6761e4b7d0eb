#include "access/audit.h"

#include <string>

namespace zhitong::access {
namespace {

std::optional<std::string> Dump(const nlohmann::json& j) {
  if (j.is_null()) return std::nullopt;
  return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

nlohmann::json Load(const std::optional<std::string>& text) {
  if (!text) return nullptr;
  auto j = nlohmann::json::parse(*text, nullptr, false);
  return j.is_discarded() ? nlohmann::json(*text) : j;
}

}  // namespace

Result<void> RecordAudit(storage::Tx& tx, const Actor& actor, Instant at, std::string_view action,
                         std::string_view entity, std::string_view entity_id, const nlohmann::json& before,
                         const nlohmann::json& after, std::string_view request_id) {
  static constexpr storage::Sql kInsert{
      "INSERT INTO audit_log (at, actor_user_id, actor_login, action, entity, entity_id, before_json, "
      "after_json, request_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"};
  auto n = tx.Exec(kInsert, ToUnixMillis(at), actor.user_id, actor.login, action, entity, entity_id,
                   Dump(before), Dump(after), request_id);
  if (!n) return n.error();
  return Ok();
}

Result<std::vector<AuditEntry>> ListAudit(storage::Tx& tx, const AuditQuery& q) {
  // Optional filters are bound as NULL-or-value so the statement text stays constant.
  static constexpr storage::Sql kList{
      "SELECT id, at, actor_user_id, actor_login, action, entity, entity_id, before_json, after_json, "
      "request_id FROM audit_log "
      "WHERE (? IS NULL OR entity = ?) AND (? IS NULL OR entity_id = ?) "
      "AND (? IS NULL OR actor_user_id = ?) AND (? IS NULL OR at >= ?) AND (? IS NULL OR at < ?) "
      "AND (? = 0 OR id < ?) "
      "ORDER BY id DESC LIMIT ?",
      "SELECT id, at, actor_user_id, actor_login, action, entity, entity_id, before_json, after_json, "
      "request_id FROM audit_log "
      "WHERE (?::text IS NULL OR entity = ?::text) AND (?::text IS NULL OR entity_id = ?::text) "
      "AND (?::bigint IS NULL OR actor_user_id = ?::bigint) AND (?::bigint IS NULL OR at >= ?::bigint) "
      "AND (?::bigint IS NULL OR at < ?::bigint) AND (?::bigint = 0 OR id < ?::bigint) "
      "ORDER BY id DESC LIMIT ?::bigint"};
  std::optional<int64_t> from, to;
  if (q.from) from = ToUnixMillis(*q.from);
  if (q.to) to = ToUnixMillis(*q.to);
  auto rows = tx.Query(kList, q.entity, q.entity, q.entity_id, q.entity_id, q.actor_user_id, q.actor_user_id,
                       from, from, to, to, q.before_id, q.before_id, int64_t{q.limit});
  if (!rows) return rows.error();
  std::vector<AuditEntry> out;
  out.reserve(rows->size());
  for (auto row : *rows) {
    AuditEntry e;
    e.id = row.i64("id");
    e.at = FromUnixMillis(row.i64("at"));
    e.actor_user_id = row.i64("actor_user_id");
    e.actor_login = row.text("actor_login");
    e.action = row.text("action");
    e.entity = row.text("entity");
    e.entity_id = row.text("entity_id");
    e.before = Load(row.opt_text("before_json"));
    e.after = Load(row.opt_text("after_json"));
    e.request_id = row.text("request_id");
    out.push_back(std::move(e));
  }
  return out;
}

nlohmann::json ToJson(const AuditEntry& e) {
  return {{"id", e.id},           {"at", FormatShanghai(e.at)}, {"actor_user_id", e.actor_user_id},
          {"actor_login", e.actor_login}, {"action", e.action}, {"entity", e.entity},
          {"entity_id", e.entity_id}, {"before", e.before},     {"after", e.after},
          {"request_id", e.request_id}};
}

}  // namespace zhitong::access
