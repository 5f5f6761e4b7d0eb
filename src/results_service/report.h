// The monthly results report (月度实绩报告) as an .xlsx workbook with native Excel charts
// (libxlsxwriter): a summary of the city against the previous month, the departments and the
// regions ranked with a column chart of their three rates, the twelve-month trend with a line
// chart, the hot issues, and the definitions every figure was computed with.
#pragma once

#include <string>

#include "access/actor.h"
#include "core/error.h"
#include "results/period.h"
#include "results_service/results_service.h"

namespace zhitong::results_service {

// The workbook's bytes. Needs what ResultsService::Rates needs for department and region figures
// and HotIssues for the hot issues (admins, dispatchers, leaders); others get its error.
// REQUIRES: period.kind == kMonth.
Result<std::string> MonthlyReportXlsx(ResultsService& service, const access::Actor& actor,
                                      const results::Period& period);

}  // namespace zhitong::results_service
