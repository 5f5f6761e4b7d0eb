// The authorization matrix of the access endpoints (sign-in, users, API keys, the audit trail),
// end to end over real sign-ins of every role; and the check that the three matrices together
// call every endpoint of the OpenAPI document. The rules: admins manage users, keys and read the
// audit trail; everyone signed in reads themselves, changes their own password and signs out;
// another user's record is 403 for a non-admin whether or not it exists (the answer reveals
// nothing).
#include <gtest/gtest.h>

#include <fstream>
#include <set>
#include <sstream>

#include "api/authz_test_util.h"

namespace zhitong::testing {

using nlohmann::json;

// Paths: {self_user}, {self_login}: the caller's own id and login; {victim_user},
// {victim_login}: a public user nobody else acts for; {fresh_key}: an API key of the victim made
// just before the call. Bodies: keys of the test's body_for.
const std::vector<Cell>& AccessMatrix() {
  // clang-format off
  static const std::vector<Cell> kMatrix = {
    //                                                                          admin ldr  dist disp liai hand ent  pub  anon
    {"POST",   "/api/v1/auth/login",                         "login_self",     {200, 200, 200, 200, 200, 200, 200, 200, 401}},
    {"GET",    "/api/v1/auth/me",                            "",               {200, 200, 200, 200, 200, 200, 200, 200, 401}},
    {"GET",    "/api/v1/users",                              "",               {200, 403, 403, 403, 403, 403, 403, 403, 401}},
    {"GET",    "/api/v1/users?role=public&q=vic&disabled=false&sort=-login&limit=5", "",
                                                                               {200, 403, 403, 403, 403, 403, 403, 403, 401}},
    {"GET",    "/api/v1/users?sort=password_hash",           "",               {400, 403, 403, 403, 403, 403, 403, 403, 401}},
    {"POST",   "/api/v1/users",                              "user",           {201, 403, 403, 403, 403, 403, 403, 403, 401}},
    {"GET",    "/api/v1/users/{self_user}",                  "",               {200, 200, 200, 200, 200, 200, 200, 200, 401}},
    {"GET",    "/api/v1/users/{victim_user}",                "",               {200, 403, 403, 403, 403, 403, 403, 403, 401}},
    {"GET",    "/api/v1/users/999999",                       "",               {404, 403, 403, 403, 403, 403, 403, 403, 401}},
    {"POST",   "/api/v1/users/{victim_login}/password",      "password_new",   {204, 403, 403, 403, 403, 403, 403, 403, 401}},
    {"POST",   "/api/v1/users/{victim_login}/disable",       "",               {200, 403, 403, 403, 403, 403, 403, 403, 401}},
    {"POST",   "/api/v1/users/{victim_login}/enable",        "",               {200, 403, 403, 403, 403, 403, 403, 403, 401}},
    {"GET",    "/api/v1/api-keys",                           "",               {200, 403, 403, 403, 403, 403, 403, 403, 401}},
    {"POST",   "/api/v1/api-keys",                           "api_key",        {201, 403, 403, 403, 403, 403, 403, 403, 401}},
    {"DELETE", "/api/v1/api-keys/{fresh_key}",               "",               {204, 403, 403, 403, 403, 403, 403, 403, 401}},
    {"GET",    "/api/v1/audit",                              "",               {200, 403, 403, 403, 403, 403, 403, 403, 401}},
    {"GET",    "/api/v1/audit?entity=user&limit=5",          "",               {200, 403, 403, 403, 403, 403, 403, 403, 401}},
    // Last: these end the caller's sessions, so everyone signs in again after each call.
    {"POST",   "/api/v1/users/{self_login}/password",        "password_same",  {204, 204, 204, 204, 204, 204, 204, 204, 401}, true},
    {"POST",   "/api/v1/auth/logout",                        "",               {204, 204, 204, 204, 204, 204, 204, 204, 401}, true},
  };
  // clang-format on
  return kMatrix;
}

namespace {

class AccessAuthzTest : public AuthzTest {
 protected:
  json Victim() {
    auto found = JsonBody(Call("admin", "GET", "/api/v1/users?q=victim&limit=1"));
    if (found["total"] == 1) return found["items"][0];
    json victim = {{"login", "victim"}, {"display_name", "受试用户"}, {"role", "public"}, {"password", "victim-pass-2025"}};
    return As("admin", "POST", "/api/v1/users", victim, 201);
  }
};

TEST_F(AccessAuthzTest, EveryRoleOnEveryAccessEndpointOnOwnAndOthersData) {
  const json victim = Victim();
  ASSERT_FALSE(HasFailure());
  std::map<std::string, json> me;
  for (const auto& who : kCallers) {
    if (who != "anonymous") me[who] = Me(who);
  }
  int serial = 0;
  auto path_for = [&](const std::string& path, const std::string& who) {
    const json& self = me[who == "anonymous" ? "admin" : who];
    std::map<std::string, std::string> ids = {{"{self_user}", std::to_string(self["user_id"].get<int64_t>())},
                                              {"{self_login}", self["login"]},
                                              {"{victim_user}", std::to_string(victim["id"].get<int64_t>())},
                                              {"{victim_login}", victim["login"]}};
    if (path.find("{fresh_key}") != std::string::npos) {
      const json key = As("admin", "POST", "/api/v1/api-keys",
                          {{"login", victim["login"]}, {"name", "matrix " + std::to_string(++serial)}}, 201);
      ids["{fresh_key}"] = std::to_string(key["id"].get<int64_t>());
    }
    return Substitute(path, ids);
  };
  auto body_for = [&](const std::string& key, const std::string&, const std::string& who) -> std::string {
    ++serial;
    if (key.empty()) return "";
    if (key == "login_self") {
      if (who == "anonymous") return json{{"login", "nobody"}, {"password", "not-a-password"}}.dump();
      const auto& [login, password] = passwords_->at(who);
      return json{{"login", login}, {"password", password}}.dump();
    }
    if (key == "user") {
      return json{{"login", "matrix.user" + std::to_string(serial)}, {"display_name", "矩阵用户"}, {"role", "public"},
                  {"password", "matrix-pass-2025"}}.dump();
    }
    if (key == "password_new") return json{{"password", "victim-pass-" + std::to_string(serial)}}.dump();
    if (key == "password_same") {
      const std::string password = who == "anonymous" ? "whatever-1234" : passwords_->at(who).second;
      return json{{"password", password}, {"current_password", password}}.dump();
    }
    if (key == "api_key") {
      return json{{"login", victim["login"]}, {"name", "matrix " + std::to_string(serial)}, {"scopes", {"read"}}}.dump();
    }
    ADD_FAILURE() << "no body " << key;
    return "";
  };
  RunMatrix(AccessMatrix(), path_for, body_for);
}

// What the admin-only lists hold: the users list pages, filters and sorts (the service's own test
// checks every combination on both backends; this checks the HTTP parameters reach it).
TEST_F(AccessAuthzTest, UsersListFiltersSortsAndPagesOverHttp) {
  const json all = As("admin", "GET", "/api/v1/users?limit=500&sort=login", nullptr, 200);
  ASSERT_GE(all["total"].get<int64_t>(), 8);
  EXPECT_EQ(all["items"].size(), all["total"].get<size_t>());
  std::vector<std::string> logins;
  for (const auto& u : all["items"]) logins.push_back(u["login"]);
  EXPECT_TRUE(std::is_sorted(logins.begin(), logins.end()));
  const json handlers = As("admin", "GET", "/api/v1/users?role=handler", nullptr, 200);
  ASSERT_GE(handlers["total"].get<int64_t>(), 1);
  for (const auto& u : handlers["items"]) EXPECT_EQ(u["role"], "handler");
  const json page = As("admin", "GET", "/api/v1/users?sort=-login&limit=2&offset=1", nullptr, 200);
  ASSERT_EQ(page["items"].size(), 2u);
  EXPECT_EQ(page["total"], all["total"]);
  EXPECT_EQ(page["items"][0]["login"], logins[logins.size() - 2]);
  const json found = As("admin", "GET", "/api/v1/users?q=dispatch", nullptr, 200);
  ASSERT_EQ(found["total"], 1);
  EXPECT_EQ(found["items"][0]["login"], "dispatcher");
  As("admin", "POST", "/api/v1/users/dispatcher/disable", nullptr, 200);
  const json disabled = As("admin", "GET", "/api/v1/users?disabled=true", nullptr, 200);
  ASSERT_EQ(disabled["total"], 1);
  EXPECT_EQ(disabled["items"][0]["login"], "dispatcher");
  const json bad = As("admin", "GET", "/api/v1/users?disabled=maybe", nullptr, 400);
  EXPECT_EQ(bad["error"]["fields"][0]["field"], "disabled");
  EXPECT_EQ(As("admin", "GET", "/api/v1/users?sort=salary", nullptr, 400)["error"]["code"], "user.unknown_sort");
  EXPECT_EQ(As("admin", "GET", "/api/v1/users?role=king", nullptr, 400)["error"]["code"], "access.unknown_role");
}

// Together the matrices call every /api/v1 operation of the OpenAPI document, whatever its tag
// (the document itself, /api/v1/openapi.json, is public and left out): a new operation makes this
// test name it until a matrix calls it.
TEST_F(AccessAuthzTest, MatricesCoverEveryOperationOfTheOpenApiDocument) {
  std::ifstream file(std::string(std::getenv("ZHITONG_SOURCE_DIR") ? std::getenv("ZHITONG_SOURCE_DIR") : ".") +
                     "/api/openapi.json");
  ASSERT_TRUE(file);
  std::stringstream text;
  text << file.rdbuf();
  const json doc = json::parse(text.str());
  // A matrix path as an OpenAPI template: the query dropped, each id or {placeholder} segment
  // matching any {parameter} segment.
  auto shape = [](std::string path) {
    path = path.substr(0, path.find('?'));
    std::string out;
    std::stringstream parts(path);
    for (std::string seg; std::getline(parts, seg, '/');) {
      if (seg.empty()) continue;
      const bool param = seg.front() == '{' || seg.find_first_not_of("0123456789") == std::string::npos;
      out += "/" + (param ? std::string("{}") : seg);
    }
    return out;
  };
  std::set<std::string> called;
  for (const auto* matrix : {&DirectoryMatrix(), &AccessMatrix(), &RequestsMatrix(), &LiaisonMatrix(), &ContactsMatrix(),
                              &InspectionsMatrix(), &ResultsMatrix(), &NotificationsMatrix()}) {
    for (const auto& cell : *matrix) called.insert(cell.method + " " + shape(cell.path));
  }
  // Actions are one operation with an {action} parameter; the matrix calls them by name.
  std::set<std::string> expanded;
  for (const auto& c : called) {
    const auto actions = c.find("/actions/");
    expanded.insert(actions == std::string::npos ? c : c.substr(0, actions) + "/actions/{}");
  }
  int operations = 0;
  for (const auto& [path, item] : doc["paths"].items()) {
    if (path.rfind("/api/v1/", 0) != 0 || path == "/api/v1/openapi.json") continue;
    for (const auto& entry : item.items()) {
      if (entry.key() == "parameters") continue;
      std::string upper = entry.key();
      for (auto& ch : upper) ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
      ++operations;
      EXPECT_TRUE(expanded.count(upper + " " + shape(path)))
          << upper << " " << path << " is in api/openapi.json but in no authorization matrix";
    }
  }
  EXPECT_GE(operations, 80);
}

}  // namespace
}  // namespace zhitong::testing
