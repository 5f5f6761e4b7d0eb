#include "open311/document.h"

#include <sstream>

#include <nlohmann/json.hpp>
#include <pugixml.hpp>

namespace zhitong::open311 {
namespace {

std::string LeafText(const Node::Value& v) {
  struct Visitor {
    std::string operator()(std::nullptr_t) const { return ""; }
    std::string operator()(const std::string& s) const { return s; }
    std::string operator()(int64_t i) const { return std::to_string(i); }
    std::string operator()(double d) const {
      std::ostringstream out;
      out.precision(10);
      out << d;
      return out.str();
    }
    std::string operator()(bool b) const { return b ? "true" : "false"; }
  };
  return std::visit(Visitor{}, v);
}

// XML 1.0 allows no control characters but tab, line feed and carriage return.
std::string XmlSafe(std::string text) {
  std::erase_if(text, [](char c) {
    const auto u = static_cast<unsigned char>(c);
    return u < 0x20 && c != '\t' && c != '\n' && c != '\r';
  });
  return text;
}

void AppendXml(pugi::xml_node parent, const Node& n) {
  pugi::xml_node el = parent.append_child(n.name.c_str());
  if (n.kind == Node::Kind::kLeaf) {
    const std::string text = XmlSafe(LeafText(n.value));
    if (!text.empty()) el.append_child(pugi::node_pcdata).set_value(text.c_str());
    return;
  }
  for (const auto& c : n.children) AppendXml(el, c);
}

nlohmann::json JsonOf(const Node& n) {
  switch (n.kind) {
    case Node::Kind::kLeaf:
      return std::visit([](const auto& v) { return nlohmann::json(v); }, n.value);
    case Node::Kind::kObject: {
      nlohmann::json o = nlohmann::json::object();
      for (const auto& c : n.children) o[c.name] = JsonOf(c);
      return o;
    }
    case Node::Kind::kList: {
      nlohmann::json a = nlohmann::json::array();
      for (const auto& c : n.children) a.push_back(JsonOf(c));
      return a;
    }
  }
  return nullptr;
}

}  // namespace

std::string ToXml(const Node& root) {
  pugi::xml_document doc;
  auto decl = doc.append_child(pugi::node_declaration);
  decl.append_attribute("version") = "1.0";
  decl.append_attribute("encoding") = "utf-8";
  AppendXml(doc, root);
  std::ostringstream out;
  doc.save(out, "  ", pugi::format_default, pugi::encoding_utf8);
  return out.str();
}

std::string ToJson(const Node& root) {
  return JsonOf(root).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::string Render(const Node& root, Format format) { return format == Format::kXml ? ToXml(root) : ToJson(root); }

const char* ContentType(Format format) {
  return format == Format::kXml ? "text/xml; charset=utf-8" : "application/json; charset=utf-8";
}

}  // namespace zhitong::open311
