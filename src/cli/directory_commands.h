// `zhitong import enterprises|officials FILE [--dry-run]` and `zhitong export
// enterprises|officials FILE`: the directory from and to CSV or .xlsx files, acting as the
// operator ("cli"). Imports are all-or-nothing and list every bad row; a progress bar is drawn
// on stderr when it is a terminal.
#pragma once

#include <CLI/CLI.hpp>

#include <functional>

#include "core/config.h"

namespace zhitong::cli {

// Adds the subcommands; the returned function runs the chosen one and returns its exit status,
// or -1 when none of them was chosen.
std::function<int(const Config&)> AddDirectoryCommands(CLI::App& app);

}  // namespace zhitong::cli
