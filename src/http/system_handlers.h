// Operational endpoints: /healthz (alive), /readyz (storage reachable), /metrics (Prometheus)
// and /api/v1/openapi.json (the API's own description, compiled into the binary).
#pragma once

#include "http/api.h"
#include "http/metrics.h"
#include "storage/database.h"

namespace zhitong::http {

void RegisterSystemRoutes(Routes& routes, storage::Database& db, Metrics& metrics);

// The OpenAPI document as compiled in.
std::string_view OpenApiDocument();

}  // namespace zhitong::http
