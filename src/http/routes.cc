#include "http/routes.h"

#include "http/access_handlers.h"
#include "http/catalogue_handlers.h"
#include "http/contacts_handlers.h"
#include "http/directory_handlers.h"
#include "http/liaison_handlers.h"
#include "http/notify_handlers.h"
#include "http/open311_handlers.h"
#include "http/requests_handlers.h"
#include "http/results_handlers.h"
#include "http/system_handlers.h"

namespace zhitong::http {

void RegisterAllRoutes(Routes& routes, const Dependencies& deps) {
  RegisterSystemRoutes(routes, deps.db, deps.metrics);
  RegisterAccessRoutes(routes, deps.auth, deps.users, deps.db, deps.config);
  if (deps.requests) {
    RegisterRequestRoutes(routes, deps.auth, *deps.requests, deps.config.max_upload_bytes);
    RegisterOpen311Routes(routes, deps.auth, deps.db, *deps.requests);
    RegisterCatalogueRoutes(routes, deps.auth, *deps.requests);
  }
  if (deps.contacts) RegisterContactRoutes(routes, deps.auth, *deps.contacts);
  if (deps.directory) RegisterDirectoryRoutes(routes, deps.auth, *deps.directory, deps.config.max_upload_bytes);
  if (deps.results) RegisterResultsRoutes(routes, deps.auth, *deps.results, deps.results->clock());
  if (deps.liaison) RegisterLiaisonRoutes(routes, deps.auth, *deps.liaison);
  if (deps.inbox && deps.webhooks) RegisterNotifyRoutes(routes, deps.auth, *deps.inbox, *deps.webhooks);
}

}  // namespace zhitong::http
