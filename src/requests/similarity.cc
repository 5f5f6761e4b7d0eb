#include "requests/similarity.h"

#include <algorithm>
#include <cmath>

namespace zhitong::requests {
namespace {

bool IsSpaceOrPunct(char32_t c) {
  if (c < 0x80) {
    const bool alnum = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    return !alnum;  // control characters, space and ASCII punctuation
  }
  return (c >= 0x0080 && c <= 0x00BF) ||  // Latin-1 punctuation and symbols, NBSP
         (c >= 0x2000 && c <= 0x206F) ||  // general punctuation: spaces, dashes, “ ” …
         (c >= 0x3000 && c <= 0x303F) ||  // CJK symbols and punctuation: 、。「」【】…
         (c >= 0xFE10 && c <= 0xFE1F) ||  // vertical forms
         (c >= 0xFE30 && c <= 0xFE6F) ||  // CJK compatibility and small form variants
         (c >= 0xFF5F && c <= 0xFF65) ||  // half-width CJK punctuation
         c == 0xFEFF;                     // byte order mark
}

// One code point of well-formed or ill-formed UTF-8; bad bytes yield U+FFFD and are skipped.
char32_t Next(std::string_view s, size_t& i) {
  const auto b0 = static_cast<unsigned char>(s[i]);
  int len = b0 < 0x80 ? 1 : (b0 & 0xE0) == 0xC0 ? 2 : (b0 & 0xF0) == 0xE0 ? 3 : (b0 & 0xF8) == 0xF0 ? 4 : 0;
  if (len == 0 || i + static_cast<size_t>(len) > s.size()) {
    ++i;
    return 0xFFFD;
  }
  char32_t cp = len == 1 ? b0 : len == 2 ? (b0 & 0x1F) : len == 3 ? (b0 & 0x0F) : (b0 & 0x07);
  for (int k = 1; k < len; ++k) {
    const auto b = static_cast<unsigned char>(s[i + static_cast<size_t>(k)]);
    if ((b & 0xC0) != 0x80) {
      ++i;
      return 0xFFFD;
    }
    cp = (cp << 6) | (b & 0x3F);
  }
  i += static_cast<size_t>(len);
  return cp;
}

}  // namespace

std::u32string NormalizeForSimilarity(std::string_view text) {
  std::u32string out;
  out.reserve(text.size());
  size_t i = 0;
  while (i < text.size()) {
    char32_t c = Next(text, i);
    if (c == 0xFFFD) continue;
    if (c >= 0xFF01 && c <= 0xFF5E) c -= 0xFEE0;  // full-width ASCII → ASCII
    if (c == 0x3000) c = ' ';                     // ideographic space
    if (c >= 'A' && c <= 'Z') c += 'a' - 'A';
    if (IsSpaceOrPunct(c)) continue;
    out.push_back(c);
  }
  return out;
}

TextProfile::TextProfile(std::string_view text) {
  const std::u32string s = NormalizeForSimilarity(text);
  std::vector<uint64_t> keys;
  // A bigram is (first << 32 | second); a unigram is (c << 32 | 0), which no bigram equals
  // because NUL never survives normalisation.
  for (size_t i = 0; i + 1 < s.size(); ++i) {
    keys.push_back((static_cast<uint64_t>(s[i]) << 32) | s[i + 1]);
  }
  if (s.size() < kShortText) {
    for (char32_t c : s) keys.push_back(static_cast<uint64_t>(c) << 32);
  }
  std::sort(keys.begin(), keys.end());
  double sum = 0;
  for (size_t i = 0; i < keys.size();) {
    size_t j = i;
    while (j < keys.size() && keys[j] == keys[i]) ++j;
    const auto count = static_cast<uint32_t>(j - i);
    grams_.emplace_back(keys[i], count);
    sum += static_cast<double>(count) * count;
    i = j;
  }
  norm_ = std::sqrt(sum);
}

double Similarity(const TextProfile& a, const TextProfile& b) {
  if (a.empty() || b.empty()) return 0;
  double dot = 0;
  auto x = a.grams().begin();
  auto y = b.grams().begin();
  while (x != a.grams().end() && y != b.grams().end()) {
    if (x->first < y->first) {
      ++x;
    } else if (y->first < x->first) {
      ++y;
    } else {
      dot += static_cast<double>(x->second) * y->second;
      ++x, ++y;
    }
  }
  return std::min(1.0, dot / (a.norm() * b.norm()));
}

double Similarity(std::string_view a, std::string_view b) {
  return Similarity(TextProfile(a), TextProfile(b));
}

std::vector<SimilarityMatch> RankSimilar(std::string_view query,
                                         const std::vector<SimilarityCandidate>& candidates,
                                         size_t k, double threshold) {
  const TextProfile q(query);
  std::vector<SimilarityMatch> out;
  for (const auto& c : candidates) {
    const double score = Similarity(q, TextProfile(c.text));
    if (score >= threshold && score > 0) out.push_back({c.id, score});
  }
  std::stable_sort(out.begin(), out.end(),
                   [](const SimilarityMatch& a, const SimilarityMatch& b) { return a.score > b.score; });
  if (out.size() > k) out.resize(k);
  return out;
}

}  // namespace zhitong::requests
