// What every subcommand starts from: the layered configuration and an opened database.
#pragma once

#include <memory>
#include <string>

#include "core/config.h"
#include "core/error.h"
#include "storage/database.h"

namespace zhitong::cli {

// Prints an error for a person on stderr, in English and Chinese, and returns exit status 1
// (2 for invalid input).
int Fail(const Error& error);

// Opens the configured database, applying migrations.
Result<std::unique_ptr<storage::Database>> OpenDatabase(const Config& config);

}  // namespace zhitong::cli
