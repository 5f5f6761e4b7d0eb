// `zhitong assign --dry-run|--apply [--json]` plans liaison assignments from the directory and
// prints the plan as a diff (kept, added, moved, ended, uncovered) or applies it in one
// transaction; `zhitong coverage [--format text|json|csv|xlsx] [--output FILE] [--stale-days N]`
// prints or writes the coverage report. Both act as the operator ("cli", an administrator).
#pragma once

#include <CLI/CLI.hpp>

#include <functional>

#include "core/config.h"

namespace zhitong::cli {

// Adds the subcommands; the returned function runs the chosen one and returns its exit status,
// or -1 when none of them was chosen.
std::function<int(const Config&)> AddLiaisonCommands(CLI::App& app);

}  // namespace zhitong::cli
