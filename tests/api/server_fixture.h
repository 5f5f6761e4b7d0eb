// A real `zhitong serve` process on a fresh SQLite (or, with ZHITONG_TEST_PG_URL and
// backend=postgres, PostgreSQL) database, reached over loopback HTTP.
#pragma once

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "support/http_client.h"
#include "support/process.h"

namespace zhitong::testing {

class ServerProcess {
 public:
  // Creates a temporary folder with its own database and an admin user (login "admin",
  // password kAdminPassword), then starts the server. extra_args go to `serve`.
  // database_url: instead of a fresh SQLite file (e.g. a PostgreSQL test schema); add_admin =
  // false for a second server on a database that already has its admin.
  explicit ServerProcess(const std::string& name, std::vector<std::string> extra_args = {},
                         const std::string& database_url = "", bool add_admin = true);
  ~ServerProcess();

  static constexpr const char* kAdminPassword = "Zhitong-admin-2025";

  bool ok() const { return port_ > 0; }
  int port() const { return port_; }
  HttpClient client() const { return HttpClient("127.0.0.1", static_cast<uint16_t>(port_)); }
  Process& process() { return *process_; }
  const std::string& database_url() const { return database_; }
  const std::filesystem::path& dir() const { return dir_; }

  // Runs `zhitong ARGS --database URL` to completion; returns exit status and stdout.
  std::pair<int, std::string> RunCli(std::vector<std::string> args, const std::string& stdin_text = "") const;
  // Signs in over HTTP and returns a bearer token ("" on failure).
  std::string Login(const std::string& login, const std::string& password) const;
  // Starts the server again on the same database (after it exited).
  bool Restart();

 private:
  bool Start();
  std::filesystem::path dir_;
  std::string database_;
  std::vector<std::string> extra_args_;
  std::unique_ptr<Process> process_;
  int port_ = 0;
};

// Authorization header for a bearer token.
inline std::vector<std::pair<std::string, std::string>> Bearer(const std::string& token) {
  return {{"Authorization", "Bearer " + token}};
}

inline nlohmann::json JsonBody(const HttpResult& r) { return nlohmann::json::parse(r.body, nullptr, false); }

}  // namespace zhitong::testing
