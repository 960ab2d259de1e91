// The floor for the benchmarks: reads each file named on the command line and runs yaml-cpp's event parser
// over it with a handler that does nothing. No plan loader built on yaml-cpp can be faster than this, so
// bench/run reports cchc's times as ratios to it.
#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/exceptions.h>
#include <yaml-cpp/parser.h>

#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>

namespace {

class IgnoreEvents : public YAML::EventHandler {
 public:
  void OnDocumentStart(const YAML::Mark&) override {}
  void OnDocumentEnd() override {}
  void OnNull(const YAML::Mark&, YAML::anchor_t) override {}
  void OnAlias(const YAML::Mark&, YAML::anchor_t) override {}
  void OnScalar(const YAML::Mark&, const std::string&, YAML::anchor_t, const std::string&) override {}
  void OnSequenceStart(const YAML::Mark&, const std::string&, YAML::anchor_t, YAML::EmitterStyle::value) override {}
  void OnSequenceEnd() override {}
  void OnMapStart(const YAML::Mark&, const std::string&, YAML::anchor_t, YAML::EmitterStyle::value) override {}
  void OnMapEnd() override {}
};

}  // namespace

int main(int argc, char** argv) {
  int status = 0;
  for (int i = 1; i < argc; ++i) {
    std::ifstream file(argv[i], std::ios::binary);
    if (!file) {
      std::fprintf(stderr, "event_parse_floor: cannot read %s\n", argv[i]);
      status = 1;
      continue;
    }
    try {
      YAML::Parser parser(file);
      IgnoreEvents events;
      while (parser.HandleNextDocument(events)) {
      }
    } catch (const YAML::Exception& error) {
      std::fprintf(stderr, "event_parse_floor: %s: %s\n", argv[i], error.what());
      status = 1;
    }
  }
  return status;
}
