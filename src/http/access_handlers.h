// Routes of identity and access: sign in and out, the current user, users, API keys, audit.
#pragma once

#include "access/auth.h"
#include "access/users.h"
#include "core/clock.h"
#include "core/config.h"
#include "http/api.h"
#include "storage/database.h"

namespace zhitong::http {

void RegisterAccessRoutes(Routes& routes, access::Auth& auth, access::Users& users, storage::Database& db,
                          const Config& config);

}  // namespace zhitong::http
