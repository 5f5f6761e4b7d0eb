// The `zhitong` command line: one program, many subcommands (serve, migrate, config, …).
// Global settings (--config, --listen, --database, …) are shared by every subcommand and
// layered as described in core/config.h.
#pragma once

namespace zhitong::cli {

// Runs the command line; returns the process exit status.
int Main(int argc, char** argv);

}  // namespace zhitong::cli
