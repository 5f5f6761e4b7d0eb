#include "http/routes.h"

#include "http/system_handlers.h"

namespace zhitong::http {

void RegisterAllRoutes(Routes& routes, const Dependencies& deps) {
  RegisterSystemRoutes(routes, deps.db, deps.metrics);
}

}  // namespace zhitong::http
