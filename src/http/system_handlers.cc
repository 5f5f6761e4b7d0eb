#include "http/system_handlers.h"

#include <nlohmann/json.hpp>

#include "core/embedded.h"
#include "core/version.h"

namespace zhitong::embedded {
extern const EmbeddedFile openapi[];
extern const size_t openapi_count;
}  // namespace zhitong::embedded

namespace zhitong::http {

std::string_view OpenApiDocument() { return embedded::openapi[0].content; }

void RegisterSystemRoutes(Routes& routes, storage::Database& db, Metrics& metrics) {
  metrics.SetStorageSource([&db] { return db.stats(); });
  routes.Get("/healthz", [](const Request&) {
    return Json(200, {{"status", "ok"}, {"version", kVersion}});
  });
  routes.Get("/readyz", [&db](const Request&) {
    if (auto ping = db.Ping(); !ping) return ErrorResponse(ping.error());
    auto version = db.SchemaVersion();
    if (!version) return ErrorResponse(version.error());
    return Json(200, {{"status", "ready"},
                      {"database", db.dialect() == storage::Dialect::kSqlite ? "sqlite" : "postgresql"},
                      {"schema_version", *version}});
  });
  routes.Get("/metrics", [&metrics](const Request&) {
    Response r;
    r.content_type = "text/plain; version=0.0.4; charset=utf-8";
    r.body = metrics.Render();
    return r;
  });
  routes.Get("/api/v1/openapi.json", [](const Request&) {
    Response r;
    r.body = std::string(OpenApiDocument());
    r.Header("Cache-Control", "no-cache");
    return r;
  });
}

}  // namespace zhitong::http
