#include "requests/model.h"

#include "requests/name_table.h"

#include <array>
#include <string>

namespace zhitong::requests {
namespace {

using name_table::Names;


constexpr std::array<Names<Channel>, 5> kChannels{{
    {Channel::kWeb, "web", "网站"},
    {Channel::kApi, "api", "接口"},
    {Channel::kOpen311, "open311", "Open311"},
    {Channel::kPhone, "phone", "电话"},
    {Channel::kVisit, "visit", "来访"},
}};

constexpr std::array<Names<Kind>, 4> kKinds{{
    {Kind::kProblem, "problem", "问题"},
    {Kind::kQuestion, "question", "咨询"},
    {Kind::kSuggestion, "suggestion", "意见建议"},
    {Kind::kComplaint, "complaint", "投诉"},
}};

constexpr std::array<Names<Priority>, 2> kPriorities{{
    {Priority::kNormal, "normal", "一般"},
    {Priority::kUrgent, "urgent", "紧急"},
}};

constexpr std::array<Names<Status>, 11> kStatuses{{
    {Status::kSubmitted, "submitted", "已提交"},
    {Status::kAccepted, "accepted", "已受理"},
    {Status::kRejected, "rejected", "不予受理"},
    {Status::kRouted, "routed", "已派单"},
    {Status::kSigned, "signed", "已签收"},
    {Status::kInProgress, "in_progress", "办理中"},
    {Status::kWaitingRequester, "waiting_requester", "待补正"},
    {Status::kReplied, "replied", "已答复"},
    {Status::kClosed, "closed", "已办结"},
    {Status::kWithdrawn, "withdrawn", "已撤回"},
    {Status::kMerged, "merged", "已并单"},
}};

constexpr std::array<std::string_view, 11> kStatusEn{
    "submitted", "accepted", "rejected", "routed", "signed", "in progress",
    "waiting for the requester", "replied", "closed", "withdrawn", "merged"};

constexpr std::array<Names<RatingLevel>, 5> kRatings{{
    {RatingLevel::kVerySatisfied, "very_satisfied", "非常满意"},
    {RatingLevel::kSatisfied, "satisfied", "满意"},
    {RatingLevel::kBasicallySatisfied, "basically_satisfied", "基本满意"},
    {RatingLevel::kDissatisfied, "dissatisfied", "不满意"},
    {RatingLevel::kVeryDissatisfied, "very_dissatisfied", "非常不满意"},
}};

constexpr std::array<Names<Action>, 23> kActions{{
    {Action::kSubmit, "submit", "提交"},
    {Action::kAccept, "accept", "受理"},
    {Action::kReject, "reject", "不予受理"},
    {Action::kRoute, "route", "派单"},
    {Action::kDisputeRouting, "dispute_routing", "派单异议"},
    {Action::kSign, "sign", "签收"},
    {Action::kStart, "start", "开始办理"},
    {Action::kRequestInfo, "request_info", "要求补正"},
    {Action::kSupplyInfo, "supply_info", "补正材料"},
    {Action::kReply, "reply", "答复"},
    {Action::kRate, "rate", "评价"},
    {Action::kAutoClose, "auto_close", "自动办结"},
    {Action::kTransfer, "transfer", "转办"},
    {Action::kAddCohandler, "add_cohandler", "增加协办部门"},
    {Action::kMerge, "merge", "并单"},
    {Action::kWithdraw, "withdraw", "撤回"},
    {Action::kReopen, "reopen", "重新办理"},
    {Action::kRectify, "rectify", "整改"},
    {Action::kRevisit, "revisit", "回访"},
    {Action::kAppeal, "appeal", "申诉"},
    {Action::kDecideAppeal, "decide_appeal", "裁定申诉"},
    {Action::kEscalate, "escalate", "督办"},
    {Action::kAttach, "attach", "添加附件"},
}};

constexpr std::array<std::string_view, 23> kActionVerbs{
    "submit", "accept", "reject", "route", "dispute the routing of", "sign for", "start work on",
    "ask for more information on", "supply information to", "reply to", "rate", "auto-close",
    "transfer", "add a co-handler to", "merge", "withdraw", "reopen", "record a rectification of",
    "record a revisit of", "appeal the rating of", "decide an appeal on", "escalate",
    "add an attachment to"};

constexpr std::array<Names<Role>, 8> kRoles{{
    {Role::kAdmin, "admin", "管理员"},
    {Role::kLeader, "leader", "领导"},
    {Role::kLiaison, "liaison", "联络员"},
    {Role::kHandler, "handler", "承办人"},
    {Role::kEnterprise, "enterprise", "企业"},
    {Role::kPublic, "public", "群众"},
    {Role::kDispatcher, "dispatcher", "派单员"},
    {Role::kSystem, "system", "系统"},
}};

constexpr std::array<Names<RectificationState>, 4> kRectifications{{
    {RectificationState::kNone, "none", "无"},
    {RectificationState::kPending, "pending", "待整改"},
    {RectificationState::kRectified, "rectified", "已整改"},
    {RectificationState::kRevisited, "revisited", "已回访"},
}};

constexpr std::array<Names<AppealState>, 4> kAppeals{{
    {AppealState::kNone, "none", "无"},
    {AppealState::kPending, "pending", "申诉中"},
    {AppealState::kUpheld, "upheld", "申诉成立"},
    {AppealState::kDismissed, "dismissed", "申诉驳回"},
}};

}  // namespace

ZT_REQUESTS_NAMES(Channel, kChannels, "channel", "渠道")
ZT_REQUESTS_NAMES(Kind, kKinds, "kind", "诉求类型")
ZT_REQUESTS_NAMES(Priority, kPriorities, "priority", "紧急程度")
ZT_REQUESTS_NAMES(Status, kStatuses, "status", "状态")
ZT_REQUESTS_NAMES(RatingLevel, kRatings, "rating", "评价等级")
ZT_REQUESTS_NAMES(Action, kActions, "action", "操作")
ZT_REQUESTS_NAMES(Role, kRoles, "role", "角色")
ZT_REQUESTS_NAMES(RectificationState, kRectifications, "rectification_state", "整改状态")
ZT_REQUESTS_NAMES(AppealState, kAppeals, "appeal_state", "申诉状态")

#undef ZT_REQUESTS_NAMES

std::string_view DisplayEn(Status v) { return kStatusEn[static_cast<size_t>(v)]; }
std::string_view VerbEn(Action v) { return kActionVerbs[static_cast<size_t>(v)]; }

bool IsTerminal(Status s) {
  return s == Status::kRejected || s == Status::kClosed || s == Status::kWithdrawn ||
         s == Status::kMerged;
}

bool IsOpen(Status s) { return !IsTerminal(s); }

bool IsBad(RatingLevel r) {
  return r == RatingLevel::kDissatisfied || r == RatingLevel::kVeryDissatisfied;
}

}  // namespace zhitong::requests
