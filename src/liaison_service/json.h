// JSON of the liaison service's results, as the API returns them (api/openapi.json) and as the
// audit trail records an applied plan; and the plain-text tables the command line prints. Pure.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "liaison_service/coverage.h"
#include "liaison_service/liaison_service.h"

namespace zhitong::liaison_service {

// {digest, planned_on, summary{…}, kept[], added[], moved[], ended[], uncovered[]}, each item
// with ids and names.
nlohmann::json ToJson(const PlanReport& report);
// ToJson(report) with {applied, plan_id, applied_at}.
nlohmann::json ToJson(const ApplyOutcome& outcome);
// The audit record of an applied plan: digest, date, summary and every change as compact ids.
nlohmann::json AuditJson(const PlanReport& report);
nlohmann::json ToJson(const AssignmentRecord& a);
nlohmann::json ToJson(const ServedEnterprise& s);
// {coverage (0–1), total, by_kind, by_region, by_industry, officials, officials_by_state,
// not_contacted (the first not_contacted_limit), not_contacted_total, …}
nlohmann::json ToJson(const CoverageReport& report);

// The plan for a terminal: the changes (added, moved, ended, uncovered) as an aligned table with
// Chinese and English headings, then a summary line. Kept assignments are counted, not listed.
std::string PlanText(const PlanReport& report);
// The coverage report for a terminal: totals, by kind, region and industry, officials out of
// balance, and the count of enterprises not contacted.
std::string CoverageText(const CoverageReport& report);

}  // namespace zhitong::liaison_service
