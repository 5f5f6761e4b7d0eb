// `zhitong user add|passwd|disable|enable|list` and `zhitong apikey create|list|revoke`: account
// administration from the server's own machine, acting as the operator ("cli"), audited.
#pragma once

#include <CLI/CLI.hpp>

#include <functional>

#include "core/config.h"

namespace zhitong::cli {

// Adds the subcommands to app; returns the function that runs whichever was chosen, or an empty
// function when none of them was.
std::function<int(const Config&)> AddUserCommands(CLI::App& app);

}  // namespace zhitong::cli
