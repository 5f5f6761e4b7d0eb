// Decide(): the rules of each action beyond the transition table.
#include "requests/state_machine.h"

#include <algorithm>

#include "core/text.h"
#include "requests/event_chain.h"
#include "requests/transitions.h"
#include "requests/utf8.h"

namespace zhitong::requests {
namespace {

std::string Quoted(std::string_view s) { return "\"" + std::string(s) + "\""; }

Error InvalidTransition(Status status, Action action) {
  return Error::Conflict(
      "request.invalid_transition",
      "cannot " + std::string(VerbEn(action)) + " a request that is " + std::string(DisplayEn(status)),
      "诉求当前为“" + std::string(NameZh(status)) + "”状态，不能" + std::string(NameZh(action)));
}

Error NotAllowed(const Actor& actor, Action action) {
  return Error::Forbidden(
      "request.not_allowed",
      "a " + std::string(Name(actor.role)) + " may not " + std::string(VerbEn(action)) + " this request",
      "当前用户（" + std::string(NameZh(actor.role)) + "）无权对该诉求执行“" +
          std::string(NameZh(action)) + "”");
}

Error ReasonRequired(Action action) {
  return Error::Invalid("request.reason_required",
                        "a reason or text is required to " + std::string(VerbEn(action)) + " a request",
                        "“" + std::string(NameZh(action)) + "”须填写理由或内容");
}

Result<void> CheckText(const std::string& text, size_t max_chars, const char* field) {
  if (!IsValidUtf8(text)) {
    return Error::Invalid("request.text_not_utf8", std::string(field) + " is not valid UTF-8",
                          std::string(field) + " 不是有效的 UTF-8 文本");
  }
  if (CountCodePoints(text) > max_chars) {
    return Error::Invalid("request." + std::string(field) + "_too_long",
                          std::string(field) + " is longer than " + std::to_string(max_chars) +
                              " characters",
                          std::string(field) + " 超过 " + std::to_string(max_chars) + " 个字符");
  }
  return Ok();
}

Result<std::string> RequireDepartment(const Command& c) {
  if (!c.department || c.department->empty()) {
    return Error::Invalid("request.department_required", "a department is required",
                          "须指定部门");
  }
  return *c.department;
}

Error SameDepartment(const std::string& dept) {
  return Error::Invalid("request.same_department",
                        "the request is already with department " + Quoted(dept),
                        "诉求已在该部门（" + dept + "）办理");
}

// The action-specific rules; fills the event's note and payload.
Result<void> CheckAndFill(const Request& r, const Command& c, Event& e) {
  const bool blank_note = IsBlank(c.note);
  switch (c.action) {
    case Action::kSubmit:
      return InvalidTransition(r.status, c.action);  // never in the table; kept for completeness
    case Action::kAccept:
      if (c.category_code && !c.category_code->empty()) e.payload["category"] = *c.category_code;
      return Ok();
    case Action::kReject:
    case Action::kDisputeRouting:
    case Action::kRequestInfo:
    case Action::kReply:
    case Action::kRectify:
      if (blank_note) return ReasonRequired(c.action);
      if (c.action == Action::kRectify && r.rectification != RectificationState::kPending) {
        return Error::Conflict("request.no_rectification_pending",
                               "there is no rectification to record: the current reply has no open bad rating",
                               "当前答复没有待整改的差评");
      }
      return Ok();
    case Action::kRoute: {
      ZT_ASSIGN_OR_RETURN(std::string dept, RequireDepartment(c));
      if (r.handling_department == dept) return SameDepartment(dept);
      e.payload["department"] = dept;
      if (c.category_code && !c.category_code->empty()) e.payload["category"] = *c.category_code;
      return Ok();
    }
    case Action::kTransfer: {
      if (blank_note) return ReasonRequired(c.action);
      ZT_ASSIGN_OR_RETURN(std::string dept, RequireDepartment(c));
      if (r.handling_department == dept) return SameDepartment(dept);
      e.payload["department"] = dept;
      e.payload["from_department"] = r.handling_department.value_or("");
      return Ok();
    }
    case Action::kAddCohandler: {
      ZT_ASSIGN_OR_RETURN(std::string dept, RequireDepartment(c));
      if (r.handling_department == dept) return SameDepartment(dept);
      if (std::find(r.cohandling_departments.begin(), r.cohandling_departments.end(), dept) !=
          r.cohandling_departments.end()) {
        return Error::Conflict("request.already_cohandler",
                               "department " + Quoted(dept) + " already co-handles the request",
                               "该部门（" + dept + "）已是协办部门");
      }
      e.payload["department"] = dept;
      return Ok();
    }
    case Action::kSign:
    case Action::kStart:
    case Action::kSupplyInfo:
    case Action::kWithdraw:
      return Ok();
    case Action::kRate:
      if (!c.rating) {
        return Error::Invalid("request.rating_required", "a rating level is required", "须选择评价等级");
      }
      if (r.rating) {
        return Error::Conflict("request.already_rated", "this reply has already been rated",
                               "该答复已评价，不能重复评价");
      }
      e.payload["rating"] = std::string(Name(*c.rating));
      return Ok();
    case Action::kAutoClose:
      if (r.rectification == RectificationState::kPending) {
        return Error::Conflict("request.rectification_pending",
                               "a bad rating is waiting for its rectification",
                               "差评整改尚未完成，不能自动办结");
      }
      return Ok();
    case Action::kMerge: {
      if (!c.merge_target) {
        return Error::Invalid("request.merge_target_required", "a request to merge into is required",
                              "须指定并入的诉求");
      }
      const MergeTarget& t = *c.merge_target;
      if (t.id == r.id || !IsOpen(t.status) || t.submitted_at > r.submitted_at) {
        return Error::Invalid("request.merge_target_invalid",
                              "a request can only be merged into another, earlier, open request",
                              "只能并入另一件更早提交且尚未办结的诉求");
      }
      e.payload["target"] = t.id;
      return Ok();
    }
    case Action::kReopen:
      if (blank_note) return ReasonRequired(c.action);
      if (r.appeal == AppealState::kPending) {
        return Error::Conflict("request.appeal_pending",
                               "an appeal against the rating is waiting for a decision",
                               "评价申诉尚待裁定，不能重新办理");
      }
      return Ok();
    case Action::kRevisit:
      if (r.rectification != RectificationState::kRectified) {
        return Error::Conflict("request.not_rectified",
                               "the revisit follows the rectification, which is not recorded yet",
                               "整改尚未完成，不能回访");
      }
      if (!c.rating) {
        return Error::Invalid("request.rating_required", "the requester's answer (a rating level) is required",
                              "须记录诉求人的回访评价");
      }
      e.payload["rating"] = std::string(Name(*c.rating));
      return Ok();
    case Action::kAppeal:
      if (blank_note) return ReasonRequired(c.action);
      if (!r.rating || !IsBad(r.rating->level) || r.rating->voided || r.appeal != AppealState::kNone) {
        return Error::Conflict("request.not_appealable",
                               "only a bad rating that has not been appealed before can be appealed",
                               "只能对尚未申诉过的差评提出申诉");
      }
      return Ok();
    case Action::kDecideAppeal:
      if (r.appeal != AppealState::kPending) {
        return Error::Conflict("request.no_appeal_pending", "there is no appeal to decide",
                               "没有待裁定的申诉");
      }
      if (!c.upheld) {
        return Error::Invalid("request.decision_required", "the decision (upheld or not) is required",
                              "须给出裁定结果（申诉是否成立）");
      }
      e.payload["upheld"] = *c.upheld ? "true" : "false";
      return Ok();
    case Action::kEscalate: {
      if (!c.escalation) {
        return Error::Invalid("request.escalation_required", "an escalation order is required",
                              "须给出督办指令");
      }
      const EscalationOrder& o = *c.escalation;
      e.payload["due"] = std::string(Name(o.due));
      e.payload["level"] = std::string(Name(o.level));
      e.payload["due_at"] = FormatShanghai(o.due_at);
      e.payload["round_at"] = FormatShanghai(o.round_at);
      return Ok();
    }
    case Action::kAttach: {
      if (!c.attachment) {
        return Error::Invalid("request.attachment_required", "a file to attach is required", "须提供要添加的附件");
      }
      const AttachmentRef& f = *c.attachment;
      const bool hex = f.sha256.size() == 64 && std::all_of(f.sha256.begin(), f.sha256.end(), [](char ch) {
                         return (ch >= '0' && ch <= '9') || (ch >= 'a' && ch <= 'f');
                       });
      if (f.id.empty() || f.media_type.empty() || f.size <= 0 || !hex) {
        return Error::Invalid("request.attachment_malformed",
                              "an attachment needs an id, a media type, a positive size and a SHA-256",
                              "附件须有编号、媒体类型、大小和 SHA-256 摘要");
      }
      if (IsBlank(f.name)) {
        return Error::Invalid("attachment.name_required", "the file needs a name", "须提供文件名");
      }
      ZT_TRY(CheckText(f.name, kMaxAttachmentNameChars, "name"));
      e.payload["attachment_id"] = f.id;
      e.payload["name"] = f.name;
      e.payload["media_type"] = f.media_type;
      e.payload["size"] = std::to_string(f.size);
      e.payload["sha256"] = f.sha256;
      return Ok();
    }
  }
  return InvalidTransition(r.status, c.action);
}

}  // namespace

Result<std::vector<Event>> Decide(const Request& request, const Command& command,
                                  const Actor& actor, Instant now) {
  if (command.expected_version != request.version) {
    return Error::Conflict(
        "request.version_conflict",
        "the request changed since version " + std::to_string(command.expected_version) +
            " (now " + std::to_string(request.version) + "); reload it and try again",
        "诉求已被他人更新（版本 " + std::to_string(command.expected_version) + " → " +
            std::to_string(request.version) + "），请刷新后重试");
  }
  if (!IsAllowedInStatus(request.status, command.action)) {
    return InvalidTransition(request.status, command.action);
  }
  const std::vector<Transition> allowed = TransitionsFor(request, command.action, actor);
  if (allowed.empty()) return NotAllowed(actor, command.action);
  ZT_TRY(CheckText(command.note, kMaxNoteChars, "note"));

  Event e;
  e.seq = request.version + 1;
  e.request_id = request.id;
  e.type = command.action;
  e.actor_id = actor.user_id;
  e.actor_role = actor.role;
  e.at = now;
  e.note = command.note;
  ZT_TRY(CheckAndFill(request, command, e));
  Seal(e, request.last_hash);

  // The table is the contract: an outcome it does not list is a bug here, not the caller's.
  const Status to = Apply(request, e).status;
  const bool listed = std::any_of(allowed.begin(), allowed.end(),
                                  [&](const Transition& t) { return t.to == to; });
  if (!listed) {
    return Error::Internal("request.table_mismatch",
                           std::string(Name(command.action)) + " from " +
                               std::string(Name(request.status)) + " led to " +
                               std::string(Name(to)) + ", which the transition table does not list");
  }
  return std::vector<Event>{std::move(e)};
}

}  // namespace zhitong::requests
