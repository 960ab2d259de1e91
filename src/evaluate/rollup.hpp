#pragma once

#include <string>
#include <vector>

#include "evaluate/evaluate.hpp"
#include "model/plan.hpp"

namespace cchc::evaluate {

/// Rolls plans up their `parent:` links (docs/plan-format.md, "Plan trees"). `items` are the evaluated items of
/// `plans`, as evaluate_plan gives them. Every task that one or more plans implement, and every heading above
/// such a task, gets a Rollup counting its own leaf tasks and every leaf task of the plans below it, at any depth;
/// its state becomes the most urgent state among them, unless its own status is done or cancelled (which always
/// wins). Links to plans or tasks that are not in `plans`, and links that go round in a circle, are ignored
/// (check_plans reports them). Pure.
void roll_up(std::vector<Item>& items, const std::vector<const model::Plan*>& plans);

/// The rolled-up view for `status --rollup`: the rows of `shown_plans` (when empty, of every plan that has no
/// parent among `plans`) in document order, each task that other plans implement followed by one Plan row per
/// plan implementing it directly, carrying that plan's whole rollup, and under each Plan row, one level deeper,
/// the rows of the plans below it, at any depth. `items` must have gone through roll_up.
std::vector<Item> rollup_view(const std::vector<Item>& items, const std::vector<const model::Plan*>& plans,
                              const std::vector<std::string>& shown_plans);

}  // namespace cchc::evaluate
