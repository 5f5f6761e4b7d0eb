#include "notify_service/outbox.h"

#include <nlohmann/json.hpp>

#include "notify/rules.h"
#include "notify_service/recipients.h"

namespace zhitong::notify_service {
namespace {

const storage::Sql kInsertOutbox(
    "INSERT INTO notification_outbox (topic, request_id, event_seq, recipients, payload, created_at)"
    " VALUES (?, ?, ?, ?, ?, ?)");

nlohmann::json Time(const std::optional<Instant>& t) {
  return t ? nlohmann::json(FormatShanghai(*t)) : nlohmann::json(nullptr);
}

}  // namespace

Result<void> OutboxObserver::OnChange(storage::Tx& tx, const requests_service::RequestChange& change) {
  const requests::Request& r = change.after.request;
  for (const requests::Event& e : change.events) {
    const auto audiences = notify::AudiencesFor(e, r);
    ZT_ASSIGN_OR_RETURN(auto recipients,
                        ResolveRecipients(tx, audiences, change.after, e, change.actor.user_id));
    const notify::Title title = notify::TitleFor(e, r);
    nlohmann::json event_payload = nlohmann::json::object();
    for (const auto& [k, v] : e.payload) event_payload[k] = v;
    nlohmann::json audience_names = nlohmann::json::array();
    for (auto a : audiences) audience_names.push_back(notify::Name(a));
    const nlohmann::json payload = {
        {"title", title.en},
        {"title_zh", title.zh},
        {"audiences", audience_names},
        {"request",
         {{"id", change.after.id},
          {"title", r.title},
          {"status", requests::Name(r.status)},
          {"handling_department_id", requests_service::IdValue(r.handling_department)
                                         ? nlohmann::json(*requests_service::IdValue(r.handling_department))
                                         : nlohmann::json(nullptr)},
          {"current_due_at", Time(change.deadlines.current_due)}}},
        {"event",
         {{"seq", e.seq},
          {"action", requests::Name(e.type)},
          {"actor_role", requests::Name(e.actor_role)},
          {"at", FormatShanghai(e.at)},
          {"note", e.note},
          {"payload", event_payload}}}};
    ZT_TRY(tx.Exec(kInsertOutbox, notify::Topic(e), change.after.id, e.seq, nlohmann::json(recipients).dump(),
                   payload.dump(), ToUnixMillis(change.at)));
  }
  return Ok();
}

}  // namespace zhitong::notify_service
