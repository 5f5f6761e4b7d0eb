// Test program for the durability test: opens the database at argv[1] and writes rows into kv
// from several threads until killed, printing each key on stdout (flushed) only after Write
// returned OK. Whatever it printed must be in the database after a kill -9.
#include <cstdio>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "storage/database.h"

int main(int argc, char** argv) {
  using zhitong::storage::Database;
  using zhitong::storage::Sql;
  using zhitong::storage::Tx;
  if (argc < 3) {
    std::fprintf(stderr, "usage: storage_crash_writer URL PREFIX [THREADS]\n");
    return 2;
  }
  const std::string prefix = argv[2];
  const int threads = argc > 3 ? std::atoi(argv[3]) : 4;
  auto db = Database::Open(argv[1]);
  if (!db) {
    std::fprintf(stderr, "open: %s\n", db.error().ToString().c_str());
    return 1;
  }
  std::mutex out_mu;
  std::vector<std::thread> workers;
  for (int t = 0; t < threads; ++t) {
    workers.emplace_back([&, t] {
      for (long i = 0;; ++i) {
        const std::string key = prefix + "-" + std::to_string(t) + "-" + std::to_string(i);
        auto st = (*db)->Write([&](Tx& tx) -> zhitong::Result<void> {
          auto n = tx.Exec(Sql("INSERT INTO kv (key, value, updated_at) VALUES (?, ?, ?)"), key, "crash", i);
          if (!n) return n.error();
          return zhitong::Ok();
        });
        if (!st) {
          std::fprintf(stderr, "write: %s\n", st.error().ToString().c_str());
          std::_Exit(1);
        }
        std::lock_guard lock(out_mu);
        std::fprintf(stdout, "%s\n", key.c_str());
        std::fflush(stdout);
      }
    });
  }
  for (auto& w : workers) w.join();
  return 0;
}
