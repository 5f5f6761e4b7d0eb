#include "core/periodic.h"

namespace zhitong {

Periodic::Periodic(std::string name, std::chrono::milliseconds interval, std::function<void()> run)
    : name_(std::move(name)), interval_(interval), run_(std::move(run)) {}

Periodic::~Periodic() { Stop(); }

void Periodic::Start() {
  std::lock_guard lock(mu_);
  if (thread_.joinable()) return;
  stopping_ = false;
  thread_ = std::thread([this] { Loop(); });
}

void Periodic::Stop() {
  {
    std::lock_guard lock(mu_);
    stopping_ = true;
  }
  cv_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void Periodic::Loop() {
  std::unique_lock lock(mu_);
  while (!stopping_) {
    lock.unlock();
    run_();
    lock.lock();
    cv_.wait_for(lock, interval_, [this] { return stopping_; });
  }
}

}  // namespace zhitong
