// Test support: a private database per test, on either backend. SQLite gets a fresh temporary
// folder; PostgreSQL (from ZHITONG_TEST_PG_URL) gets a fresh schema, put first on the session's
// search_path through the URL, and dropped afterwards. Header-only, used by storage tests and by
// other modules' tests that want both backends.
#pragma once

#include <libpq-fe.h>
#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <random>
#include <string>

#include "storage/database.h"

namespace zhitong::storage::testing {

// The PostgreSQL server for tests, or "" when ZHITONG_TEST_PG_URL is unset.
inline std::string PostgresTestUrl() {
  const char* url = std::getenv("ZHITONG_TEST_PG_URL");
  return url ? url : "";
}

class TestDatabase {
 public:
  // A fresh, empty database of the dialect. For PostgreSQL without ZHITONG_TEST_PG_URL returns
  // null and sets *why (the caller skips the test).
  static std::unique_ptr<TestDatabase> Create(Dialect dialect, std::string* why) {
    static std::atomic<int> counter{0};
    std::random_device rd;
    const std::string unique =
        std::to_string(::getpid()) + "_" + std::to_string(counter.fetch_add(1)) + "_" + std::to_string(rd() % 100000);
    std::unique_ptr<TestDatabase> db(new TestDatabase());
    if (dialect == Dialect::kSqlite) {
      db->folder_ = std::filesystem::temp_directory_path() / ("zhitong_storage_" + unique);
      std::filesystem::create_directories(db->folder_);
      db->url_ = "sqlite:" + (db->folder_ / "test.db").string();
      return db;
    }
    db->server_url_ = PostgresTestUrl();
    if (db->server_url_.empty()) {
      *why = "ZHITONG_TEST_PG_URL is not set (make test sets it; or run scripts/pg-start.sh DIR)";
      return nullptr;
    }
    db->schema_ = "zt_test_" + unique;
    if (!db->Admin("CREATE SCHEMA " + db->schema_, why)) return nullptr;
    const char sep = db->server_url_.find('?') == std::string::npos ? '?' : '&';
    db->url_ = db->server_url_ + sep + "options=-c%20search_path%3D" + db->schema_ + "&application_name=" + db->schema_;
    return db;
  }

  TestDatabase(const TestDatabase&) = delete;
  TestDatabase& operator=(const TestDatabase&) = delete;
  ~TestDatabase() {
    if (!schema_.empty()) {
      std::string ignored;
      Admin("DROP SCHEMA " + schema_ + " CASCADE", &ignored);
    }
    if (!folder_.empty()) {
      std::error_code ec;
      std::filesystem::remove_all(folder_, ec);
    }
  }

  const std::string& url() const { return url_; }
  // PostgreSQL: the schema, also the application_name of every session of this test.
  const std::string& schema() const { return schema_; }
  const std::filesystem::path& folder() const { return folder_; }

  // PostgreSQL: runs statements on the server (outside the test's schema). Returns false and
  // sets *why on failure.
  bool Admin(const std::string& sql, std::string* why) const {
    PGconn* conn = PQconnectdb(server_url_.c_str());
    bool ok = PQstatus(conn) == CONNECTION_OK;
    if (ok) {
      PGresult* res = PQexec(conn, ("SET client_min_messages = warning; " + sql).c_str());
      ok = PQresultStatus(res) == PGRES_COMMAND_OK || PQresultStatus(res) == PGRES_TUPLES_OK;
      PQclear(res);
    }
    if (!ok) *why = sql + ": " + PQerrorMessage(conn);
    PQfinish(conn);
    return ok;
  }

 private:
  TestDatabase() = default;

  std::string url_;
  std::string server_url_;
  std::string schema_;
  std::filesystem::path folder_;
};

}  // namespace zhitong::storage::testing
