// The SQL of Open311, in one place: what a submission keeps beside its request
// (open311_requests), the department names that group services, and the catalogue's last change
// (the discovery changeset).
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "core/clock.h"
#include "core/error.h"
#include "open311/mapping.h"
#include "storage/database.h"

namespace zhitong::open311 {

// Inside the submission's transaction.
Result<void> SaveExtras(storage::Tx& tx, int64_t request_id, const Extras& extras);
// The extras of those of `ids` filed through Open311.
Result<std::map<int64_t, Extras>> LoadExtras(storage::Database& db, const std::vector<int64_t>& ids);
// Category code → name of its default department (categories without one are absent).
Result<std::map<std::string, std::string>> ServiceGroups(storage::Database& db);
// The latest updated_at of the category catalogue (the epoch when it was never edited).
Result<Instant> CatalogueChangedAt(storage::Database& db);

}  // namespace zhitong::open311
