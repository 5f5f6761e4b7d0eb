#include "results/definitions.h"

#include <tuple>

namespace zhitong::results {
namespace {

using requests::Action;
using requests::RatingLevel;
using requests::Request;
using requests::Status;

constexpr std::array<Counter, kCounterCount> kCounters = {
    Counter::kReceived,          Counter::kSignDue,        Counter::kSignOnTime,
    Counter::kClosed,            Counter::kSolved,         Counter::kClosedUnrated,
    Counter::kRatedVerySatisfied, Counter::kRatedSatisfied, Counter::kRatedBasicallySatisfied,
    Counter::kRatedDissatisfied, Counter::kRatedVeryDissatisfied, Counter::kOverdue,
    Counter::kReopened,          Counter::kRectified,      Counter::kAppealed,
    Counter::kAppealsUpheld,     Counter::kTransferred,
};

// Collects deltas for the units of one request.
class Charger {
 public:
  Charger(const RequestUnits& units, std::vector<Delta>& out) : units_(units), out_(out) {}

  // City, region and liaison, the category and (when given) the department.
  void All(const Request& r, const std::optional<std::string>& department, DayKey day, Counter c, int64_t v) {
    Add(UnitKind::kCity, "", day, c, v);
    if (units_.region) Add(UnitKind::kRegion, *units_.region, day, c, v);
    if (units_.liaison) Add(UnitKind::kOfficial, *units_.liaison, day, c, v);
    if (!r.category_code.empty()) Add(UnitKind::kCategory, r.category_code, day, c, v);
    if (department && !department->empty()) Add(UnitKind::kDepartment, *department, day, c, v);
  }
  void Add(UnitKind kind, const std::string& unit, DayKey day, Counter c, int64_t v) {
    if (v != 0) out_.push_back(Delta{kind, unit, day, c, v});
  }

 private:
  const RequestUnits& units_;
  std::vector<Delta>& out_;
};

bool Good(RatingLevel level) { return !requests::IsBad(level); }

// How a closed request's closure counts; empty when the request is not closed.
struct Closure {
  DayKey day = 0;
  std::optional<std::string> department;
  std::string category;
  bool solved = false;
  bool unrated = false;
  bool operator==(const Closure&) const = default;
};

std::optional<Closure> ClosureOf(const Request& r) {
  if (r.status != Status::kClosed || !r.closed_at) return std::nullopt;
  Closure c;
  c.day = DayOf(*r.closed_at);
  c.department = r.handling_department;
  c.category = r.category_code;
  if (r.revisit_level) {
    c.solved = Good(*r.revisit_level);  // resolution confirmed (or not) at the revisit
  } else if (r.rating && !r.rating->voided) {
    c.solved = Good(r.rating->level);
  } else {
    c.unrated = true;  // auto-closed, or the bad rating was voided on appeal
  }
  return c;
}

void ChargeClosure(Charger& charge, const Request& r, const Closure& c, int64_t sign) {
  charge.All(r, c.department, c.day, Counter::kClosed, sign);
  if (c.solved) charge.All(r, c.department, c.day, Counter::kSolved, sign);
  if (c.unrated) charge.All(r, c.department, c.day, Counter::kClosedUnrated, sign);
}

bool InReplyRound(Status s) {
  return s == Status::kSigned || s == Status::kInProgress || s == Status::kWaitingRequester;
}

}  // namespace

std::string_view Name(UnitKind k) {
  switch (k) {
    case UnitKind::kCity: return "city";
    case UnitKind::kRegion: return "region";
    case UnitKind::kOfficial: return "official";
    case UnitKind::kCategory: return "category";
    case UnitKind::kDepartment: return "department";
  }
  return "city";
}

std::optional<UnitKind> ParseUnitKind(std::string_view name) {
  for (UnitKind k : {UnitKind::kCity, UnitKind::kRegion, UnitKind::kOfficial, UnitKind::kCategory,
                     UnitKind::kDepartment}) {
    if (Name(k) == name) return k;
  }
  return std::nullopt;
}

std::string_view Name(Counter c) {
  switch (c) {
    case Counter::kReceived: return "received";
    case Counter::kSignDue: return "sign_due";
    case Counter::kSignOnTime: return "sign_on_time";
    case Counter::kClosed: return "closed";
    case Counter::kSolved: return "solved";
    case Counter::kClosedUnrated: return "closed_unrated";
    case Counter::kRatedVerySatisfied: return "rated_very_satisfied";
    case Counter::kRatedSatisfied: return "rated_satisfied";
    case Counter::kRatedBasicallySatisfied: return "rated_basically_satisfied";
    case Counter::kRatedDissatisfied: return "rated_dissatisfied";
    case Counter::kRatedVeryDissatisfied: return "rated_very_dissatisfied";
    case Counter::kOverdue: return "overdue";
    case Counter::kReopened: return "reopened";
    case Counter::kRectified: return "rectified";
    case Counter::kAppealed: return "appealed";
    case Counter::kAppealsUpheld: return "appeals_upheld";
    case Counter::kTransferred: return "transferred";
  }
  return "received";
}

std::span<const Counter> AllCounters() { return kCounters; }

Counter RatingCounter(RatingLevel level) {
  switch (level) {
    case RatingLevel::kVerySatisfied: return Counter::kRatedVerySatisfied;
    case RatingLevel::kSatisfied: return Counter::kRatedSatisfied;
    case RatingLevel::kBasicallySatisfied: return Counter::kRatedBasicallySatisfied;
    case RatingLevel::kDissatisfied: return Counter::kRatedDissatisfied;
    case RatingLevel::kVeryDissatisfied: return Counter::kRatedVeryDissatisfied;
  }
  return Counter::kRatedSatisfied;
}

DayKey DayOf(Instant t) {
  const auto d = ShanghaiDate(t);
  return static_cast<DayKey>(static_cast<int>(d.year()) * 10000 + static_cast<int>(unsigned(d.month())) * 100 +
                             static_cast<int>(unsigned(d.day())));
}

std::vector<Delta> Contributions(const Step& step) {
  std::vector<Delta> out;
  const requests::Event& e = *step.event;
  const Request& after = *step.after;
  Charger charge(step.units, out);
  const DayKey today = DayOf(e.at);

  if (!step.before) {
    if (e.type == Action::kSubmit) charge.All(after, std::nullopt, DayOf(after.submitted_at), Counter::kReceived, 1);
    return out;
  }
  const Request& before = *step.before;
  const DayKey submitted = DayOf(before.submitted_at);

  // Received: moves with a category change, taken back by a merge.
  if (before.category_code != after.category_code && after.status != Status::kMerged) {
    if (!before.category_code.empty()) charge.Add(UnitKind::kCategory, before.category_code, submitted, Counter::kReceived, -1);
    if (!after.category_code.empty()) charge.Add(UnitKind::kCategory, after.category_code, submitted, Counter::kReceived, 1);
  }
  if (e.type == Action::kMerge) charge.All(before, std::nullopt, submitted, Counter::kReceived, -1);
  if ((e.type == Action::kRoute || e.type == Action::kTransfer) && after.handling_department) {
    charge.Add(UnitKind::kDepartment, *after.handling_department, today, Counter::kReceived, 1);
  }

  // Response: the sign obligation of the round that `before` was waiting to sign.
  const bool sign_round_ends = before.status == Status::kRouted &&
                               (after.status != Status::kRouted || e.type == Action::kRoute ||
                                e.type == Action::kTransfer);
  if (sign_round_ends) {
    if (step.before_dues.sign) {
      const Instant due = *step.before_dues.sign;
      const bool answered =
          e.type == Action::kSign || e.type == Action::kTransfer || e.type == Action::kDisputeRouting;
      const bool late = e.at > due;
      if (answered || late) {
        const DayKey due_day = DayOf(due);
        charge.All(before, before.handling_department, due_day, Counter::kSignDue, 1);
        if (answered && !late) charge.All(before, before.handling_department, due_day, Counter::kSignOnTime, 1);
      }
    }
  }

  // Overdue: a handling round that ends after its reply due.
  const bool round_ends = e.type == Action::kReply || e.type == Action::kTransfer || e.type == Action::kMerge ||
                          e.type == Action::kWithdraw;
  if (InReplyRound(before.status) && round_ends && step.before_dues.reply && e.at > *step.before_dues.reply) {
    charge.All(before, before.handling_department, DayOf(*step.before_dues.reply), Counter::kOverdue, 1);
  }

  switch (e.type) {
    case Action::kTransfer:
      charge.All(before, before.handling_department, today, Counter::kTransferred, 1);
      break;
    case Action::kRate:
      if (after.rating) charge.All(after, after.handling_department, today, RatingCounter(after.rating->level), 1);
      break;
    case Action::kRectify:
      charge.All(after, after.handling_department, today, Counter::kRectified, 1);
      break;
    case Action::kAppeal:
      charge.All(after, after.handling_department, today, Counter::kAppealed, 1);
      break;
    case Action::kDecideAppeal:
      if (after.appeal == requests::AppealState::kUpheld) {
        charge.All(after, after.handling_department, today, Counter::kAppealsUpheld, 1);
        if (before.rating && !before.rating->voided) {
          charge.All(before, before.handling_department, DayOf(before.rating->at),
                     RatingCounter(before.rating->level), -1);
        }
      }
      break;
    case Action::kReopen:
      charge.All(before, before.handling_department, today, Counter::kReopened, 1);
      break;
    default:
      break;
  }

  // Resolution: the closure as it stands after the event against as it stood before.
  const auto closure_before = ClosureOf(before);
  const auto closure_after = ClosureOf(after);
  if (closure_before != closure_after) {
    if (closure_before) ChargeClosure(charge, before, *closure_before, -1);
    if (closure_after) ChargeClosure(charge, after, *closure_after, 1);
  }
  return out;
}

}  // namespace zhitong::results
