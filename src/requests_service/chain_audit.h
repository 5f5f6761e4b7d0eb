// `zhitong audit verify`: checks the hash chain of every request's timeline (requests/event_chain.h)
// and that each request's row agrees with its last event (its version and last_hash: removing the
// newest events leaves a valid chain, but not the row's record of it). Reads the whole table in
// keyset pages, one read transaction per page, so it runs on a live database of any size.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "core/error.h"
#include "storage/database.h"

namespace zhitong::requests_service {

struct ChainBreak {
  int64_t request_id = 0;
  int64_t seq = 0;       // the event where the chain first breaks (for a row mismatch: the row's version)
  std::string what;      // what was checked, in English
  std::string what_zh;
  std::string expected;  // what the chain requires there
  std::string found;     // what is stored
};

struct ChainReport {
  int64_t requests = 0;  // requests checked
  int64_t events = 0;    // events checked
  std::optional<ChainBreak> first_break;  // the lowest request id with a broken chain, if any
};

// Checks every request in id order and stops at the first broken one.
Result<ChainReport> VerifyAllChains(storage::Database& db);

}  // namespace zhitong::requests_service
