// `zhitong serve`: the HTTP server until SIGINT or SIGTERM, then a graceful stop.
#pragma once

#include "core/config.h"

namespace zhitong::cli {

int RunServe(const Config& config);

}  // namespace zhitong::cli
