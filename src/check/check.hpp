#pragma once

#include <vector>

#include "model/plan.hpp"
#include "util/diagnostic.hpp"

namespace cchc::check {

/// Semantic checks of one loaded plan: duplicate task ids, unknown agency,
/// document and task references, a `done` date on a task that is not done,
/// a child due after its parent. Returns every problem found.
util::Diagnostics check_plan(const model::Plan& plan);

/// Checks across plans: two files declaring the same plan id; `parent:` links naming an unknown plan or task,
/// or going round in a circle (docs/plan-format.md, "Plan trees").
util::Diagnostics check_plans(const std::vector<const model::Plan*>& plans);

}  // namespace cchc::check
