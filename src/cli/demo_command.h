// `zhitong demo [--print-logins]`: loads the demo city of Zibo and one demo user per role, in
// one transaction (nothing when it is already there); --print-logins prints the sign-in table
// only (scripts/demo.sh shows it when the server starts).
#pragma once

#include <CLI/CLI.hpp>

#include <functional>

#include "core/config.h"

namespace zhitong::cli {

// Adds the subcommand; the returned function runs it and returns its exit status, or -1 when
// the subcommand was not chosen.
std::function<int(const Config&)> AddDemoCommand(CLI::App& app);

}  // namespace zhitong::cli
