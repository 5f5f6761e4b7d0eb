// Durability: a writer process is killed with SIGKILL mid-stream; every key it printed (printed
// only after Write returned OK) must be in the database when it is opened again.
#include <gtest/gtest.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <set>
#include <string>

#include "storage/database.h"
#include "storage/testing/test_database.h"

namespace zhitong::storage {
namespace {

using testing::TestDatabase;

struct Child {
  pid_t pid = -1;
  int out = -1;
};

Child Spawn(const std::string& url, const std::string& prefix) {
  int fds[2];
  if (pipe(fds) != 0) return {};
  const pid_t pid = fork();
  if (pid == 0) {
    dup2(fds[1], STDOUT_FILENO);
    close(fds[0]);
    close(fds[1]);
    execl(ZHITONG_CRASH_WRITER, ZHITONG_CRASH_WRITER, url.c_str(), prefix.c_str(), "4", static_cast<char*>(nullptr));
    _exit(127);
  }
  close(fds[1]);
  return {pid, fds[0]};
}

// Reads lines from fd until it closes or the deadline passes; appends complete lines to keys.
// Returns false once the pipe is closed.
bool ReadKeys(int fd, std::string& partial, std::set<std::string>& keys,
              std::chrono::steady_clock::time_point deadline) {
  char buf[4096];
  for (;;) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) return true;
    pollfd p{fd, POLLIN, 0};
    if (poll(&p, 1, static_cast<int>(left.count())) <= 0) return true;
    const ssize_t n = read(fd, buf, sizeof buf);
    if (n <= 0) return false;  // the child is gone and the pipe drained
    partial.append(buf, static_cast<size_t>(n));
    for (size_t nl; (nl = partial.find('\n')) != std::string::npos;) {
      keys.insert(partial.substr(0, nl));
      partial.erase(0, nl + 1);
    }
  }
}

class CrashTest : public ::testing::TestWithParam<Dialect> {};

TEST_P(CrashTest, EveryAcknowledgedWriteSurvivesKill9) {
  std::string why;
  auto target = TestDatabase::Create(GetParam(), &why);
  if (!target) {
    if (testing::PostgresTestUrl().empty()) GTEST_SKIP() << why;
    FAIL() << why;
  }
  {
    // Create the schema first, so the writer starts writing at once.
    auto db = Database::Open(target->url());
    ASSERT_TRUE(db) << db.error().ToString();
  }
  Child child = Spawn(target->url(), "crash");
  ASSERT_GT(child.pid, 0);
  std::set<std::string> keys;
  std::string partial;
  // Wait for the first acknowledged write (start-up is slow under sanitizers and load), then let
  // it write for about a second before killing it.
  const auto give_up = std::chrono::steady_clock::now() + std::chrono::seconds(60);
  bool open = true;
  while (open && keys.empty() && std::chrono::steady_clock::now() < give_up) {
    open = ReadKeys(child.out, partial, keys,
                    std::min(give_up, std::chrono::steady_clock::now() + std::chrono::milliseconds(100)));
  }
  if (open) (void)ReadKeys(child.out, partial, keys, std::chrono::steady_clock::now() + std::chrono::seconds(1));
  ASSERT_EQ(kill(child.pid, SIGKILL), 0);
  int status = 0;
  ASSERT_EQ(waitpid(child.pid, &status, 0), child.pid);
  EXPECT_TRUE(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL) << "writer exited early, status " << status;
  // Whatever it printed before dying is still in the pipe.
  (void)ReadKeys(child.out, partial, keys, std::chrono::steady_clock::now() + std::chrono::seconds(5));
  close(child.out);
  ASSERT_GT(keys.size(), 10u) << "the writer acknowledged too few writes to test anything";

  auto db = Database::Open(target->url());
  ASSERT_TRUE(db) << db.error().ToString();
  auto stored = (*db)->ReadValue([](Tx& tx) -> Result<std::set<std::string>> {
    ZT_ASSIGN_OR_RETURN(auto rows, tx.Query(Sql("SELECT key FROM kv WHERE key LIKE 'crash-%'")));
    std::set<std::string> out;
    for (const auto& row : rows) out.insert(row.text("key"));
    return out;
  });
  ASSERT_TRUE(stored) << stored.error().ToString();
  size_t missing = 0;
  for (const auto& k : keys) {
    if (!stored->count(k)) ++missing;
  }
  EXPECT_EQ(missing, 0u) << "of " << keys.size() << " acknowledged writes";
  EXPECT_GE(stored->size(), keys.size());
}

INSTANTIATE_TEST_SUITE_P(Backends, CrashTest, ::testing::Values(Dialect::kSqlite, Dialect::kPostgres),
                         [](const ::testing::TestParamInfo<Dialect>& info) {
                           return std::string(info.param == Dialect::kSqlite ? "Sqlite" : "Postgres");
                         });

}  // namespace
}  // namespace zhitong::storage
