// Schema migrations: numbered SQL files per dialect (src/storage/migrations/{sqlite,postgres}/
// NNNN_name.sql), compiled into the binary, applied in order, each in its own transaction, and
// recorded in schema_migrations(version, name, applied_at). On PostgreSQL the runner holds an
// advisory lock so that servers starting together apply each migration once. A database holding
// a migration this binary does not know is refused.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"
#include "storage/connection.h"
#include "storage/database.h"

namespace zhitong::storage {

struct Migration {
  int version = 0;
  std::string name;      // "storage" for 0001_storage.sql
  std::string_view sql;  // the embedded script
};

// The migrations compiled into this binary for a dialect, by ascending version.
// Fails on a file whose name is not NNNN_name.sql or on a repeated number.
Result<std::vector<Migration>> EmbeddedMigrations(Dialect dialect);

// The highest version recorded in the database; 0 when no migration has run.
Result<int> AppliedVersion(Tx& tx);

// Applies every embedded migration not yet recorded, in order, on conn (outside any transaction;
// the caller holds conn's mutex). Returns the schema version reached. Fails with
// storage.schema_too_new when the database records a migration this binary lacks.
Result<int> RunMigrations(Connection& conn);

// Fails with storage.schema_too_new when the database records a migration this binary lacks.
Result<void> CheckSchemaKnown(Connection& conn);

}  // namespace zhitong::storage
