// Storage throughput: what durable commits cost on this machine, and what group commit makes of
// it. Raw SQLite (WAL, synchronous=FULL, one transaction per commit) with 1, 100 and 1000 rows per
// commit, then Database::Write from 1, 8 and 64 threads, each write one row in the group commit.
// Set ZHITONG_BENCH_PG_URL to also measure group commit on PostgreSQL.
// Files go to ZHITONG_BENCH_DIR (default: the system temporary folder); use a real disk.
#include <benchmark/benchmark.h>
#include <sqlite3.h>
#include <unistd.h>

#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <string>

#include "storage/database.h"

namespace {

using zhitong::storage::Database;
using zhitong::storage::Sql;
using zhitong::storage::Tx;

std::filesystem::path BenchFile(const std::string& name) {
  const char* dir = std::getenv("ZHITONG_BENCH_DIR");
  std::filesystem::path folder = dir ? std::filesystem::path(dir) : std::filesystem::temp_directory_path();
  folder /= "zhitong_bench_" + std::to_string(::getpid());
  std::filesystem::create_directories(folder);
  return folder / name;
}

void RemoveDb(const std::filesystem::path& file) {
  for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(file.string() + suffix);
}

void Check(int rc, sqlite3* db, const char* what) {
  if (rc != SQLITE_OK && rc != SQLITE_DONE) {
    std::fprintf(stderr, "%s: %s\n", what, sqlite3_errmsg(db));
    std::abort();
  }
}

// Raw SQLite: every iteration is one durable commit of state.range(0) rows.
void BM_SqliteRawCommit(benchmark::State& state) {
  const auto file = BenchFile("raw.db");
  RemoveDb(file);
  sqlite3* db = nullptr;
  Check(sqlite3_open(file.c_str(), &db), db, "open");
  Check(sqlite3_exec(db,
                     "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL;"
                     "CREATE TABLE rows (id INTEGER PRIMARY KEY, payload TEXT NOT NULL, at INTEGER NOT NULL)",
                     nullptr, nullptr, nullptr),
        db, "schema");
  sqlite3_stmt* insert = nullptr;
  Check(sqlite3_prepare_v2(db, "INSERT INTO rows (payload, at) VALUES (?, ?)", -1, &insert, nullptr), db, "prepare");
  const std::string payload(200, 'x');
  const int64_t rows_per_commit = state.range(0);
  int64_t n = 0;
  for (auto _ : state) {
    Check(sqlite3_exec(db, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr), db, "begin");
    for (int64_t i = 0; i < rows_per_commit; ++i) {
      sqlite3_bind_text(insert, 1, payload.data(), static_cast<int>(payload.size()), SQLITE_STATIC);
      sqlite3_bind_int64(insert, 2, ++n);
      Check(sqlite3_step(insert), db, "insert");
      sqlite3_reset(insert);
    }
    Check(sqlite3_exec(db, "COMMIT", nullptr, nullptr, nullptr), db, "commit");
  }
  sqlite3_finalize(insert);
  sqlite3_close(db);
  RemoveDb(file);
  state.SetItemsProcessed(state.iterations() * rows_per_commit);
  state.counters["commits/s"] = benchmark::Counter(static_cast<double>(state.iterations()), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_SqliteRawCommit)->ArgName("rows_per_commit")->Arg(1)->Arg(100)->Arg(1000)->UseRealTime();

// Group commit: each iteration of each thread is one Database::Write of one row.
std::unique_ptr<Database> g_db;
std::atomic<uint64_t> g_commits_before{0};
std::atomic<uint64_t> g_writes_before{0};

void GroupCommit(benchmark::State& state, const std::string& url) {
  if (state.thread_index() == 0) {
    auto db = Database::Open(url);
    if (!db) {
      state.SkipWithError(db.error().ToString().c_str());
    } else {
      g_db = std::move(*db);
      (void)g_db->Write([](Tx& tx) -> zhitong::Result<void> {
        auto n = tx.Exec(Sql("DELETE FROM kv WHERE key LIKE 'bench-%'"));
        if (!n) return n.error();
        return zhitong::Ok();
      });
      g_commits_before = g_db->stats().commits;
      g_writes_before = g_db->stats().writes;
    }
  }
  const std::string prefix = "bench-" + std::to_string(state.thread_index()) + "-";
  int64_t i = 0;
  for (auto _ : state) {
    if (!g_db) break;
    const std::string key = prefix + std::to_string(i++);
    auto st = g_db->Write([&](Tx& tx) -> zhitong::Result<void> {
      auto n = tx.Exec(Sql("INSERT INTO kv (key, value, updated_at) VALUES (?, ?, ?)"), key, "v", i);
      if (!n) return n.error();
      return zhitong::Ok();
    });
    if (!st) {
      state.SkipWithError(st.error().ToString().c_str());
      break;
    }
  }
  state.SetItemsProcessed(state.iterations());
  if (state.thread_index() == 0 && g_db) {
    // Thread 0 reaches here after every thread has finished its loop.
    const auto stats = g_db->stats();
    const double commits = static_cast<double>(stats.commits - g_commits_before);
    const double writes = static_cast<double>(stats.writes - g_writes_before);
    state.counters["writes/commit"] = commits > 0 ? writes / commits : 0;
    state.counters["fsync_ms"] = commits > 0 ? static_cast<double>(stats.commit_micros) / 1000.0 / static_cast<double>(stats.commits) : 0;
    g_db->Close();
    g_db.reset();
  }
}

void BM_GroupCommitSqlite(benchmark::State& state) {
  static const std::filesystem::path file = BenchFile("group.db");
  if (state.thread_index() == 0) RemoveDb(file);
  GroupCommit(state, "sqlite:" + file.string());
}
BENCHMARK(BM_GroupCommitSqlite)->Threads(1)->Threads(8)->Threads(64)->UseRealTime();

void BM_GroupCommitPostgres(benchmark::State& state) {
  const char* url = std::getenv("ZHITONG_BENCH_PG_URL");
  if (!url) {
    state.SkipWithError("ZHITONG_BENCH_PG_URL not set");
    for (auto _ : state) break;
    return;
  }
  GroupCommit(state, url);
}
BENCHMARK(BM_GroupCommitPostgres)->Threads(1)->Threads(8)->Threads(64)->UseRealTime();

}  // namespace

BENCHMARK_MAIN();
