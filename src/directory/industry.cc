// Source: GB/T 4754-2017 §5 (国民经济行业分类和代码表). The section letters and names and the
// division codes and names 01–43 are as listed at http://crsrw.com/qiyezixun/48983.html; the
// counts (20 sections, 97 divisions) as stated by the Jiangsu statistics bureau,
// http://tj.jiangsu.gov.cn/art/2025/1/20/art_85775_11475179.html, and the split of divisions
// by sector (A: 5; B–E: 45; F–T: 47) as at https://dongfang369.com/news/lanqiu/7137.html.
// The English names are our working translations (the standard has no official English text),
// modelled on ISIC Rev. 4 wording.
#include "directory/industry.h"

#include <array>
#include <string>

namespace zhitong::directory {
namespace {

constexpr std::array<IndustrySection, 20> kSections{{
    {'A', "农、林、牧、渔业", "Agriculture, forestry, animal husbandry and fishery"},
    {'B', "采矿业", "Mining"},
    {'C', "制造业", "Manufacturing"},
    {'D', "电力、热力、燃气及水生产和供应业", "Production and supply of electricity, heat, gas and water"},
    {'E', "建筑业", "Construction"},
    {'F', "批发和零售业", "Wholesale and retail trade"},
    {'G', "交通运输、仓储和邮政业", "Transport, storage and postal services"},
    {'H', "住宿和餐饮业", "Accommodation and catering"},
    {'I', "信息传输、软件和信息技术服务业", "Information transmission, software and information technology services"},
    {'J', "金融业", "Finance"},
    {'K', "房地产业", "Real estate"},
    {'L', "租赁和商务服务业", "Leasing and business services"},
    {'M', "科学研究和技术服务业", "Scientific research and technical services"},
    {'N', "水利、环境和公共设施管理业", "Water conservancy, environment and public facilities management"},
    {'O', "居民服务、修理和其他服务业", "Services to households, repair and other services"},
    {'P', "教育", "Education"},
    {'Q', "卫生和社会工作", "Health and social work"},
    {'R', "文化、体育和娱乐业", "Culture, sports and entertainment"},
    {'S', "公共管理、社会保障和社会组织", "Public administration, social security and social organisations"},
    {'T', "国际组织", "International organisations"},
}};

constexpr std::array<IndustryDivision, 97> kDivisions{{
    {"01", 'A', "农业", "Agriculture"},
    {"02", 'A', "林业", "Forestry"},
    {"03", 'A', "畜牧业", "Animal husbandry"},
    {"04", 'A', "渔业", "Fishery"},
    {"05", 'A', "农、林、牧、渔专业及辅助性活动", "Support activities for agriculture, forestry, animal husbandry and fishery"},
    {"06", 'B', "煤炭开采和洗选业", "Mining and washing of coal"},
    {"07", 'B', "石油和天然气开采业", "Extraction of petroleum and natural gas"},
    {"08", 'B', "黑色金属矿采选业", "Mining and processing of ferrous metal ores"},
    {"09", 'B', "有色金属矿采选业", "Mining and processing of non-ferrous metal ores"},
    {"10", 'B', "非金属矿采选业", "Mining and processing of non-metallic minerals"},
    {"11", 'B', "开采专业及辅助性活动", "Support activities for mining"},
    {"12", 'B', "其他采矿业", "Other mining"},
    {"13", 'C', "农副食品加工业", "Processing of food from agricultural products"},
    {"14", 'C', "食品制造业", "Manufacture of foods"},
    {"15", 'C', "酒、饮料和精制茶制造业", "Manufacture of liquor, beverages and refined tea"},
    {"16", 'C', "烟草制品业", "Manufacture of tobacco"},
    {"17", 'C', "纺织业", "Manufacture of textiles"},
    {"18", 'C', "纺织服装、服饰业", "Manufacture of textile wearing apparel and accessories"},
    {"19", 'C', "皮革、毛皮、羽毛及其制品和制鞋业", "Manufacture of leather, fur, feather and related products, and footwear"},
    {"20", 'C', "木材加工和木、竹、藤、棕、草制品业", "Processing of timber; wood, bamboo, rattan, palm and straw products"},
    {"21", 'C', "家具制造业", "Manufacture of furniture"},
    {"22", 'C', "造纸和纸制品业", "Manufacture of paper and paper products"},
    {"23", 'C', "印刷和记录媒介复制业", "Printing and reproduction of recording media"},
    {"24", 'C', "文教、工美、体育和娱乐用品制造业", "Manufacture of articles for culture, education, arts and crafts, sport and entertainment"},
    {"25", 'C', "石油、煤炭及其他燃料加工业", "Processing of petroleum, coal and other fuels"},
    {"26", 'C', "化学原料和化学制品制造业", "Manufacture of raw chemical materials and chemical products"},
    {"27", 'C', "医药制造业", "Manufacture of medicines"},
    {"28", 'C', "化学纤维制造业", "Manufacture of chemical fibres"},
    {"29", 'C', "橡胶和塑料制品业", "Manufacture of rubber and plastics products"},
    {"30", 'C', "非金属矿物制品业", "Manufacture of non-metallic mineral products"},
    {"31", 'C', "黑色金属冶炼和压延加工业", "Smelting and pressing of ferrous metals"},
    {"32", 'C', "有色金属冶炼和压延加工业", "Smelting and pressing of non-ferrous metals"},
    {"33", 'C', "金属制品业", "Manufacture of metal products"},
    {"34", 'C', "通用设备制造业", "Manufacture of general-purpose machinery"},
    {"35", 'C', "专用设备制造业", "Manufacture of special-purpose machinery"},
    {"36", 'C', "汽车制造业", "Manufacture of automobiles"},
    {"37", 'C', "铁路、船舶、航空航天和其他运输设备制造业", "Manufacture of railway, ship, aerospace and other transport equipment"},
    {"38", 'C', "电气机械和器材制造业", "Manufacture of electrical machinery and equipment"},
    {"39", 'C', "计算机、通信和其他电子设备制造业", "Manufacture of computers, communication and other electronic equipment"},
    {"40", 'C', "仪器仪表制造业", "Manufacture of measuring instruments"},
    {"41", 'C', "其他制造业", "Other manufacturing"},
    {"42", 'C', "废弃资源综合利用业", "Recycling and utilisation of waste resources"},
    {"43", 'C', "金属制品、机械和设备修理业", "Repair of metal products, machinery and equipment"},
    {"44", 'D', "电力、热力生产和供应业", "Production and supply of electricity and heat"},
    {"45", 'D', "燃气生产和供应业", "Production and supply of gas"},
    {"46", 'D', "水的生产和供应业", "Production and supply of water"},
    {"47", 'E', "房屋建筑业", "Construction of buildings"},
    {"48", 'E', "土木工程建筑业", "Civil engineering"},
    {"49", 'E', "建筑安装业", "Building installation"},
    {"50", 'E', "建筑装饰、装修和其他建筑业", "Building decoration, renovation and other construction"},
    {"51", 'F', "批发业", "Wholesale trade"},
    {"52", 'F', "零售业", "Retail trade"},
    {"53", 'G', "铁路运输业", "Rail transport"},
    {"54", 'G', "道路运输业", "Road transport"},
    {"55", 'G', "水上运输业", "Water transport"},
    {"56", 'G', "航空运输业", "Air transport"},
    {"57", 'G', "管道运输业", "Pipeline transport"},
    {"58", 'G', "多式联运和运输代理业", "Multimodal transport and transport agencies"},
    {"59", 'G', "装卸搬运和仓储业", "Cargo handling and warehousing"},
    {"60", 'G', "邮政业", "Postal services"},
    {"61", 'H', "住宿业", "Accommodation"},
    {"62", 'H', "餐饮业", "Food and beverage services"},
    {"63", 'I', "电信、广播电视和卫星传输服务", "Telecommunications, broadcasting and satellite transmission services"},
    {"64", 'I', "互联网和相关服务", "Internet and related services"},
    {"65", 'I', "软件和信息技术服务业", "Software and information technology services"},
    {"66", 'J', "货币金融服务", "Monetary and financial services"},
    {"67", 'J', "资本市场服务", "Capital market services"},
    {"68", 'J', "保险业", "Insurance"},
    {"69", 'J', "其他金融业", "Other financial activities"},
    {"70", 'K', "房地产业", "Real estate"},
    {"71", 'L', "租赁业", "Leasing"},
    {"72", 'L', "商务服务业", "Business services"},
    {"73", 'M', "研究和试验发展", "Research and experimental development"},
    {"74", 'M', "专业技术服务业", "Professional technical services"},
    {"75", 'M', "科技推广和应用服务业", "Technology promotion and application services"},
    {"76", 'N', "水利管理业", "Water conservancy management"},
    {"77", 'N', "生态保护和环境治理业", "Ecological protection and environmental management"},
    {"78", 'N', "公共设施管理业", "Public facilities management"},
    {"79", 'N', "土地管理业", "Land management"},
    {"80", 'O', "居民服务业", "Services to households"},
    {"81", 'O', "机动车、电子产品和日用产品修理业", "Repair of motor vehicles, electronic and household products"},
    {"82", 'O', "其他服务业", "Other services"},
    {"83", 'P', "教育", "Education"},
    {"84", 'Q', "卫生", "Health"},
    {"85", 'Q', "社会工作", "Social work"},
    {"86", 'R', "新闻和出版业", "News and publishing"},
    {"87", 'R', "广播、电视、电影和录音制作业", "Radio, television, film and sound recording"},
    {"88", 'R', "文化艺术业", "Culture and arts"},
    {"89", 'R', "体育", "Sports"},
    {"90", 'R', "娱乐业", "Entertainment"},
    {"91", 'S', "中国共产党机关", "Organs of the Communist Party of China"},
    {"92", 'S', "国家机构", "State organs"},
    {"93", 'S', "人民政协、民主党派", "CPPCC and democratic parties"},
    {"94", 'S', "社会保障", "Social security"},
    {"95", 'S', "群众团体、社会团体和其他成员组织", "Mass organisations, social organisations and other membership organisations"},
    {"96", 'S', "基层群众自治组织及其他组织", "Grassroots self-governing organisations and others"},
    {"97", 'T', "国际组织", "International organisations"},
}};

}  // namespace

std::span<const IndustrySection> IndustrySections() { return kSections; }
std::span<const IndustryDivision> IndustryDivisions() { return kDivisions; }

std::optional<IndustryDivision> FindIndustryDivision(std::string_view code) {
  // Codes are 01–97 without gaps, so the index is the code minus one.
  if (code.size() != 2 || code[0] < '0' || code[0] > '9' || code[1] < '0' || code[1] > '9') return std::nullopt;
  int n = (code[0] - '0') * 10 + (code[1] - '0');
  if (n < 1 || n > static_cast<int>(kDivisions.size())) return std::nullopt;
  return kDivisions[static_cast<size_t>(n - 1)];
}

std::optional<IndustrySection> FindIndustrySection(char letter) {
  for (const auto& s : kSections) {
    if (s.letter == letter) return s;
  }
  return std::nullopt;
}

std::optional<char> SectionOfDivision(std::string_view code) {
  auto d = FindIndustryDivision(code);
  if (!d) return std::nullopt;
  return d->section;
}

Result<void> ValidateIndustryDivision(std::string_view code) {
  if (FindIndustryDivision(code)) return Ok();
  std::string c(code);
  return Error::Invalid("industry.unknown_division",
                        "\"" + c + "\" is not a GB/T 4754-2017 division code (two digits, 01–97)",
                        "“" + c + "”不是GB/T 4754-2017行业大类代码（两位数字，01–97）");
}

bool IsIndustrialDivision(std::string_view code) {
  auto s = SectionOfDivision(code);
  return s && (*s == 'B' || *s == 'C' || *s == 'D');
}

}  // namespace zhitong::directory
