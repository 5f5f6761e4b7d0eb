#include "notify_service/inbox.h"

namespace zhitong::notify_service {
namespace {

using storage::Sql;
using storage::Tx;

constexpr const char* kSelect =
    "SELECT i.id, o.topic, o.request_id, o.payload, i.created_at, i.read_at FROM inbox_items i"
    " JOIN notification_outbox o ON o.id = i.outbox_id ";
const Sql kCount("SELECT COUNT(*) AS n FROM inbox_items WHERE user_id = ?");
const Sql kUnread("SELECT COUNT(*) AS n FROM inbox_items WHERE user_id = ? AND read_at IS NULL");
const Sql kMarkRead("UPDATE inbox_items SET read_at = ? WHERE id = ? AND user_id = ? AND read_at IS NULL");
const Sql kMarkAll("UPDATE inbox_items SET read_at = ? WHERE user_id = ? AND read_at IS NULL");

Error NotFound(int64_t id) {
  return Error::NotFound("inbox.not_found", "there is no inbox item " + std::to_string(id) + " of yours",
                         "您的消息中没有编号为 " + std::to_string(id) + " 的消息");
}

Result<std::vector<InboxItem>> Items(Tx& tx, const std::string& where, const std::vector<storage::Value>& params) {
  ZT_ASSIGN_OR_RETURN(auto rows, tx.Query(std::string(kSelect) + where, params));
  std::vector<InboxItem> out;
  for (const auto& row : rows) {
    InboxItem it;
    it.id = row.i64("id");
    it.topic = row.text("topic");
    it.request_id = row.opt_i64("request_id");
    it.payload = nlohmann::json::parse(row.text("payload"), nullptr, false);
    if (it.payload.is_discarded()) it.payload = nlohmann::json::object();
    it.created_at = FromUnixMillis(row.i64("created_at"));
    if (auto r = row.opt_i64("read_at")) it.read_at = FromUnixMillis(*r);
    out.push_back(std::move(it));
  }
  return out;
}

}  // namespace

Result<InboxPage> Inbox::List(const access::Actor& actor, bool unread_only, int limit, int offset) {
  return db_.ReadValue([&](Tx& tx) -> Result<InboxPage> {
    InboxPage page;
    const std::string filter = unread_only ? " AND i.read_at IS NULL" : "";
    ZT_ASSIGN_OR_RETURN(page.items, Items(tx, "WHERE i.user_id = ?" + filter + " ORDER BY i.id DESC LIMIT ? OFFSET ?",
                                          {actor.user_id, int64_t{limit}, int64_t{offset}}));
    ZT_ASSIGN_OR_RETURN(auto unread, tx.Query(kUnread, actor.user_id));
    page.unread = unread[0].i64("n");
    if (unread_only) {
      page.total = page.unread;
    } else {
      ZT_ASSIGN_OR_RETURN(auto total, tx.Query(kCount, actor.user_id));
      page.total = total[0].i64("n");
    }
    return page;
  });
}

Result<int64_t> Inbox::UnreadCount(const access::Actor& actor) {
  return db_.ReadValue([&](Tx& tx) -> Result<int64_t> {
    ZT_ASSIGN_OR_RETURN(auto rows, tx.Query(kUnread, actor.user_id));
    return rows[0].i64("n");
  });
}

Result<InboxItem> Inbox::MarkRead(const access::Actor& actor, int64_t id) {
  const Instant now = clock_.Now();
  return db_.WriteValue([&](Tx& tx) -> Result<InboxItem> {
    ZT_TRY(tx.Exec(kMarkRead, ToUnixMillis(now), id, actor.user_id));
    ZT_ASSIGN_OR_RETURN(auto items, Items(tx, "WHERE i.id = ? AND i.user_id = ?", {id, actor.user_id}));
    if (items.empty()) return NotFound(id);
    return std::move(items.front());
  });
}

Result<int64_t> Inbox::MarkAllRead(const access::Actor& actor) {
  const Instant now = clock_.Now();
  return db_.WriteValue([&](Tx& tx) { return tx.Exec(kMarkAll, ToUnixMillis(now), actor.user_id); });
}

}  // namespace zhitong::notify_service
