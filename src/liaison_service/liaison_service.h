// The liaison system as an application service (联络服务): plans who serves which enterprise
// from the directory and today's assignments (liaison/assignment.h does the solving), applies a
// reviewed plan in one audited transaction, keeps the history of every assignment (from / to),
// answers "who served this enterprise then" and "which enterprises does this official serve",
// and reports coverage (coverage.h). Every call takes the acting user; reads are scoped by role:
//
//   role               assignments, "my enterprises"          plan, apply   coverage
//   admin, dispatcher  all                                    admin only    all
//   leader (city)      all                                    —             all
//   leader (district)  enterprises and officials of region    —             their region
//   liaison            their own                              —             their own enterprises
//   enterprise         its own liaisons (history included)    —             —
//   handler, public    refused (403)                          —             —
//
// Thread-safe (all state is in the database).
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "access/actor.h"
#include "core/clock.h"
#include "core/error.h"
#include "directory/model.h"
#include "liaison/assignment.h"
#include "liaison_service/coverage.h"
#include "storage/database.h"

namespace zhitong::liaison_service {

// What a plan shows of an enterprise and an official besides their ids.
struct EnterpriseLabel {
  std::string name;
  int64_t region_id = 0;
  std::string region_name;
  bool is_key = false;
};
struct OfficialLabel {
  std::string name;
  directory::Rank rank = directory::Rank::kDistrict;
  std::string region_name;
};

// A plan as reviewed: the engine's plan (target and diff), the day it was planned for, the labels
// to show it with, and its digest (plan_digest.h). Applying with that digest applies exactly this.
struct PlanReport {
  directory::Date planned_on{};
  std::string digest;
  liaison::Plan plan;
  int64_t enterprises = 0;  // above-scale enterprises planned for
  std::map<int64_t, EnterpriseLabel> enterprise_labels;
  std::map<int64_t, OfficialLabel> official_labels;
};

struct ApplyOutcome {
  PlanReport report;
  bool changed = false;  // false: the plan changed nothing and nothing was written
  int64_t plan_id = 0;   // the liaison_plans row; 0 when nothing changed
  Instant applied_at{};
};

// One row of liaison_assignments with its names: who served whom, from when to when, and why it
// started and ended.
struct AssignmentRecord {
  int64_t id = 0;
  int64_t official_id = 0;
  std::string official_name;
  directory::Rank official_rank = directory::Rank::kDistrict;
  int64_t enterprise_id = 0;
  std::string enterprise_name;
  int64_t region_id = 0;
  std::string region_name;
  bool is_key = false;
  Instant started_at{};
  std::optional<Instant> ended_at;  // empty while active
  std::string reason;               // why it started: "added", "moved", or what wrote it
  std::string end_reason;           // liaison::EndReason name; "" while active
  std::optional<int64_t> plan_id, ended_plan_id;
};

enum class AssignmentStatus { kActive, kEnded, kAll };
Result<AssignmentStatus> ParseAssignmentStatus(std::string_view text);  // active | ended | all

struct AssignmentFilter {
  std::optional<int64_t> official_id;
  std::optional<int64_t> enterprise_id;
  std::optional<int64_t> region_id;   // the enterprise's region, or a region above it
  // A period, as Shanghai dates (inclusive): assignments in force at any moment of it. `at` is the
  // one-day period [at, at]. With a period the default status is kAll, without one kActive.
  std::optional<directory::Date> from, to;
  std::optional<AssignmentStatus> status;
  int limit = 50;  // 0: no limit
  int offset = 0;
};

template <class T>
struct Page {
  std::vector<T> items;
  int64_t total = 0;
  int limit = 0;
  int offset = 0;
};

// An enterprise an official serves now, masked as the directory masks it for the caller.
struct ServedEnterprise {
  int64_t assignment_id = 0;
  Instant since{};
  int64_t id = 0;
  std::string uscc, name;
  int64_t region_id = 0;
  std::string region_name, industry_code, industry_section;
  bool above_scale = false, is_key = false;
  std::string contact_name, contact_phone;
  bool contact_masked = false;
};

class LiaisonService {
 public:
  LiaisonService(storage::Database& db, const Clock& clock) : db_(db), clock_(clock) {}

  // The plan for today (Asia/Shanghai) from the directory and the active assignments; writes
  // nothing. Admin only.
  Result<PlanReport> Plan(const access::Actor& actor);

  // Plans again inside one write transaction and applies the plan: ends the assignments that
  // stop (ended_at, end_reason), starts the new ones, records a liaison_plans row and an audit
  // entry. With expected_digest, refuses with kConflict "liaison.plan_changed" (HTTP 409) when the
  // plan computed now is not the one reviewed. Admin with the write scope.
  Result<ApplyOutcome> Apply(const access::Actor& actor, const std::optional<std::string>& expected_digest);

  // Assignments in the caller's scope, by enterprise then start; current and past.
  Result<Page<AssignmentRecord>> ListAssignments(const access::Actor& actor, const AssignmentFilter& filter);

  // Who served the enterprise at any moment between two Shanghai dates (inclusive), oldest first:
  // "who served this enterprise in March 2025" is ServedBetween(a, id, 2025-03-01, 2025-03-31).
  Result<std::vector<AssignmentRecord>> ServedBetween(const access::Actor& actor, int64_t enterprise_id,
                                                      directory::Date from, directory::Date to);

  // "My enterprises": the enterprises the official serves now, by name. The official must be
  // visible to the caller as in the directory (a liaison: only themselves); else kNotFound.
  Result<std::vector<ServedEnterprise>> EnterprisesOf(const access::Actor& actor, int64_t official_id);

  // The coverage report of the caller's scope (coverage.h). Admin, dispatcher, leader; a liaison
  // gets the report of the enterprises they serve now (their gaps: not_contacted; their own load).
  Result<CoverageReport> Coverage(const access::Actor& actor, const CoverageOptions& options);

 private:
  storage::Database& db_;
  const Clock& clock_;
};

// Plans and applies inside the caller's transaction, as Apply does, without the role check (the
// caller decides): for loaders that write a whole city in one transaction (the demo city).
Result<ApplyOutcome> ApplyPlanInTx(storage::Tx& tx, const access::Actor& actor, Instant now,
                                   const std::optional<std::string>& expected_digest);

}  // namespace zhitong::liaison_service
