#include "requests/event_chain.h"

#include <sodium.h>

#include <array>

namespace zhitong::requests {
namespace {

void Field(std::string& out, std::string_view name, std::string_view value) {
  out.append(name);
  out.push_back('=');
  out.append(std::to_string(value.size()));
  out.push_back(':');
  out.append(value);
  out.push_back('\n');
}

Error Broken(int64_t seq, const std::string& why_en, const std::string& why_zh) {
  return Error::Conflict("request.chain_broken",
                         "timeline broken at event seq " + std::to_string(seq) + ": " + why_en,
                         "时间线在第 " + std::to_string(seq) + " 号事件处断裂：" + why_zh);
}

}  // namespace

std::string CanonicalBytes(const Event& e) {
  std::string out = "zhitong.request_event.v1\n";
  Field(out, "seq", std::to_string(e.seq));
  Field(out, "request_id", e.request_id);
  Field(out, "type", Name(e.type));
  Field(out, "actor_id", e.actor_id);
  Field(out, "actor_role", Name(e.actor_role));
  Field(out, "at_ms", std::to_string(ToUnixMillis(e.at)));
  Field(out, "note", e.note);
  Field(out, "payload_size", std::to_string(e.payload.size()));
  for (const auto& [k, v] : e.payload) {
    Field(out, "key", k);
    Field(out, "value", v);
  }
  Field(out, "prev_hash", e.prev_hash);
  return out;
}

std::string ComputeHash(const Event& e) {
  const std::string bytes = CanonicalBytes(e);
  std::array<unsigned char, crypto_hash_sha256_BYTES> digest{};
  crypto_hash_sha256(digest.data(), reinterpret_cast<const unsigned char*>(bytes.data()),
                     bytes.size());
  std::string hex(digest.size() * 2 + 1, '\0');
  sodium_bin2hex(hex.data(), hex.size(), digest.data(), digest.size());
  hex.pop_back();  // the terminating NUL written by sodium_bin2hex
  return hex;
}

void Seal(Event& e, const std::string& prev_hash) {
  e.prev_hash = prev_hash;
  e.hash = ComputeHash(e);
}

Result<void> VerifyChain(std::span<const Event> events) {
  std::string prev;
  for (size_t i = 0; i < events.size(); ++i) {
    const Event& e = events[i];
    const auto expected_seq = static_cast<int64_t>(i + 1);
    if (e.seq != expected_seq) {
      return Broken(e.seq, "expected seq " + std::to_string(expected_seq),
                    "应为第 " + std::to_string(expected_seq) + " 号事件");
    }
    if (e.request_id != events[0].request_id) {
      return Broken(e.seq, "event belongs to another request", "事件属于另一诉求");
    }
    if (e.prev_hash != prev) {
      return Broken(e.seq, "prev_hash does not match the event before", "前一事件哈希不符");
    }
    if (ComputeHash(e) != e.hash) {
      return Broken(e.seq, "the event's content does not match its hash", "事件内容与哈希不符");
    }
    prev = e.hash;
  }
  return Ok();
}

std::optional<BrokenLink> FirstBrokenLink(std::span<const Event> events) {
  std::string prev;
  for (size_t i = 0; i < events.size(); ++i) {
    const Event& e = events[i];
    const auto expected_seq = static_cast<int64_t>(i + 1);
    if (e.seq != expected_seq) return BrokenLink{e.seq, "seq", std::to_string(expected_seq), std::to_string(e.seq)};
    if (e.request_id != events[0].request_id) return BrokenLink{e.seq, "request_id", events[0].request_id, e.request_id};
    if (e.prev_hash != prev) return BrokenLink{e.seq, "prev_hash", prev, e.prev_hash};
    if (std::string hash = ComputeHash(e); hash != e.hash) return BrokenLink{e.seq, "hash", hash, e.hash};
    prev = e.hash;
  }
  return std::nullopt;
}

}  // namespace zhitong::requests
