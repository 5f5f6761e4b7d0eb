// The two renderings of one Open311 document: XML with the declaration and the element names of
// the standard, JSON by the Spark convention (lists are arrays, leaves values, empty leaves null).
#include "open311/document.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <pugixml.hpp>

namespace zhitong::open311 {
namespace {

Node Sample() {
  Node list = Node::List("services");
  list.Add(Node::Object("service", {Node::Leaf("service_code", std::string("labour")), Node::Leaf("metadata", true),
                                    Node::Leaf("group", nullptr), Node::Leaf("lat", 36.8)}));
  return list;
}

TEST(Open311DocumentTest, XmlHasTheDeclarationAndTheStandardsElements) {
  const std::string xml = ToXml(Sample());
  EXPECT_EQ(xml.rfind("<?xml version=\"1.0\" encoding=\"utf-8\"?>", 0), 0u) << xml;
  pugi::xml_document doc;
  ASSERT_TRUE(doc.load_string(xml.c_str()));
  auto service = doc.child("services").child("service");
  EXPECT_STREQ(service.child_value("service_code"), "labour");
  EXPECT_STREQ(service.child_value("metadata"), "true");
  EXPECT_TRUE(service.child("group"));  // present, empty
  EXPECT_STREQ(service.child_value("group"), "");
  EXPECT_DOUBLE_EQ(service.child("lat").text().as_double(), 36.8);
}

TEST(Open311DocumentTest, JsonFollowsTheSparkConvention) {
  auto j = nlohmann::json::parse(ToJson(Sample()));
  ASSERT_TRUE(j.is_array());
  ASSERT_EQ(j.size(), 1u);
  EXPECT_EQ(j[0]["service_code"], "labour");
  EXPECT_EQ(j[0]["metadata"], true);
  EXPECT_TRUE(j[0]["group"].is_null());
  EXPECT_DOUBLE_EQ(j[0]["lat"].get<double>(), 36.8);
}

TEST(Open311DocumentTest, XmlEscapesMarkupAndDropsControlCharacters) {
  Node n = Node::Object("request", {Node::Leaf("description", std::string("<b>&\x01路灯</b>"))});
  pugi::xml_document doc;
  ASSERT_TRUE(doc.load_string(ToXml(n).c_str()));
  EXPECT_STREQ(doc.child("request").child_value("description"), "<b>&路灯</b>");
}

}  // namespace
}  // namespace zhitong::open311
