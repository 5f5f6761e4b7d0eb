// Escalation (督办), notifications and webhooks end to end: real `zhitong serve` processes whose
// requests clock the test moves (ZHITONG_FAKE_NOW=@file), real HTTP on loopback, a real webhook
// receiver. Nothing escalates early, everything overdue escalates once, a restart repeats
// nothing, and two servers on one PostgreSQL take each escalation step exactly once.
#include <gtest/gtest.h>
#include <signal.h>
#include <sodium.h>

#include <chrono>
#include <thread>

#include "api/requests_test_util.h"
#include "api/webhook_receiver.h"
#include "storage/testing/test_database.h"

namespace zhitong::testing {
namespace {

using nlohmann::json;

json Labour(const std::string& title) {
  return {{"kind", "problem"}, {"category_code", "labour"}, {"title", title}, {"description", title + "，请协调。"}};
}

const std::vector<std::string> kFastWorkers = {"--scheduler-interval-seconds", "1", "--notify-interval-ms", "100",
                                               "--log-level", "debug"};

// Waits (bounded) until pred() holds.
template <class P>
bool Eventually(P pred, std::chrono::seconds limit = std::chrono::seconds(30)) {
  const auto end = std::chrono::steady_clock::now() + limit;
  while (std::chrono::steady_clock::now() < end) {
    if (pred()) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  return pred();
}

class EscalationApiTest : public RequestsApiTest {
 protected:
  // The escalate events of a request, as "due/level".
  std::vector<std::string> Escalations(int64_t id) {
    auto r = Get("admin", "/api/v1/requests/" + std::to_string(id) + "/events");
    EXPECT_EQ(r.status, 200) << r.body;
    std::vector<std::string> out;
    const json body = JsonBody(r);
    EXPECT_EQ(body["chain_valid"], true);
    for (const auto& e : body["items"]) {
      if (e["action"] == "escalate") {
        out.push_back(e["payload"]["due"].get<std::string>() + "/" + e["payload"]["level"].get<std::string>());
      }
    }
    return out;
  }
  // Moves the clock and waits until a scheduler run at that instant has finished in `server`.
  void RunSchedulerAt(ServerProcess& server, const std::string& local) {
    SetNow(local);
    const std::string line = "scheduler run at " + local + "+08:00";
    ASSERT_TRUE(Eventually([&] { return server.process().Stderr().find(line) != std::string::npos; }))
        << "no " << line << " in the log:\n" << server.process().Stderr();
  }
};

TEST_F(EscalationApiTest, NothingEarlyEverythingOverdueOnceAndNotAgainAfterARestart) {
  StartServer("esc_once", "2025-03-03T09:00:00", kFastWorkers);
  // Monday 3 March 2025: accept is due one working day later.
  const int64_t a = Submit("ent1", "2025-03-03T09:00:00", Labour("招工难"))["id"];
  const int64_t b = Submit("ent1", "2025-03-03T15:00:00", Labour("融资难"))["id"];
  RunSchedulerAt(*server_, "2025-03-04T04:59:00");
  EXPECT_TRUE(Escalations(a).empty());
  EXPECT_TRUE(Escalations(b).empty());
  // a is due now (handler: the dispatchers; department head: nobody yet, so the dispatchers
  // again); b has six working hours left.
  RunSchedulerAt(*server_, "2025-03-04T09:00:00");
  EXPECT_EQ(Escalations(a), (std::vector<std::string>{"accept/handler", "accept/department_head"}));
  EXPECT_TRUE(Escalations(b).empty());
  RunSchedulerAt(*server_, "2025-03-04T11:00:00");
  EXPECT_EQ(Escalations(a).size(), 2u);
  EXPECT_EQ(Escalations(b), std::vector<std::string>{"accept/handler"});
  // The escalation shows on the request as an event by the system, and as notices in the inbox.
  auto events = JsonBody(Get("admin", "/api/v1/requests/" + std::to_string(a) + "/events"));
  EXPECT_EQ(events["items"].back()["actor_role"], "system");
  EXPECT_EQ(events["items"].back()["action_zh"], "督办");
  EXPECT_EQ(events["items"].back()["payload"]["due_at"], "2025-03-04T09:00:00+08:00");
  ASSERT_TRUE(Eventually([&] {
    auto inbox = JsonBody(Get("dispatcher", "/api/v1/inbox?unread=true"));
    int escalations = 0;
    for (const auto& item : inbox["items"]) escalations += item["topic"] == "request.escalate";
    return escalations == 3;
  }));

  // Restart the server (same database); the clock goes on to Wednesday 07:00.
  server_->process().Signal(SIGTERM);
  ASSERT_EQ(server_->process().Wait(std::chrono::seconds(20)), 0);
  ::setenv("ZHITONG_FAKE_NOW", ("@" + clock_file_.string()).c_str(), 1);
  ASSERT_TRUE(server_->Restart());
  ::unsetenv("ZHITONG_FAKE_NOW");
  RunSchedulerAt(*server_, "2025-03-05T07:00:00");
  // a: one working day after its due time comes at 09:00; b: its due time has passed.
  EXPECT_EQ(Escalations(a), (std::vector<std::string>{"accept/handler", "accept/department_head"}));
  EXPECT_EQ(Escalations(b), (std::vector<std::string>{"accept/handler", "accept/department_head"}));
  RunSchedulerAt(*server_, "2025-03-05T09:00:00");
  EXPECT_EQ(Escalations(a).size(), 3u);
  EXPECT_EQ(Escalations(a).back(), "accept/liaison");
  // Accepting and routing ends the accept ladder; the sign ladder starts from the routing.
  Must("dispatcher", a, "accept", "2025-03-05T09:30:00");
  Must("dispatcher", a, "route", "2025-03-05T09:40:00", {{"department_id", 1}});
  RunSchedulerAt(*server_, "2025-03-06T09:40:00");
  EXPECT_EQ(Escalations(a).size(), 5u);
  EXPECT_EQ(Escalations(a).back(), "sign/department_head");
}

TEST_F(EscalationApiTest, TwoServersOnOnePostgresEscalateEachStepExactlyOnce) {
  std::string why;
  auto pg = storage::testing::TestDatabase::Create(storage::Dialect::kPostgres, &why);
  if (!pg) GTEST_SKIP() << why;
  StartServer("esc_pg_a", "2025-03-03T09:00:00", kFastWorkers, pg->url());
  ::setenv("ZHITONG_FAKE_NOW", ("@" + clock_file_.string()).c_str(), 1);
  auto second = std::make_unique<ServerProcess>("esc_pg_b", kFastWorkers, pg->url(), /*add_admin=*/false);
  ::unsetenv("ZHITONG_FAKE_NOW");
  ASSERT_TRUE(second->ok());
  std::vector<int64_t> ids;
  for (int i = 0; i < 12; ++i) ids.push_back(Submit("ent1", "2025-03-03T09:00:00", Labour("招工难 " + std::to_string(i)))["id"]);
  // A week later every rung of every request is reached; both servers run their schedulers.
  const std::string later = "2025-03-10T09:00:00";
  SetNow(later);
  const std::string line = "scheduler run at " + later + "+08:00";
  ASSERT_TRUE(Eventually([&] {
    return server_->process().Stderr().find(line) != std::string::npos &&
           second->process().Stderr().find(line) != std::string::npos;
  }));
  // Let each server run twice more at that instant, then count.
  const auto runs = [&](ServerProcess& s) {
    const std::string log = s.process().Stderr();
    size_t n = 0;
    for (size_t at = log.find(line); at != std::string::npos; at = log.find(line, at + 1)) ++n;
    return n;
  };
  const size_t ra = runs(*server_), rb = runs(*second);
  ASSERT_TRUE(Eventually([&] { return runs(*server_) >= ra + 2 && runs(*second) >= rb + 2; }));
  for (int64_t id : ids) EXPECT_EQ(Escalations(id).size(), 5u) << id;
  // Each server logged how many steps it took: together, exactly one per step.
  const auto taken = [](const std::string& log) {
    int total = 0;
    for (size_t at = log.find("scheduler run at"); at != std::string::npos; at = log.find("scheduler run at", at + 1)) {
      const size_t colon = log.find(": ", at);
      total += std::atoi(log.c_str() + colon + 2);
    }
    return total;
  };
  EXPECT_EQ(taken(server_->process().Stderr()) + taken(second->process().Stderr()), 12 * 5);
  second.reset();
  server_.reset();
}

// HMAC-SHA256 computed here with libsodium's one-shot API, apart from the server's code.
std::string ExpectedSignature(const std::string& secret, const std::string& body) {
  unsigned char key[crypto_auth_hmacsha256_KEYBYTES] = {0};
  // Keys of 32 bytes are used as they are (RFC 2104: a key of the block size or less is padded).
  EXPECT_EQ(secret.size(), sizeof key);
  std::copy(secret.begin(), secret.end(), key);
  unsigned char mac[crypto_auth_hmacsha256_BYTES];
  crypto_auth_hmacsha256(mac, reinterpret_cast<const unsigned char*>(body.data()), body.size(), key);
  char hex[sizeof mac * 2 + 1];
  sodium_bin2hex(hex, sizeof hex, mac, sizeof mac);
  return std::string("sha256=") + hex;
}

TEST_F(EscalationApiTest, InboxAndWebhooksDeliverSignedRetryAndDeadLetter) {
  StartServer("esc_hooks", "2025-03-03T09:00:00",
              {"--notify-interval-ms", "100", "--webhook-backoff-seconds", "1", "--webhook-max-attempts", "3"});
  WebhookReceiver good(200), bad(500);
  const std::string secret = "0123456789abcdef0123456789abcdef";
  // Only administrators manage webhooks; bad input is a 400 with the field.
  EXPECT_EQ(Post("dispatcher", "/api/v1/webhooks", {{"url", good.url()}}).status, 403);
  auto invalid = Post("admin", "/api/v1/webhooks", {{"url", "ftp://example.org/x"}});
  EXPECT_EQ(invalid.status, 400);
  EXPECT_EQ(JsonBody(invalid)["error"]["fields"][0]["field"], "url");
  auto g = Post("admin", "/api/v1/webhooks", {{"url", good.url()}, {"secret", secret}, {"topics", {"request.submit"}}});
  ASSERT_EQ(g.status, 201) << g.body;
  EXPECT_EQ(JsonBody(g)["secret"], secret);
  auto b = Post("admin", "/api/v1/webhooks", {{"url", bad.url()}});
  ASSERT_EQ(b.status, 201) << b.body;
  const int64_t bad_id = JsonBody(b)["id"];
  auto list = JsonBody(Get("admin", "/api/v1/webhooks"));
  ASSERT_EQ(list["items"].size(), 2u);
  EXPECT_FALSE(list["items"][0].contains("secret"));

  const int64_t id = Submit("ent1", "2025-03-03T09:00:00", Labour("用电报装慢"))["id"];
  ASSERT_TRUE(Eventually([&] { return good.received().size() == 1; }));
  const auto got = good.received()[0];
  EXPECT_EQ(got.headers.at("x-zhitong-signature"), ExpectedSignature(secret, got.body));
  EXPECT_EQ(got.headers.at("x-zhitong-topic"), "request.submit");
  const json payload = json::parse(got.body);
  EXPECT_EQ(payload["topic"], "request.submit");
  EXPECT_EQ(payload["request_id"], id);
  EXPECT_NE(payload["data"]["title_zh"].get<std::string>().find("用电报装慢"), std::string::npos);

  // The failing receiver is tried three times (1 s, then 2 s apart), then the delivery is dead.
  ASSERT_TRUE(Eventually([&] {
    auto dead = JsonBody(Get("admin", "/api/v1/webhooks/" + std::to_string(bad_id) + "/deliveries?status=dead"));
    return dead["items"].size() == 1;
  }));
  EXPECT_EQ(bad.received().size(), 3u);
  auto dead = JsonBody(Get("admin", "/api/v1/webhooks/" + std::to_string(bad_id) + "/deliveries?status=dead"));
  EXPECT_EQ(dead["items"][0]["attempts"], 3);
  EXPECT_EQ(dead["items"][0]["last_status"], 500);
  EXPECT_EQ(Get("hr", "/api/v1/webhooks/" + std::to_string(bad_id) + "/deliveries").status, 403);

  // The dispatcher's inbox: the new request, read once, by nobody else.
  ASSERT_TRUE(Eventually([&] { return JsonBody(Get("dispatcher", "/api/v1/inbox/unread_count"))["unread"] == 1; }));
  auto inbox = JsonBody(Get("dispatcher", "/api/v1/inbox"));
  ASSERT_EQ(inbox["items"].size(), 1u);
  EXPECT_EQ(inbox["items"][0]["request_id"], id);
  const int64_t item = inbox["items"][0]["id"];
  EXPECT_EQ(Post("ent1", "/api/v1/inbox/" + std::to_string(item) + "/read", json::object()).status, 404);
  auto read = Post("dispatcher", "/api/v1/inbox/" + std::to_string(item) + "/read", json::object());
  ASSERT_EQ(read.status, 200) << read.body;
  EXPECT_EQ(JsonBody(read)["read"], true);
  EXPECT_EQ(JsonBody(Get("dispatcher", "/api/v1/inbox/unread_count"))["unread"], 0);
  EXPECT_EQ(server_->client().Send("DELETE", "/api/v1/webhooks/" + std::to_string(bad_id), "",
                                   Bearer(tokens_.at("admin"))).status, 204);
  EXPECT_EQ(JsonBody(Get("admin", "/api/v1/webhooks"))["items"].size(), 1u);
}

}  // namespace
}  // namespace zhitong::testing
