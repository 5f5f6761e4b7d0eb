// The authorization matrix, end to end: a real server loaded with the demo city, every role signed
// in for real, and tables of cells — one endpoint called on the caller's own data or on another's,
// with the status each caller must get: no leak (a 200 where 403/404 is due) and no wrongly
// refused call (a 403/404 where 200 is due). The matrices are in directory_authz_test.cc,
// access_authz_test.cc, requests_authz_test.cc and modules_authz_test.cc (liaison, contacts,
// inspections, results, notifications); each is also exposed here so that one test can check that
// together they cover every /api/v1 endpoint of the OpenAPI document.
#pragma once

#include <gtest/gtest.h>

#include <functional>
#include <map>
#include <string>
#include <vector>

#include "api/server_fixture.h"
#include "directory/demo_city.h"
#include "storage/database.h"

namespace zhitong::testing {

// The callers, in the order of the matrices' columns.
inline const std::vector<std::string> kCallers = {"admin",   "leader",     "district_leader", "dispatcher", "liaison",
                                                  "handler", "enterprise", "public",          "anonymous"};

struct Cell {
  std::string method;
  std::string path;           // with {placeholders} the test resolves per caller
  std::string body;           // a key the test turns into a body, or ""
  std::vector<int> expected;  // one status per caller, in kCallers order
  bool relogin = false;       // the call ends the caller's session: sign everyone in again after it
};

const std::vector<Cell>& DirectoryMatrix();
const std::vector<Cell>& AccessMatrix();
const std::vector<Cell>& RequestsMatrix();
// modules_authz_test.cc
const std::vector<Cell>& LiaisonMatrix();
const std::vector<Cell>& ContactsMatrix();
const std::vector<Cell>& InspectionsMatrix();
const std::vector<Cell>& ResultsMatrix();
const std::vector<Cell>& NotificationsMatrix();

// Who is who in the demo city, as the tests use it.
struct DemoFacts {
  int64_t zhangdian = 0;         // the district leader's region
  int64_t liaison_official = 0;  // the liaison user's official (in 张店区)
  int64_t own_ent = 0;           // the enterprise user's enterprise (outside 张店区)
  int64_t in = 0;                // an enterprise of 张店区, assigned to the liaison
  int64_t out = 0;               // an enterprise of another region, nobody's
  int64_t other_official = 0;    // an official of another region
  int64_t handler_dept = 0;      // the handler user's department
  int64_t other_dept = 0;        // another department
};

class AuthzTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    server_ = new ServerProcess("authz");
    ASSERT_TRUE(server_->ok());
    auto [rc, out] = server_->RunCli({"demo"});
    ASSERT_EQ(rc, 0) << out;
    passwords_ = new std::map<std::string, std::pair<std::string, std::string>>;
    (*passwords_)["admin"] = {"admin", ServerProcess::kAdminPassword};
    for (const auto* who : {"leader", "district_leader", "dispatcher", "liaison", "handler", "enterprise"}) {
      (*passwords_)[who] = {who, std::string(directory::kDemoPassword)};
    }
    (*passwords_)["public"] = {"citizen", "citizen-pass-1"};
    tokens_ = new std::map<std::string, std::string>;
    (*tokens_)["admin"] = server_->Login("admin", ServerProcess::kAdminPassword);
    nlohmann::json citizen = {
        {"login", "citizen"}, {"display_name", "市民"}, {"role", "public"}, {"password", "citizen-pass-1"}};
    auto made = server_->client().PostJson("/api/v1/users", citizen.dump(), Bearer((*tokens_)["admin"]));
    ASSERT_EQ(made.status, 201) << made.body;
    SignInEveryone();
  }
  static void TearDownTestSuite() {
    delete server_;
    delete tokens_;
    delete passwords_;
    server_ = nullptr;
    tokens_ = nullptr;
    passwords_ = nullptr;
  }
  static void SignInEveryone() {
    for (const auto& [who, cred] : *passwords_) {
      (*tokens_)[who] = server_->Login(cred.first, cred.second);
      ASSERT_FALSE((*tokens_)[who].empty()) << who << " could not sign in";
    }
  }

  HttpResult Call(const std::string& who, const std::string& method, const std::string& path,
                  const std::string& body = "", const std::string& content_type = "application/json") {
    std::vector<std::pair<std::string, std::string>> headers;
    if (who != "anonymous") headers = Bearer(tokens_->at(who));
    if (!body.empty()) headers.emplace_back("Content-Type", content_type);
    return server_->client().Send(method, path, body, headers);
  }
  nlohmann::json Me(const std::string& who) { return JsonBody(Call(who, "GET", "/api/v1/auth/me")); }
  nlohmann::json AdminGet(const std::string& path) {
    auto r = Call("admin", "GET", path);
    EXPECT_EQ(r.status, 200) << path << ": " << r.body;
    return JsonBody(r);
  }
  nlohmann::json As(const std::string& who, const std::string& method, const std::string& path,
                    const nlohmann::json& body, int expected_status) {
    auto r = Call(who, method, path, body.is_null() ? "" : body.dump());
    EXPECT_EQ(r.status, expected_status) << who << " " << method << " " << path << ": " << r.body;
    return JsonBody(r);
  }

  // Reads the demo city's facts: who is who, and an enterprise the liaison serves.
  DemoFacts LoadFacts() {
    DemoFacts f;
    const nlohmann::json district = Me("district_leader");
    const nlohmann::json liaison = Me("liaison");
    f.zhangdian = district["region_id"];
    f.liaison_official = liaison["official_id"];
    f.own_ent = Me("enterprise")["enterprise_id"];
    f.handler_dept = Me("handler")["department_id"];
    EXPECT_NE(AdminGet("/api/v1/enterprises/" + std::to_string(f.own_ent))["region_id"], f.zhangdian)
        << "the matrix assumes the enterprise user's enterprise is outside 张店区";
    EXPECT_EQ(AdminGet("/api/v1/officials/" + std::to_string(f.liaison_official))["region_id"], f.zhangdian);
    // `in`: an enterprise of 张店区 that the liaison serves (`zhitong demo` applies the first
    // liaison plan, so every above-scale enterprise has its liaison).
    const nlohmann::json served =
        AdminGet("/api/v1/officials/" + std::to_string(f.liaison_official) + "/enterprises");
    EXPECT_FALSE(served["items"].empty()) << served.dump();
    if (served["items"].empty()) return f;
    f.in = served["items"][0]["id"];
    EXPECT_EQ(served["items"][0]["region_id"], f.zhangdian);
    const nlohmann::json first_ten = AdminGet("/api/v1/enterprises?sort=id&limit=10");
    for (const auto& e : first_ten["items"]) {
      if (e["region_id"] != f.zhangdian && e["id"] != f.own_ent) {
        f.out = e["id"];
        break;
      }
    }
    const nlohmann::json district_officials = AdminGet("/api/v1/officials?rank=district&limit=100");
    for (const auto& o : district_officials["items"]) {
      if (o["region_id"] != f.zhangdian) {
        f.other_official = o["id"];
        break;
      }
    }
    const nlohmann::json departments = AdminGet("/api/v1/departments");
    for (const auto& d : departments["items"]) {
      if (d["id"] != f.handler_dept) {
        f.other_dept = d["id"];
        break;
      }
    }
    EXPECT_GT(f.out, 0);
    EXPECT_GT(f.other_official, 0);
    EXPECT_GT(f.other_dept, 0);
    return f;
  }

  // Calls every cell as every caller and checks each status. `path_for(path, who)` resolves the
  // placeholders of a cell's path for a caller; `body_for(key, resolved_path, who)` makes its body.
  void RunMatrix(const std::vector<Cell>& matrix,
                 const std::function<std::string(const std::string&, const std::string&)>& path_for,
                 const std::function<std::string(const std::string&, const std::string&, const std::string&)>& body_for) {
    int cells = 0;
    for (const auto& cell : matrix) {
      ASSERT_EQ(cell.expected.size(), kCallers.size()) << cell.method << " " << cell.path;
      for (size_t i = 0; i < kCallers.size(); ++i) {
        const std::string& who = kCallers[i];
        const std::string path = path_for(cell.path, who);
        const std::string body = body_for(cell.body, path, who);
        const bool is_csv = cell.body.rfind("import", 0) == 0;
        auto r = Call(who, cell.method, path, body, is_csv ? "text/csv" : "application/json");
        EXPECT_EQ(r.status, cell.expected[i])
            << who << " " << cell.method << " " << cell.path << " (" << path << ") → " << r.body.substr(0, 300);
        ++cells;
        if (cell.relogin && who != "anonymous") {
          auto& [login, password] = passwords_->at(who);
          (*tokens_)[who] = server_->Login(login, password);
          ASSERT_FALSE((*tokens_)[who].empty()) << who << " could not sign in again";
        }
      }
    }
    EXPECT_EQ(cells, static_cast<int>(matrix.size() * kCallers.size()));
  }

  // Replaces each {key} of `ids` in `path`.
  static std::string Substitute(std::string path, const std::map<std::string, std::string>& ids) {
    for (const auto& [key, value] : ids) {
      for (auto p = path.find(key); p != std::string::npos; p = path.find(key)) path.replace(p, key.size(), value);
    }
    return path;
  }

  inline static ServerProcess* server_ = nullptr;
  inline static std::map<std::string, std::string>* tokens_ = nullptr;
  inline static std::map<std::string, std::pair<std::string, std::string>>* passwords_ = nullptr;  // login, password
};

}  // namespace zhitong::testing
