// A deliberately small HTTP/1.1 client for tests: blocking sockets on loopback, one request per
// connection (or raw bytes, for malformed and pipelined input). Real HTTP, no mocks.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace zhitong::testing {

struct HttpResult {
  int status = 0;          // 0: no response (connection refused, or closed before a response)
  bool connected = false;  // the TCP connection was established
  std::map<std::string, std::string> headers;  // names lower-cased
  std::string body;
  std::string Header(const std::string& name) const {
    auto it = headers.find(name);
    return it == headers.end() ? "" : it->second;
  }
};

class HttpClient {
 public:
  HttpClient(std::string host, uint16_t port) : host_(std::move(host)), port_(port) {}

  // Sends one request with Connection: close and reads the whole response.
  HttpResult Send(const std::string& method, const std::string& target, const std::string& body = "",
                  const std::vector<std::pair<std::string, std::string>>& headers = {}) const;
  HttpResult Get(const std::string& target,
                 const std::vector<std::pair<std::string, std::string>>& headers = {}) const {
    return Send("GET", target, "", headers);
  }
  HttpResult PostJson(const std::string& target, const std::string& json,
                      std::vector<std::pair<std::string, std::string>> headers = {}) const {
    headers.emplace_back("Content-Type", "application/json");
    return Send("POST", target, json, headers);
  }
  // Writes raw bytes, then reads until the server closes or timeout_ms passes; returns all bytes
  // read. *connected (if given) tells whether the connection was established.
  std::string Raw(const std::string& bytes, int timeout_ms = 2000, bool* connected = nullptr) const;

 private:
  std::string host_;
  uint16_t port_;
};

// Parses every HTTP response in a byte stream (for pipelining tests).
std::vector<HttpResult> ParseResponses(const std::string& bytes);

}  // namespace zhitong::testing
