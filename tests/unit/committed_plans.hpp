#pragma once

#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace cchc::test_support {

inline std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  REQUIRE(in);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

/// Every plan committed under plans/ and tests/ (good ones, broken ones, hostile ones), in a fixed order.
inline std::vector<std::filesystem::path> committed_plans() {
  std::vector<std::filesystem::path> paths;
  for (const char* folder : {"/plans", "/tests/data", "/tests/hostile"}) {
    for (const auto& entry : std::filesystem::recursive_directory_iterator(std::string(CCHC_SOURCE_DIR) + folder)) {
      if (entry.is_regular_file() && entry.path().extension() == ".yaml") paths.push_back(entry.path());
    }
  }
  std::sort(paths.begin(), paths.end());
  return paths;
}

}  // namespace cchc::test_support
