// Contact governance over real HTTP against a real `zhitong serve`: registering contacts under
// the 无事不扰 rules (422 naming the rule, then a justified and flagged contact), scopes per role,
// the enterprise's rating and 扰企 report becoming a complaint request, quiet periods, and a
// random inspection plan published without sign-in and verified by `zhitong inspections verify`.
#include <gtest/gtest.h>

#include <fstream>

#include "api/requests_test_util.h"

namespace zhitong::testing {
namespace {

using nlohmann::json;

class ContactsApiTest : public RequestsApiTest {
 protected:
  void Start(const std::string& name) {
    StartServer(name, "2025-03-03T10:00:00");
    if (HasFatalFailure()) return;
    storage::Options options;
    options.read_connections = 1;
    auto db = storage::Database::Open(server_->database_url(), options);
    ASSERT_TRUE(db) << db.error().ToString();
    auto st = (*db)->Write([](storage::Tx& tx) -> Result<void> {
      return tx.Exec(storage::Sql("INSERT INTO officials (id, name, rank, region_id, department_id, active_from,"
                                  " created_at, updated_at) VALUES (3, '检查员甲', 'district', 1, 1, '2024-01-01', 0, 0),"
                                  " (4, '检查员乙', 'district', 1, 1, '2024-01-01', 0, 0),"
                                  " (5, '检查员丙', 'district', 1, 1, '2024-01-01', 0, 0)"))
          .map([](int64_t) {});
    });
    ASSERT_TRUE(st) << st.error().ToString();
    (*db)->Close();
  }
  json Inspection(int64_t enterprise, const std::string& when) {
    return {{"enterprise_id", enterprise},
            {"kind", "inspection"},
            {"purpose", "劳动用工专项检查"},
            {"legal_basis", "《劳动保障监察条例》第十一条"},
            {"started_at", when + "+08:00"},
            {"duration_minutes", 90}};
  }
};

TEST_F(ContactsApiTest, RulesScopesRatingReportAndQuietPeriods) {
  Start("contacts_api");
  ASSERT_FALSE(HasFatalFailure());
  EXPECT_EQ(Post("hr", "/api/v1/contacts", Inspection(1, "2025-02-10T10:00:00")).status, 201);
  auto second = Post("hr", "/api/v1/contacts", Inspection(1, "2025-02-20T10:00:00"));
  ASSERT_EQ(second.status, 201) << second.body;
  EXPECT_EQ(JsonBody(second)["flagged"], false);
  auto third = Post("hr", "/api/v1/contacts", Inspection(1, "2025-03-01T10:00:00"));
  ASSERT_EQ(third.status, 422) << third.body;
  auto err = JsonBody(third)["error"];
  EXPECT_EQ(err["code"], "contact.rule_violation");
  ASSERT_EQ(err["violations"].size(), 1u);
  EXPECT_EQ(err["violations"][0]["rule"], "inspection_cap");
  EXPECT_NE(err["message_zh"].get<std::string>().find("检查上限"), std::string::npos);
  auto justified_body = Inspection(1, "2025-03-01T10:00:00");
  justified_body["justification"] = "接到欠薪举报，须现场核查";
  auto justified = Post("hr", "/api/v1/contacts", justified_body);
  ASSERT_EQ(justified.status, 201) << justified.body;
  const json contact = JsonBody(justified);
  EXPECT_EQ(contact["flagged"], true);
  EXPECT_EQ(contact["violations"][0]["rule"], "inspection_cap");
  const std::string path = "/api/v1/contacts/" + std::to_string(contact["id"].get<int64_t>());

  auto bad = Inspection(1, "2025-03-01T10:00:00");
  bad.erase("purpose");
  bad.erase("legal_basis");
  auto refused = Post("hr", "/api/v1/contacts", bad);
  EXPECT_EQ(refused.status, 400) << refused.body;
  EXPECT_EQ(JsonBody(refused)["error"]["fields"][0]["field"], "purpose");
  EXPECT_EQ(Post("ent1", "/api/v1/contacts", Inspection(1, "2025-03-01T10:00:00")).status, 403);

  auto flagged = Get("admin", "/api/v1/contacts/flagged");
  ASSERT_EQ(flagged.status, 200) << flagged.body;
  EXPECT_EQ(JsonBody(flagged)["total"], 1);
  EXPECT_EQ(Get("ent1", "/api/v1/contacts/flagged").status, 403);
  EXPECT_EQ(JsonBody(Get("ent1", "/api/v1/contacts"))["total"], 3);
  EXPECT_EQ(JsonBody(Get("ent2", "/api/v1/contacts"))["total"], 0);
  EXPECT_EQ(JsonBody(Get("gx", "/api/v1/contacts"))["total"], 0);
  EXPECT_EQ(Get("ent2", path).status, 404);
  EXPECT_EQ(Get("citizen", "/api/v1/contacts").status, 403);
  EXPECT_EQ(server_->client().Get("/api/v1/contacts").status, 401);
  EXPECT_EQ(Get("ent1", "/api/v1/contacts?kind=lunch").status, 400);

  auto rated = Post("ent1", path + "/rating", {{"level", "dissatisfied"}, {"comment", "频繁检查"}});
  ASSERT_EQ(rated.status, 200) << rated.body;
  EXPECT_EQ(JsonBody(rated)["rating"]["level"], "dissatisfied");
  auto report = Post("ent1", path + "/report", {{"reason", "一个月内第三次同类检查，影响生产"}});
  ASSERT_EQ(report.status, 201) << report.body;
  const int64_t request_id = JsonBody(report)["request"]["id"];
  auto complaint = Get("ent1", "/api/v1/requests/" + std::to_string(request_id));
  ASSERT_EQ(complaint.status, 200) << complaint.body;
  EXPECT_EQ(JsonBody(complaint)["kind"], "complaint");
  EXPECT_EQ(JsonBody(complaint)["category_code"], "needless_contact");
  EXPECT_EQ(JsonBody(Get("ent1", path))["report"]["request_id"], request_id);
  EXPECT_EQ(Post("ent1", path + "/report", {{"reason", "再次"}}).status, 409);

  auto asked = Post("ent1", "/api/v1/quiet-periods",
                    {{"enterprise_id", 1}, {"starts_on", "2025-04-01"}, {"ends_on", "2025-04-10"}, {"reason", "清明检修"}});
  ASSERT_EQ(asked.status, 201) << asked.body;
  EXPECT_EQ(JsonBody(asked)["status"], "pending");
  const std::string decide = "/api/v1/quiet-periods/" + std::to_string(JsonBody(asked)["id"].get<int64_t>()) + "/decision";
  EXPECT_EQ(Post("ent1", decide, {{"approve", true}}).status, 403);
  ASSERT_EQ(Post("admin", decide, {{"approve", true}}).status, 200);
  json visit = {{"enterprise_id", 1}, {"kind", "visit"}, {"purpose", "走访了解情况"}, {"started_at", "2025-04-10T15:00:00+08:00"}};
  auto quiet = Post("hr", "/api/v1/contacts", visit);
  ASSERT_EQ(quiet.status, 422) << quiet.body;
  EXPECT_EQ(JsonBody(quiet)["error"]["violations"][0]["rule"], "quiet_period");
  visit["started_at"] = "2025-04-11T09:00:00+08:00";
  EXPECT_EQ(Post("hr", "/api/v1/contacts", visit).status, 201);
  EXPECT_EQ(JsonBody(Get("ent1", "/api/v1/quiet-periods"))["items"].size(), 1u);
  EXPECT_EQ(JsonBody(Get("ent2", "/api/v1/quiet-periods"))["items"].size(), 0u);

  // Every route of contact governance is in the OpenAPI document.
  auto doc = JsonBody(server_->client().Get("/api/v1/openapi.json"));
  for (const char* p : {"/api/v1/contacts", "/api/v1/contacts/flagged", "/api/v1/contacts/{id}",
                        "/api/v1/contacts/{id}/rating", "/api/v1/contacts/{id}/report", "/api/v1/quiet-periods",
                        "/api/v1/quiet-periods/{id}/decision", "/api/v1/inspection-plans",
                        "/api/v1/inspection-plans/{id}", "/api/v1/inspection-plans/{id}/publish",
                        "/api/v1/public/inspection-plans", "/api/v1/public/inspection-plans/{id}"}) {
    EXPECT_TRUE(doc["paths"].contains(p)) << p;
  }
}

TEST_F(ContactsApiTest, PublishedPlanIsPublicAndVerifiesWithTheCommand) {
  Start("contacts_plan");
  ASSERT_FALSE(HasFatalFailure());
  json input = {{"title", "2025 年第二季度劳动保障随机抽查"}, {"department_ids", {1}}, {"starts_on", "2025-04-01"},
                {"ends_on", "2025-06-30"}, {"target_count", 1}, {"seed", "zibo-2025-q2-rsj"}};
  EXPECT_EQ(Post("hr", "/api/v1/inspection-plans", input).status, 403);
  auto created = Post("admin", "/api/v1/inspection-plans", input);
  ASSERT_EQ(created.status, 201) << created.body;
  const json plan = JsonBody(created);
  EXPECT_EQ(plan["status"], "draft");
  EXPECT_EQ(plan["pool"].size(), 2u);
  EXPECT_EQ(plan["roster"].size(), 3u);
  ASSERT_EQ(plan["draw"]["targets"].size(), 1u);
  const std::string id = std::to_string(plan["id"].get<int64_t>());
  auto anonymous = server_->client();
  EXPECT_EQ(anonymous.Get("/api/v1/public/inspection-plans/" + id).status, 404);  // a draft is not public
  ASSERT_EQ(Post("admin", "/api/v1/inspection-plans/" + id + "/publish", json::object()).status, 200);
  EXPECT_EQ(Post("admin", "/api/v1/inspection-plans/" + id + "/publish", json::object()).status, 409);
  EXPECT_EQ(JsonBody(anonymous.Get("/api/v1/public/inspection-plans"))["items"].size(), 1u);
  auto published = anonymous.Get("/api/v1/public/inspection-plans/" + id);
  ASSERT_EQ(published.status, 200) << published.body;

  const auto file = server_->dir() / "plan.json";
  std::ofstream(file) << published.body;
  auto [rc, out] = server_->RunCli({"inspections", "verify", file.string()});
  EXPECT_EQ(rc, 0) << out;
  EXPECT_NE(out.find("match: 1 target(s)"), std::string::npos) << out;
  // A published draw changed afterwards (another team) no longer matches its seed.
  json tampered = JsonBody(published);
  auto& team = tampered["draw"]["targets"][0]["team"];
  for (const auto& inspector : tampered["roster"]) {
    if (inspector["key"] != team[0] && inspector["key"] != team[1]) team[1] = inspector["key"];
  }
  const auto bad = server_->dir() / "tampered.json";
  std::ofstream(bad) << tampered.dump();
  auto [rc2, out2] = server_->RunCli({"inspections", "verify", bad.string()});
  EXPECT_EQ(rc2, 1) << out2;
  EXPECT_NE(out2.find("MISMATCH: target 1"), std::string::npos) << out2;
}

}  // namespace
}  // namespace zhitong::testing
