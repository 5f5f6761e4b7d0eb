// The coverage report (全覆盖): the share of above-scale enterprises with an active liaison, by
// region, by industry and by kind (key / other above-scale); each official's load against their
// capacity; the enterprises nobody has contacted for more than N days; open and overdue requests
// per liaison. ComputeCoverage is pure (the service loads its inputs in one read transaction);
// CoverageTables lays the report out as tables for CSV and .xlsx.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/clock.h"
#include "directory/model.h"

namespace zhitong::liaison_service {

struct CoverageOptions {
  std::optional<int64_t> region_id;  // narrow to a region (and those under it); a district leader
                                     // always gets their own region
  int stale_days = 90;               // "not contacted for more than N days" (1–3650)
  int not_contacted_limit = 200;     // rows of that list in the JSON (0: all); tables have all
};

struct CoverageGroup {
  std::string key;  // region id, GB/T 4754 division code, or "key" / "other"
  std::string name;
  std::string name_en;
  int64_t enterprises = 0;  // above-scale enterprises
  int64_t covered = 0;      // of which with an active liaison
  double coverage() const { return enterprises == 0 ? 1.0 : static_cast<double>(covered) / enterprises; }
};

// How an official's load compares with their capacity.
enum class LoadState {
  kOver,      // more enterprises than capacity (capacity was lowered; the next plan fixes it)
  kFull,      // exactly at capacity
  kUnder,     // some enterprises, below capacity
  kIdle,      // capacity but no enterprise
  kInactive,  // not in office, still holding assignments (the next plan moves them)
};
std::string_view Name(LoadState s);    // "over", "full", "under", "idle", "inactive"
std::string_view NameZh(LoadState s);  // "超出容量", …

struct OfficialLoad {
  int64_t official_id = 0;
  std::string name;
  directory::Rank rank = directory::Rank::kDistrict;
  int64_t region_id = 0;
  std::string region_name;
  int64_t capacity = 0;
  int64_t load = 0;  // active assignments
  LoadState state = LoadState::kIdle;
  int64_t open_requests = 0;     // requests with this liaison, not yet closed/rejected/withdrawn/merged
  int64_t overdue_requests = 0;  // of which past the due time of their current step
};

struct NotContacted {
  int64_t enterprise_id = 0;
  std::string name;
  int64_t region_id = 0;
  std::string region_name;
  std::optional<int64_t> liaison_official_id;
  std::string liaison_name;
  std::optional<Instant> last_contact_at;  // empty: no contact on record
};

struct CoverageReport {
  Instant generated_at{};
  int stale_days = 90;
  bool contacts_recorded = false;  // false: this database has no contact register yet, so every
                                   // enterprise counts as never contacted
  CoverageGroup total;
  std::vector<CoverageGroup> by_region, by_industry, by_kind;
  std::vector<OfficialLoad> officials;  // by rank (city first), region, id
  std::map<LoadState, int64_t> officials_by_state;
  std::vector<NotContacted> not_contacted;  // all; never contacted first, then oldest contact first
  int not_contacted_limit = 200;            // how many of them the JSON shows
  int64_t open_requests = 0, overdue_requests = 0;  // over the officials listed
};

// The inputs, as loaded from the database for the caller's scope.
struct CoverageEnterprise {
  int64_t id = 0;
  std::string name;
  int64_t region_id = 0;
  std::string region_name;
  std::string industry_code;
  bool is_key = false;
  bool above_scale = false;
  std::optional<int64_t> liaison_official_id;  // the active assignment
};
struct CoverageOfficial {
  int64_t id = 0;
  std::string name;
  directory::Rank rank = directory::Rank::kDistrict;
  int64_t region_id = 0;
  std::string region_name;
  int64_t capacity = 0;
  bool active = true;  // in office today
  int64_t load = 0;    // active assignments (in any scope)
};
struct RequestCounts {
  int64_t open = 0, overdue = 0;
};
struct CoverageInputs {
  std::vector<CoverageEnterprise> enterprises;
  std::vector<CoverageOfficial> officials;  // officials to list; inactive ones without load are left out
  std::map<int64_t, Instant> last_contact;  // enterprise → latest contact
  bool contacts_recorded = false;
  std::map<int64_t, RequestCounts> requests;  // liaison official → counts
};

// Whole days from `from` to `to` (rounded down).
int64_t DaysBetween(Instant from, Instant to);

CoverageReport ComputeCoverage(const CoverageInputs& in, Instant now, const CoverageOptions& options);

// A table with a title, for CSV (sections one after another) and .xlsx (one sheet each).
struct CoverageTable {
  std::string title;                   // sheet name: short, Chinese
  std::vector<std::vector<std::string>> rows;  // rows[0] is the header
  std::vector<bool> numeric;           // per column
};
// 覆盖率 (total, by kind, by region, by industry), 联络员负荷 (officials), 久未联系 (every
// enterprise not contacted, whatever not_contacted_limit was).
std::vector<CoverageTable> CoverageTables(const CoverageReport& report);

}  // namespace zhitong::liaison_service
