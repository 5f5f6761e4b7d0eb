// Support for the end-to-end requests tests: a `zhitong serve` whose requests clock is steered by
// the test through ZHITONG_FAKE_NOW=@file, a small directory written straight into its SQLite
// database (the directory API does not exist yet), users created with `zhitong user add`, and
// helpers that act over HTTP with real bearer sessions.
#pragma once

#include <gtest/gtest.h>
#include <stdlib.h>
#include <unistd.h>

#include <cctype>
#include <fstream>
#include <map>
#include <memory>
#include <string>

#include "api/server_fixture.h"
#include "storage/database.h"

namespace zhitong::testing {

inline constexpr const char* kUserPassword = "Zhitong-user-2025";

inline std::string UrlEncode(const std::string& s) {
  static const char* hex = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : s) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~' || c == ':') {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += hex[c >> 4];
      out += hex[c & 15];
    }
  }
  return out;
}

class RequestsApiTest : public ::testing::Test {
 protected:
  // Starts a server named `name` with "now" at `start` (Shanghai local time, "2025-01-24T10:00:00").
  // extra_args go to `serve`; database_url replaces the fresh SQLite file (see ServerProcess).
  void StartServer(const std::string& name, const std::string& start, std::vector<std::string> extra_args = {},
                   const std::string& database_url = "") {
    clock_file_ = std::filesystem::temp_directory_path() / ("zt_clock_" + name + "_" + std::to_string(::getpid()));
    SetNow(start);
    ::setenv("ZHITONG_FAKE_NOW", ("@" + clock_file_.string()).c_str(), 1);
    server_ = std::make_unique<ServerProcess>(name, std::move(extra_args), database_url);
    ::unsetenv("ZHITONG_FAKE_NOW");
    ASSERT_TRUE(server_->ok());
    SeedDirectory();
    AddUser("dispatcher", "dispatcher", {});
    AddUser("hr", "handler", {"--department-id", "1"});
    AddUser("gx", "handler", {"--department-id", "2"});
    AddUser("gd", "handler", {"--department-id", "3"});
    AddUser("ent1", "enterprise", {"--enterprise-id", "1"});
    AddUser("ent2", "enterprise", {"--enterprise-id", "2"});
    AddUser("citizen", "public", {});
    tokens_["admin"] = server_->Login("admin", ServerProcess::kAdminPassword);
    ASSERT_FALSE(tokens_["admin"].empty());
  }
  void TearDown() override {
    server_.reset();
    std::error_code ec;
    std::filesystem::remove(clock_file_, ec);
  }

  // Moves the requests clock (Shanghai local time).
  void SetNow(const std::string& local) {
    std::ofstream(clock_file_, std::ios::trunc) << local << "+08:00\n";
  }

  void SeedDirectory() {
    storage::Options options;
    options.read_connections = 1;
    auto db = storage::Database::Open(server_->database_url(), options);
    ASSERT_TRUE(db) << db.error().ToString();
    auto st = (*db)->Write([](storage::Tx& tx) -> Result<void> {
      for (const char* sql : {
               "INSERT INTO regions (id, code, name, name_en, kind, parent_id, created_at, updated_at) VALUES"
               " (1, '370300', '淄博市', 'Zibo', 'city', NULL, 0, 0),"
               " (2, '370303', '张店区', 'Zhangdian', 'district', 1, 0, 0)",
               "INSERT INTO departments (id, code, name, name_en, region_id, created_at, updated_at) VALUES"
               " (1, 'rsj', '市人社局', 'Human Resources Bureau', 1, 0, 0),"
               " (2, 'gxj', '市工信局', 'Industry Bureau', 1, 0, 0),"
               " (3, 'gdgs', '供电公司', 'Power Supply Company', 1, 0, 0)",
               "INSERT INTO enterprises (id, uscc, name, region_id, industry_code, industry_section, created_at,"
               " updated_at) VALUES (1, '91370303MA3C00001A', '淄博华光陶瓷有限公司', 2, '3071', 'C', 0, 0),"
               " (2, '91370303MA3C00002B', '淄博新材料有限公司', 2, '2651', 'C', 0, 0)",
           }) {
        ZT_TRY(tx.Exec(storage::Sql(sql)));
      }
      return Ok();
    });
    ASSERT_TRUE(st) << st.error().ToString();
    (*db)->Close();
  }

  // Creates a user whose token is kept under `key` (logins need 3 characters: "hr" signs in as "hr.user").
  void AddUser(const std::string& key, const std::string& role, std::vector<std::string> extra) {
    const std::string login = key + ".user";
    std::vector<std::string> args = {"user", "add", "--login", login, "--name", login, "--role", role,
                                     "--password-stdin"};
    args.insert(args.end(), extra.begin(), extra.end());
    auto [rc, out] = server_->RunCli(args, std::string(kUserPassword) + "\n");
    ASSERT_EQ(rc, 0) << out;
    tokens_[key] = server_->Login(login, kUserPassword);
    ASSERT_FALSE(tokens_[key].empty()) << login;
  }

  HttpResult Get(const std::string& who, const std::string& target) {
    return server_->client().Get(target, Bearer(tokens_.at(who)));
  }
  HttpResult Post(const std::string& who, const std::string& target, const nlohmann::json& body) {
    return server_->client().PostJson(target, body.dump(), Bearer(tokens_.at(who)));
  }
  // A new API key of `who` (made with `zhitong apikey create`); "" on failure.
  std::string ApiKey(const std::string& who, const std::string& scopes = "read,write") {
    auto [rc, out] = server_->RunCli({"apikey", "create", "--login", who + ".user", "--name", "test key of " + who,
                                      "--scopes", scopes});
    EXPECT_EQ(rc, 0) << out;
    const size_t at = out.find("ztk_");
    if (at == std::string::npos) return "";
    return out.substr(at, out.find_first_of(" \r\n", at) - at);
  }
  // POSTs an application/x-www-form-urlencoded body, as Open311 clients do.
  HttpResult PostForm(const std::string& target, const std::string& form) {
    return server_->client().Send("POST", target, form, {{"Content-Type", "application/x-www-form-urlencoded; charset=utf-8"}});
  }
  // Files a request through Open311 with `api_key` at `local`; returns its id (0 unless 200).
  int64_t SubmitOpen311(const std::string& api_key, const std::string& local, const std::string& form) {
    SetNow(local);
    auto r = PostForm("/open311/v2/requests.json", "api_key=" + api_key + "&" + form);
    EXPECT_EQ(r.status, 200) << r.body;
    auto body = JsonBody(r);
    if (r.status != 200 || !body.is_array() || body.empty()) return 0;
    return body[0]["service_request_id"].get<int64_t>();
  }

  // Submits as `who` at `local`; returns the new request (fails the test unless 201).
  nlohmann::json Submit(const std::string& who, const std::string& local, nlohmann::json body) {
    SetNow(local);
    auto r = Post(who, "/api/v1/requests", body);
    EXPECT_EQ(r.status, 201) << r.body;
    return JsonBody(r);
  }
  // Carries out `action` as `who` at `local` on the version `who` sees now.
  HttpResult Act(const std::string& who, int64_t id, const std::string& action, const std::string& local,
                 nlohmann::json body = nlohmann::json::object()) {
    SetNow(local);
    const std::string path = "/api/v1/requests/" + std::to_string(id);
    if (!body.contains("version")) {
      auto current = Get(who, path);
      body["version"] = current.status == 200 ? JsonBody(current)["version"].get<int64_t>() : 1;
    }
    return Post(who, path + "/actions/" + action, body);
  }
  // Act, expecting 200; returns the request after it.
  nlohmann::json Must(const std::string& who, int64_t id, const std::string& action, const std::string& local,
                    nlohmann::json body = nlohmann::json::object()) {
    auto r = Act(who, id, action, local, std::move(body));
    EXPECT_EQ(r.status, 200) << action << ": " << r.body;
    return JsonBody(r);
  }

  std::unique_ptr<ServerProcess> server_;
  std::filesystem::path clock_file_;
  std::map<std::string, std::string> tokens_;
};

}  // namespace zhitong::testing
