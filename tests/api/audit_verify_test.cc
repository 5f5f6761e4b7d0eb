// `zhitong audit verify` end to end: requests made over HTTP, then the command on the server's
// SQLite file says the chains are intact (exit 0); after an event is changed in the file itself
// (the append-only triggers dropped first) it names that request, seq and both hashes (exit 1).
#include <gtest/gtest.h>

#include "api/requests_test_util.h"

namespace zhitong::testing {
namespace {

using nlohmann::json;

class AuditVerifyTest : public RequestsApiTest {};

TEST_F(AuditVerifyTest, NamesTheFirstBrokenLinkAfterTamperingWithTheFile) {
  StartServer("audit_verify", "2025-03-03T09:00:00");
  json body = {{"kind", "problem"}, {"category_code", "labour"}, {"title", "招工难"}, {"description", "缺少熟练技工"}};
  const int64_t a = Submit("ent1", "2025-03-03T09:00:00", body)["id"];
  const int64_t b = Submit("ent2", "2025-03-03T09:10:00", body)["id"];
  Must("dispatcher", b, "accept", "2025-03-03T10:00:00");
  Must("dispatcher", b, "route", "2025-03-03T10:05:00", {{"department_id", 1}});
  auto [rc, out] = server_->RunCli({"audit", "verify"});
  EXPECT_EQ(rc, 0) << out;
  EXPECT_NE(out.find("intact: 2 request(s), 4 event(s)"), std::string::npos) << out;

  const json events = JsonBody(Get("admin", "/api/v1/requests/" + std::to_string(b) + "/events"));
  ASSERT_EQ(events["items"].size(), 3u);
  const std::string stored_hash = events["items"][1]["hash"];
  {
    auto db = storage::Database::Open(server_->database_url());
    ASSERT_TRUE(db) << db.error().ToString();
    auto st = (*db)->Write([&](storage::Tx& tx) -> Result<void> {
      ZT_TRY(tx.Exec(storage::Sql{"DROP TRIGGER request_events_no_update"}));
      ZT_TRY(tx.Exec(storage::Sql{"UPDATE request_events SET note = '已受理（改）' WHERE request_id = ? AND seq = 2"}, b));
      return Ok();
    });
    ASSERT_TRUE(st) << st.error().ToString();
    (*db)->Close();
  }
  std::tie(rc, out) = server_->RunCli({"audit", "verify"});
  EXPECT_EQ(rc, 1) << out;
  EXPECT_NE(out.find("BROKEN: request " + std::to_string(b) + ", event seq 2: event hash"), std::string::npos) << out;
  EXPECT_NE(out.find("found:    " + stored_hash), std::string::npos) << out;
  EXPECT_EQ(out.find("request " + std::to_string(a) + ","), std::string::npos) << "request a is intact: " << out;
  // The API reports the same break on that timeline.
  EXPECT_FALSE(JsonBody(Get("admin", "/api/v1/requests/" + std::to_string(b) + "/events"))["chain_valid"].get<bool>());
}

}  // namespace
}  // namespace zhitong::testing
