// Loads the demo city (directory/demo_city.h) and its demo users into a database, in one
// transaction: all of it or nothing. Idempotent: a database that already has the demo city
// (its city region code) is left alone.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "access/actor.h"
#include "core/clock.h"
#include "core/error.h"
#include "storage/database.h"

namespace zhitong::directory_service {

struct DemoLoadResult {
  bool already_loaded = false;
  int regions = 0, departments = 0, officials = 0, enterprises = 0, key_enterprises = 0, conflicts = 0;
  std::vector<std::string> users_created;
  std::vector<std::string> users_skipped;  // logins that already existed, left unchanged
};

// actor: who loads it (recorded in the audit trail). Demo users get directory::kDemoPassword.
// then: when set, runs in the same transaction after the city is written (and only then), e.g. to
// apply the first liaison plan (the liaison service sits above this module); its failure undoes
// the whole load.
Result<DemoLoadResult> LoadDemoCity(storage::Database& db, const Clock& clock, const access::Actor& actor,
                                    const std::function<Result<void>(storage::Tx&)>& then = {});

}  // namespace zhitong::directory_service
