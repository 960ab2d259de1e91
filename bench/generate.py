#!/usr/bin/env python3
"""Synthetic cchc plans for the benchmarks in bench/run.

  generate.py plan N OUT.yaml [--taskwarrior OUT.json] [--taskwarrior-deps OUT.json] [--remind OUT.rem]
      one plan of N tasks (groups of a heading task and its sub-tasks), with the same tasks written for
      Taskwarrior's `task import` (flat, and with each heading depending on its sub-tasks) and for remind.
  generate.py tree DIR
      a province's tree of plans under DIR/plans: the provincial plan, 20 departments, 13 districts and
      200 communes (234 files, over 10 000 tasks); every plan below the province names the task it
      implements with `parent:`.

The output depends only on the arguments (a fixed random seed), so figures from two runs compare.
Titles are Vietnamese, a third of them in NFD (decomposed) form; every deadline wording cchc reads today
appears; states are a mix of todo, doing, done (on time and late) and cancelled.
"""
import json
import os
import random
import sys
import unicodedata
import uuid

VERBS = ["Rà soát", "Xây dựng", "Triển khai", "Kiểm tra", "Tổng kết", "Đánh giá", "Hướng dẫn", "Tuyên truyền",
         "Số hóa", "Chuẩn hóa", "Công bố", "Cập nhật", "Đôn đốc", "Báo cáo"]
OBJECTS = ["thủ tục hành chính", "cơ chế một cửa, một cửa liên thông", "văn bản quy phạm pháp luật",
           "chỉ số hài lòng của người dân", "dịch vụ công trực tuyến mức độ 4", "hồ sơ công chức, viên chức",
           "vị trí việc làm", "chính quyền điện tử", "kết quả giải quyết hồ sơ", "quy trình ISO 9001:2015",
           "cổng thông tin điện tử", "tổ chức bộ máy", "cải cách tài chính công", "Chỉ số PAR INDEX"]
PLACES = ["trên địa bàn", "tại bộ phận một cửa", "ở cấp xã", "trong toàn tỉnh", "của đơn vị", "năm 2026"]

AGENCIES = [("snv", "Sở Nội vụ"), ("stp", "Sở Tư pháp"), ("stc", "Sở Tài chính"), ("stttt", "Sở Thông tin và Truyền thông"),
            ("skhdt", "Sở Kế hoạch và Đầu tư"), ("syt", "Sở Y tế"), ("sgddt", "Sở Giáo dục và Đào tạo"),
            ("vp-ubnd", "Văn phòng UBND tỉnh"), ("ubnd-huyen", "Ủy ban nhân dân cấp huyện"),
            ("ubnd-xa", "Ủy ban nhân dân cấp xã")]

# Every kind of wording cchc reads (docs/plan-format.md, "Deadlines"), around the benchmark's today (2026-06-15).
DEADLINES = ["2026-04-30", "30/4/2026", "Trước ngày 30/6/2026", "2026-09", "Tháng 7 năm 2026", "Tháng 8/2026",
             "Trong tháng 6/2026", "Ngày 30 tháng 11 năm 2026", "Chậm nhất là ngày 20/12/2026", "Quý IV/2026",
             "Quý III năm 2026", "Quý I, II năm 2026", "6 tháng đầu năm 2026", "6 tháng cuối năm 2026",
             "Năm 2026", "Trước năm 2027", "Đầu năm 2026", "Giữa năm 2026", "Cuối năm 2026",
             "2026 - 2030", "Giai đoạn 2021 - 2025", "Quý IV/2025 - Quý II/2026",
             "Từ tháng 10/2025 đến tháng 3/2026", "Thường xuyên", "15/6/2026", "Trước ngày 1/7/2026"]


def maybe_nfd(text, rng):
    return unicodedata.normalize("NFD", text) if rng.random() < 0.33 else text


def title(rng):
    return f"{rng.choice(VERBS)} {rng.choice(OBJECTS)} {rng.choice(PLACES)}"


def quote(text):
    return json.dumps(text, ensure_ascii=False)  # a JSON string is a valid double-quoted YAML scalar


def state_lines(rng, indent):
    """status/done/progress/reason of one task, with the deadline it was due by."""
    roll = rng.random()
    if roll < 0.45:
        return [], "pending"
    if roll < 0.65:
        return [f"{indent}status: doing", f"{indent}progress: {rng.randrange(10, 95, 5)}"], "pending"
    if roll < 0.92:
        day = rng.randint(1, 28)
        return [f"{indent}status: done", f"{indent}done: 2026-0{rng.randint(2, 5)}-{day:02d}",
                f"{indent}evidence: {quote('Báo cáo số %d/BC-UBND' % rng.randint(1, 999))}"], "completed"
    return [f"{indent}status: cancelled", f"{indent}reason: {quote('Không còn phù hợp')}"], "deleted"


def header(plan_id, plan_title, issuer, parent=None):
    lines = ["cchc: 1", "plan:", f"  id: {plan_id}", f"  title: {quote(plan_title)}", f"  issuer: {quote(issuer)}",
             "  date: 2026-01-15", "  status: issued"]
    if parent:
        lines.append(f"  parent: {{plan: {parent[0]}, task: {quote(parent[1])}}}")
    lines.append("agencies:")
    for agency_id, name in AGENCIES:
        lines.append(f"  {agency_id}: {quote(name)}")
    lines.append("tasks:")
    return lines


def tasks(rng, count, records=None):
    """YAML lines of `count` tasks: headings with 4 to 9 sub-tasks each."""
    lines = []
    made = 0
    group = 0
    while made < count:
        group += 1
        children = min(rng.randint(4, 9), count - made - 1)
        heading = {"id": str(group), "uuid": str(uuid.UUID(int=rng.getrandbits(128))), "children": []}
        lines += [f"  - id: \"{group}\"", f"    title: {quote(maybe_nfd(title(rng), rng))}"]
        if children <= 0:
            lines.append(f"    due: {quote(rng.choice(DEADLINES))}")
        lines.append(f"    lead: {rng.choice(AGENCIES)[0]}")
        made += 1
        if children > 0:
            lines.append("    tasks:")
        for child in range(1, children + 1):
            text = maybe_nfd(title(rng), rng)
            due = rng.choice(DEADLINES)
            lines += [f"      - id: \"{group}.{child}\"", f"        title: {quote(text)}", f"        due: {quote(due)}",
                      f"        lead: {rng.choice(AGENCIES)[0]}",
                      f"        support: [{rng.choice(AGENCIES)[0]}, {rng.choice(AGENCIES)[0]}]"]
            state, tw_status = state_lines(rng, "        ")
            lines += state
            heading["children"].append({"uuid": str(uuid.UUID(int=rng.getrandbits(128))), "title": text, "due": due,
                                        "status": tw_status, "id": f"{group}.{child}"})
            made += 1
        if records is not None:
            heading["title"] = title(rng)
            records.append(heading)
    return lines


def taskwarrior_due(wording):
    """A fixed date for Taskwarrior and remind; only the spread of dates matters for timing."""
    return {"Thường xuyên": None}.get(wording, "20260%d%02dT000000Z" % (4 + len(wording) % 6, 1 + len(wording) % 28))


def write_taskwarrior(records, path, with_dependencies):
    out = []
    for heading in records:
        for child in heading["children"]:
            item = {"uuid": child["uuid"], "description": child["title"], "status": child["status"],
                    "entry": "20260101T000000Z", "project": "cchc"}
            due = taskwarrior_due(child["due"])
            if due:
                item["due"] = due
            if child["status"] == "completed":
                item["end"] = "20260301T000000Z"
            if child["status"] == "deleted":
                item["end"] = "20260301T000000Z"
            out.append(item)
        parent = {"uuid": heading["uuid"], "description": heading["title"], "status": "pending",
                  "entry": "20260101T000000Z", "project": "cchc", "due": "20261231T000000Z"}
        if with_dependencies and heading["children"]:
            parent["depends"] = ",".join(child["uuid"] for child in heading["children"])
        out.append(parent)
    with open(path, "w", encoding="utf-8") as file:
        for item in out:
            file.write(json.dumps(item, ensure_ascii=False) + "\n")


def write_remind(records, path):
    months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
    with open(path, "w", encoding="utf-8") as file:
        for heading in records:
            for child in heading["children"]:
                due = taskwarrior_due(child["due"]) or "20261231T000000Z"
                file.write(f"REM {int(due[6:8])} {months[int(due[4:6]) - 1]} {due[0:4]} MSG {child['id']} "
                           f"{child['title']}\n")


def make_plan(count, out, options):
    rng = random.Random(count)
    records = [] if options else None
    lines = header(f"ke-hoach-{count}", f"Kế hoạch cải cách hành chính tổng hợp {count} nhiệm vụ",
                   "Ủy ban nhân dân tỉnh") + tasks(rng, count, records)
    with open(out, "w", encoding="utf-8") as file:
        file.write("\n".join(lines) + "\n")
    if "--taskwarrior" in options:
        write_taskwarrior(records, options["--taskwarrior"], False)
    if "--taskwarrior-deps" in options:
        write_taskwarrior(records, options["--taskwarrior-deps"], True)
    if "--remind" in options:
        write_remind(records, options["--remind"])


def slug(prefix, number):
    return f"{prefix}-{number:03d}"


def make_tree(root):
    rng = random.Random(2026)
    plans = os.path.join(root, "plans")
    province = "tinh-2026"
    written = [0, 0]

    def write(relative, lines):
        path = os.path.join(plans, relative)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w", encoding="utf-8") as file:
            file.write("\n".join(lines) + "\n")
        written[0] += 1

    def plan(relative, plan_id, plan_title, issuer, count, parent):
        lines = header(plan_id, plan_title, issuer, parent)
        body = tasks(rng, count)
        written[1] += sum(1 for line in body if line.lstrip().startswith("- id:"))
        write(relative, lines + body)

    province_tasks = 60
    plan("tinh/ke-hoach-tinh.yaml", province, "Kế hoạch cải cách hành chính tỉnh năm 2026",
         "Ủy ban nhân dân tỉnh", province_tasks, None)
    # A heading task of the province's plan: groups are 1..k; take small numbers, which always exist.
    for number in range(1, 21):
        plan(f"tinh/so-nganh/{slug('so', number)}.yaml", slug("so", number),
             f"Kế hoạch CCHC năm 2026 của Sở số {number}", f"Sở số {number}", 40, (province, str(1 + number % 8)))
    for district in range(1, 14):
        district_id = slug("huyen", district)
        plan(f"tinh/huyen/{district_id}/ke-hoach-huyen.yaml", district_id,
             f"Kế hoạch cải cách hành chính năm 2026 của huyện {district}", f"Ủy ban nhân dân huyện {district}",
             60, (province, str(1 + district % 8)))
        communes = 16 if district <= 5 else 15
        for commune in range(1, communes + 1):
            commune_id = f"{district_id}-xa-{commune:02d}"
            plan(f"tinh/huyen/{district_id}/xa/{commune_id}.yaml", commune_id,
                 f"Kế hoạch cải cách hành chính năm 2026 của xã {commune}, huyện {district}",
                 f"Ủy ban nhân dân xã {commune}, huyện {district}", 42, (district_id, str(1 + commune % 6)))
    print(f"{written[0]} files, {written[1]} tasks under {plans}", file=sys.stderr)


def main(argv):
    if len(argv) >= 4 and argv[1] == "plan":
        options = dict(zip(argv[4::2], argv[5::2]))
        make_plan(int(argv[2]), argv[3], options)
    elif len(argv) == 3 and argv[1] == "tree":
        make_tree(argv[2])
    else:
        print(__doc__, file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
