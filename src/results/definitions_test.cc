// The definitions pinned on hand-built histories: each test builds the timelines of a few requests
// at chosen instants and checks the counters, and the rates, they add up to.
#include "results/definitions.h"

#include <gtest/gtest.h>

#include "results/rates.h"
#include "results/test_history.h"

namespace zhitong::results {
namespace {

using namespace testing;  // NOLINT
using requests::Status;

const DayKey kMonday = 20250303;

TEST(Contributions, SubmissionIsReceivedByCityRegionLiaisonAndCategory) {
  Ledger ledger;
  History h(ledger, "1", At("2025-03-03 09:00"));
  for (auto [kind, unit] : {std::pair{UnitKind::kCity, ""}, {UnitKind::kRegion, "2"}, {UnitKind::kOfficial, "7"},
                            {UnitKind::kCategory, "power"}}) {
    EXPECT_EQ(Sum(ledger, kind, unit, kMonday, kMonday)[Counter::kReceived], 1) << Name(kind);
  }
  EXPECT_EQ(Sum(ledger, UnitKind::kDepartment, "gxj")[Counter::kReceived], 0);
  h.Route("gxj", At("2025-03-03 10:00"));
  EXPECT_EQ(Sum(ledger, UnitKind::kDepartment, "gxj", kMonday, kMonday)[Counter::kReceived], 1);
  EXPECT_EQ(Sum(ledger, UnitKind::kCity, "")[Counter::kReceived], 1) << "routing is no second receipt";
}

TEST(Contributions, SignWithinOneWorkingDayIsOnTimeAndCountsOnTheDueDay) {
  Ledger ledger;
  History h(ledger, "1", At("2025-03-03 09:00"));
  h.Route("gxj", At("2025-03-03 10:00"));
  EXPECT_EQ(Sum(ledger, UnitKind::kDepartment, "gxj")[Counter::kSignDue], 0) << "counted when it ends";
  h.Do(Cmd(Action::kSign), Handler("gxj"), At("2025-03-04 09:59"));
  const Counts due_day = Sum(ledger, UnitKind::kDepartment, "gxj", 20250304, 20250304);
  EXPECT_EQ(due_day[Counter::kSignDue], 1);
  EXPECT_EQ(due_day[Counter::kSignOnTime], 1);
  EXPECT_EQ(ComputeRates(Sum(ledger, UnitKind::kRegion, "2"), {}).response.value, 1.0);
}

TEST(Contributions, SignAfterTheDueIsMissed) {
  Ledger ledger;
  History h(ledger, "1", At("2025-03-03 09:00"));
  h.Route("gxj", At("2025-03-03 10:00"));
  h.Do(Cmd(Action::kSign), Handler("gxj"), At("2025-03-04 10:01"));
  const Counts c = Sum(ledger, UnitKind::kDepartment, "gxj");
  EXPECT_EQ(c[Counter::kSignDue], 1);
  EXPECT_EQ(c[Counter::kSignOnTime], 0);
  EXPECT_EQ(ComputeRates(c, {}).response.value, 0.0);
}

TEST(Contributions, SignDueSkipsTheWeekendAndHolidays) {
  Ledger ledger;
  // Routed on Friday 2025-04-03, before the Qingming holiday (4–6 April): due on Monday 7 April.
  History h(ledger, "1", At("2025-04-03 09:00"));
  h.Route("gxj", At("2025-04-03 16:00"));
  h.Do(Cmd(Action::kSign), Handler("gxj"), At("2025-04-07 15:00"));
  EXPECT_EQ(Sum(ledger, UnitKind::kDepartment, "gxj", 20250407, 20250407)[Counter::kSignOnTime], 1);
}

TEST(Contributions, TransferChargesEachDepartmentItsOwnRound) {
  Ledger ledger;
  History h(ledger, "1", At("2025-03-03 09:00"));
  h.Route("gxj", At("2025-03-03 10:00"));
  // The first department passes it on within its sign window: that is its response.
  h.Do(ToDept(Action::kTransfer, "gdgs"), Handler("gxj"), At("2025-03-03 15:00"));
  // The second signs late, replies and is rated.
  h.Do(Cmd(Action::kSign), Handler("gdgs"), At("2025-03-05 09:00"));
  h.Do(Cmd(Action::kReply, "已处理"), Handler("gdgs"), At("2025-03-05 10:00"));
  h.Do(Rated(Action::kRate, RatingLevel::kSatisfied), Requester(), At("2025-03-05 11:00"));

  const Counts first = Sum(ledger, UnitKind::kDepartment, "gxj");
  EXPECT_EQ(first[Counter::kReceived], 1);
  EXPECT_EQ(first[Counter::kSignDue], 1);
  EXPECT_EQ(first[Counter::kSignOnTime], 1);
  EXPECT_EQ(first[Counter::kTransferred], 1);
  EXPECT_EQ(first[Counter::kClosed], 0);
  EXPECT_EQ(first[Counter::kRatedSatisfied], 0);

  const Counts second = Sum(ledger, UnitKind::kDepartment, "gdgs");
  EXPECT_EQ(second[Counter::kReceived], 1);
  EXPECT_EQ(second[Counter::kSignDue], 1);
  EXPECT_EQ(second[Counter::kSignOnTime], 0);
  EXPECT_EQ(second[Counter::kClosed], 1);
  EXPECT_EQ(second[Counter::kSolved], 1);
  EXPECT_EQ(second[Counter::kRatedSatisfied], 1);

  // The region sees both rounds: two obligations, one met.
  const Rates region = ComputeRates(Sum(ledger, UnitKind::kRegion, "2"), {});
  EXPECT_EQ(region.response.denominator, 2);
  EXPECT_EQ(region.response.value, 0.5);
  EXPECT_EQ(region.resolution.value, 1.0);
}

TEST(Contributions, PausedClockExtendsTheReplyDue) {
  Ledger ledger;
  // Both routed Monday 10:00 with 5 working days to reply: due Monday 10 March 10:00.
  History paused(ledger, "1", At("2025-03-03 09:00"), "e1", "power", {"2", std::nullopt});
  History plain(ledger, "2", At("2025-03-03 09:00"), "e2", "power", {"3", std::nullopt});
  for (History* h : {&paused, &plain}) {
    h->Route("gxj", At("2025-03-03 10:00"));
    h->Do(Cmd(Action::kSign), Handler("gxj"), At("2025-03-03 11:00"));
    h->Do(Cmd(Action::kStart), Handler("gxj"), At("2025-03-03 11:00"));
  }
  // One waits two working days for the requester (Tuesday 10:00 to Thursday 10:00).
  paused.Do(Cmd(Action::kRequestInfo, "请补充用电容量"), Handler("gxj"), At("2025-03-04 10:00"));
  paused.Do(Cmd(Action::kSupplyInfo), Requester("e1"), At("2025-03-06 10:00"));
  // Both reply on Wednesday 12 March at 09:00: late without the pause, on time with it.
  paused.Do(Cmd(Action::kReply, "已处理"), Handler("gxj"), At("2025-03-12 09:00"));
  plain.Do(Cmd(Action::kReply, "已处理"), Handler("gxj"), At("2025-03-12 09:00"));
  EXPECT_EQ(Sum(ledger, UnitKind::kRegion, "2")[Counter::kOverdue], 0);
  const Counts late = Sum(ledger, UnitKind::kRegion, "3");
  EXPECT_EQ(late[Counter::kOverdue], 1);
  EXPECT_EQ(Sum(ledger, UnitKind::kRegion, "3", 20250310, 20250310)[Counter::kOverdue], 1)
      << "counted on the day the reply fell due";
  EXPECT_EQ(Sum(ledger, UnitKind::kDepartment, "gxj")[Counter::kOverdue], 1);
}

TEST(Contributions, MergedRequestIsCountedOnce) {
  Ledger ledger;
  History target(ledger, "1", At("2025-03-03 09:00"), "e1");
  History dup(ledger, "2", At("2025-03-03 09:30"), "e1");
  EXPECT_EQ(Sum(ledger, UnitKind::kCity, "")[Counter::kReceived], 2);
  Command merge = Cmd(Action::kMerge);
  merge.merge_target = requests::MergeTarget{"1", Status::kSubmitted, At("2025-03-03 09:00")};
  dup.Do(merge, Dispatcher(), At("2025-03-03 11:00"));
  for (auto [kind, unit] : {std::pair{UnitKind::kCity, ""}, {UnitKind::kRegion, "2"}, {UnitKind::kOfficial, "7"},
                            {UnitKind::kCategory, "power"}}) {
    EXPECT_EQ(Sum(ledger, kind, unit)[Counter::kReceived], 1) << Name(kind);
  }
}

TEST(Contributions, MergeOfAnOverdueRoutedRequestCountsTheMissedSign) {
  Ledger ledger;
  History target(ledger, "1", At("2025-03-03 09:00"));
  History dup(ledger, "2", At("2025-03-03 09:30"));
  dup.Route("gxj", At("2025-03-03 10:00"));
  Command merge = Cmd(Action::kMerge);
  merge.merge_target = requests::MergeTarget{"1", Status::kSubmitted, At("2025-03-03 09:00")};
  dup.Do(merge, Dispatcher(), At("2025-03-05 11:00"));
  const Counts c = Sum(ledger, UnitKind::kDepartment, "gxj");
  EXPECT_EQ(c[Counter::kSignDue], 1);
  EXPECT_EQ(c[Counter::kSignOnTime], 0);
}

TEST(Contributions, WithdrawBeforeTheSignDueCountsNoObligation) {
  Ledger ledger;
  History h(ledger, "1", At("2025-03-03 09:00"));
  h.Route("gxj", At("2025-03-03 10:00"));
  h.Do(Cmd(Action::kWithdraw), Requester(), At("2025-03-03 12:00"));
  EXPECT_EQ(Sum(ledger, UnitKind::kDepartment, "gxj")[Counter::kSignDue], 0);
  EXPECT_EQ(Sum(ledger, UnitKind::kCity, "")[Counter::kReceived], 1);
}

// Submitted, routed, signed and replied on Monday 3 March.
void Replied(History& h) {
  h.Route("gxj", At("2025-03-03 10:00"));
  h.Do(Cmd(Action::kSign), Handler("gxj"), At("2025-03-03 11:00"));
  h.Do(Cmd(Action::kReply, "已处理"), Handler("gxj"), At("2025-03-03 15:00"));
}

TEST(Contributions, UpheldAppealRemovesTheBadRating) {
  Ledger ledger;
  History h(ledger, "1", At("2025-03-03 09:00"));
  Replied(h);
  h.Do(Rated(Action::kRate, RatingLevel::kVeryDissatisfied), Requester(), At("2025-03-04 09:00"));
  EXPECT_EQ(Sum(ledger, UnitKind::kDepartment, "gxj")[Counter::kRatedVeryDissatisfied], 1);
  EXPECT_EQ(ComputeRates(Sum(ledger, UnitKind::kDepartment, "gxj"), {}).satisfaction.value, 0.0);
  h.Do(Cmd(Action::kAppeal, "诉求超出职责范围"), Handler("gxj"), At("2025-03-05 09:00"));
  h.Do(Decision(true), Admin(), At("2025-03-06 09:00"));
  ASSERT_EQ(h.state().status, Status::kClosed);

  const Counts c = Sum(ledger, UnitKind::kDepartment, "gxj");
  EXPECT_EQ(c[Counter::kRatedVeryDissatisfied], 0);
  EXPECT_EQ(c[Counter::kAppealed], 1);
  EXPECT_EQ(c[Counter::kAppealsUpheld], 1);
  EXPECT_EQ(c[Counter::kClosed], 1);
  EXPECT_EQ(c[Counter::kClosedUnrated], 1);
  EXPECT_EQ(c[Counter::kSolved], 0);
  const Rates r = ComputeRates(c, {});
  EXPECT_FALSE(r.satisfaction.value.has_value()) << "no rating is left";
  EXPECT_EQ(r.resolution.value, 0.0);
  Definitions lenient;
  lenient.unrated_closures_solved = true;
  EXPECT_EQ(ComputeRates(c, lenient).resolution.value, 1.0);
}

TEST(Contributions, DismissedAppealKeepsTheBadRating) {
  Ledger ledger;
  History h(ledger, "1", At("2025-03-03 09:00"));
  Replied(h);
  h.Do(Rated(Action::kRate, RatingLevel::kDissatisfied), Requester(), At("2025-03-04 09:00"));
  h.Do(Cmd(Action::kAppeal, "理由"), Handler("gxj"), At("2025-03-05 09:00"));
  h.Do(Decision(false), Admin(), At("2025-03-06 09:00"));
  const Counts c = Sum(ledger, UnitKind::kDepartment, "gxj");
  EXPECT_EQ(c[Counter::kRatedDissatisfied], 1);
  EXPECT_EQ(c[Counter::kAppealsUpheld], 0);
  EXPECT_EQ(c[Counter::kClosed], 0) << "still waiting for its rectification";
}

TEST(Contributions, RevisitConfirmsTheResolutionAfterRectification) {
  Ledger ledger;
  History h(ledger, "1", At("2025-03-03 09:00"));
  Replied(h);
  h.Do(Rated(Action::kRate, RatingLevel::kDissatisfied), Requester(), At("2025-03-04 09:00"));
  h.Do(Cmd(Action::kRectify, "已整改"), Handler("gxj"), At("2025-03-06 09:00"));
  h.Do(Rated(Action::kRevisit, RatingLevel::kSatisfied), Requester(), At("2025-03-07 09:00"));
  ASSERT_EQ(h.state().status, Status::kClosed);
  const Counts c = Sum(ledger, UnitKind::kDepartment, "gxj");
  EXPECT_EQ(c[Counter::kRectified], 1);
  EXPECT_EQ(c[Counter::kClosed], 1);
  EXPECT_EQ(c[Counter::kSolved], 1);
  EXPECT_EQ(Sum(ledger, UnitKind::kDepartment, "gxj", 20250307, 20250307)[Counter::kClosed], 1);
  EXPECT_EQ(c[Counter::kRatedDissatisfied], 1) << "the rating itself stands";
  const Rates r = ComputeRates(c, {});
  EXPECT_EQ(r.resolution.value, 1.0);
  EXPECT_EQ(r.satisfaction.value, 0.0);
}

TEST(Contributions, ReopenTakesTheClosureBack) {
  Ledger ledger;
  History h(ledger, "1", At("2025-03-03 09:00"));
  Replied(h);
  h.Do(Rated(Action::kRate, RatingLevel::kVerySatisfied), Requester(), At("2025-03-03 16:00"));
  EXPECT_EQ(Sum(ledger, UnitKind::kCity, "")[Counter::kClosed], 1);
  h.Do(Cmd(Action::kReopen, "问题复发"), Requester(), At("2025-03-10 09:00"));
  Counts c = Sum(ledger, UnitKind::kCity, "");
  EXPECT_EQ(c[Counter::kClosed], 0);
  EXPECT_EQ(c[Counter::kSolved], 0);
  EXPECT_EQ(c[Counter::kReopened], 1);
  EXPECT_EQ(c[Counter::kRatedVerySatisfied], 1) << "the rating was given";
  h.Do(Cmd(Action::kSign), Handler("gxj"), At("2025-03-10 10:00"));
  h.Do(Cmd(Action::kReply, "再次处理"), Handler("gxj"), At("2025-03-10 11:00"));
  h.Do(Cmd(Action::kAutoClose), System(), At("2025-03-20 11:00"));
  c = Sum(ledger, UnitKind::kCity, "");
  EXPECT_EQ(c[Counter::kClosed], 1);
  EXPECT_EQ(c[Counter::kClosedUnrated], 1);
  EXPECT_EQ(Sum(ledger, UnitKind::kCity, "", 20250320, 20250320)[Counter::kClosed], 1);
  EXPECT_EQ(c[Counter::kSignDue], 2) << "the reopened round is a new obligation";
}

TEST(Contributions, CategoryChangedAtRoutingMovesTheReceivedCount) {
  Ledger ledger;
  History h(ledger, "1", At("2025-03-03 09:00"), "e1", "other");
  h.Do(Cmd(Action::kAccept), Dispatcher(), At("2025-03-03 09:10"));
  Command route = ToDept(Action::kRoute, "gdgs");
  route.category_code = "power";
  h.Do(route, Dispatcher(), At("2025-03-03 09:20"));
  EXPECT_EQ(Sum(ledger, UnitKind::kCategory, "other")[Counter::kReceived], 0);
  EXPECT_EQ(Sum(ledger, UnitKind::kCategory, "power", kMonday, kMonday)[Counter::kReceived], 1);
  EXPECT_EQ(Sum(ledger, UnitKind::kCity, "")[Counter::kReceived], 1);
}

TEST(Contributions, DaysAreShanghaiCalendarDays) {
  EXPECT_EQ(DayOf(At("2025-03-03 00:30")), 20250303);  // 2 March 16:30 UTC
  EXPECT_EQ(DayOf(At("2025-03-31 23:59")), 20250331);
}

}  // namespace
}  // namespace zhitong::results
