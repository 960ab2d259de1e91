#pragma once

// Text compiled into the binary from the files under data/ (see cmake/embed.cmake).
namespace cchc::data {

extern const char* const kInitPlanVi;  ///< data/init/plan-vi.yaml
extern const char* const kInitPlanEn;  ///< data/init/plan-en.yaml
extern const char* const kHelpDeadlinesVi;
extern const char* const kHelpDeadlinesEn;
extern const char* const kHelpFormatsVi;
extern const char* const kHelpFormatsEn;
extern const char* const kHelpExitCodesVi;
extern const char* const kHelpExitCodesEn;
extern const char* const kHelpCronVi;
extern const char* const kHelpCronEn;
extern const char* const kGitRevision;  ///< `git describe --always --dirty` at configure time, or "unknown"

}  // namespace cchc::data
