// Routes of the liaison system: the plan as a diff with its digest, applying exactly the plan
// reviewed, assignments with their history, an official's enterprises, and the coverage report
// (JSON, CSV, .xlsx). Parse, call LiaisonService, render.
#pragma once

#include "access/auth.h"
#include "http/api.h"
#include "liaison_service/liaison_service.h"

namespace zhitong::http {

void RegisterLiaisonRoutes(Routes& routes, access::Auth& auth, liaison_service::LiaisonService& liaison);

}  // namespace zhitong::http
