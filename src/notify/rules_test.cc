#include "notify/rules.h"

#include <gtest/gtest.h>

#include <set>

namespace zhitong::notify {
namespace {

using requests::Action;
using requests::Event;

Event Ev(Action a, requests::Payload payload = {}) {
  Event e;
  e.type = a;
  e.payload = std::move(payload);
  return e;
}

requests::Request Req() {
  requests::Request r;
  r.id = "12";
  r.title = "招工难";
  r.status = requests::Status::kRouted;
  return r;
}

TEST(NotifyRules, EveryActionButEscalateHasARule) {
  std::set<Action> covered;
  for (const Rule& r : Rules()) covered.insert(r.action);
  for (Action a : requests::All<Action>()) {
    if (a == Action::kEscalate) continue;
    EXPECT_TRUE(covered.contains(a)) << "no rule for " << requests::Name(a);
  }
}

TEST(NotifyRules, TheNamedPeopleAreTold) {
  const auto r = Req();
  EXPECT_EQ(AudiencesFor(Ev(Action::kRoute), r), std::vector{Audience::kDepartmentHandlers});
  EXPECT_EQ(AudiencesFor(Ev(Action::kReply), r), std::vector{Audience::kRequester});
  EXPECT_EQ(AudiencesFor(Ev(Action::kDisputeRouting), r), std::vector{Audience::kDispatchers});
  EXPECT_EQ(AudiencesFor(Ev(Action::kAppeal), r), std::vector{Audience::kAdmins});
  EXPECT_EQ(AudiencesFor(Ev(Action::kAttach), r), (std::vector{Audience::kHandler, Audience::kRequester}));
}

TEST(NotifyRules, ABadRatingAlsoReachesTheLiaison) {
  const auto r = Req();
  EXPECT_EQ(AudiencesFor(Ev(Action::kRate, {{"rating", "satisfied"}}), r), std::vector{Audience::kHandler});
  EXPECT_EQ(AudiencesFor(Ev(Action::kRate, {{"rating", "dissatisfied"}}), r),
            (std::vector{Audience::kHandler, Audience::kDepartmentHeads, Audience::kLiaison}));
  EXPECT_EQ(AudiencesFor(Ev(Action::kRate, {{"rating", "very_dissatisfied"}}), r).size(), 3u);
}

TEST(NotifyRules, EscalationGoesToItsLevel) {
  const auto r = Req();
  EXPECT_EQ(AudiencesFor(Ev(Action::kEscalate, {{"due", "reply"}, {"level", "handler"}}), r),
            std::vector{Audience::kHandler});
  EXPECT_EQ(AudiencesFor(Ev(Action::kEscalate, {{"due", "accept"}, {"level", "handler"}}), r),
            std::vector{Audience::kDispatchers});
  EXPECT_EQ(AudiencesFor(Ev(Action::kEscalate, {{"due", "sign"}, {"level", "liaison"}}), r),
            std::vector{Audience::kLiaison});
  EXPECT_EQ(AudiencesFor(Ev(Action::kEscalate, {{"due", "sign"}, {"level", "city_leader"}}), r),
            std::vector{Audience::kCityLeaders});
  EXPECT_EQ(AudiencesFor(Ev(Action::kEscalate, {{"due", "sign"}, {"level", "nobody"}}), r),
            std::vector{Audience::kDispatchers});
}

TEST(NotifyRules, TitlesAreBilingualAndNameTheRequest) {
  const auto t = TitleFor(Ev(Action::kEscalate, {{"due", "reply"}, {"level", "liaison"}, {"due_at", "2025-02-10T10:00:00+08:00"}}), Req());
  EXPECT_NE(t.en.find("request 12"), std::string::npos) << t.en;
  EXPECT_NE(t.zh.find("督办"), std::string::npos);
  EXPECT_NE(t.zh.find("联络员"), std::string::npos);
  EXPECT_EQ(Topic(Ev(Action::kRoute)), "request.route");
}

}  // namespace
}  // namespace zhitong::notify
