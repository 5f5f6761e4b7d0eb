// The notification outbox: a RequestObserver that, inside the transaction of every request
// change, writes one outbox row per event with its recipients already resolved (notify/rules.h
// says who; recipients.h finds their accounts). The change and its notifications commit together
// or not at all; the DeliveryWorker (delivery.h) takes it from there.
#pragma once

#include "requests_service/observer.h"

namespace zhitong::notify_service {

class OutboxObserver final : public requests_service::RequestObserver {
 public:
  Result<void> OnChange(storage::Tx& tx, const requests_service::RequestChange& change) override;
};

}  // namespace zhitong::notify_service
