// A background thread that runs a function every `interval` until stopped: the scheduler
// (escalation, auto-close) and the notification worker run on it inside `zhitong serve`. Stop()
// wakes the thread at once and waits for the run in progress to finish. Thread-safe.
#pragma once

#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <string>
#include <thread>

namespace zhitong {

class Periodic {
 public:
  Periodic(std::string name, std::chrono::milliseconds interval, std::function<void()> run);
  ~Periodic();  // stops
  Periodic(const Periodic&) = delete;
  Periodic& operator=(const Periodic&) = delete;

  void Start();
  void Stop();

 private:
  void Loop();
  std::string name_;
  std::chrono::milliseconds interval_;
  std::function<void()> run_;
  std::mutex mu_;
  std::condition_variable cv_;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace zhitong
