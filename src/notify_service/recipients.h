// The user accounts behind each audience of notify/rules.h, read in the caller's transaction.
// Disabled accounts are left out.
#pragma once

#include <cstdint>
#include <vector>

#include "core/error.h"
#include "notify/rules.h"
#include "requests/event.h"
#include "requests_service/store.h"
#include "storage/database.h"

namespace zhitong::notify_service {

// The ids of the users in `audience` for the request as it now stands; sorted, no duplicates.
Result<std::vector<int64_t>> ResolveAudience(storage::Tx& tx, notify::Audience audience,
                                             const requests_service::StoredRequest& request,
                                             const requests::Event& event);

// Every audience's users together, without `except` (who made the change need not be told);
// when that leaves nobody, the dispatchers (again without `except`).
Result<std::vector<int64_t>> ResolveRecipients(storage::Tx& tx, const std::vector<notify::Audience>& audiences,
                                               const requests_service::StoredRequest& request,
                                               const requests::Event& event, int64_t except);

}  // namespace zhitong::notify_service
