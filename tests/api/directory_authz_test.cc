// The authorization matrix of the directory, end to end: every role signs in to a real server
// loaded with the demo city and calls every directory endpoint on its own data and on another's.
// Each cell is the status the caller must get: no leak (a 200 where 403/404 is due) and no
// wrongly refused call (a 403/404 where 200 is due). The rules are in
// src/directory_service/scope.h; out-of-scope records are 404 so ids reveal nothing.
#include <gtest/gtest.h>

#include <map>
#include <set>

#include "api/server_fixture.h"
#include "directory/demo_city.h"
#include "storage/database.h"

namespace zhitong::testing {
namespace {

using nlohmann::json;

// The callers, in the order of the matrix's columns.
const std::vector<std::string> kCallers = {"admin",   "leader",  "district_leader", "dispatcher", "liaison",
                                           "handler", "enterprise", "public",       "anonymous"};

struct Cell {
  std::string method;
  std::string path;  // {in}: an enterprise of 张店区 assigned to the liaison; {out}: one of another
                     // region, nobody's; {own_ent}: the enterprise user's; {self}: the liaison
                     // official; {other_official}: an official of another region
  std::string body;  // a key of Bodies(), or ""
  std::vector<int> expected;  // one status per caller, in kCallers order
};

// clang-format off
const std::vector<Cell> kMatrix = {
  //                                                                         admin ldr  dist disp liai hand ent  pub  anon
  {"GET",   "/api/v1/regions",                        "",                   {200, 200, 200, 200, 200, 200, 200, 403, 401}},
  {"POST",  "/api/v1/regions",                        "region",             {201, 403, 403, 403, 403, 403, 403, 403, 401}},
  {"GET",   "/api/v1/departments",                    "",                   {200, 200, 200, 200, 200, 200, 200, 403, 401}},
  {"POST",  "/api/v1/departments",                    "department",         {201, 403, 403, 403, 403, 403, 403, 403, 401}},
  {"PATCH", "/api/v1/departments/1",                  "department_patch",   {200, 403, 403, 403, 403, 403, 403, 403, 401}},
  {"GET",   "/api/v1/officials",                      "",                   {200, 200, 200, 200, 200, 403, 403, 403, 401}},
  {"GET",   "/api/v1/officials/{self}",               "",                   {200, 200, 200, 200, 200, 403, 403, 403, 401}},
  {"GET",   "/api/v1/officials/{other_official}",     "",                   {200, 200, 404, 200, 404, 403, 403, 403, 401}},
  {"POST",  "/api/v1/officials",                      "official",           {201, 403, 403, 403, 403, 403, 403, 403, 401}},
  {"PATCH", "/api/v1/officials/{self}",               "official_patch",     {200, 403, 403, 403, 403, 403, 403, 403, 401}},
  {"GET",   "/api/v1/officials/export?format=csv",    "",                   {200, 200, 200, 200, 200, 403, 403, 403, 401}},
  {"GET",   "/api/v1/enterprises",                    "",                   {200, 200, 200, 200, 200, 200, 200, 403, 401}},
  {"GET",   "/api/v1/enterprises/{in}",               "",                   {200, 200, 200, 200, 200, 200, 404, 403, 401}},
  {"GET",   "/api/v1/enterprises/{out}",              "",                   {200, 200, 404, 200, 404, 200, 404, 403, 401}},
  {"GET",   "/api/v1/enterprises/{own_ent}",          "",                   {200, 200, 404, 200, 404, 200, 200, 403, 401}},
  {"POST",  "/api/v1/enterprises",                    "enterprise",         {201, 403, 403, 403, 403, 403, 403, 403, 401}},
  {"PATCH", "/api/v1/enterprises/{own_ent}",          "enterprise_patch",   {200, 403, 403, 403, 403, 403, 403, 403, 401}},
  {"PATCH", "/api/v1/enterprises/{in}",               "enterprise_patch",   {200, 403, 403, 403, 403, 403, 403, 403, 401}},
  {"GET",   "/api/v1/enterprises/export?format=csv",  "",                   {200, 200, 200, 200, 200, 200, 200, 403, 401}},
  {"GET",   "/api/v1/enterprises/export?format=xlsx", "",                   {200, 200, 200, 200, 200, 200, 200, 403, 401}},
  {"POST",  "/api/v1/imports/enterprises?dry_run=true", "import",           {200, 403, 403, 403, 403, 403, 403, 403, 401}},
  {"POST",  "/api/v1/imports/officials?dry_run=true", "import_officials",   {200, 403, 403, 403, 403, 403, 403, 403, 401}},
};
// clang-format on

class DirectoryAuthzTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    server_ = new ServerProcess("dir_authz");
    ASSERT_TRUE(server_->ok());
    auto [rc, out] = server_->RunCli({"demo"});
    ASSERT_EQ(rc, 0) << out;
    tokens_ = new std::map<std::string, std::string>;
    (*tokens_)["admin"] = server_->Login("admin", ServerProcess::kAdminPassword);
    for (const auto* who : {"leader", "district_leader", "dispatcher", "liaison", "handler", "enterprise"}) {
      (*tokens_)[who] = server_->Login(who, std::string(directory::kDemoPassword));
    }
    json citizen = {{"login", "citizen"}, {"display_name", "市民"}, {"role", "public"}, {"password", "citizen-pass-1"}};
    auto made = server_->client().PostJson("/api/v1/users", citizen.dump(), Bearer((*tokens_)["admin"]));
    ASSERT_EQ(made.status, 201) << made.body;
    (*tokens_)["public"] = server_->Login("citizen", "citizen-pass-1");
    for (const auto& [who, token] : *tokens_) ASSERT_FALSE(token.empty()) << who << " could not sign in";
  }
  static void TearDownTestSuite() {
    delete server_;
    delete tokens_;
    server_ = nullptr;
    tokens_ = nullptr;
  }

  HttpResult Call(const std::string& who, const std::string& method, const std::string& path,
                  const std::string& body = "", const std::string& content_type = "application/json") {
    std::vector<std::pair<std::string, std::string>> headers;
    if (who != "anonymous") headers = Bearer(tokens_->at(who));
    if (!body.empty()) headers.emplace_back("Content-Type", content_type);
    return server_->client().Send(method, path, body, headers);
  }
  json Me(const std::string& who) { return JsonBody(Call(who, "GET", "/api/v1/auth/me")); }
  json AdminGet(const std::string& path) {
    auto r = Call("admin", "GET", path);
    EXPECT_EQ(r.status, 200) << path << ": " << r.body;
    return JsonBody(r);
  }

  static ServerProcess* server_;
  static std::map<std::string, std::string>* tokens_;
};

ServerProcess* DirectoryAuthzTest::server_ = nullptr;
std::map<std::string, std::string>* DirectoryAuthzTest::tokens_ = nullptr;

TEST_F(DirectoryAuthzTest, EveryRoleOnEveryEndpointOnOwnAndOthersData) {
  // Who is who in the demo city.
  const json district = Me("district_leader");
  const json liaison = Me("liaison");
  const int64_t zhangdian = district["region_id"];
  const int64_t liaison_official = liaison["official_id"];
  const int64_t own_ent = Me("enterprise")["enterprise_id"];
  ASSERT_NE(AdminGet("/api/v1/enterprises/" + std::to_string(own_ent))["region_id"], zhangdian)
      << "the matrix assumes the enterprise user's enterprise is outside 张店区";
  ASSERT_EQ(AdminGet("/api/v1/officials/" + std::to_string(liaison_official))["region_id"], zhangdian);
  const auto zd_list = AdminGet("/api/v1/enterprises?sort=id&limit=1&region_id=" + std::to_string(zhangdian));
  const int64_t in = zd_list["items"][0]["id"];
  int64_t out = 0;
  const json first_ten = AdminGet("/api/v1/enterprises?sort=id&limit=10");
  for (const auto& e : first_ten["items"]) {
    if (e["region_id"] != zhangdian && e["id"] != own_ent) {
      out = e["id"];
      break;
    }
  }
  ASSERT_GT(out, 0);
  int64_t other_official = 0;
  const json district_officials = AdminGet("/api/v1/officials?rank=district&limit=100");
  for (const auto& o : district_officials["items"]) {
    if (o["region_id"] != zhangdian) {
      other_official = o["id"];
      break;
    }
  }
  ASSERT_GT(other_official, 0);
  // The liaison serves `in` (assignments are the liaison service's; written here directly).
  {
    auto db = storage::Database::Open(server_->database_url());
    ASSERT_TRUE(db) << db.error().ToString();
    auto st = (*db)->Write([&](storage::Tx& tx) -> Result<void> {
      auto n = tx.Exec(storage::Sql{"INSERT INTO liaison_assignments (official_id, enterprise_id, started_at, reason, "
                                    "created_at) VALUES (?, ?, 0, 'authz test', 0)"},
                       liaison_official, in);
      if (!n) return n.error();
      return Ok();
    });
    ASSERT_TRUE(st) << st.error().ToString();
    (*db)->Close();
  }

  const std::map<std::string, std::string> ids = {{"{in}", std::to_string(in)},
                                                  {"{out}", std::to_string(out)},
                                                  {"{own_ent}", std::to_string(own_ent)},
                                                  {"{self}", std::to_string(liaison_official)},
                                                  {"{other_official}", std::to_string(other_official)}};
  auto resolve = [&](std::string path) {
    for (const auto& [key, value] : ids) {
      if (auto p = path.find(key); p != std::string::npos) path.replace(p, key.size(), value);
    }
    return path;
  };
  int serial = 0;
  // A body for the cell; creates are unique per call so that the admin's succeeds; patches carry
  // the current version.
  auto body_for = [&](const std::string& key, const std::string& path) -> std::string {
    ++serial;
    if (key.empty()) return "";
    if (key == "region") {
      return json{{"code", std::to_string(370380 + serial % 10)}, {"name", "测试区" + std::to_string(serial)},
                  {"kind", "zone"}, {"parent_id", 1}}.dump();
    }
    if (key == "department") {
      return json{{"code", "test_dept_" + std::to_string(serial)}, {"name", "测试局" + std::to_string(serial)},
                  {"region_id", 1}, {"categories", {"labour", "other"}}}.dump();
    }
    if (key == "official") {
      return json{{"name", "测试干部"}, {"rank", "district"}, {"region_id", zhangdian}, {"title", "副区长"},
                  {"liaison_capacity", 3}, {"active_from", "2020-01-01"}}.dump();
    }
    if (key == "enterprise") {
      return json{{"uscc", "913703037777777752"}, {"name", "淄博授权测试有限公司"}, {"region_id", zhangdian},
                  {"industry_code", "26"}, {"above_scale", false}}.dump();
    }
    if (key == "import") return "统一社会信用代码,企业名称,所属区县,行业代码\n913703037777777752,淄博导入测试有限公司,张店区,26\n";
    if (key == "import_officials") return "姓名,级别,所属区县,任职起始\n钱十,区县级,张店区,2020-01-01\n";
    int64_t version = 0;
    if (key == "department_patch") {  // departments have no GET by id: read the version from the list
      const json departments = AdminGet("/api/v1/departments");
      for (const auto& dep : departments["items"]) {
        if ("/api/v1/departments/" + std::to_string(dep["id"].get<int64_t>()) == path) version = dep["version"];
      }
    } else {
      version = AdminGet(path)["version"];
    }
    if (key == "department_patch") return json{{"version", version}, {"name_en", "v" + std::to_string(serial)}}.dump();
    if (key == "official_patch") return json{{"version", version}, {"title", "常务副区长"}}.dump();
    if (key == "enterprise_patch") return json{{"version", version}, {"employees", serial}}.dump();
    ADD_FAILURE() << "no body " << key;
    return "";
  };

  int cells = 0;
  for (const auto& cell : kMatrix) {
    ASSERT_EQ(cell.expected.size(), kCallers.size()) << cell.method << " " << cell.path;
    const std::string path = resolve(cell.path);
    for (size_t i = 0; i < kCallers.size(); ++i) {
      const std::string& who = kCallers[i];
      std::string body = body_for(cell.body, cell.method == "PATCH" ? path : "");
      const bool is_import = cell.body.rfind("import", 0) == 0;
      auto r = Call(who, cell.method, path, body, is_import ? "text/csv" : "application/json");
      EXPECT_EQ(r.status, cell.expected[i]) << who << " " << cell.method << " " << cell.path << " → " << r.body.substr(0, 300);
      ++cells;
    }
  }
  EXPECT_EQ(cells, static_cast<int>(kMatrix.size() * kCallers.size()));
}

TEST_F(DirectoryAuthzTest, ListsHoldOnlyTheCallersScopeAndMaskPersonalData) {
  const json district = Me("district_leader");
  const int64_t zhangdian = district["region_id"];
  const int64_t total = AdminGet("/api/v1/enterprises?limit=1")["total"];
  const int64_t in_zhangdian = AdminGet("/api/v1/enterprises?limit=1&region_id=" + std::to_string(zhangdian))["total"];
  auto list = [&](const std::string& who, const std::string& query = "") {
    auto r = Call(who, "GET", "/api/v1/enterprises?limit=500" + query);
    EXPECT_EQ(r.status, 200) << who << ": " << r.body;
    return JsonBody(r);
  };
  // Totals: the whole city, one region, or one enterprise.
  EXPECT_EQ(list("leader")["total"], total);
  EXPECT_EQ(list("dispatcher")["total"], total);
  EXPECT_EQ(list("handler")["total"], total);
  EXPECT_EQ(list("district_leader")["total"], in_zhangdian);
  const json region_list = list("district_leader");
  for (const auto& e : region_list["items"]) EXPECT_EQ(e["region_id"], zhangdian);
  // Asking for another region gives nothing, not that region.
  EXPECT_EQ(list("district_leader", "&region_id=2")["total"], 0);
  const json mine = list("enterprise");
  ASSERT_EQ(mine["total"], 1);
  EXPECT_EQ(mine["items"][0]["id"], Me("enterprise")["enterprise_id"]);
  EXPECT_LE(list("liaison")["total"].get<int64_t>(), 1);

  // Masking: leaders and handlers see 张* and 199****0001; the rest see the real contact.
  for (const auto* who : {"leader", "district_leader", "handler"}) {
    const json seen = list(who);
    for (const auto& e : seen["items"]) {
      EXPECT_TRUE(e["contact_masked"].get<bool>()) << who;
      const std::string phone = e["contact_phone"];
      if (!phone.empty()) {
        EXPECT_NE(phone.find("****"), std::string::npos) << who << " " << phone;
      }
    }
  }
  for (const auto* who : {"admin", "dispatcher", "enterprise"}) {
    const json seen = list(who);
    for (const auto& e : seen["items"]) {
      EXPECT_FALSE(e["contact_masked"].get<bool>()) << who;
      EXPECT_EQ(e["contact_phone"].get<std::string>().find('*'), std::string::npos) << who;
    }
  }
  // Exports are masked like lists.
  auto csv = Call("handler", "GET", "/api/v1/enterprises/export?format=csv");
  ASSERT_EQ(csv.status, 200);
  EXPECT_NE(csv.body.find("****"), std::string::npos);
  // Officials: a district leader sees their region's; a liaison only themselves.
  const json officials = JsonBody(Call("district_leader", "GET", "/api/v1/officials?limit=500"));
  for (const auto& o : officials["items"]) {
    EXPECT_EQ(o["region_id"], zhangdian);
  }
  EXPECT_EQ(JsonBody(Call("liaison", "GET", "/api/v1/officials"))["total"], 1);
}

}  // namespace
}  // namespace zhitong::testing
