// The whole life of one request, as the issue describes it, checked step by step: status, the
// instants the deadline clock needs, and a timeline that replays and verifies.
#include <gtest/gtest.h>

#include "requests/event_chain.h"
#include "requests/state_machine.h"
#include "requests/test_util.h"

namespace zhitong::requests {
namespace {

using namespace testing;

TEST(Walk, FromSubmissionThroughBadRatingRectificationRevisitAndAppealToClosed) {
  Timeline t;
  struct Step {
    Command command;
    Actor actor;
    Status expect;
  };
  const std::vector<Step> steps{
      {Cmd(Action::kAccept), Dispatcher(), Status::kAccepted},
      {WithDept(Action::kRoute, "gxj"), Dispatcher(), Status::kRouted},
      {Cmd(Action::kSign), Handler(), Status::kSigned},
      {Cmd(Action::kStart), Handler(), Status::kInProgress},
      {Cmd(Action::kRequestInfo, "请提供线路走向图"), Handler(), Status::kWaitingRequester},
      {Cmd(Action::kSupplyInfo, "已上传"), Requester(), Status::kInProgress},
      {Cmd(Action::kReply, "已协调供电公司改造线路"), Handler(), Status::kReplied},
      {WithRating(Action::kRate, RatingLevel::kDissatisfied, "仍有跳闸"), Requester(), Status::kReplied},
      {Cmd(Action::kRectify, "更换变压器并复测"), Handler(), Status::kReplied},
      {WithRating(Action::kRevisit, RatingLevel::kSatisfied, "已不再跳闸"), Requester(), Status::kClosed},
      {Cmd(Action::kAppeal, "跳闸系企业内部线路所致"), Handler(), Status::kClosed},
      {Decision(true), Admin(), Status::kClosed},
  };
  for (const Step& s : steps) {
    t.Must(s.command, s.actor);
    EXPECT_EQ(t.state().status, s.expect) << "after " << Name(s.command.action);
  }

  const Request& r = t.state();
  EXPECT_EQ(r.version, 13);
  EXPECT_EQ(r.submitted_at, At(0));
  EXPECT_EQ(r.accepted_at, At(1));
  EXPECT_EQ(r.routed_at, At(2));
  EXPECT_EQ(r.signed_at, At(3));
  ASSERT_EQ(r.pauses.size(), 1u);
  EXPECT_EQ(r.pauses[0].start, At(5));
  EXPECT_EQ(r.pauses[0].end, At(6));
  EXPECT_EQ(r.replied_at, At(7));
  EXPECT_EQ(r.rated_at, At(8));
  EXPECT_EQ(r.rectified_at, At(9));
  EXPECT_EQ(r.closed_at, At(10));
  EXPECT_EQ(r.rectification, RectificationState::kRevisited);
  EXPECT_EQ(r.revisit_level, RatingLevel::kSatisfied);
  EXPECT_EQ(r.appeal, AppealState::kUpheld);
  ASSERT_TRUE(r.rating.has_value());
  EXPECT_EQ(r.rating->level, RatingLevel::kDissatisfied);
  EXPECT_TRUE(r.rating->voided);

  EXPECT_TRUE(VerifyChain(t.events()));
  auto replayed = Replay(t.events());
  ASSERT_TRUE(replayed);
  EXPECT_EQ(replayed->status, Status::kClosed);
  EXPECT_EQ(replayed->last_hash, t.events().back().hash);
}

TEST(Walk, TimelineSurvivesJsonRoundTripAndStillVerifies) {
  Timeline t;
  t.Must(Cmd(Action::kAccept), Dispatcher());
  t.Must(WithDept(Action::kRoute, "gxj"), Dispatcher());
  std::vector<Event> copy;
  for (const Event& e : t.events()) {
    auto back = EventFromJson(nlohmann::json::parse(ToJson(e).dump()));
    ASSERT_TRUE(back) << back.error().ToString();
    copy.push_back(*back);
  }
  EXPECT_TRUE(VerifyChain(copy));
  EXPECT_EQ(copy[2].Get("department"), "gxj");
}

}  // namespace
}  // namespace zhitong::requests
