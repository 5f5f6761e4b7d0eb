// Sources for the rules below:
// - GB 32100-2015 《法人和其他组织统一社会信用代码编码规则》 (with amendment No. 1 of 2016, which
//   added authorities A and N): structure, character set, check character. The weights
//   3^(i−1) mod 31 = 1,3,9,27,19,26,16,17,20,29,25,13,8,24,10,30,28 and "31 − Σ mod 31" are as
//   implemented in Hutool's CreditCodeUtil (which cites https://www.cods.org.cn/c/2020-10-29/12575.html)
//   and aarioai/id-rule chinese_org_id.go (citing the standard's page on gb688.cn).
// - The authority / organisation-type table: as reproduced in
//   https://blog.csdn.net/lh1424573495/article/details/108776492 and https://osuse.cn/post/10002590.html
//   (identical lists; they match the 2016 amendment).
// - GB 11714-1997 organisation code check character (position 17): weights 3,7,9,10,5,8,4,2,
//   mod 11, 10 → X, 11 → 0. Cross-checked: every published code in uscc_test.cc satisfies it.
#include "directory/uscc.h"

#include <array>
#include <cstdint>
#include <string>

namespace zhitong::directory {
namespace {

struct OrgType {
  char authority;
  char type;
  std::string_view zh;
};

constexpr std::array<std::pair<char, std::string_view>, 12> kAuthorities{{
    {'1', "机构编制"}, {'2', "外交"}, {'3', "司法行政"}, {'4', "文化"}, {'5', "民政"}, {'6', "旅游"},
    {'7', "宗教"}, {'8', "工会"}, {'9', "工商"}, {'A', "中央军委改革和编制办公室"}, {'N', "农业"},
    {'Y', "其他"},
}};

constexpr std::array<OrgType, 36> kOrgTypes{{
    {'1', '1', "机关"},
    {'1', '2', "事业单位"},
    {'1', '3', "中央编办直接管理机构编制的群众团体"},
    {'1', '9', "其他"},
    {'2', '1', "外国常驻新闻机构"},
    {'2', '9', "其他"},
    {'3', '1', "律师执业机构"},
    {'3', '2', "公证处"},
    {'3', '3', "基层法律服务所"},
    {'3', '4', "司法鉴定机构"},
    {'3', '5', "仲裁委员会"},
    {'3', '9', "其他"},
    {'4', '1', "外国在华文化中心"},
    {'4', '9', "其他"},
    {'5', '1', "社会团体"},
    {'5', '2', "民办非企业单位"},
    {'5', '3', "基金会"},
    {'5', '9', "其他"},
    {'6', '1', "外国旅游部门常驻代表机构"},
    {'6', '2', "港澳台地区旅游部门常驻内地（大陆）代表机构"},
    {'6', '9', "其他"},
    {'7', '1', "宗教活动场所"},
    {'7', '2', "宗教院校"},
    {'7', '9', "其他"},
    {'8', '1', "基层工会"},
    {'8', '9', "其他"},
    {'9', '1', "企业"},
    {'9', '2', "个体工商户"},
    {'9', '3', "农民专业合作社"},
    {'A', '1', "军队事业单位"},
    {'A', '9', "其他"},
    {'N', '1', "组级集体经济组织"},
    {'N', '2', "村级集体经济组织"},
    {'N', '3', "乡镇级集体经济组织"},
    {'N', '9', "其他"},
    {'Y', '1', "（不再细分）"},
}};

// First two digits of a GB/T 2260 code: the provinces, plus "10" for 100000, the code national
// registration authorities use.
constexpr std::array<std::string_view, 35> kProvinces{
    "10", "11", "12", "13", "14", "15", "21", "22", "23", "31", "32", "33", "34", "35", "36", "37", "41", "42",
    "43", "44", "45", "46", "50", "51", "52", "53", "54", "61", "62", "63", "64", "65", "71", "81", "82"};

constexpr std::array<int, 8> kOrgWeights{3, 7, 9, 10, 5, 8, 4, 2};

bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool IsUpper(char c) { return c >= 'A' && c <= 'Z'; }
bool IsLower(char c) { return c >= 'a' && c <= 'z'; }

Error Invalid(const std::string& en, const std::string& zh) {
  return Error::Invalid("uscc.invalid", "invalid unified social credit code: " + en, "统一社会信用代码有误：" + zh);
}

std::string Pos(size_t i) { return std::to_string(i + 1); }

// Number of UTF-8 code points (bytes that are not continuation bytes).
size_t CountChars(std::string_view s) {
  size_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

// Value of a GB 11714 body character: digits 0–9, letters A=10 … Z=35; -1 otherwise.
int OrgCharValue(char c) {
  if (IsDigit(c)) return c - '0';
  if (IsUpper(c)) return c - 'A' + 10;
  return -1;
}

int UsccWeight(size_t i) {
  int w = 1;
  for (size_t k = 0; k < i; ++k) w = w * 3 % 31;
  return w;
}

char UsccCheckOf(std::string_view first17) {
  int sum = 0;
  for (size_t i = 0; i < 17; ++i) sum += UsccCharValue(first17[i]) * UsccWeight(i);
  int c = 31 - sum % 31;
  return kUsccAlphabet[c == 31 ? 0 : c];
}

char OrgCheckOf(std::string_view body8) {
  int sum = 0;
  for (size_t i = 0; i < 8; ++i) sum += OrgCharValue(body8[i]) * kOrgWeights[i];
  int c = 11 - sum % 11;
  if (c == 10) return 'X';
  if (c == 11) return '0';
  return static_cast<char>('0' + c);
}

bool InAlphabet(std::string_view s) {
  for (char c : s) {
    if (UsccCharValue(c) < 0) return false;
  }
  return true;
}

}  // namespace

int UsccCharValue(char c) {
  size_t p = kUsccAlphabet.find(c);
  return p == std::string_view::npos ? -1 : static_cast<int>(p);
}

std::string NormalizeUscc(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v') continue;
    out.push_back(IsLower(c) ? static_cast<char>(c - 'a' + 'A') : c);
  }
  return out;
}

Result<void> ValidateUscc(std::string_view code) {
  size_t chars = CountChars(code);
  if (chars != kUsccLength || code.size() != kUsccLength) {
    if (chars == kUsccLength) {
      // 18 characters but more bytes: some are not ASCII. Point at the first.
      size_t ch = 0;
      for (size_t i = 0; i < code.size(); ++i) {
        unsigned char b = static_cast<unsigned char>(code[i]);
        if (b >= 0x80) {
          return Invalid("position " + Pos(ch) + " is not a digit or capital letter",
                         "第" + Pos(ch) + "位不是数字或大写字母");
        }
        ch += (b & 0xC0) != 0x80;
      }
    }
    return Invalid("must be 18 characters, got " + std::to_string(chars),
                   "应为18位，实为" + std::to_string(chars) + "位");
  }
  for (size_t i = 0; i < kUsccLength; ++i) {
    char c = code[i];
    if (UsccCharValue(c) >= 0) continue;
    std::string ch(1, c);
    if (IsLower(c)) {
      return Invalid("position " + Pos(i) + ": lowercase '" + ch + "', codes are written in capitals",
                     "第" + Pos(i) + "位“" + ch + "”为小写字母，代码应使用大写字母");
    }
    if (IsUpper(c)) {
      return Invalid("position " + Pos(i) + ": '" + ch + "' is not used (the letters I, O, Z, S, V are excluded)",
                     "第" + Pos(i) + "位“" + ch + "”不可使用（不使用I、O、Z、S、V）");
    }
    return Invalid("position " + Pos(i) + " is not a digit or capital letter", "第" + Pos(i) + "位不是数字或大写字母");
  }

  char authority = code[0];
  if (UsccAuthorityNameZh(authority).empty()) {
    return Invalid(std::string("position 1: '") + authority +
                       "' is not a registration authority code (expected one of 1–9, A, N, Y)",
                   std::string("第1位“") + authority + "”不是登记管理部门代码（应为1–9、A、N、Y之一）");
  }
  char type = code[1];
  if (UsccOrgTypeNameZh(authority, type).empty()) {
    std::string expected;
    for (const auto& t : kOrgTypes) {
      if (t.authority == authority) expected += t.type;
    }
    return Invalid(std::string("position 2: '") + type + "' is not an organisation type of authority '" + authority +
                       "' (expected one of " + expected + ")",
                   std::string("第2位“") + type + "”不是登记管理部门“" + authority + "”的机构类别代码（应为" +
                       expected + "之一）");
  }

  std::string_view region = code.substr(2, 6);
  for (size_t i = 2; i < 8; ++i) {
    if (!IsDigit(code[i])) {
      return Invalid("position " + Pos(i) + ": the administrative division code (positions 3–8) must be digits",
                     "第" + Pos(i) + "位：登记管理机关行政区划码（第3–8位）应为数字");
    }
  }
  bool province_ok = false;
  for (auto p : kProvinces) province_ok = province_ok || region.substr(0, 2) == p;
  if (!province_ok || (region.substr(0, 2) == "10" && region != "100000")) {
    return Invalid("positions 3–8: '" + std::string(region) +
                       "' is not an administrative division code (positions 3–4 must be a GB/T 2260 province code)",
                   "第3–8位“" + std::string(region) + "”不是行政区划码（第3–4位应为GB/T 2260省级代码）");
  }

  char org_check = OrgCheckOf(code.substr(8, 8));
  if (code[16] != org_check) {
    return Invalid(std::string("position 17: the organisation code check character should be '") + org_check +
                       "', found '" + code[16] + "'",
                   std::string("第17位：组织机构代码校验码应为“") + org_check + "”，实为“" + code[16] + "”");
  }
  char check = UsccCheckOf(code.substr(0, 17));
  if (code[17] != check) {
    return Invalid(std::string("position 18: the check character should be '") + check + "', found '" + code[17] + "'",
                   std::string("第18位：校验码应为“") + check + "”，实为“" + code[17] + "”");
  }
  return Ok();
}

Result<char> OrgCodeCheckCharacter(std::string_view body8) {
  bool ok = body8.size() == 8;
  for (char c : body8) ok = ok && OrgCharValue(c) >= 0;
  if (!ok) {
    return Error::Invalid("uscc.invalid_prefix", "an organisation code body is 8 digits or capital letters",
                          "组织机构代码本体应为8位数字或大写字母");
  }
  return OrgCheckOf(body8);
}

Result<char> UsccCheckCharacter(std::string_view first17) {
  if (first17.size() != 17 || !InAlphabet(first17)) {
    return Error::Invalid("uscc.invalid_prefix", "the check character needs 17 characters of the code's alphabet",
                          "计算校验码需要17位合法字符");
  }
  return UsccCheckOf(first17);
}

Result<std::string> CompleteUscc(std::string_view first16) {
  if (first16.size() != 16 || !InAlphabet(first16)) {
    return Error::Invalid("uscc.invalid_prefix", "completing a code needs 16 characters of the code's alphabet",
                          "补全代码需要16位合法字符");
  }
  std::string code(first16);
  code.push_back(OrgCheckOf(code.substr(8, 8)));
  code.push_back(UsccCheckOf(code));
  return code;
}

std::string_view UsccAuthorityNameZh(char authority) {
  for (const auto& [c, zh] : kAuthorities) {
    if (c == authority) return zh;
  }
  return {};
}

std::string_view UsccOrgTypeNameZh(char authority, char org_type) {
  for (const auto& t : kOrgTypes) {
    if (t.authority == authority && t.type == org_type) return t.zh;
  }
  return {};
}

}  // namespace zhitong::directory
