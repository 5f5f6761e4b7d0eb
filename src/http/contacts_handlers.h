// HTTP routes of contact governance (无事不扰) under /api/v1: the contact register (register,
// list, read, flagged list, the enterprise's rating and 扰企 report), quiet periods, random
// inspection plans, and the published plans readable without signing in
// (/api/v1/public/inspection-plans). Parse, call one ContactsService function, render.
#pragma once

#include "access/auth.h"
#include "contacts_service/contacts_service.h"
#include "http/api.h"

namespace zhitong::http {

void RegisterContactRoutes(Routes& routes, access::Auth& auth, contacts_service::ContactsService& service);

}  // namespace zhitong::http
