// Rows of the directory tables (0010_directory.sql) to and from the model types, inside a
// caller's transaction. Internal to directory_service: no permissions here, only SQL.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/clock.h"
#include "core/error.h"
#include "directory/model.h"
#include "directory_service/directory_service.h"
#include "storage/database.h"

namespace zhitong::directory_service::store {

Result<std::optional<Versioned<directory::Region>>> FindRegion(storage::Tx& tx, int64_t id);
Result<std::vector<Versioned<directory::Region>>> AllRegions(storage::Tx& tx);
Result<int64_t> InsertRegion(storage::Tx& tx, const directory::Region& r, Instant now);

Result<std::optional<Versioned<directory::Department>>> FindDepartment(storage::Tx& tx, int64_t id);
Result<std::vector<Versioned<directory::Department>>> Departments(storage::Tx& tx, std::optional<int64_t> region_id);
Result<int64_t> InsertDepartment(storage::Tx& tx, const directory::Department& d, Instant now);
// Writes d over the row with d.id if its version is still `version`; kConflict otherwise.
Result<void> UpdateDepartment(storage::Tx& tx, const directory::Department& d, int64_t version, Instant now);

// An official with conflicts.
Result<std::optional<Versioned<directory::Official>>> FindOfficial(storage::Tx& tx, int64_t id);
Result<int64_t> InsertOfficial(storage::Tx& tx, const directory::Official& o, Instant now);
Result<void> UpdateOfficial(storage::Tx& tx, const directory::Official& o, int64_t version, Instant now);
// Columns for SELECT … FROM officials o, and the reading of one row (conflicts not loaded).
extern const char* const kOfficialColumns;
Result<Versioned<directory::Official>> OfficialFromRow(const storage::ResultSet::Row& row);
Result<void> LoadConflicts(storage::Tx& tx, directory::Official& o);

// Enterprises, unmasked.
extern const char* const kEnterpriseSelect;  // SELECT … FROM enterprises e JOIN regions r …
EnterpriseView EnterpriseFromRow(const storage::ResultSet::Row& row);
Result<std::optional<EnterpriseView>> FindEnterprise(storage::Tx& tx, int64_t id);
Result<std::optional<int64_t>> EnterpriseIdByUscc(storage::Tx& tx, const std::string& uscc);
Result<int64_t> InsertEnterprise(storage::Tx& tx, const directory::Enterprise& e, Instant now);
Result<void> UpdateEnterprise(storage::Tx& tx, const directory::Enterprise& e, int64_t version, Instant now);

Error VersionConflict(std::string_view entity, int64_t id, int64_t expected, int64_t actual);

}  // namespace zhitong::directory_service::store
