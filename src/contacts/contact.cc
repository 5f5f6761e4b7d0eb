#include "contacts/contact.h"

#include <array>
#include <string>

namespace zhitong::contacts {
namespace {
constexpr std::array<Kind, 4> kKinds = {Kind::kVisit, Kind::kCall, Kind::kMeeting, Kind::kInspection};
}  // namespace

std::string_view Name(Kind k) {
  switch (k) {
    case Kind::kVisit: return "visit";
    case Kind::kCall: return "call";
    case Kind::kMeeting: return "meeting";
    case Kind::kInspection: return "inspection";
  }
  return "visit";
}

std::string_view NameZh(Kind k) {
  switch (k) {
    case Kind::kVisit: return "走访";
    case Kind::kCall: return "电话";
    case Kind::kMeeting: return "座谈";
    case Kind::kInspection: return "检查";
  }
  return "走访";
}

Result<Kind> ParseKind(std::string_view name) {
  for (Kind k : kKinds) {
    if (Name(k) == name) return k;
  }
  return Error::Invalid("contact.unknown_kind", "unknown contact kind \"" + std::string(name) + "\"",
                        "未知的联系方式“" + std::string(name) + "”");
}

std::span<const Kind> AllKinds() { return kKinds; }

bool IsOnSite(Kind k) { return k == Kind::kVisit || k == Kind::kInspection; }

std::string_view Name(QuietStatus s) {
  switch (s) {
    case QuietStatus::kPending: return "pending";
    case QuietStatus::kApproved: return "approved";
    case QuietStatus::kRejected: return "rejected";
  }
  return "pending";
}

std::string_view NameZh(QuietStatus s) {
  switch (s) {
    case QuietStatus::kPending: return "待审批";
    case QuietStatus::kApproved: return "已批准";
    case QuietStatus::kRejected: return "未批准";
  }
  return "待审批";
}

Result<QuietStatus> ParseQuietStatus(std::string_view name) {
  for (auto s : {QuietStatus::kPending, QuietStatus::kApproved, QuietStatus::kRejected}) {
    if (Name(s) == name) return s;
  }
  return Error::Invalid("contact.unknown_quiet_status", "unknown quiet period status \"" + std::string(name) + "\"",
                        "未知的宁静期状态“" + std::string(name) + "”");
}

}  // namespace zhitong::contacts
