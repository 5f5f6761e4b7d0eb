// The documents of Open311 GeoReport v2 as one tree that renders to both formats the standard
// names: XML (the required one, schemaless, no namespace, with an XML declaration naming UTF-8)
// and JSON by the "Spark convention" — a list element becomes an array of its children, an
// element with children an object, a leaf its value. Source: http://wiki.open311.org/GeoReport_v2
// ("Format Support", "XML Support", "JSON Support") and http://wiki.open311.org/JSON_and_XML_Conversion.
// Pure values.
#pragma once

#include <cstdint>
#include <string>
#include <variant>
#include <vector>

namespace zhitong::open311 {

enum class Format { kXml, kJson };

struct Node {
  enum class Kind { kLeaf, kObject, kList };
  using Value = std::variant<std::nullptr_t, std::string, int64_t, double, bool>;

  std::string name;  // the XML element name; for a child of a list also its JSON-less item name
  Kind kind = Kind::kLeaf;
  Value value;       // leaves only; null renders as an empty element and JSON null
  std::vector<Node> children;

  static Node Leaf(std::string name, Value v) { return Node{std::move(name), Kind::kLeaf, std::move(v), {}}; }
  static Node Object(std::string name, std::vector<Node> children = {}) {
    return Node{std::move(name), Kind::kObject, nullptr, std::move(children)};
  }
  static Node List(std::string name, std::vector<Node> children = {}) {
    return Node{std::move(name), Kind::kList, nullptr, std::move(children)};
  }
  Node& Add(Node child) {
    children.push_back(std::move(child));
    return children.back();
  }
};

// `<?xml version="1.0" encoding="utf-8"?>` and the tree (pugixml writes and escapes it).
std::string ToXml(const Node& root);
// The Spark-convention JSON of the tree: the root list is a top-level array, as in the standard's
// examples. Invalid UTF-8 is replaced, never thrown.
std::string ToJson(const Node& root);
std::string Render(const Node& root, Format format);
// "text/xml; charset=utf-8" or "application/json; charset=utf-8", as the standard gives them.
const char* ContentType(Format format);

}  // namespace zhitong::open311
