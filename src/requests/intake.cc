// Submit(): the first event of a request, with the intake rules.
#include "requests/event_chain.h"
#include "requests/state_machine.h"
#include "requests/utf8.h"

namespace zhitong::requests {
namespace {

Result<void> CheckText(const std::string& text, size_t max_chars, const std::string& field,
                       const std::string& field_zh) {
  if (!IsValidUtf8(text)) {
    return Error::Invalid("request.text_not_utf8", field + " is not valid UTF-8",
                          field_zh + "不是有效的 UTF-8 文本");
  }
  if (CountCodePoints(text) > max_chars) {
    return Error::Invalid("request." + field + "_too_long",
                          field + " is longer than " + std::to_string(max_chars) + " characters",
                          field_zh + "超过 " + std::to_string(max_chars) + " 个字符");
  }
  return Ok();
}

bool MaySubmit(const NewRequest& n, const Actor& a) {
  switch (a.role) {
    case Role::kEnterprise:
      return a.user_id == n.submitter_id && a.enterprise_id.has_value() &&
             a.enterprise_id == n.enterprise_id;
    case Role::kPublic:
      return a.user_id == n.submitter_id && !n.enterprise_id.has_value();
    case Role::kDispatcher:
      return n.channel == Channel::kPhone || n.channel == Channel::kVisit;
    default:
      return false;
  }
}

}  // namespace

Result<Event> Submit(const NewRequest& n, const Actor& actor, Instant now) {
  if (n.id.empty()) {
    return Error::Invalid("request.id_required", "a request id is required", "缺少诉求编号");
  }
  if (n.submitter_id.empty()) {
    return Error::Invalid("request.submitter_required", "the requester is required", "缺少诉求人");
  }
  if (!MaySubmit(n, actor)) {
    return Error::Forbidden("request.not_allowed",
                            "a " + std::string(Name(actor.role)) +
                                " may not submit this request on the " + std::string(Name(n.channel)) +
                                " channel",
                            "当前用户（" + std::string(NameZh(actor.role)) + "）无权通过“" +
                                std::string(NameZh(n.channel)) + "”渠道提交该诉求");
  }
  ZT_TRY(CheckText(n.title, kMaxTitleChars, "title", "标题"));
  ZT_TRY(CheckText(n.description, kMaxDescriptionChars, "description", "诉求内容"));
  if (n.title.find_first_not_of(" \t\r\n") == std::string::npos) {
    return Error::Invalid("request.title_required", "a title is required", "请填写诉求标题");
  }
  for (const auto* s : {&n.category_code, &n.submitter_id}) {
    if (!IsValidUtf8(*s)) {
      return Error::Invalid("request.text_not_utf8", "text is not valid UTF-8", "文本不是有效的 UTF-8");
    }
  }
  Event e;
  e.seq = 1;
  e.request_id = n.id;
  e.type = Action::kSubmit;
  e.actor_id = actor.user_id;
  e.actor_role = actor.role;
  e.at = now;
  e.payload = {{"submitter_id", n.submitter_id},
               {"channel", std::string(Name(n.channel))},
               {"kind", std::string(Name(n.kind))},
               {"category", n.category_code},
               {"title", n.title},
               {"description", n.description},
               {"priority", std::string(Name(n.priority))}};
  if (n.enterprise_id) e.payload["enterprise_id"] = *n.enterprise_id;
  if (n.location) e.payload["location"] = *n.location;
  if (n.liaison_id) e.payload["liaison_id"] = *n.liaison_id;
  Seal(e, "");
  return e;
}

}  // namespace zhitong::requests
