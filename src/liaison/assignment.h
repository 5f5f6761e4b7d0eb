// The liaison assignment engine (联络员分配): given the enterprises, the officials and who serves
// whom today, computes the plan that gives every above-scale enterprise exactly one liaison, and
// the difference from today as kept / added / moved / ended. Pure domain code: no I/O, no clock
// (the planning date is an argument); the storage, HTTP and CLI layers apply and show the plan.
//
// Hard rules: a key enterprise (重点企业) is served by a city-rank official; any other by a
// district-rank official of the enterprise's own region; an official serves at most
// `liaison_capacity` enterprises, never one they declared a conflict of interest with (亲清), and
// only while active on the planning date. Within the rules the plan is optimal, lexicographically:
//   1. as many enterprises covered as possible;
//   2. then as many of today's valid assignments kept as possible (stability: re-running on the
//      plan changes nothing; when one official leaves, only their enterprises move unless
//      coverage needs more);
//   3. then loads balanced within each pool (minimum Σ load·(load−1)/2 per official: the k-th
//      enterprise of an official costs more than the (k−1)-th);
//   4. then as many assignments as possible to officials with expertise in the enterprise's
//      industry (GB/T 4754 division).
// It is solved exactly as a minimum-cost flow; assignment.cc documents the costs and proves they
// keep this order.
#pragma once

#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

#include "core/error.h"
#include "directory/model.h"

namespace zhitong::liaison {

// One liaison link: official serves enterprise.
struct Assignment {
  int64_t official_id = 0;
  int64_t enterprise_id = 0;
  friend bool operator==(const Assignment&, const Assignment&) = default;
};

// Why an above-scale enterprise gets no liaison.
enum class UncoveredReason {
  kNoOfficialInPool,   // no active official of the rank (and region) that may serve it
  kOnlyConflicted,     // every such official declared a conflict of interest with it
  kNoCapacity,         // eligible officials exist, but their capacity is needed elsewhere
};

// Why today's assignment of an enterprise ends (whether or not the enterprise gets another).
enum class EndReason {
  kOfficialInactive,    // the official is unknown or not in office on the planning date
  kConflict,            // the official declared a conflict of interest with the enterprise
  kIneligible,          // rank or region no longer match (e.g. the enterprise became key)
  kEnterpriseGone,      // the enterprise is unknown or no longer above scale
  kDuplicate,           // the enterprise had more than one liaison; one is kept
  kForCoverage,         // valid, but the slot is needed to cover more enterprises or the
                        // official is over a reduced capacity
};

std::string_view Name(UncoveredReason r);     // "no_capacity"
std::string_view Message(UncoveredReason r);  // English sentence
std::string_view MessageZh(UncoveredReason r);
std::string_view Name(EndReason r);
std::string_view Message(EndReason r);
std::string_view MessageZh(EndReason r);

struct Uncovered {
  int64_t enterprise_id = 0;
  UncoveredReason reason = UncoveredReason::kNoCapacity;
};

// The enterprise changes liaison: from_official's assignment ends, to_official's starts.
struct Move {
  int64_t enterprise_id = 0;
  int64_t from_official_id = 0;
  int64_t to_official_id = 0;
  EndReason reason = EndReason::kForCoverage;  // why the old assignment ends
};

// Today's assignment ends and is replaced by nothing for this official–enterprise pair.
struct Ending {
  Assignment assignment;
  EndReason reason = EndReason::kForCoverage;
};

struct Plan {
  // The target state: one assignment per covered above-scale enterprise, by enterprise id.
  std::vector<Assignment> assignments;
  // The above-scale enterprises left without a liaison, by enterprise id.
  std::vector<Uncovered> uncovered;

  // The difference from today's assignments, each by enterprise id. Every enterprise of the plan
  // is in exactly one of kept / added / moved, or in uncovered; every current assignment that
  // does not continue (and is not the `from` of a move) is in ended.
  std::vector<Assignment> kept;
  std::vector<Assignment> added;  // the enterprise had no liaison
  std::vector<Move> moved;
  std::vector<Ending> ended;

  bool changes_nothing() const { return added.empty() && moved.empty() && ended.empty(); }
};

// Computes the optimal plan for the above-scale enterprises among `enterprises`, with the
// officials active on `on`, starting from `current` (today's active assignments; entries may name
// unknown or inactive officials, enterprises no longer above scale, duplicates — each is ended
// with its reason). The result does not depend on the order of the inputs.
// Fails with kInvalid on duplicate enterprise or official ids or a negative capacity, and with
// "liaison.flow_overflow" if one pool is too large for 64-bit costs (far beyond a province).
Result<Plan> PlanAssignments(std::span<const directory::Enterprise> enterprises,
                             std::span<const directory::Official> officials,
                             std::span<const Assignment> current, directory::Date on);

}  // namespace zhitong::liaison
