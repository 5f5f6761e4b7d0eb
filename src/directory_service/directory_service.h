// The directory as an application service: regions, departments (with the request categories
// they handle), officials (with declared conflicts) and enterprises, stored on either backend.
// Every call takes the acting user. Reads are scoped by role (scope.h); writes are admin-only,
// validated (directory/validate.h plus the rules that need the database), checked against the
// caller's `version` (optimistic concurrency) and audited in the same transaction.
// Thread-safe (all state is in the database).
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "access/actor.h"
#include "core/clock.h"
#include "core/error.h"
#include "directory/model.h"
#include "directory_service/tabular.h"
#include "storage/database.h"

namespace zhitong::directory_service {

// An entity as stored: its value and the version a PATCH must name.
template <class T>
struct Versioned {
  T value;
  int64_t version = 1;
};

// An enterprise as a caller may see it: contact_name and contact_phone are already masked
// when contact_masked is true.
struct EnterpriseView {
  directory::Enterprise enterprise;
  int64_t version = 1;
  std::string region_name;
  bool contact_masked = false;
};

template <class T>
struct Page {
  std::vector<T> items;
  int64_t total = 0;  // matching rows in the caller's scope, before limit/offset
  int limit = 0;
  int offset = 0;
};

enum class EnterpriseSort { kName, kNameDesc, kRevenueDesc, kRevenue, kEmployees, kEmployeesDesc, kId, kIdDesc };
// "name", "-name", "annual_revenue", "-annual_revenue" (also "revenue", "-revenue"), "employees",
// "-employees", "id", "-id"; anything else is kInvalid "directory.unknown_sort".
Result<EnterpriseSort> ParseEnterpriseSort(std::string_view text);

struct EnterpriseFilter {
  std::optional<int64_t> region_id;     // the region and the regions under it (the city: all)
  std::optional<std::string> industry;  // a GB/T 4754 division ("26") or section ("C")
  std::optional<bool> is_key;
  std::optional<bool> above_scale;
  std::optional<std::string> q;         // name substring, or USCC prefix
  EnterpriseSort sort = EnterpriseSort::kName;
  int limit = 50;
  int offset = 0;                       // limit 0: no limit (exports)
};

enum class OfficialSort { kName, kId };
Result<OfficialSort> ParseOfficialSort(std::string_view text);  // "name" or "id"

struct OfficialFilter {
  std::optional<int64_t> region_id;  // the region and the regions under it
  std::optional<directory::Rank> rank;
  std::optional<int64_t> department_id;
  std::optional<std::string> q;      // name or title substring
  OfficialSort sort = OfficialSort::kId;
  int limit = 50;
  int offset = 0;
};

// Changes an entity in place for an update; returns an error (usually kInvalid) to refuse.
template <class T>
using Mutator = std::function<Result<void>(T&)>;

// The outcome of an import: the rows, and either what was (or in a dry run would be) written or
// every problem found. Row numbers are those a spreadsheet shows: the header is row 1.
struct RowError {
  int64_t row = 0;
  std::string column;  // the header as written in the file ("" when about the whole row)
  std::string message;
  std::string message_zh;
};
struct ImportReport {
  std::string entity;  // "enterprise" | "official"
  int64_t rows = 0;    // data rows read
  int64_t created = 0;
  int64_t updated = 0;
  int64_t unchanged = 0;   // rows equal to what is stored
  bool dry_run = false;
  bool committed = false;  // true iff rows were written (never for a dry run or with errors)
  std::vector<RowError> errors;
};
// Called as rows are checked and written: (done, total). May be called from another thread.
using Progress = std::function<void(int64_t done, int64_t total)>;

class DirectoryService {
 public:
  DirectoryService(storage::Database& db, const Clock& clock) : db_(db), clock_(clock) {}

  // Regions and departments: every signed-in role but public reads them (they are the city's
  // public organisation chart).
  Result<std::vector<Versioned<directory::Region>>> ListRegions(const access::Actor& actor);
  Result<Versioned<directory::Region>> CreateRegion(const access::Actor& actor, directory::Region region);

  Result<std::vector<Versioned<directory::Department>>> ListDepartments(const access::Actor& actor,
                                                                         std::optional<int64_t> region_id);
  Result<Versioned<directory::Department>> CreateDepartment(const access::Actor& actor, directory::Department d);
  Result<Versioned<directory::Department>> UpdateDepartment(const access::Actor& actor, int64_t id,
                                                            int64_t version, const Mutator<directory::Department>& change);

  Result<Page<Versioned<directory::Official>>> ListOfficials(const access::Actor& actor, const OfficialFilter& filter);
  Result<Versioned<directory::Official>> GetOfficial(const access::Actor& actor, int64_t id);
  Result<Versioned<directory::Official>> CreateOfficial(const access::Actor& actor, directory::Official o);
  Result<Versioned<directory::Official>> UpdateOfficial(const access::Actor& actor, int64_t id, int64_t version,
                                                        const Mutator<directory::Official>& change);

  Result<Page<EnterpriseView>> ListEnterprises(const access::Actor& actor, const EnterpriseFilter& filter);
  Result<EnterpriseView> GetEnterprise(const access::Actor& actor, int64_t id);
  Result<EnterpriseView> CreateEnterprise(const access::Actor& actor, directory::Enterprise e);
  Result<EnterpriseView> UpdateEnterprise(const access::Actor& actor, int64_t id, int64_t version,
                                          const Mutator<directory::Enterprise>& change);

  // Imports a table whose first row is the header (columns in import.h). Every row is checked
  // first; any problem → nothing is written and the report lists every problem. Otherwise all
  // rows are written in one transaction (enterprises: a known USCC updates that enterprise;
  // officials: a row with an id updates that official). Admin only.
  Result<ImportReport> ImportEnterprises(const access::Actor& actor, const Table& table, bool dry_run,
                                         const Progress& progress = {});
  Result<ImportReport> ImportOfficials(const access::Actor& actor, const Table& table, bool dry_run,
                                       const Progress& progress = {});

  // The caller's whole scope of the list as a table with import-compatible headers.
  Result<Table> ExportEnterprises(const access::Actor& actor, EnterpriseFilter filter);
  Result<Table> ExportOfficials(const access::Actor& actor, OfficialFilter filter);

 private:
  storage::Database& db_;
  const Clock& clock_;
};

}  // namespace zhitong::directory_service
