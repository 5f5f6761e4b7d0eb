// SQL of the liaison service over liaison_assignments and liaison_plans (migrations 0040, 0041)
// and the directory tables it reads, inside a caller's transaction. Internal to liaison_service:
// no permissions here.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/clock.h"
#include "core/error.h"
#include "directory/model.h"
#include "liaison/assignment.h"
#include "liaison_service/coverage.h"
#include "liaison_service/liaison_service.h"
#include "storage/database.h"

namespace zhitong::liaison_service::store {

// Everything the engine plans from, and the labels a plan is shown with.
struct PlanInputs {
  std::vector<directory::Enterprise> enterprises;  // every enterprise (the engine keeps the above-scale)
  std::vector<directory::Official> officials;      // every official, with conflicts
  std::vector<liaison::Assignment> current;        // the active assignments
  std::map<int64_t, std::string> region_names;
};
Result<PlanInputs> LoadPlanInputs(storage::Tx& tx);

// Writes the plan: ends what stops, starts what is new, and records the liaison_plans row.
// Returns its id.
Result<int64_t> WritePlan(storage::Tx& tx, const PlanReport& report, const access::Actor& actor, Instant now);

// Rows of liaison_assignments with names. `where` starts with " WHERE"; aliases a (assignment),
// o (official), e (enterprise), r (region).
Result<std::vector<AssignmentRecord>> Assignments(storage::Tx& tx, const std::string& where,
                                                  const std::vector<storage::Value>& params);
Result<int64_t> CountAssignments(storage::Tx& tx, const std::string& where, const std::vector<storage::Value>& params);

// The enterprises an official serves now, unmasked, by name.
Result<std::vector<ServedEnterprise>> ServedEnterprises(storage::Tx& tx, int64_t official_id);

// Whose coverage: the enterprises of a region (and of the regions under it), and/or those one
// official serves now (a liaison's own); both empty: the whole city.
struct CoverageScope {
  std::optional<int64_t> region_id;
  std::optional<int64_t> official_id;
};

// The coverage inputs: the above-scale enterprises of the scope, its officials (with an
// official_id: that official alone), the latest contacts and the request counts per liaison.
Result<CoverageInputs> LoadCoverageInputs(storage::Tx& tx, const CoverageScope& scope, Instant now);

// Latest contact per enterprise from the contact register (table `contacts` of migration 0045:
// enterprise_id, contacted_at in Unix ms). Should the table or those columns be missing, the map is
// empty and *recorded is false: the report then counts every enterprise as never contacted.
Result<std::map<int64_t, Instant>> LatestContacts(storage::Tx& tx, bool* recorded);

}  // namespace zhitong::liaison_service::store
