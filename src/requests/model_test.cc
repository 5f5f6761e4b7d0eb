// Names of the request enums: every value round-trips, Chinese names exist, unknown names fail.
#include "requests/model.h"

#include <gtest/gtest.h>

#include <set>

#include "requests/utf8.h"

namespace zhitong::requests {
namespace {

template <class E>
void ExpectRoundTrip(size_t count) {
  std::set<std::string_view> names;
  ASSERT_EQ(All<E>().size(), count);
  for (E v : All<E>()) {
    auto back = Parse<E>(Name(v));
    ASSERT_TRUE(back) << Name(v);
    EXPECT_EQ(*back, v);
    EXPECT_FALSE(NameZh(v).empty()) << Name(v);
    EXPECT_TRUE(names.insert(Name(v)).second) << "duplicate name " << Name(v);
  }
}

TEST(Model, EveryEnumRoundTripsThroughItsName) {
  ExpectRoundTrip<Channel>(5);
  ExpectRoundTrip<Kind>(4);
  ExpectRoundTrip<Priority>(2);
  ExpectRoundTrip<Status>(11);
  ExpectRoundTrip<RatingLevel>(5);
  ExpectRoundTrip<Action>(23);
  ExpectRoundTrip<Role>(8);
  ExpectRoundTrip<RectificationState>(4);
  ExpectRoundTrip<AppealState>(4);
}

TEST(Model, NamesFollowTheGlossary) {
  EXPECT_EQ(Name(Status::kWaitingRequester), "waiting_requester");
  EXPECT_EQ(Name(Action::kDisputeRouting), "dispute_routing");
  EXPECT_EQ(Name(RatingLevel::kBasicallySatisfied), "basically_satisfied");
  EXPECT_EQ(NameZh(RatingLevel::kVerySatisfied), "非常满意");
  EXPECT_EQ(NameZh(RatingLevel::kVeryDissatisfied), "非常不满意");
  EXPECT_EQ(NameZh(Status::kSubmitted), "已提交");
  EXPECT_EQ(NameZh(Action::kTransfer), "转办");
  EXPECT_EQ(NameZh(Action::kRectify), "整改");
  EXPECT_EQ(NameZh(Action::kRevisit), "回访");
}

TEST(Model, EveryStatusAndActionHasEnglishDisplayText) {
  for (Status s : All<Status>()) EXPECT_FALSE(DisplayEn(s).empty());
  for (Action a : All<Action>()) EXPECT_FALSE(VerbEn(a).empty());
}

TEST(Model, UnknownNameIsInvalidWithTypedCode) {
  auto r = Parse<Status>("done");
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().kind, ErrorKind::kInvalid);
  EXPECT_EQ(r.error().code, "request.unknown_status");
  EXPECT_EQ(Parse<Channel>("wechat").error().code, "request.unknown_channel");
}

TEST(Model, OnlyDissatisfiedAndWorseAreBad) {
  EXPECT_FALSE(IsBad(RatingLevel::kBasicallySatisfied));
  EXPECT_TRUE(IsBad(RatingLevel::kDissatisfied));
  EXPECT_TRUE(IsBad(RatingLevel::kVeryDissatisfied));
}

TEST(Model, OpenStatusesAreThoseNotYetFinished) {
  std::set<Status> open;
  for (Status s : All<Status>()) {
    if (IsOpen(s)) open.insert(s);
  }
  EXPECT_EQ(open.size(), 7u);
  EXPECT_FALSE(IsOpen(Status::kMerged));
  EXPECT_TRUE(IsOpen(Status::kReplied));
}

TEST(Utf8, CountsCodePointsAndRejectsIllFormedText) {
  EXPECT_EQ(CountCodePoints("诉求abc"), 5u);
  EXPECT_TRUE(IsValidUtf8("淄博"));
  EXPECT_FALSE(IsValidUtf8("\xc0\xaf"));          // overlong '/'
  EXPECT_FALSE(IsValidUtf8("\xed\xa0\x80"));      // surrogate
  EXPECT_FALSE(IsValidUtf8("\xe6\xb7"));          // truncated
  EXPECT_TRUE(IsValidUtf8("\xf0\x9f\x98\x80"));   // 😀
}

}  // namespace
}  // namespace zhitong::requests
