// The results as tables, for CSV and .xlsx exports (directory_service/tabular.h writes them) and
// the monthly report: one row per unit with the rates (percent, one decimal) and every count.
#pragma once

#include <string>
#include <vector>

#include "directory_service/tabular.h"
#include "results_service/results_service.h"

namespace zhitong::results_service {

// "93.5" for 0.935; "" without a value.
std::string Percent(const std::optional<double>& rate);
std::string Score(const std::optional<double>& composite);  // one decimal
std::string_view GroupName(results::UnitKind kind);   // "department", "region", "liaison", "category", "city"
std::string_view GroupNameZh(results::UnitKind kind);  // "部门" …
std::optional<results::UnitKind> ParseGroup(std::string_view name);  // "liaison" and "official" both name officials

// Header row (Chinese, with the English key in brackets) and one row per unit, then the total.
directory_service::Table RatesTable(const RatesResult& r);
// Which columns of RatesTable hold integers.
std::vector<bool> RatesTableNumeric(const directory_service::Table& t);
directory_service::Table HotIssuesTable(const HotIssuesResult& r);

}  // namespace zhitong::results_service
