// `zhitong audit verify`: checks the hash chain of every request's timeline and names the first
// broken link (request, event seq, what was checked, expected and found). Exit status 0 when every
// chain is intact, 1 when one is broken, 2 when the check could not run.
#pragma once

#include <CLI/CLI.hpp>

#include <functional>

#include "core/config.h"

namespace zhitong::cli {

// Adds the subcommands; the returned function runs the chosen one and returns its exit status,
// or -1 when none of them was chosen.
std::function<int(const Config&)> AddAuditCommands(CLI::App& app);

}  // namespace zhitong::cli
