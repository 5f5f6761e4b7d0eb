// HTTP routes of notifications under /api/v1: each user's inbox (站内消息) and the webhooks
// administrators register, with their deliveries and dead letters. Parse, call one service
// function, render; times in +08:00.
#pragma once

#include "access/auth.h"
#include "http/api.h"
#include "notify_service/inbox.h"
#include "notify_service/webhooks.h"

namespace zhitong::http {

void RegisterNotifyRoutes(Routes& routes, access::Auth& auth, notify_service::Inbox& inbox,
                          notify_service::Webhooks& webhooks);

}  // namespace zhitong::http
