#include "requests/event.h"

namespace zhitong::requests {

const std::string& Event::Get(const std::string& key) const {
  static const std::string kEmpty;
  auto it = payload.find(key);
  return it == payload.end() ? kEmpty : it->second;
}

nlohmann::json ToJson(const Event& e) {
  nlohmann::json payload = nlohmann::json::object();
  for (const auto& [k, v] : e.payload) payload[k] = v;
  return {{"seq", e.seq},
          {"request_id", e.request_id},
          {"type", Name(e.type)},
          {"actor_id", e.actor_id},
          {"actor_role", Name(e.actor_role)},
          {"at", FormatUtc(e.at)},
          {"at_ms", ToUnixMillis(e.at)},
          {"note", e.note},
          {"payload", std::move(payload)},
          {"prev_hash", e.prev_hash},
          {"hash", e.hash}};
}

namespace {

Error Malformed(const std::string& field) {
  return Error::Invalid("request.event_malformed", "event field \"" + field + "\" is missing or malformed",
                        "事件字段“" + field + "”缺失或格式错误");
}

Result<std::string> StringField(const nlohmann::json& j, const char* key) {
  auto it = j.find(key);
  if (it == j.end() || !it->is_string()) return Malformed(key);
  return it->get<std::string>();
}

Result<int64_t> IntField(const nlohmann::json& j, const char* key) {
  auto it = j.find(key);
  if (it == j.end() || !it->is_number_integer()) return Malformed(key);
  return it->get<int64_t>();
}

}  // namespace

Result<Event> EventFromJson(const nlohmann::json& j) {
  if (!j.is_object()) return Malformed("event");
  Event e;
  ZT_ASSIGN_OR_RETURN(e.seq, IntField(j, "seq"));
  ZT_ASSIGN_OR_RETURN(e.request_id, StringField(j, "request_id"));
  ZT_ASSIGN_OR_RETURN(std::string type, StringField(j, "type"));
  auto action = Parse<Action>(type);
  if (!action) return Malformed("type");
  e.type = *action;
  ZT_ASSIGN_OR_RETURN(e.actor_id, StringField(j, "actor_id"));
  ZT_ASSIGN_OR_RETURN(std::string role, StringField(j, "actor_role"));
  auto parsed_role = Parse<Role>(role);
  if (!parsed_role) return Malformed("actor_role");
  e.actor_role = *parsed_role;
  ZT_ASSIGN_OR_RETURN(int64_t at_ms, IntField(j, "at_ms"));
  e.at = FromUnixMillis(at_ms);
  ZT_ASSIGN_OR_RETURN(e.note, StringField(j, "note"));
  auto payload = j.find("payload");
  if (payload == j.end() || !payload->is_object()) return Malformed("payload");
  for (const auto& [k, v] : payload->items()) {
    if (!v.is_string()) return Malformed("payload." + k);
    e.payload[k] = v.get<std::string>();
  }
  ZT_ASSIGN_OR_RETURN(e.prev_hash, StringField(j, "prev_hash"));
  ZT_ASSIGN_OR_RETURN(e.hash, StringField(j, "hash"));
  return e;
}

}  // namespace zhitong::requests
