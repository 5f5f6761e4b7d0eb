// Every route of the server, registered in one place from each capability's handlers.
#pragma once

#include "access/auth.h"
#include "access/users.h"
#include "contacts_service/contacts_service.h"
#include "core/clock.h"
#include "core/config.h"
#include "directory_service/directory_service.h"
#include "http/api.h"
#include "http/metrics.h"
#include "liaison_service/liaison_service.h"
#include "notify_service/inbox.h"
#include "notify_service/webhooks.h"
#include "requests_service/request_service.h"
#include "results_service/results_service.h"
#include "storage/database.h"

namespace zhitong::http {

// The services the routes call; owned by the caller (the serve command or a test).
struct Dependencies {
  storage::Database& db;
  Metrics& metrics;
  const Config& config;
  const Clock& clock;
  access::Auth& auth;
  access::Users& users;
  // Direct-line requests; their routes are registered only when set.
  requests_service::RequestService* requests = nullptr;
  // The directory (regions, departments, officials, enterprises); registered only when set.
  directory_service::DirectoryService* directory = nullptr;
  // Contact governance (无事不扰: contacts, quiet periods, inspection plans); registered only when set.
  contacts_service::ContactsService* contacts = nullptr;
  // The results (rates, rankings, hot issues, reports); registered only when set.
  results_service::ResultsService* results = nullptr;
  // The liaison system (assignments, plans, coverage); registered only when set.
  liaison_service::LiaisonService* liaison = nullptr;
  // Notifications: the inbox of each user and the webhooks admins manage; registered only when set.
  notify_service::Inbox* inbox = nullptr;
  notify_service::Webhooks* webhooks = nullptr;
};

void RegisterAllRoutes(Routes& routes, const Dependencies& deps);

}  // namespace zhitong::http
