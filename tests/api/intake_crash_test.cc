// 有求必应 survives a crash: many clients file requests over HTTP, the server is killed with
// SIGKILL in the middle of the load and started again on the same database; every request that
// was answered 201 is there, whole (its row, its title and a valid timeline), because the server
// answers only after the commit that holds the request is on disk (DESIGN.md, "Acknowledged means
// durable").
#include <gtest/gtest.h>
#include <signal.h>

#include <atomic>
#include <map>
#include <mutex>
#include <thread>

#include "api/requests_test_util.h"

namespace zhitong::testing {
namespace {

using nlohmann::json;

class IntakeCrashTest : public RequestsApiTest {};

TEST_F(IntakeCrashTest, KillDuringConcurrentIntakeLosesNoAnsweredRequest) {
  StartServer("intake_kill9", "2025-03-03T09:00:00");
  std::atomic<bool> stop{false};
  std::atomic<int> answered{0};
  std::mutex mu;
  std::map<int64_t, std::string> created;  // id → title, for every 201
  std::vector<std::thread> clients;
  constexpr int kClients = 16;
  for (int t = 0; t < kClients; ++t) {
    const std::string token = tokens_.at(t % 2 ? "ent2" : "ent1");
    clients.emplace_back([&, t, token] {
      auto c = server_->client();
      for (int i = 0; i < 100000 && !stop.load(); ++i) {
        const std::string title = "压测诉求 " + std::to_string(t) + "-" + std::to_string(i);
        json body = {{"kind", "problem"}, {"category_code", "labour"}, {"title", title}, {"description", title}};
        auto r = c.PostJson("/api/v1/requests", body.dump(), Bearer(token));
        if (!r.connected) break;  // the server is gone
        if (r.status == 201) {
          auto j = JsonBody(r);
          std::lock_guard lock(mu);
          created[j["id"].get<int64_t>()] = title;
          ++answered;
        }
      }
    });
  }
  while (answered.load() < 150) std::this_thread::yield();
  server_->process().Signal(SIGKILL);
  const auto status = server_->process().Wait(std::chrono::seconds(20));
  stop = true;
  for (auto& c : clients) c.join();
  ASSERT_TRUE(status.has_value());
  EXPECT_EQ(*status, 128 + SIGKILL);

  ASSERT_TRUE(server_->Restart());
  std::map<int64_t, std::string> stored;
  for (int offset = 0;; offset += 500) {
    auto page = JsonBody(Get("admin", "/api/v1/requests?limit=500&offset=" + std::to_string(offset)));
    ASSERT_TRUE(page["items"].is_array()) << page.dump();
    for (const auto& item : page["items"]) stored[item["id"].get<int64_t>()] = item["title"].get<std::string>();
    if (page["items"].size() < 500) break;
  }
  size_t missing = 0;
  for (const auto& [id, title] : created) {
    auto it = stored.find(id);
    if (it == stored.end() || it->second != title) ++missing;
  }
  EXPECT_EQ(missing, 0u) << created.size() << " answered 201, " << stored.size() << " stored";
  EXPECT_GE(stored.size(), created.size());
  // Each stored request is whole: its timeline is there and its hash chain holds.
  for (int64_t id : {created.begin()->first, created.rbegin()->first}) {
    auto events = JsonBody(Get("admin", "/api/v1/requests/" + std::to_string(id) + "/events"));
    EXPECT_EQ(events["chain_valid"], true) << id;
    // The submit event first (the escalation scheduler may have added others since).
    ASSERT_FALSE(events["items"].empty()) << id;
    EXPECT_EQ(events["items"][0]["action"], "submit") << id;
  }
  // And the server takes new requests after the crash.
  SetNow("2025-03-03T10:00:00");
  Submit("ent1", "2025-03-03T10:00:00",
         {{"kind", "problem"}, {"category_code", "labour"}, {"title", "重启后的诉求"}, {"description", "重启后"}});
  RecordProperty("answered_201", static_cast<int>(created.size()));
  RecordProperty("stored", static_cast<int>(stored.size()));
}

}  // namespace
}  // namespace zhitong::testing
