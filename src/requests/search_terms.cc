#include "requests/search_terms.h"

#include <unordered_set>
#include <vector>

namespace zhitong::requests {
namespace {

// The byte length of the UTF-8 character starting at text[i] (1 for a stray byte).
size_t CharLength(std::string_view text, size_t i) {
  const auto c = static_cast<unsigned char>(text[i]);
  size_t n = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 1;
  if (i + n > text.size()) return 1;
  for (size_t k = 1; k < n; ++k) {
    if ((static_cast<unsigned char>(text[i + k]) & 0xC0) != 0x80) return 1;
  }
  return n;
}

std::vector<std::string_view> Characters(std::string_view text) {
  std::vector<std::string_view> out;
  for (size_t i = 0; i < text.size();) {
    const size_t n = CharLength(text, i);
    out.push_back(text.substr(i, n));
    i += n;
  }
  return out;
}

}  // namespace

std::string FoldForSearch(std::string_view text) {
  std::string out(text);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

std::string GramToken(std::string_view gram) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out = "g";
  for (unsigned char c : gram) {
    out += kHex[c >> 4];
    out += kHex[c & 15];
  }
  return out;
}

std::string GramTokens(std::string_view folded) {
  const auto chars = Characters(folded);
  std::unordered_set<std::string_view> seen;
  std::string out;
  auto add = [&](std::string_view gram) {
    if (!seen.insert(gram).second) return;
    if (!out.empty()) out += ' ';
    out += GramToken(gram);
  };
  for (size_t i = 0; i < chars.size(); ++i) {
    add(chars[i]);
    // Adjacent characters are adjacent bytes: the bigram is one view of the text.
    if (i + 1 < chars.size()) add(std::string_view(chars[i].data(), chars[i].size() + chars[i + 1].size()));
  }
  return out;
}

std::string FtsPhrase(std::string_view folded) {
  std::string out = "\"";
  for (char c : folded) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

SearchPath SearchPathFor(std::string_view folded_query) {
  const size_t n = Characters(folded_query).size();
  if (n == 0) return SearchPath::kNone;
  return n < 3 ? SearchPath::kGram : SearchPath::kTrigram;
}

}  // namespace zhitong::requests
