// The authorization matrix of the directory, end to end: every role signs in to a real server
// loaded with the demo city and calls every directory endpoint on its own data and on another's.
// Each cell is the status the caller must get: no leak (a 200 where 403/404 is due) and no
// wrongly refused call (a 403/404 where 200 is due). The rules are in
// src/directory_service/scope.h; out-of-scope records are 404 so ids reveal nothing. The fixture
// is in authz_test_util.h.
#include <gtest/gtest.h>

#include <map>
#include <set>

#include "api/authz_test_util.h"

namespace zhitong::testing {

using nlohmann::json;

// Paths: {in}: an enterprise of 张店区 assigned to the liaison; {out}: one of another region,
// nobody's; {own_ent}: the enterprise user's; {self}: the liaison official; {other_official}: an
// official of another region. Bodies: keys of the test's body_for.
const std::vector<Cell>& DirectoryMatrix() {
  // clang-format off
  static const std::vector<Cell> kMatrix = {
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
  return kMatrix;
}

namespace {

using DirectoryAuthzTest = AuthzTest;

TEST_F(DirectoryAuthzTest, EveryRoleOnEveryEndpointOnOwnAndOthersData) {
  const DemoFacts facts = LoadFacts();
  ASSERT_FALSE(HasFailure());
  const int64_t zhangdian = facts.zhangdian;
  const std::map<std::string, std::string> ids = {{"{in}", std::to_string(facts.in)},
                                                  {"{out}", std::to_string(facts.out)},
                                                  {"{own_ent}", std::to_string(facts.own_ent)},
                                                  {"{self}", std::to_string(facts.liaison_official)},
                                                  {"{other_official}", std::to_string(facts.other_official)}};
  int serial = 0;
  // A body for the cell; creates are unique per call so that the admin's succeeds; patches carry
  // the current version.
  auto body_for = [&](const std::string& key, const std::string& path, const std::string&) -> std::string {
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

  RunMatrix(
      DirectoryMatrix(), [&](const std::string& path, const std::string&) { return Substitute(path, ids); },
      body_for);
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
  // A liaison's list is exactly the enterprises they serve (`zhitong demo` applies the first
  // liaison plan), each of them.
  const json served =
      AdminGet("/api/v1/officials/" + std::to_string(Me("liaison")["official_id"].get<int64_t>()) + "/enterprises");
  std::set<int64_t> served_ids, listed_ids;
  for (const auto& e : served["items"]) served_ids.insert(e["id"].get<int64_t>());
  const json liaison_list = list("liaison");
  for (const auto& e : liaison_list["items"]) listed_ids.insert(e["id"].get<int64_t>());
  EXPECT_FALSE(served_ids.empty());
  EXPECT_EQ(listed_ids, served_ids);

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
