// The liaison API end to end on a real server with the demo city (loaded by `zhitong demo`, which
// applies the first plan): coverage, the plan as a diff with its digest, applying exactly the plan
// reviewed (409 when the inputs changed), history, "my enterprises", scope per role, the coverage
// exports and the command line.
#include <gtest/gtest.h>

#include <ctime>
#include <map>
#include <set>

#include "api/server_fixture.h"
#include "directory/demo_city.h"

namespace zhitong::testing {
namespace {

using nlohmann::json;

class LiaisonApiTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    server_ = new ServerProcess("liaison_api");
    ASSERT_TRUE(server_->ok());
    auto [rc, out] = server_->RunCli({"demo"});
    ASSERT_EQ(rc, 0) << out;
    tokens_ = new std::map<std::string, std::string>;
    (*tokens_)["admin"] = server_->Login("admin", ServerProcess::kAdminPassword);
    for (const auto* who : {"leader", "district_leader", "liaison", "handler", "enterprise"}) {
      (*tokens_)[who] = server_->Login(who, std::string(directory::kDemoPassword));
    }
    for (const auto& [who, token] : *tokens_) ASSERT_FALSE(token.empty()) << who;
  }
  static void TearDownTestSuite() {
    delete server_;
    delete tokens_;
    server_ = nullptr;
    tokens_ = nullptr;
  }

  HttpResult Call(const std::string& who, const std::string& method, const std::string& path,
                  const std::string& body = "") {
    auto headers = Bearer(tokens_->at(who));
    if (!body.empty()) headers.emplace_back("Content-Type", "application/json");
    return server_->client().Send(method, path, body, headers);
  }
  json Ok(const std::string& who, const std::string& method, const std::string& path, const std::string& body = "") {
    auto r = Call(who, method, path, body);
    EXPECT_EQ(r.status, 200) << method << " " << path << ": " << r.body.substr(0, 500);
    return JsonBody(r);
  }
  int64_t NewEnterprise(const std::string& uscc, int64_t region) {
    json e = {{"uscc", uscc}, {"name", "淄博联络测试" + uscc.substr(12) + "有限公司"}, {"region_id", region},
              {"industry_code", "26"}, {"above_scale", true}, {"annual_revenue", 30000000}};
    auto r = Call("admin", "POST", "/api/v1/enterprises", e.dump());
    EXPECT_EQ(r.status, 201) << r.body;
    return JsonBody(r).value("id", int64_t{0});
  }

  static ServerProcess* server_;
  static std::map<std::string, std::string>* tokens_;
};

ServerProcess* LiaisonApiTest::server_ = nullptr;
std::map<std::string, std::string>* LiaisonApiTest::tokens_ = nullptr;

TEST_F(LiaisonApiTest, TheDemoCityStartsFullyCoveredAndReplanningChangesNothing) {
  json coverage = Ok("leader", "GET", "/api/v1/liaison/coverage");
  EXPECT_EQ(coverage["coverage"], 1.0);
  EXPECT_EQ(coverage["enterprises"], directory::kDemoEnterprises);
  EXPECT_EQ(coverage["by_kind"][0]["enterprises"], directory::kDemoKeyEnterprises);
  EXPECT_FALSE(coverage["by_region"].empty());
  json plan = Ok("admin", "POST", "/api/v1/liaison/plan");
  EXPECT_EQ(plan["summary"]["changes_nothing"], true) << plan["summary"].dump();
  EXPECT_EQ(plan["summary"]["kept"], directory::kDemoEnterprises);
  EXPECT_EQ(plan["digest"].get<std::string>().size(), 64u);
}

TEST_F(LiaisonApiTest, ApplyAppliesOnlyThePlanReviewed) {
  const int64_t zhangdian = Ok("district_leader", "GET", "/api/v1/auth/me")["region_id"];
  const int64_t first = NewEnterprise("913703037777777752", zhangdian);
  ASSERT_GT(first, 0);
  json reviewed = Ok("admin", "POST", "/api/v1/liaison/plan");
  ASSERT_EQ(reviewed["added"].size(), 1u) << reviewed["summary"].dump();
  EXPECT_EQ(reviewed["added"][0]["enterprise_id"], first);
  // The directory changes after the review: the reviewed plan is refused.
  const int64_t second = NewEnterprise("91370303000000019C", zhangdian);
  ASSERT_GT(second, 0);
  auto stale = Call("admin", "POST", "/api/v1/liaison/plan/apply", json{{"digest", reviewed["digest"]}}.dump());
  EXPECT_EQ(stale.status, 409) << stale.body;
  EXPECT_EQ(JsonBody(stale)["error"]["code"], "liaison.plan_changed");
  EXPECT_EQ(Ok("admin", "GET", "/api/v1/liaison/assignments?enterprise_id=" + std::to_string(first))["total"], 0);
  // Review again, apply that.
  json fresh = Ok("admin", "POST", "/api/v1/liaison/plan");
  ASSERT_EQ(fresh["added"].size(), 2u);
  json applied = Ok("admin", "POST", "/api/v1/liaison/plan/apply", json{{"digest", fresh["digest"]}}.dump());
  EXPECT_EQ(applied["applied"], true);
  EXPECT_GT(applied["plan_id"].get<int64_t>(), 0);
  json now = Ok("admin", "GET", "/api/v1/liaison/assignments?enterprise_id=" + std::to_string(second));
  ASSERT_EQ(now["total"], 1);
  EXPECT_EQ(now["items"][0]["official_id"], fresh["added"][1]["official_id"]);
  EXPECT_EQ(now["items"][0]["active"], true);
  EXPECT_EQ(now["items"][0]["reason"], "added");
  // History by date: nobody served it the day before the plan.
  json before = Ok("admin", "GET", "/api/v1/liaison/assignments?at=2020-01-01&enterprise_id=" + std::to_string(second));
  EXPECT_EQ(before["total"], 0);
  // The audit trail has the applied plan.
  json audit = Ok("admin", "GET", "/api/v1/audit?entity=liaison_plan");
  ASSERT_FALSE(audit["items"].empty()) << audit.dump();
}

TEST_F(LiaisonApiTest, EachRoleSeesItsOwnScope) {
  const int64_t self = Ok("liaison", "GET", "/api/v1/auth/me")["official_id"];
  json mine = Ok("liaison", "GET", "/api/v1/officials/" + std::to_string(self) + "/enterprises");
  ASSERT_GT(mine["total"].get<int64_t>(), 0);
  EXPECT_EQ(mine["items"][0]["contact_masked"], false);
  json as_admin = Ok("admin", "GET", "/api/v1/liaison/assignments?limit=500&official_id=" + std::to_string(self));
  EXPECT_EQ(as_admin["total"], mine["total"]);
  json own = Ok("liaison", "GET", "/api/v1/liaison/assignments?limit=500");
  EXPECT_EQ(own["total"], mine["total"]);
  for (const auto& a : own["items"]) EXPECT_EQ(a["official_id"], self);
  // Another official's list is not found for a liaison; masked for a city leader.
  const int64_t other = self == 1 ? 2 : 1;
  EXPECT_EQ(Call("liaison", "GET", "/api/v1/officials/" + std::to_string(other) + "/enterprises").status, 404);
  json seen = Ok("leader", "GET", "/api/v1/officials/" + std::to_string(self) + "/enterprises");
  EXPECT_EQ(seen["items"][0]["contact_masked"], true);
  // The enterprise sees its own liaison only.
  const int64_t own_ent = Ok("enterprise", "GET", "/api/v1/auth/me")["enterprise_id"];
  json its = Ok("enterprise", "GET", "/api/v1/liaison/assignments");
  ASSERT_EQ(its["total"], 1);
  EXPECT_EQ(its["items"][0]["enterprise_id"], own_ent);
  // District leader: their region only, in assignments and coverage.
  const int64_t region = Ok("district_leader", "GET", "/api/v1/auth/me")["region_id"];
  json district = Ok("district_leader", "GET", "/api/v1/liaison/assignments?limit=5");
  for (const auto& a : district["items"]) EXPECT_EQ(a["region_id"], region);
  json district_coverage = Ok("district_leader", "GET", "/api/v1/liaison/coverage");
  ASSERT_EQ(district_coverage["by_region"].size(), 1u);
  EXPECT_LT(district_coverage["enterprises"].get<int64_t>(), directory::kDemoEnterprises);
  // Refusals.
  EXPECT_EQ(Call("handler", "GET", "/api/v1/liaison/assignments").status, 403);
  EXPECT_EQ(Call("handler", "GET", "/api/v1/liaison/coverage").status, 403);
  EXPECT_EQ(Call("enterprise", "GET", "/api/v1/liaison/coverage").status, 403);
  EXPECT_EQ(Call("leader", "POST", "/api/v1/liaison/plan").status, 403);
  EXPECT_EQ(Call("leader", "POST", "/api/v1/liaison/plan/apply", json{{"digest", std::string(64, 'a')}}.dump()).status,
            403);
  EXPECT_EQ(server_->client().Get("/api/v1/liaison/coverage").status, 401);
}

TEST_F(LiaisonApiTest, ALiaisonSeesTheCoverageGapsOfTheirOwnEnterprisesOnly) {
  const int64_t self = Ok("liaison", "GET", "/api/v1/auth/me")["official_id"];
  json mine = Ok("liaison", "GET", "/api/v1/officials/" + std::to_string(self) + "/enterprises");
  std::set<int64_t> served;
  for (const auto& e : mine["items"]) {
    if (e["above_scale"] == true) served.insert(e["id"].get<int64_t>());
  }
  ASSERT_GE(served.size(), 2u);
  // One of them is visited an hour ago: no longer a gap; the others have no contact on record.
  const int64_t visited = *served.begin();
  std::time_t hour_ago = std::time(nullptr) - 3600;
  std::tm utc{};
  gmtime_r(&hour_ago, &utc);
  char when[32];
  std::strftime(when, sizeof when, "%Y-%m-%dT%H:%M:%SZ", &utc);
  json visit = {{"enterprise_id", visited}, {"kind", "visit"}, {"purpose", "走访了解用工需求"}, {"started_at", when}};
  auto logged = Call("liaison", "POST", "/api/v1/contacts", visit.dump());
  ASSERT_EQ(logged.status, 201) << logged.body;

  json own = Ok("liaison", "GET", "/api/v1/liaison/coverage?not_contacted_limit=0");
  EXPECT_EQ(own["enterprises"], served.size());
  ASSERT_EQ(own["officials"].size(), 1u);
  EXPECT_EQ(own["officials"][0]["official_id"], self);
  std::set<int64_t> gaps;
  for (const auto& n : own["not_contacted"]) {
    gaps.insert(n["enterprise_id"].get<int64_t>());
    EXPECT_EQ(n["liaison_official_id"], self) << n.dump();
  }
  std::set<int64_t> expected = served;
  expected.erase(visited);
  EXPECT_EQ(gaps, expected);
  EXPECT_EQ(own["not_contacted_total"], expected.size());
  // The city's report lists the same enterprise as contacted: one definition for both.
  json city = Ok("leader", "GET", "/api/v1/liaison/coverage?not_contacted_limit=0");
  EXPECT_GT(city["not_contacted_total"].get<int64_t>(), own["not_contacted_total"].get<int64_t>());
  for (const auto& n : city["not_contacted"]) EXPECT_NE(n["enterprise_id"], visited);
  // Another region narrows the liaison's own report to nothing (a district official serves
  // enterprises of their own region); the export is theirs too.
  ASSERT_EQ(own["by_region"].size(), 1u);
  const std::string own_region = own["by_region"][0]["key"];
  int64_t other_region = 0;
  const json regions = Ok("leader", "GET", "/api/v1/regions");
  for (const auto& r : regions["items"]) {
    if (std::to_string(r["id"].get<int64_t>()) != own_region) other_region = r["id"];
  }
  ASSERT_GT(other_region, 0);
  json other = Ok("liaison", "GET", "/api/v1/liaison/coverage?region_id=" + std::to_string(other_region));
  EXPECT_EQ(other["enterprises"], 0);
  EXPECT_TRUE(other["not_contacted"].empty());
  auto csv = Call("liaison", "GET", "/api/v1/liaison/coverage?format=csv");
  ASSERT_EQ(csv.status, 200);
  EXPECT_NE(csv.body.find("久未联系企业"), std::string::npos);
}

TEST_F(LiaisonApiTest, BadInputIsRefusedWithACode) {
  auto no_digest = Call("admin", "POST", "/api/v1/liaison/plan/apply", "{}");
  EXPECT_EQ(no_digest.status, 400);
  EXPECT_EQ(JsonBody(no_digest)["error"]["code"], "input.invalid");
  EXPECT_EQ(Call("admin", "POST", "/api/v1/liaison/plan/apply", "not json").status, 400);
  EXPECT_EQ(Call("admin", "GET", "/api/v1/liaison/assignments?at=2025-13-01").status, 400);
  EXPECT_EQ(Call("admin", "GET", "/api/v1/liaison/assignments?status=bogus").status, 400);
  EXPECT_EQ(Call("admin", "GET", "/api/v1/liaison/assignments?from=2025-03-31&to=2025-03-01").status, 400);
  EXPECT_EQ(Call("admin", "GET", "/api/v1/liaison/coverage?format=pdf").status, 400);
  EXPECT_EQ(Call("admin", "GET", "/api/v1/liaison/coverage?stale_days=0").status, 400);
  EXPECT_EQ(Call("admin", "GET", "/api/v1/officials/0/enterprises").status, 400);
  EXPECT_EQ(Call("admin", "GET", "/api/v1/officials/999999/enterprises").status, 404);
}

TEST_F(LiaisonApiTest, CoverageDownloadsAsCsvAndXlsx) {
  auto csv = Call("leader", "GET", "/api/v1/liaison/coverage?format=csv");
  ASSERT_EQ(csv.status, 200);
  EXPECT_EQ(csv.body.rfind("\xEF\xBB\xBF", 0), 0u) << "UTF-8 BOM for Excel";
  EXPECT_NE(csv.body.find("覆盖率"), std::string::npos);
  EXPECT_NE(csv.body.find("联络员负荷"), std::string::npos);
  EXPECT_NE(csv.body.find("100.0%"), std::string::npos);
  auto xlsx = Call("leader", "GET", "/api/v1/liaison/coverage?format=xlsx");
  ASSERT_EQ(xlsx.status, 200);
  EXPECT_EQ(xlsx.body.rfind("PK", 0), 0u) << "a ZIP (.xlsx) file";
}

TEST_F(LiaisonApiTest, CommandLineShowsThePlanAndTheCoverage) {
  auto [rc, plan] = server_->RunCli({"assign", "--dry-run"});
  EXPECT_EQ(rc, 0) << plan;
  EXPECT_NE(plan.find("汇总 Summary"), std::string::npos) << plan;
  EXPECT_NE(plan.find("Dry run"), std::string::npos);
  auto [rc_json, plan_json] = server_->RunCli({"assign", "--dry-run", "--json"});
  ASSERT_EQ(rc_json, 0);
  json parsed = json::parse(plan_json, nullptr, false);
  ASSERT_FALSE(parsed.is_discarded()) << plan_json.substr(0, 300);
  // Applying with a digest that is not the current plan's is refused; nothing changes.
  auto [rc_stale, stale] = server_->RunCli({"assign", "--apply", "--digest", std::string(64, '0')});
  EXPECT_NE(rc_stale, 0) << stale;
  auto [rc_apply, applied] = server_->RunCli({"assign", "--apply", "--digest", parsed["digest"]});
  EXPECT_EQ(rc_apply, 0) << applied;
  auto [rc_cov, coverage] = server_->RunCli({"coverage", "--format", "json"});
  ASSERT_EQ(rc_cov, 0) << coverage;
  json c = json::parse(coverage, nullptr, false);
  ASSERT_FALSE(c.is_discarded());
  EXPECT_EQ(c["coverage"], 1.0);
  auto [rc_text, text] = server_->RunCli({"coverage"});
  EXPECT_EQ(rc_text, 0);
  EXPECT_NE(text.find("覆盖率 coverage"), std::string::npos) << text;
}

}  // namespace
}  // namespace zhitong::testing
