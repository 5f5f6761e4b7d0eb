// `zhitong inspections verify PLAN.json`: recomputes a published random inspection plan
// (双随机、一公开) from its seed, pool and roster and says whether it matches the published draw,
// or where it first differs. Needs no database and no server: the file is what
// GET /api/v1/public/inspection-plans/{id} returns. Exit status 0 on a match, 1 on a mismatch,
// 2 when the file cannot be read or is not a plan.
#pragma once

#include <CLI/CLI.hpp>

#include <functional>

#include "core/config.h"

namespace zhitong::cli {

// Adds the subcommands; the returned function runs the chosen one and returns its exit status,
// or -1 when none of them was chosen.
std::function<int(const Config&)> AddInspectionCommands(CLI::App& app);

}  // namespace zhitong::cli
