// GB/T 4754-2017 《国民经济行业分类》 (Industrial classification for national economic
// activities): its 20 sections (门类, A–T) and 97 divisions (大类, 01–97), the levels the
// directory records for an enterprise. Lookup, the section of a division, validation.
// Static data; thread-safe.
#pragma once

#include <optional>
#include <span>
#include <string_view>

#include "core/error.h"

namespace zhitong::directory {

struct IndustrySection {
  char letter;               // 'A' … 'T'
  std::string_view name_zh;  // "制造业"
  std::string_view name_en;  // "Manufacturing"
};

struct IndustryDivision {
  std::string_view code;     // "26"
  char section;              // 'C'
  std::string_view name_zh;  // "化学原料和化学制品制造业"
  std::string_view name_en;  // "Manufacture of raw chemical materials and chemical products"
};

// All sections, A to T; all divisions, 01 to 97, in code order.
std::span<const IndustrySection> IndustrySections();
std::span<const IndustryDivision> IndustryDivisions();

// The division with this two-digit code, or nullopt.
std::optional<IndustryDivision> FindIndustryDivision(std::string_view code);
// The section with this letter, or nullopt.
std::optional<IndustrySection> FindIndustrySection(char letter);

// The section letter of a division code, or nullopt when the code is not a division.
std::optional<char> SectionOfDivision(std::string_view code);

// Ok iff code is a GB/T 4754-2017 division code; otherwise kInvalid "industry.unknown_division"
// with a bilingual message naming the code.
Result<void> ValidateIndustryDivision(std::string_view code);

// True iff the division is industrial in the statistical sense of 规模以上工业 (sections B, C, D:
// mining, manufacturing, utilities).
bool IsIndustrialDivision(std::string_view code);

}  // namespace zhitong::directory
