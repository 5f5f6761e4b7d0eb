// The rules of directory writes that the service, the importer and the demo loader share:
// normalising input as people type it, and the cross-entity checks that need the database.
// Internal to directory_service.
#pragma once

#include <optional>
#include <vector>

#include "core/error.h"
#include "directory/model.h"
#include "storage/database.h"

namespace zhitong::directory_service {

// Normalises the USCC (spaces removed, capitals), the phone (+86 and spaces removed), trims
// names, and derives industry_section from industry_code.
void NormalizeEnterprise(directory::Enterprise& e);
void NormalizeOfficial(directory::Official& o);

// Field validation plus: the region exists; the USCC belongs to no other enterprise
// (kConflict "directory.duplicate_uscc"). self_id: the enterprise being updated (0 on create).
Result<void> CheckEnterprise(storage::Tx& tx, const directory::Enterprise& e, int64_t self_id);
// Field validation plus: the region exists (and its kind fits the rank), the department and the
// conflicts' enterprises exist.
Result<void> CheckOfficial(storage::Tx& tx, const directory::Official& o);

// The service's error for a write that fails on a reference or a unique key after the checks
// (a concurrent writer): storage codes become directory codes.
Error TranslateStorageError(Error e, std::string_view entity);

}  // namespace zhitong::directory_service
