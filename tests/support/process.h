// Child processes for end-to-end tests: start the real `zhitong` binary, read what it prints,
// signal it, wait for its exit status. Bounded waits only; the child is killed if still running
// when the object goes away.
#pragma once

#include <sys/types.h>

#include <chrono>
#include <optional>
#include <string>
#include <vector>

namespace zhitong::testing {

class Process {
 public:
  // Starts argv[0] with the arguments; stdout is captured (stderr goes to a file, see log_path).
  explicit Process(std::vector<std::string> argv);
  ~Process();
  Process(const Process&) = delete;
  Process& operator=(const Process&) = delete;

  bool started() const { return pid_ > 0; }
  pid_t pid() const { return pid_; }
  // The next stdout line containing needle, within timeout; nullopt on timeout or exit.
  std::optional<std::string> WaitForLine(const std::string& needle, std::chrono::milliseconds timeout);
  void Signal(int sig);
  // The exit status (or 128 + signal), or nullopt if still running after timeout.
  std::optional<int> Wait(std::chrono::milliseconds timeout);
  std::string log_path() const { return log_path_; }
  std::string Stderr() const;

 private:
  pid_t pid_ = -1;
  int out_fd_ = -1;
  std::string buffer_;
  std::string log_path_;
  std::optional<int> status_;
};

// A TCP port on 127.0.0.1 that was free a moment ago.
int FreePort();

// The path of the zhitong binary under test (ZHITONG_BINARY, set by ctest).
std::string ZhitongBinary();

// The "http://127.0.0.1:PORT" port from the server's "serving on" line; 0 if none.
int PortFromServingLine(const std::string& line);

}  // namespace zhitong::testing
