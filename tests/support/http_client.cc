#include "support/http_client.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cstring>

namespace zhitong::testing {
namespace {

int Connect(const std::string& host, uint16_t port) {
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0) return -1;
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(port);
  ::inet_pton(AF_INET, host.c_str(), &addr.sin_addr);
  if (::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
    ::close(fd);
    return -1;
  }
  return fd;
}

std::string ReadAll(int fd, int timeout_ms) {
  std::string out;
  char buf[65536];
  for (;;) {
    pollfd p{fd, POLLIN, 0};
    if (::poll(&p, 1, timeout_ms) <= 0) break;
    const ssize_t n = ::recv(fd, buf, sizeof buf, 0);
    if (n <= 0) break;
    out.append(buf, static_cast<size_t>(n));
  }
  return out;
}

// Parses one response at pos; returns false when incomplete.
bool ParseOne(const std::string& s, size_t* pos, HttpResult* r) {
  const size_t head_end = s.find("\r\n\r\n", *pos);
  if (head_end == std::string::npos) return false;
  const std::string head = s.substr(*pos, head_end - *pos);
  size_t line_end = head.find("\r\n");
  const std::string status_line = head.substr(0, line_end);
  if (status_line.size() < 12) return false;
  r->status = std::atoi(status_line.c_str() + 9);
  size_t p = line_end == std::string::npos ? head.size() : line_end + 2;
  while (p < head.size()) {
    size_t e = head.find("\r\n", p);
    if (e == std::string::npos) e = head.size();
    const std::string line = head.substr(p, e - p);
    const size_t colon = line.find(':');
    if (colon != std::string::npos) {
      std::string name = line.substr(0, colon);
      std::transform(name.begin(), name.end(), name.begin(), [](unsigned char c) { return std::tolower(c); });
      size_t v = colon + 1;
      while (v < line.size() && line[v] == ' ') ++v;
      r->headers[name] = line.substr(v);
    }
    p = e + 2;
  }
  size_t body_start = head_end + 4;
  if (auto it = r->headers.find("content-length"); it != r->headers.end()) {
    const size_t len = std::stoul(it->second);
    if (body_start + len > s.size()) return false;
    r->body = s.substr(body_start, len);
    *pos = body_start + len;
  } else {
    r->body = s.substr(body_start);
    *pos = s.size();
  }
  return true;
}

}  // namespace

std::string HttpClient::Raw(const std::string& bytes, int timeout_ms, bool* connected) const {
  const int fd = Connect(host_, port_);
  if (connected) *connected = fd >= 0;
  if (fd < 0) return {};
  size_t sent = 0;
  while (sent < bytes.size()) {
    const ssize_t n = ::send(fd, bytes.data() + sent, bytes.size() - sent, MSG_NOSIGNAL);
    if (n <= 0) break;
    sent += static_cast<size_t>(n);
  }
  std::string out = ReadAll(fd, timeout_ms);
  ::close(fd);
  return out;
}

HttpResult HttpClient::Send(const std::string& method, const std::string& target, const std::string& body,
                            const std::vector<std::pair<std::string, std::string>>& headers) const {
  std::string req = method + " " + target + " HTTP/1.1\r\nHost: " + host_ + ":" + std::to_string(port_) +
                    "\r\nConnection: close\r\n";
  for (const auto& [k, v] : headers) req += k + ": " + v + "\r\n";
  if (!body.empty() || method == "POST" || method == "PUT" || method == "PATCH") {
    req += "Content-Length: " + std::to_string(body.size()) + "\r\n";
  }
  req += "\r\n" + body;
  bool connected = false;
  const std::string bytes = Raw(req, 30000, &connected);
  HttpResult r;
  size_t pos = 0;
  if (!ParseOne(bytes, &pos, &r)) r = HttpResult{};
  r.connected = connected;
  return r;
}

std::vector<HttpResult> ParseResponses(const std::string& bytes) {
  std::vector<HttpResult> out;
  size_t pos = 0;
  while (pos < bytes.size()) {
    HttpResult r;
    if (!ParseOne(bytes, &pos, &r)) break;
    out.push_back(std::move(r));
  }
  return out;
}

}  // namespace zhitong::testing
