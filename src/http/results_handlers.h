// HTTP routes of the results (实绩) under /api/v1/results: rates, rankings (红黑榜), trends,
// hot issues and their alerts, the definitions, CSV/.xlsx exports and the monthly report. Parse,
// call one ResultsService function, render; every figure answer carries its definitions.
#pragma once

#include "access/auth.h"
#include "http/api.h"
#include "results_service/results_service.h"

namespace zhitong::http {

void RegisterResultsRoutes(Routes& routes, access::Auth& auth, results_service::ResultsService& service,
                           const Clock& clock);

}  // namespace zhitong::http
