// Results on the command line: `zhitong report --period 2025-03 --out report.xlsx` (the monthly
// report with charts), `zhitong results check|rebuild` (compare the kept aggregates with, or
// replace them by, a recompute from the raw events) and `zhitong bench generate --requests N
// --months M --seed S` (a plausible history for benchmarks; see docs/BENCHMARKS.md).
#pragma once

#include <CLI/CLI.hpp>

#include <functional>

#include "core/config.h"

namespace zhitong::cli {

// Adds the subcommands; the returned function runs the chosen one and returns its exit status,
// or -1 when none of them was chosen.
std::function<int(const Config&)> AddResultsCommands(CLI::App& app);

}  // namespace zhitong::cli
