// Happy paths and refusals of each action, one behaviour per test.
#include "requests/state_machine.h"

#include <gtest/gtest.h>

#include "requests/event_chain.h"
#include "requests/test_util.h"

namespace zhitong::requests {
namespace {

using namespace testing;

// A request routed to 工信局 (gxj) and signed, ready to be worked on.
Timeline Signed() {
  Timeline t;
  t.Must(Cmd(Action::kAccept), Dispatcher());
  t.Must(WithDept(Action::kRoute, "gxj"), Dispatcher());
  t.Must(Cmd(Action::kSign), Handler("gxj"));
  return t;
}

Timeline Replied() {
  Timeline t = Signed();
  t.Must(Cmd(Action::kStart), Handler("gxj"));
  t.Must(Cmd(Action::kReply, "已安排供电公司更换线路"), Handler("gxj"));
  return t;
}

std::string ErrorCode(const Result<void>& r) { return r ? "ok" : r.error().code; }

TEST(Submit, CreatesSubmittedRequestWithAllIntakeFields) {
  Timeline t;
  const Request& r = t.state();
  EXPECT_EQ(r.id, "R-1");
  EXPECT_EQ(r.status, Status::kSubmitted);
  EXPECT_EQ(r.enterprise_id, "e-1");
  EXPECT_EQ(r.submitter_id, "u-req");
  EXPECT_EQ(r.category_code, "power");
  EXPECT_EQ(r.title, "厂区供电线路老化");
  EXPECT_EQ(r.liaison_id, "o-7");
  EXPECT_EQ(r.submitted_at, At(0));
  EXPECT_EQ(r.version, 1);
  EXPECT_EQ(r.last_hash, t.events()[0].hash);
  EXPECT_TRUE(t.events()[0].prev_hash.empty());
}

TEST(Submit, RefusesEmptyTitleAndOverlongDescription) {
  NewRequest n = SampleRequest();
  n.title = "  ";
  EXPECT_EQ(Submit(n, Requester(), At(0)).error().code, "request.title_required");
  n = SampleRequest();
  n.description = std::string(4001 * 3, '\0');
  for (size_t i = 0; i < n.description.size(); i += 3) n.description.replace(i, 3, "电");
  EXPECT_EQ(Submit(n, Requester(), At(0)).error().code, "request.description_too_long");
  n.description.resize(4000 * 3);  // exactly 4,000 characters is fine
  EXPECT_TRUE(Submit(n, Requester(), At(0)));
}

TEST(Submit, RefusesInvalidUtf8) {
  NewRequest n = SampleRequest();
  n.description = "\xe4\xbe";
  EXPECT_EQ(Submit(n, Requester(), At(0)).error().code, "request.text_not_utf8");
}

TEST(Submit, OnlyRequestersForThemselvesOrDispatchersByPhone) {
  NewRequest n = SampleRequest();
  EXPECT_EQ(Submit(n, OtherEnterprise(), At(0)).error().code, "request.not_allowed");
  EXPECT_EQ(Submit(n, Handler(), At(0)).error().code, "request.not_allowed");
  EXPECT_EQ(Submit(n, Dispatcher(), At(0)).error().code, "request.not_allowed");
  n.channel = Channel::kPhone;
  EXPECT_TRUE(Submit(n, Dispatcher(), At(0)));
  NewRequest c = SampleRequest();
  c.submitter_id = "u-cit";
  c.enterprise_id.reset();
  c.channel = Channel::kOpen311;
  EXPECT_TRUE(Submit(c, Citizen(), At(0)));
}

TEST(Decide, RefusesStaleVersionWithConflict) {
  Timeline t;
  Command c = Cmd(Action::kAccept);
  c.expected_version = 0;
  auto r = Decide(t.state(), c, Dispatcher(), At(1));
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().kind, ErrorKind::kConflict);
  EXPECT_EQ(r.error().code, "request.version_conflict");
}

TEST(Decide, TwoHandlersRacingOnOneVersionOnlyOneWins) {
  Timeline t = Signed();
  Command start = Cmd(Action::kStart);
  start.expected_version = t.state().version;
  auto first = Decide(t.state(), start, Handler(), At(10));
  ASSERT_TRUE(first);
  const Request after = Apply(t.state(), (*first)[0]);
  Command reply = Cmd(Action::kReply, "答复");
  reply.expected_version = t.state().version;  // the second handler's stale view
  EXPECT_EQ(Decide(after, reply, Handler(), At(10)).error().code, "request.version_conflict");
}

TEST(Decide, InvalidTransitionNamesStatusAndActionInBothLanguages) {
  Timeline t;
  auto r = t.Do(Cmd(Action::kReply, "答复"), Handler());
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().kind, ErrorKind::kConflict);
  EXPECT_EQ(r.error().code, "request.invalid_transition");
  EXPECT_EQ(r.error().message, "cannot reply to a request that is submitted");
  EXPECT_EQ(r.error().message_zh, "诉求当前为“已提交”状态，不能答复");
}

TEST(Decide, ReadOnlyRolesAndStrangersAreForbidden) {
  Timeline t;
  for (const Actor& a : {Leader(), Liaison(), Handler(), OtherEnterprise(), Admin()}) {
    auto r = t.Do(Cmd(Action::kAccept), a);
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().kind, ErrorKind::kForbidden) << Name(a.role);
    EXPECT_EQ(r.error().code, "request.not_allowed");
  }
}

TEST(Decide, EventsAreSealedAndChainedToTheRequest) {
  Timeline t = Signed();
  ASSERT_EQ(t.events().size(), 4u);
  EXPECT_EQ(t.events()[3].seq, 4);
  EXPECT_EQ(t.events()[3].prev_hash, t.events()[2].hash);
  EXPECT_EQ(t.events()[3].actor_id, "u-h-gxj");
  EXPECT_EQ(t.events()[3].actor_role, Role::kHandler);
  EXPECT_TRUE(VerifyChain(t.events()));
}

TEST(Accept, RecordsAcceptanceAndOptionalCategory) {
  Timeline t;
  Command c = Cmd(Action::kAccept);
  c.category_code = "power.grid";
  t.Must(c, Dispatcher());
  EXPECT_EQ(t.state().status, Status::kAccepted);
  EXPECT_EQ(t.state().accepted_at, At(1));
  EXPECT_EQ(t.state().category_code, "power.grid");
}

TEST(Reject, RequiresReason) {
  Timeline t;
  EXPECT_EQ(ErrorCode(t.Do(Cmd(Action::kReject, " "), Dispatcher())), "request.reason_required");
  t.Must(Cmd(Action::kReject, "不属于受理范围"), Dispatcher());
  EXPECT_EQ(t.state().status, Status::kRejected);
  EXPECT_EQ(ErrorCode(t.Do(Cmd(Action::kAccept), Dispatcher())), "request.invalid_transition");
}

TEST(Route, RequiresDepartmentAndSetsHandlingDepartment) {
  Timeline t;
  t.Must(Cmd(Action::kAccept), Dispatcher());
  EXPECT_EQ(ErrorCode(t.Do(Cmd(Action::kRoute), Dispatcher())), "request.department_required");
  t.Must(WithDept(Action::kRoute, "gxj"), Dispatcher());
  EXPECT_EQ(t.state().status, Status::kRouted);
  EXPECT_EQ(t.state().handling_department, "gxj");
  EXPECT_EQ(t.state().routed_at, At(2));
}

TEST(Route, DispatcherMayReRouteBeforeSigningButNotToTheSameDepartment) {
  Timeline t;
  t.Must(Cmd(Action::kAccept), Dispatcher());
  t.Must(WithDept(Action::kRoute, "gxj"), Dispatcher());
  EXPECT_EQ(ErrorCode(t.Do(WithDept(Action::kRoute, "gxj"), Dispatcher())), "request.same_department");
  t.Must(WithDept(Action::kRoute, "rsj"), Dispatcher());
  EXPECT_EQ(t.state().handling_department, "rsj");
}

TEST(Sign, OnlyAHandlerOfTheHandlingDepartment) {
  Timeline t;
  t.Must(Cmd(Action::kAccept), Dispatcher());
  t.Must(WithDept(Action::kRoute, "gxj"), Dispatcher());
  EXPECT_EQ(ErrorCode(t.Do(Cmd(Action::kSign), Handler("rsj"))), "request.not_allowed");
  t.Must(Cmd(Action::kSign), Handler("gxj"));
  EXPECT_EQ(t.state().status, Status::kSigned);
  EXPECT_EQ(t.state().handler_id, "u-h-gxj");
  EXPECT_EQ(t.state().signed_at, At(3));
}

TEST(DisputeRouting, SendsRequestBackToDispatcherWithReason) {
  Timeline t;
  t.Must(Cmd(Action::kAccept), Dispatcher());
  t.Must(WithDept(Action::kRoute, "gxj"), Dispatcher());
  EXPECT_EQ(ErrorCode(t.Do(Cmd(Action::kDisputeRouting), Handler())), "request.reason_required");
  t.Must(Cmd(Action::kDisputeRouting, "属供电公司职责"), Handler());
  EXPECT_EQ(t.state().status, Status::kAccepted);
  EXPECT_FALSE(t.state().handling_department.has_value());
  t.Must(WithDept(Action::kRoute, "gdgs"), Dispatcher());
  EXPECT_EQ(t.state().handling_department, "gdgs");
}

TEST(RequestInfo, PausesUntilRequesterSupplies) {
  Timeline t = Signed();
  t.Must(Cmd(Action::kStart), Handler());
  EXPECT_EQ(ErrorCode(t.Do(Cmd(Action::kRequestInfo), Handler())), "request.reason_required");
  t.Must(Cmd(Action::kRequestInfo, "请补充线路位置"), Handler());
  EXPECT_EQ(t.state().status, Status::kWaitingRequester);
  EXPECT_TRUE(t.state().paused());
  EXPECT_EQ(ErrorCode(t.Do(Cmd(Action::kSupplyInfo), Handler())), "request.not_allowed");
  t.Must(Cmd(Action::kSupplyInfo, "位于厂区东侧"), Colleague());  // same enterprise
  EXPECT_EQ(t.state().status, Status::kInProgress);
  ASSERT_EQ(t.state().pauses.size(), 1u);
  EXPECT_EQ(t.state().pauses[0].start, At(5));
  EXPECT_EQ(t.state().pauses[0].end, At(6));
}

TEST(Reply, RequiresTextAndCountsReplies) {
  Timeline t = Signed();
  EXPECT_EQ(ErrorCode(t.Do(Cmd(Action::kReply), Handler())), "request.reason_required");
  t.Must(Cmd(Action::kReply, "已处理"), Handler());  // straight from signed
  EXPECT_EQ(t.state().status, Status::kReplied);
  EXPECT_EQ(t.state().reply, "已处理");
  EXPECT_EQ(t.state().reply_count, 1);
  EXPECT_EQ(t.state().replied_at, At(4));
}

TEST(Transfer, RequiresReasonAndAnotherDepartmentAndStartsANewRound) {
  Timeline t = Signed();
  EXPECT_EQ(ErrorCode(t.Do(WithDept(Action::kTransfer, "rsj"), Handler())), "request.reason_required");
  EXPECT_EQ(ErrorCode(t.Do(WithDept(Action::kTransfer, "gxj", "理由"), Handler())),
            "request.same_department");
  EXPECT_EQ(ErrorCode(t.Do(Cmd(Action::kTransfer, "理由"), Handler())), "request.department_required");
  t.Must(WithDept(Action::kTransfer, "rsj", "涉及用工，转人社局"), Handler());
  EXPECT_EQ(t.state().status, Status::kRouted);
  EXPECT_EQ(t.state().handling_department, "rsj");
  EXPECT_FALSE(t.state().signed_at.has_value());
  EXPECT_EQ(t.events().back().Get("from_department"), "gxj");
  // The old department has no say any more; the new one signs.
  EXPECT_EQ(ErrorCode(t.Do(Cmd(Action::kSign), Handler("gxj"))), "request.not_allowed");
  t.Must(Cmd(Action::kSign), Handler("rsj"));
}

TEST(AddCohandler, AddsEachDepartmentOnce) {
  Timeline t = Signed();
  t.Must(WithDept(Action::kAddCohandler, "zrzyj"), Handler());
  EXPECT_EQ(t.state().status, Status::kSigned);
  EXPECT_EQ(ErrorCode(t.Do(WithDept(Action::kAddCohandler, "zrzyj"), Handler())),
            "request.already_cohandler");
  EXPECT_EQ(ErrorCode(t.Do(WithDept(Action::kAddCohandler, "gxj"), Handler())),
            "request.same_department");
  EXPECT_EQ(t.state().cohandling_departments, std::vector<std::string>{"zrzyj"});
}

TEST(Rate, GoodRatingClosesTheRequest) {
  Timeline t = Replied();
  EXPECT_EQ(ErrorCode(t.Do(Cmd(Action::kRate), Requester())), "request.rating_required");
  t.Must(WithRating(Action::kRate, RatingLevel::kVerySatisfied, "很及时"), Requester());
  EXPECT_EQ(t.state().status, Status::kClosed);
  EXPECT_EQ(t.state().closed_at, At(6));
  ASSERT_TRUE(t.state().rating.has_value());
  EXPECT_EQ(t.state().rating->comment, "很及时");
  EXPECT_EQ(t.state().rectification, RectificationState::kNone);
}

TEST(Rate, OnlyTheRequesterRates) {
  Timeline t = Replied();
  for (const Actor& a : {Handler(), Dispatcher(), OtherEnterprise(), Admin()}) {
    EXPECT_EQ(ErrorCode(t.Do(WithRating(Action::kRate, RatingLevel::kSatisfied), a)),
              "request.not_allowed");
  }
}

TEST(Rate, RefusesSecondRatingOfSameReply) {
  Timeline t = Replied();
  t.Must(WithRating(Action::kRate, RatingLevel::kDissatisfied), Requester());
  EXPECT_EQ(ErrorCode(t.Do(WithRating(Action::kRate, RatingLevel::kSatisfied), Requester())),
            "request.already_rated");
}

TEST(Rate, BadRatingOpensRectificationAndKeepsRequestOpen) {
  Timeline t = Replied();
  t.Must(WithRating(Action::kRate, RatingLevel::kVeryDissatisfied, "没解决"), Requester());
  EXPECT_EQ(t.state().status, Status::kReplied);
  EXPECT_EQ(t.state().rectification, RectificationState::kPending);
  EXPECT_EQ(ErrorCode(t.Do(Cmd(Action::kAutoClose), System())), "request.rectification_pending");
  EXPECT_EQ(ErrorCode(t.Do(WithRating(Action::kRevisit, RatingLevel::kSatisfied), Requester())),
            "request.not_rectified");
}

TEST(Rectify, RequiresAPendingRectificationAndText) {
  Timeline t = Replied();
  EXPECT_EQ(ErrorCode(t.Do(Cmd(Action::kRectify, "已整改"), Handler())),
            "request.no_rectification_pending");
  t.Must(WithRating(Action::kRate, RatingLevel::kDissatisfied), Requester());
  EXPECT_EQ(ErrorCode(t.Do(Cmd(Action::kRectify), Handler())), "request.reason_required");
  t.Must(Cmd(Action::kRectify, "已整改"), Handler());
  EXPECT_EQ(t.state().rectification, RectificationState::kRectified);
  EXPECT_EQ(t.state().rectified_at, At(7));
}

TEST(AutoClose, ClosesAnUnratedReplyOnlyForTheSystem) {
  Timeline t = Replied();
  EXPECT_EQ(ErrorCode(t.Do(Cmd(Action::kAutoClose), Dispatcher())), "request.not_allowed");
  t.Must(Cmd(Action::kAutoClose), System());
  EXPECT_EQ(t.state().status, Status::kClosed);
  EXPECT_FALSE(t.state().rating.has_value());
}

TEST(Escalate, OnlyTheSystemWithAnOrderAndTheStatusStays) {
  Timeline t = Signed();
  Command c = Cmd(Action::kEscalate);
  EXPECT_EQ(ErrorCode(t.Do(c, System())), "request.escalation_required");
  c.escalation = EscalationOrder{DueKind::kReply, EscalationLevel::kDepartmentHead, At(30), At(1)};
  EXPECT_EQ(ErrorCode(t.Do(c, Dispatcher())), "request.not_allowed");
  const Request before = t.state();
  t.Must(c, System());
  EXPECT_EQ(t.state().status, before.status);
  EXPECT_EQ(t.state().version, before.version + 1);
  const Event& e = t.events().back();
  EXPECT_EQ(e.type, Action::kEscalate);
  EXPECT_EQ(e.Get("due"), "reply");
  EXPECT_EQ(e.Get("level"), "department_head");
  EXPECT_EQ(e.Get("due_at"), FormatShanghai(At(30)));
  EXPECT_EQ(e.prev_hash, before.last_hash);
}

TEST(Escalate, NotWhileWaitingForTheRequesterNorOnceDone) {
  Timeline t = Replied();
  Command rate = Cmd(Action::kRate);
  rate.rating = RatingLevel::kSatisfied;
  t.Must(rate, Requester());
  Command c = Cmd(Action::kEscalate);
  c.escalation = EscalationOrder{DueKind::kRectify, EscalationLevel::kHandler, At(30), At(1)};
  EXPECT_EQ(ErrorCode(t.Do(c, System())), "request.invalid_transition");
}

Command AttachCmd(const std::string& name = "营业执照.pdf") {
  Command c = Cmd(Action::kAttach);
  c.attachment = AttachmentRef{"7", name, "application/pdf", 2048, std::string(64, 'c')};
  return c;
}

TEST(Attach, RecordsTheFileAndKeepsTheStatus) {
  Timeline t = Signed();
  EXPECT_EQ(ErrorCode(t.Do(Cmd(Action::kAttach), Requester())), "request.attachment_required");
  const Request before = t.state();
  t.Must(AttachCmd(), Requester());
  t.Must(AttachCmd("整改照片.png"), Handler());
  EXPECT_EQ(t.state().status, before.status);
  EXPECT_EQ(t.state().attachment_count, 2);
  const Event& e = t.events()[t.events().size() - 2];
  EXPECT_EQ(e.type, Action::kAttach);
  EXPECT_EQ(e.Get("attachment_id"), "7");
  EXPECT_EQ(e.Get("name"), "营业执照.pdf");
  EXPECT_EQ(e.Get("media_type"), "application/pdf");
  EXPECT_EQ(e.Get("size"), "2048");
  EXPECT_EQ(e.Get("sha256"), std::string(64, 'c'));
  EXPECT_EQ(e.prev_hash, before.last_hash);
}

TEST(Attach, OnlyThoseWhoWorkOnTheRequestAndOnlyWhileItIsOpen) {
  Timeline t;  // submitted
  EXPECT_EQ(ErrorCode(t.Do(AttachCmd(), OtherEnterprise())), "request.not_allowed");
  EXPECT_EQ(ErrorCode(t.Do(AttachCmd(), Handler())), "request.not_allowed");  // not routed to them yet
  EXPECT_EQ(ErrorCode(t.Do(AttachCmd(), Leader())), "request.not_allowed");
  t.Must(AttachCmd(), Dispatcher());  // papers of a phone or visit request at intake
  t.Must(AttachCmd(), Colleague());
  Timeline done = Replied();
  done.Must(WithRating(Action::kRate, RatingLevel::kSatisfied), Requester());
  EXPECT_EQ(ErrorCode(done.Do(AttachCmd(), Requester())), "request.invalid_transition");
}

TEST(Attach, RefusesMalformedFiles) {
  Timeline t;
  Command c = AttachCmd("");
  EXPECT_EQ(ErrorCode(t.Do(c, Requester())), "attachment.name_required");
  c = AttachCmd(std::string(256, 'a'));
  EXPECT_EQ(ErrorCode(t.Do(c, Requester())), "request.name_too_long");
  c = AttachCmd("a\xff.pdf");
  EXPECT_EQ(ErrorCode(t.Do(c, Requester())), "request.text_not_utf8");
  c = AttachCmd();
  c.attachment->sha256 = "not-a-hash";
  EXPECT_EQ(ErrorCode(t.Do(c, Requester())), "request.attachment_malformed");
  c = AttachCmd();
  c.attachment->size = 0;
  EXPECT_EQ(ErrorCode(t.Do(c, Requester())), "request.attachment_malformed");
  EXPECT_EQ(t.state().attachment_count, 0);
}

TEST(Appeal, OnlyABadRatingOnceAndDecidedByAnAdmin) {
  Timeline t = Replied();
  EXPECT_EQ(ErrorCode(t.Do(Cmd(Action::kAppeal, "评价不实"), Handler())), "request.not_appealable");
  t.Must(WithRating(Action::kRate, RatingLevel::kDissatisfied), Requester());
  EXPECT_EQ(ErrorCode(t.Do(Cmd(Action::kAppeal), Handler())), "request.reason_required");
  EXPECT_EQ(ErrorCode(t.Do(Decision(true), Admin())), "request.no_appeal_pending");
  t.Must(Cmd(Action::kAppeal, "诉求超出职权范围"), Handler());
  EXPECT_EQ(t.state().appeal, AppealState::kPending);
  EXPECT_EQ(ErrorCode(t.Do(Decision(true), Dispatcher())), "request.not_allowed");
  EXPECT_EQ(ErrorCode(t.Do(Cmd(Action::kDecideAppeal), Admin())), "request.decision_required");
  t.Must(Decision(false), Admin());
  EXPECT_EQ(t.state().appeal, AppealState::kDismissed);
  EXPECT_FALSE(t.state().rating->voided);
  EXPECT_EQ(t.state().status, Status::kReplied);
  EXPECT_EQ(ErrorCode(t.Do(Cmd(Action::kAppeal, "再次申诉"), Handler())), "request.not_appealable");
}

TEST(Appeal, UpheldAppealVoidsRatingAndClosesRequest) {
  Timeline t = Replied();
  t.Must(WithRating(Action::kRate, RatingLevel::kDissatisfied), Requester());
  t.Must(Cmd(Action::kAppeal, "诉求超出职权范围"), Handler());
  t.Must(Decision(true), Admin());
  EXPECT_EQ(t.state().appeal, AppealState::kUpheld);
  EXPECT_TRUE(t.state().rating->voided);
  EXPECT_EQ(t.state().status, Status::kClosed);
}

TEST(Withdraw, RequesterWithdrawsAnOpenRequestAndEndsAPause) {
  Timeline t = Signed();
  t.Must(Cmd(Action::kStart), Handler());
  t.Must(Cmd(Action::kRequestInfo, "请补充"), Handler());
  EXPECT_EQ(ErrorCode(t.Do(Cmd(Action::kWithdraw), Handler())), "request.not_allowed");
  t.Must(Cmd(Action::kWithdraw, "问题已自行解决"), Requester());
  EXPECT_EQ(t.state().status, Status::kWithdrawn);
  EXPECT_FALSE(t.state().paused());
  EXPECT_EQ(ErrorCode(t.Do(Cmd(Action::kReopen, "x"), Requester())), "request.invalid_transition");
}

TEST(Withdraw, NotAfterTheReply) {
  Timeline t = Replied();
  EXPECT_EQ(ErrorCode(t.Do(Cmd(Action::kWithdraw), Requester())), "request.invalid_transition");
}

TEST(Merge, IntoAnEarlierOpenRequestKeepsBothTimelines) {
  Timeline earlier(SampleRequest("R-1"), Requester(), 0);
  Timeline later(SampleRequest("R-2"), Requester(), 5);
  Command c = Cmd(Action::kMerge, "重复诉求");
  EXPECT_EQ(ErrorCode(later.Do(c, Dispatcher())), "request.merge_target_required");
  c.merge_target = MergeTarget{"R-2", Status::kSubmitted, At(5)};
  EXPECT_EQ(ErrorCode(later.Do(c, Dispatcher())), "request.merge_target_invalid");
  c.merge_target = MergeTarget{"R-1", Status::kClosed, earlier.state().submitted_at};
  EXPECT_EQ(ErrorCode(later.Do(c, Dispatcher())), "request.merge_target_invalid");
  // Only into an earlier one: R-1 cannot go into R-2.
  Command backwards = c;
  backwards.merge_target = MergeTarget{"R-2", Status::kSubmitted, At(5)};
  EXPECT_EQ(ErrorCode(earlier.Do(backwards, Dispatcher())), "request.merge_target_invalid");

  c.merge_target = MergeTarget{"R-1", earlier.state().status, earlier.state().submitted_at};
  later.Must(c, Dispatcher());
  EXPECT_EQ(later.state().status, Status::kMerged);
  EXPECT_EQ(later.state().merged_into, "R-1");
  EXPECT_EQ(later.events().size(), 2u);  // its own timeline stays whole
  EXPECT_EQ(earlier.state().status, Status::kSubmitted);
  EXPECT_EQ(ErrorCode(later.Do(Cmd(Action::kAccept), Dispatcher())), "request.invalid_transition");
}

TEST(Reopen, ClosedRequestGoesBackToTheDepartmentForANewRound) {
  Timeline t = Replied();
  t.Must(WithRating(Action::kRate, RatingLevel::kBasicallySatisfied), Requester());
  EXPECT_EQ(ErrorCode(t.Do(Cmd(Action::kReopen), Requester())), "request.reason_required");
  EXPECT_EQ(ErrorCode(t.Do(Cmd(Action::kReopen, "问题复发"), Handler())), "request.not_allowed");
  t.Must(Cmd(Action::kReopen, "问题复发"), Requester());
  EXPECT_EQ(t.state().status, Status::kRouted);
  EXPECT_EQ(t.state().handling_department, "gxj");
  EXPECT_FALSE(t.state().closed_at.has_value());
  t.Must(Cmd(Action::kSign), Handler());
  t.Must(Cmd(Action::kReply, "再次处理"), Handler());
  EXPECT_EQ(t.state().reply_count, 2);
  EXPECT_FALSE(t.state().rating.has_value());  // the new reply may be rated again
  t.Must(WithRating(Action::kRate, RatingLevel::kSatisfied), Requester());
  EXPECT_EQ(t.state().status, Status::kClosed);
}

TEST(Reopen, RefusedWhileAnAppealWaits) {
  Timeline t = Replied();
  t.Must(WithRating(Action::kRate, RatingLevel::kDissatisfied), Requester());
  t.Must(Cmd(Action::kRectify, "已整改"), Handler());
  t.Must(WithRating(Action::kRevisit, RatingLevel::kSatisfied), Requester());
  t.Must(Cmd(Action::kAppeal, "评价不实"), Handler());
  EXPECT_EQ(ErrorCode(t.Do(Cmd(Action::kReopen, "复发"), Requester())), "request.appeal_pending");
}

TEST(Replay, FoldOfEventsEqualsStepwiseState) {
  Timeline t = Replied();
  auto r = Replay(t.events());
  ASSERT_TRUE(r) << r.error().ToString();
  EXPECT_EQ(r->status, t.state().status);
  EXPECT_EQ(r->version, t.state().version);
  EXPECT_EQ(r->last_hash, t.state().last_hash);
  EXPECT_EQ(r->reply, t.state().reply);
}

TEST(Replay, RefusesTimelineNotStartingWithSubmitOrWithGaps) {
  Timeline t = Signed();
  std::vector<Event> gap = t.events();
  gap.erase(gap.begin() + 1);
  EXPECT_EQ(Replay(gap).error().code, "request.timeline_invalid");
  std::vector<Event> headless(t.events().begin() + 1, t.events().end());
  EXPECT_EQ(Replay(headless).error().code, "request.timeline_invalid");
}

}  // namespace
}  // namespace zhitong::requests
