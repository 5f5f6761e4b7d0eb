// The contact register's value types: a contact is one visit, call, meeting or inspection of an
// enterprise by an official and/or one or more departments (several departments in one visit is
// a joint inspection, which the enterprise experiences, and the rules count, as one contact).
// Pure values; the service maps them to rows and JSON.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/clock.h"
#include "core/error.h"

namespace zhitong::contacts {

enum class Kind { kVisit, kCall, kMeeting, kInspection };

// "visit", "call", "meeting", "inspection"; 走访, 电话, 座谈, 检查.
std::string_view Name(Kind k);
std::string_view NameZh(Kind k);
Result<Kind> ParseKind(std::string_view name);
std::span<const Kind> AllKinds();

// True for the kinds that bring officials onto the enterprise's premises (visit, inspection):
// the kinds a quiet period forbids.
bool IsOnSite(Kind k);

using Date = std::chrono::year_month_day;

// What the rules need to know about one contact, past or proposed.
struct ContactFacts {
  int64_t id = 0;  // 0 for the contact being registered
  int64_t enterprise_id = 0;
  Kind kind = Kind::kVisit;
  Instant started_at{};
  int64_t duration_minutes = 0;
  std::vector<int64_t> department_ids;  // several: a joint inspection
};

enum class QuietStatus { kPending, kApproved, kRejected };
std::string_view Name(QuietStatus s);
std::string_view NameZh(QuietStatus s);
Result<QuietStatus> ParseQuietStatus(std::string_view name);

// 企业宁静期: days (Shanghai calendar, both ends included) on which no official visits or
// inspects the enterprise without a written justification.
struct QuietPeriod {
  int64_t id = 0;
  int64_t enterprise_id = 0;
  Date starts_on{};
  Date ends_on{};  // inclusive
  QuietStatus status = QuietStatus::kPending;
  std::string reason;

  // True iff the period is approved and covers day d.
  bool Covers(Date d) const { return status == QuietStatus::kApproved && starts_on <= d && d <= ends_on; }
};

// Input limits, shared by the service and the HTTP layer.
inline constexpr int64_t kMaxPurposeChars = 500;
inline constexpr int64_t kMaxLegalBasisChars = 500;
inline constexpr int64_t kMaxOutcomeChars = 2000;
inline constexpr int64_t kMaxJustificationChars = 2000;
inline constexpr int64_t kMaxDurationMinutes = 7 * 24 * 60;
inline constexpr size_t kMaxJointDepartments = 10;

}  // namespace zhitong::contacts
