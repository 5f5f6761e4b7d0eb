// Every route of the server, registered in one place from each capability's handlers.
#pragma once

#include "core/config.h"
#include "http/api.h"
#include "http/metrics.h"
#include "storage/database.h"

namespace zhitong::http {

struct Dependencies {
  storage::Database& db;
  Metrics& metrics;
  const Config& config;
};

void RegisterAllRoutes(Routes& routes, const Dependencies& deps);

}  // namespace zhitong::http
