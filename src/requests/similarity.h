// Similarity of short Chinese texts without a segmentation dictionary, for suggesting possible
// duplicates at intake (并单). Text is normalised (full-width → half-width, punctuation and
// whitespace removed, Latin lower-cased), cut into overlapping character bigrams (plus single
// characters when the text is very short), and compared by the cosine of the bigram counts.
// Pure functions; thread-compatible.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace zhitong::requests {

// Full-width ASCII forms and the ideographic space become their ASCII counterparts, A–Z become
// a–z, and whitespace and punctuation (ASCII, CJK, full-width and general punctuation) are
// removed. Ill-formed UTF-8 bytes are dropped.
std::u32string NormalizeForSimilarity(std::string_view text);

// The character n-gram counts of one text, ready to compare: (n-gram key, count) sorted by key.
class TextProfile {
 public:
  TextProfile() = default;
  // Texts of fewer than kShortText characters (after normalising) count single characters too,
  // so that "融资" and "融资难" still meet.
  static constexpr size_t kShortText = 4;
  explicit TextProfile(std::string_view text);

  bool empty() const { return grams_.empty(); }
  const std::vector<std::pair<uint64_t, uint32_t>>& grams() const { return grams_; }
  double norm() const { return norm_; }

 private:
  std::vector<std::pair<uint64_t, uint32_t>> grams_;
  double norm_ = 0;
};

// Cosine similarity of the two profiles' n-gram counts: 0 (nothing shared, or either text
// empty) … 1 (the same n-grams in the same proportions).
double Similarity(const TextProfile& a, const TextProfile& b);
double Similarity(std::string_view a, std::string_view b);

struct SimilarityCandidate {
  std::string id;
  std::string text;  // e.g. title + " " + description
};

struct SimilarityMatch {
  std::string id;
  double score = 0;
};

// The at most k candidates whose similarity to query is ≥ threshold and above 0, best first
// (ties in the order given). REQUIRES: 0 ≤ threshold ≤ 1.
std::vector<SimilarityMatch> RankSimilar(std::string_view query,
                                         const std::vector<SimilarityCandidate>& candidates,
                                         size_t k, double threshold);

}  // namespace zhitong::requests
