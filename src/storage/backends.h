// Constructors of the two backends, called by Database::Open after it has read the URL.
#pragma once

#include <memory>
#include <string>

#include "core/error.h"
#include "storage/database.h"

namespace zhitong::storage {

// path: a file name, or empty for a private in-memory database.
Result<std::unique_ptr<Database>> OpenSqlite(const std::string& path, const Options& options);

// url: a libpq connection URI ("postgresql://user@host:port/db?...").
Result<std::unique_ptr<Database>> OpenPostgres(const std::string& url, const Options& options);

}  // namespace zhitong::storage
