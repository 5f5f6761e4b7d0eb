// Tamper evidence: any change to any field of any event is found, and named by its seq.
#include "requests/event_chain.h"

#include <gtest/gtest.h>

#include <functional>

#include "requests/test_util.h"

namespace zhitong::requests {
namespace {

using namespace testing;

std::vector<Event> FiveEvents() {
  Timeline t;
  t.Must(Cmd(Action::kAccept), Dispatcher());
  t.Must(WithDept(Action::kRoute, "gxj"), Dispatcher());
  t.Must(Cmd(Action::kSign), Handler());
  t.Must(Cmd(Action::kReply, "已处理"), Handler());
  return t.events();
}

TEST(EventChain, HashIsHexSha256AndDeterministic) {
  const auto events = FiveEvents();
  EXPECT_EQ(events[0].hash.size(), 64u);
  EXPECT_EQ(events[0].hash.find_first_not_of("0123456789abcdef"), std::string::npos);
  EXPECT_EQ(ComputeHash(events[0]), events[0].hash);
}

TEST(EventChain, KnownSha256OfEmptyCanonicalFormIsStable) {
  Event e;  // guards against an accidental change of the canonical encoding
  EXPECT_EQ(CanonicalBytes(e),
            "zhitong.request_event.v1\nseq=1:0\nrequest_id=0:\ntype=6:submit\nactor_id=0:\n"
            "actor_role=6:system\nat_ms=1:0\nnote=0:\npayload_size=1:0\nprev_hash=0:\n");
}

TEST(EventChain, IntactChainVerifies) {
  EXPECT_TRUE(VerifyChain(FiveEvents()));
  EXPECT_TRUE(VerifyChain(std::vector<Event>{}));
}

struct Tamper {
  const char* what;
  std::function<void(Event&)> change;
};

// Names the case in test listings (otherwise gtest prints the object's bytes).
void PrintTo(const Tamper& t, std::ostream* os) { *os << t.what; }

class EventChainTamper : public ::testing::TestWithParam<Tamper> {};

TEST_P(EventChainTamper, ChangingOneFieldOfOneEventIsNamedBySeq) {
  auto events = FiveEvents();
  GetParam().change(events[2]);  // seq 3
  auto r = VerifyChain(events);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, "request.chain_broken");
  EXPECT_NE(r.error().message.find("seq 3"), std::string::npos) << r.error().message;
  EXPECT_NE(r.error().message_zh.find("第 3 号"), std::string::npos);
}

INSTANTIATE_TEST_SUITE_P(
    AnyField, EventChainTamper,
    ::testing::Values(Tamper{"note", [](Event& e) { e.note = "改过"; }},
                      Tamper{"payload", [](Event& e) { e.payload["department"] = "rsj"; }},
                      Tamper{"payload_key", [](Event& e) { e.payload["extra"] = ""; }},
                      Tamper{"actor", [](Event& e) { e.actor_id = "u-someone"; }},
                      Tamper{"role", [](Event& e) { e.actor_role = Role::kAdmin; }},
                      Tamper{"type", [](Event& e) { e.type = Action::kReject; }},
                      Tamper{"at", [](Event& e) { e.at += std::chrono::milliseconds(1); }},
                      Tamper{"request", [](Event& e) { e.request_id = "R-9"; }},
                      Tamper{"prev_hash", [](Event& e) { e.prev_hash[0] ^= 1; }},
                      Tamper{"hash", [](Event& e) { e.hash[5] = e.hash[5] == 'a' ? 'b' : 'a'; }},
                      Tamper{"seq", [](Event& e) { e.seq = 7; }}),
    [](const ::testing::TestParamInfo<Tamper>& info) { return std::string(info.param.what); });

TEST(EventChain, ResealingATamperedEventStillBreaksTheNextLink) {
  auto events = FiveEvents();
  events[1].note = "改过";
  Seal(events[1], events[0].hash);  // a forger recomputes this hash …
  auto r = VerifyChain(events);
  ASSERT_FALSE(r);  // … but the next event still points at the old one
  EXPECT_NE(r.error().message.find("seq 3"), std::string::npos) << r.error().message;
}

TEST(EventChain, RemovedEventIsFound) {
  auto events = FiveEvents();
  events.erase(events.begin() + 3);
  auto r = VerifyChain(events);
  ASSERT_FALSE(r);
  EXPECT_NE(r.error().message.find("seq 5"), std::string::npos) << r.error().message;
}

TEST(EventChain, LengthPrefixesKeepFieldBoundariesApart) {
  Event a;
  a.note = "ab";
  a.actor_id = "c";
  Event b;
  b.note = "a";
  b.actor_id = "bc";
  EXPECT_NE(ComputeHash(a), ComputeHash(b));
}

}  // namespace
}  // namespace zhitong::requests
