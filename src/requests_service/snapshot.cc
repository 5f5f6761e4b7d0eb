#include "requests_service/snapshot.h"

namespace zhitong::requests_service {
namespace {

using nlohmann::json;
using requests::Request;

json Opt(const std::optional<std::string>& v) { return v ? json(*v) : json(nullptr); }
json Opt(const std::optional<Instant>& v) { return v ? json(ToUnixMillis(*v)) : json(nullptr); }

std::optional<std::string> OptString(const json& j, const char* key) {
  auto it = j.find(key);
  if (it == j.end() || !it->is_string()) return std::nullopt;
  return it->get<std::string>();
}
std::optional<Instant> OptInstant(const json& j, const char* key) {
  auto it = j.find(key);
  if (it == j.end() || !it->is_number_integer()) return std::nullopt;
  return FromUnixMillis(it->get<int64_t>());
}
template <class E>
E EnumOr(const json& j, const char* key, E fallback) {
  auto s = OptString(j, key);
  if (!s) return fallback;
  auto v = requests::Parse<E>(*s);
  return v ? *v : fallback;
}

}  // namespace

json SnapshotToJson(const Request& r) {
  json pauses = json::array();
  for (const auto& p : r.pauses) pauses.push_back({{"start", ToUnixMillis(p.start)}, {"end", Opt(p.end)}});
  json rating = nullptr;
  if (r.rating) {
    rating = {{"level", requests::Name(r.rating->level)},
              {"comment", r.rating->comment},
              {"at", ToUnixMillis(r.rating->at)},
              {"voided", r.rating->voided}};
  }
  return {{"id", r.id},
          {"enterprise_id", Opt(r.enterprise_id)},
          {"submitter_id", r.submitter_id},
          {"channel", requests::Name(r.channel)},
          {"kind", requests::Name(r.kind)},
          {"category_code", r.category_code},
          {"title", r.title},
          {"description", r.description},
          {"location", Opt(r.location)},
          {"priority", requests::Name(r.priority)},
          {"status", requests::Name(r.status)},
          {"liaison_id", Opt(r.liaison_id)},
          {"handling_department", Opt(r.handling_department)},
          {"cohandling_departments", r.cohandling_departments},
          {"handler_id", Opt(r.handler_id)},
          {"merged_into", Opt(r.merged_into)},
          {"reply", r.reply},
          {"reply_count", r.reply_count},
          {"attachment_count", r.attachment_count},
          {"rating", rating},
          {"rectification", requests::Name(r.rectification)},
          {"revisit_level", r.revisit_level ? json(requests::Name(*r.revisit_level)) : json(nullptr)},
          {"appeal", requests::Name(r.appeal)},
          {"submitted_at", ToUnixMillis(r.submitted_at)},
          {"accepted_at", Opt(r.accepted_at)},
          {"routed_at", Opt(r.routed_at)},
          {"signed_at", Opt(r.signed_at)},
          {"replied_at", Opt(r.replied_at)},
          {"rated_at", Opt(r.rated_at)},
          {"rectified_at", Opt(r.rectified_at)},
          {"closed_at", Opt(r.closed_at)},
          {"pauses", pauses},
          {"version", r.version},
          {"last_hash", r.last_hash}};
}

Result<Request> SnapshotFromJson(const std::string& text) {
  const json j = json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (!j.is_object() || !j.contains("id") || !j["id"].is_string() || !j.contains("version") ||
      !j["version"].is_number_integer()) {
    return Error::Internal("request.snapshot_malformed", "a stored request snapshot does not parse");
  }
  Request r;
  r.id = j["id"].get<std::string>();
  r.enterprise_id = OptString(j, "enterprise_id");
  r.submitter_id = OptString(j, "submitter_id").value_or("");
  r.channel = EnumOr(j, "channel", requests::Channel::kWeb);
  r.kind = EnumOr(j, "kind", requests::Kind::kProblem);
  r.category_code = OptString(j, "category_code").value_or("");
  r.title = OptString(j, "title").value_or("");
  r.description = OptString(j, "description").value_or("");
  r.location = OptString(j, "location");
  r.priority = EnumOr(j, "priority", requests::Priority::kNormal);
  r.status = EnumOr(j, "status", requests::Status::kSubmitted);
  r.liaison_id = OptString(j, "liaison_id");
  r.handling_department = OptString(j, "handling_department");
  if (auto it = j.find("cohandling_departments"); it != j.end() && it->is_array()) {
    for (const auto& d : *it) {
      if (d.is_string()) r.cohandling_departments.push_back(d.get<std::string>());
    }
  }
  r.handler_id = OptString(j, "handler_id");
  r.merged_into = OptString(j, "merged_into");
  r.reply = OptString(j, "reply").value_or("");
  r.reply_count = j.value("reply_count", 0);
  r.attachment_count = j.value("attachment_count", 0);
  if (auto it = j.find("rating"); it != j.end() && it->is_object()) {
    requests::Rating rating;
    rating.level = EnumOr(*it, "level", requests::RatingLevel::kSatisfied);
    rating.comment = OptString(*it, "comment").value_or("");
    rating.at = OptInstant(*it, "at").value_or(Instant{});
    rating.voided = it->value("voided", false);
    r.rating = rating;
  }
  r.rectification = EnumOr(j, "rectification", requests::RectificationState::kNone);
  if (auto level = OptString(j, "revisit_level")) {
    if (auto v = requests::Parse<requests::RatingLevel>(*level)) r.revisit_level = *v;
  }
  r.appeal = EnumOr(j, "appeal", requests::AppealState::kNone);
  r.submitted_at = OptInstant(j, "submitted_at").value_or(Instant{});
  r.accepted_at = OptInstant(j, "accepted_at");
  r.routed_at = OptInstant(j, "routed_at");
  r.signed_at = OptInstant(j, "signed_at");
  r.replied_at = OptInstant(j, "replied_at");
  r.rated_at = OptInstant(j, "rated_at");
  r.rectified_at = OptInstant(j, "rectified_at");
  r.closed_at = OptInstant(j, "closed_at");
  if (auto it = j.find("pauses"); it != j.end() && it->is_array()) {
    for (const auto& p : *it) {
      if (!p.is_object()) continue;
      r.pauses.push_back({OptInstant(p, "start").value_or(Instant{}), OptInstant(p, "end")});
    }
  }
  r.version = j["version"].get<int64_t>();
  r.last_hash = OptString(j, "last_hash").value_or("");
  return r;
}

}  // namespace zhitong::requests_service
