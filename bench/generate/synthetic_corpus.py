#!/usr/bin/env python3
"""Writes a synthetic DigitalTrade.Graph corpus of N entities in the graph-seed/ Markdown format.

    python3 bench/generate/synthetic_corpus.py --entities 10000 --out bench/.work/corpora/10k [--seed 7]

The corpus follows graph-seed/README.md (front matter + bilingual narrative with body links) and
validates with 0 errors. The degree distribution is power-law-ish: relation targets are drawn with
Zipf weights (rank^-1.1) within each target kind, so a few hubs (economies/china, the first
provinces, big organizations and agreements) collect most incoming relations, as in the real
corpus. Relations respect the endpoint kinds of the README's relation table. Deterministic for a
given seed and size.
"""
import argparse
import bisect
import itertools
import json
import os
import random
import shutil

PROVINCES = [
    ("beijing", "北京", "Beijing", "municipality"), ("tianjin", "天津", "Tianjin", "municipality"),
    ("shanghai", "上海", "Shanghai", "municipality"), ("chongqing", "重庆", "Chongqing", "municipality"),
    ("hebei", "河北", "Hebei", "province"), ("shanxi", "山西", "Shanxi", "province"),
    ("liaoning", "辽宁", "Liaoning", "province"), ("jilin", "吉林", "Jilin", "province"),
    ("heilongjiang", "黑龙江", "Heilongjiang", "province"), ("jiangsu", "江苏", "Jiangsu", "province"),
    ("zhejiang", "浙江", "Zhejiang", "province"), ("anhui", "安徽", "Anhui", "province"),
    ("fujian", "福建", "Fujian", "province"), ("jiangxi", "江西", "Jiangxi", "province"),
    ("shandong", "山东", "Shandong", "province"), ("henan", "河南", "Henan", "province"),
    ("hubei", "湖北", "Hubei", "province"), ("hunan", "湖南", "Hunan", "province"),
    ("guangdong", "广东", "Guangdong", "province"), ("hainan", "海南", "Hainan", "province"),
    ("sichuan", "四川", "Sichuan", "province"), ("guizhou", "贵州", "Guizhou", "province"),
    ("yunnan", "云南", "Yunnan", "province"), ("shaanxi", "陕西", "Shaanxi", "province"),
    ("gansu", "甘肃", "Gansu", "province"), ("qinghai", "青海", "Qinghai", "province"),
    ("taiwan", "台湾", "Taiwan", "province"), ("inner-mongolia", "内蒙古", "Inner Mongolia", "autonomous_region"),
    ("guangxi", "广西", "Guangxi", "autonomous_region"), ("tibet", "西藏", "Tibet", "autonomous_region"),
    ("ningxia", "宁夏", "Ningxia", "autonomous_region"), ("xinjiang", "新疆", "Xinjiang", "autonomous_region"),
    ("hong-kong", "香港", "Hong Kong", "sar"), ("macao", "澳门", "Macao", "sar"),
]
ECONOMIES = [
    ("china", "中国", "China"), ("united-states", "美国", "United States"), ("singapore", "新加坡", "Singapore"),
    ("united-kingdom", "英国", "United Kingdom"), ("germany", "德国", "Germany"), ("japan", "日本", "Japan"),
    ("korea", "韩国", "Korea"), ("ireland", "爱尔兰", "Ireland"), ("india", "印度", "India"), ("france", "法国", "France"),
    ("chile", "智利", "Chile"), ("new-zealand", "新西兰", "New Zealand"), ("malaysia", "马来西亚", "Malaysia"),
    ("vietnam", "越南", "Vietnam"), ("peru", "秘鲁", "Peru"), ("brazil", "巴西", "Brazil"),
    ("saudi-arabia", "沙特阿拉伯", "Saudi Arabia"), ("tanzania", "坦桑尼亚", "Tanzania"),
    ("australia", "澳大利亚", "Australia"), ("canada", "加拿大", "Canada"),
]
TOPICS = [
    ("数据跨境", "cross-border data"), ("数字贸易", "digital trade"), ("跨境电商", "cross-border e-commerce"),
    ("数字服务出口", "digital service exports"), ("人工智能", "artificial intelligence"), ("知识产权", "intellectual property"),
    ("数据出境负面清单", "data export negative list"), ("电子提单", "electronic bill of lading"), ("云计算", "cloud computing"),
    ("数字人民币", "digital renminbi"), ("服务外包", "service outsourcing"), ("工业互联网", "industrial internet"),
    ("数字内容", "digital content"), ("软件信息服务", "software and information services"), ("无纸化贸易", "paperless trade"),
    ("区块链", "blockchain"), ("数字身份", "digital identity"), ("金融科技", "fintech"), ("数据要素", "data as a factor"),
    ("游戏出海", "games going global"),
]
POLICY_WORDS = [("实施方案", "implementation plan", "plan"), ("管理办法", "administrative measures", "measure"),
                ("若干措施", "measures", "measure"), ("指导意见", "guiding opinions", "opinion"), ("条例", "regulation", "regulation"),
                ("负面清单", "negative list", "negative_list"), ("标准", "standard", "standard"), ("通知", "notice", "notice"),
                ("指引", "guideline", "guideline"), ("目录", "catalogue", "catalogue")]
ORG_TYPES = ["government", "regulator", "international", "association", "enterprise", "research", "platform", "operator"]
ORG_WORDS = [("研究院", "Research Institute", "research"), ("协会", "Association", "association"), ("集团", "Group", "enterprise"),
             ("管理局", "Administration", "government"), ("平台", "Platform", "platform"), ("联盟", "Alliance", "association"),
             ("委员会", "Commission", "regulator"), ("中心", "Centre", "operator")]
AGREEMENT_TYPES = ["agreement", "protocol", "framework", "mou", "initiative", "declaration", "statement"]
AGREEMENT_STATUS = ["negotiating", "concluded", "signed", "in_force", "adopted", "announced"]
POLICY_LEVELS = ["national", "provincial", "ftz", "city", "district", "foreign", "international"]
POLICY_STATUS = ["draft", "in_force", "pilot", "superseded"]
ZONE_TYPES = ["ftz", "ftz_area", "free_trade_port", "pilot_zone", "demonstration_zone", "development_zone"]
THEMES = ["technology_ecosystem", "digital_services", "data_flows", "international_cooperation",
          "cross_border_ecommerce", "ip_services", "overview"]
SECTIONS = ["综述篇 > 中国数字贸易发展情况 > 一、中国数字贸易总体内生动力不断增强",
            "实践篇 > 深化数字贸易国际开放合作", "专题篇 > 跨境数据流动", "综述篇 > 全球数字贸易发展情况 > 四、全球数字贸易治理"]
FOLDER = {"agreement": "agreements", "policy": "policies", "organization": "organizations", "economy": "economies",
          "province": "provinces", "city": "cities", "zone": "zones", "base": "bases", "case": "cases", "indicator": "indicators"}


def q(text):
    """A YAML double-quoted scalar (JSON string syntax is valid YAML)."""
    return json.dumps(text, ensure_ascii=False)


class Zipf:
    """Draws items with weight rank^-s: item 0 is the biggest hub."""

    def __init__(self, items, s=1.1):
        self.items = items
        self.cum = list(itertools.accumulate((i + 1) ** -s for i in range(len(items))))

    def draw(self, rng):
        return self.items[bisect.bisect_left(self.cum, rng.random() * self.cum[-1])]

    def draw_many(self, rng, count, exclude=None):
        out = []
        for _ in range(count * 4):
            if len(out) == count:
                break
            item = self.draw(rng)
            if item != exclude and item not in out:
                out.append(item)
        return out


def plan_counts(n):
    fixed = {"province": min(len(PROVINCES), max(8, n // 30)), "economy": max(len(ECONOMIES) // 2, n // 100)}
    shares = {"organization": 0.10, "agreement": 0.03, "policy": 0.25, "city": 0.05, "zone": 0.03, "base": 0.01, "indicator": 0.003}
    counts = dict(fixed)
    for kind, share in shares.items():
        counts[kind] = max(3, int(n * share))
    counts["case"] = n - sum(counts.values())
    return counts


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--entities", type=int, required=True)
    parser.add_argument("--out", required=True)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    rng = random.Random(args.seed * 1_000_003 + args.entities)
    counts = plan_counts(args.entities)

    # ---- entities: key, names, kind-specific fields -------------------------------------------
    ents = {}  # key -> dict
    by_kind = {k: [] for k in FOLDER}

    def add(kind, slug, zh, en, **fields):
        key = f"{FOLDER[kind]}/{slug}"
        ents[key] = dict(kind=kind, key=key, zh=zh, en=en, rel={}, **fields)
        by_kind[kind].append(key)
        return key

    for i in range(counts["economy"]):
        if i < len(ECONOMIES):
            slug, zh, en = ECONOMIES[i]
        else:
            slug, zh, en = f"economy-{i:05d}", f"合成经济体{i}号", f"Synthetic Economy {i}"
        add("economy", slug, zh, en, type="country" if i % 9 else "territory")
    for i in range(counts["province"]):
        slug, zh, en, typ = PROVINCES[i]
        add("province", slug, zh, en, type=typ)
    provinces = by_kind["province"]
    for i in range(counts["city"]):
        p = ents[provinces[i % len(provinces)]]
        add("city", f"city-{i:05d}", f"{p['zh']}第{i}市", f"{p['en']} City {i}", province=p["key"])
    for i in range(counts["organization"]):
        zh_w, en_w, typ = ORG_WORDS[i % len(ORG_WORDS)]
        t_zh, t_en = TOPICS[(i * 7) % len(TOPICS)]
        add("organization", f"org-{i:05d}", f"{t_zh}{zh_w}{i}", f"{t_en.title()} {en_w} {i}", type=typ)
    for i in range(counts["agreement"]):
        t_zh, t_en = TOPICS[(i * 3) % len(TOPICS)]
        typ = AGREEMENT_TYPES[i % len(AGREEMENT_TYPES)]
        add("agreement", f"agreement-{i:05d}", f"{t_zh}伙伴关系协定第{i}号", f"{t_en.title()} Partnership Agreement No. {i}",
            type=typ, status=AGREEMENT_STATUS[i % len(AGREEMENT_STATUS)], alias=f"DEPA-{i}" if i % 5 == 0 else None)
    for i in range(counts["policy"]):
        p = ents[provinces[rng.randrange(len(provinces))]]
        t_zh, t_en = TOPICS[rng.randrange(len(TOPICS))]
        w_zh, w_en, typ = POLICY_WORDS[i % len(POLICY_WORDS)]
        add("policy", f"policy-{i:05d}", f"{p['zh']}{t_zh}{w_zh}（第{i}号）", f"{p['en']} {t_en} {w_en} No. {i}",
            type=typ, level=POLICY_LEVELS[i % len(POLICY_LEVELS)], status=POLICY_STATUS[i % len(POLICY_STATUS)])
    for i in range(counts["zone"]):
        p = ents[provinces[rng.randrange(len(provinces))]]
        add("zone", f"zone-{i:05d}", f"中国（{p['zh']}）自由贸易试验区第{i}片区", f"China ({p['en']}) Pilot Free Trade Zone Area {i}",
            type=ZONE_TYPES[i % len(ZONE_TYPES)], province=p["key"])
    for i in range(counts["base"]):
        p = ents[provinces[i % len(provinces)]]
        add("base", f"base-{i:05d}", f"{p['zh']}数字服务出口基地{i}", f"{p['en']} Digital Service Export Base {i}", province=p["key"])
    for i in range(counts["case"]):
        p = ents[provinces[rng.randrange(len(provinces))]]
        t_zh, t_en = TOPICS[rng.randrange(len(TOPICS))]
        add("case", f"case-{i:05d}", f"{p['zh']}推动{t_zh}发展案例{i}", f"{p['en']}: advancing {t_en}, case {i}",
            theme=THEMES[i % len(THEMES)], province=p["key"])
    for i in range(counts["indicator"]):
        t_zh, t_en = TOPICS[i % len(TOPICS)]
        add("indicator", f"table-{i:04d}-synthetic", f"2020-2024年{t_zh}规模与增速（表{i}）", f"{t_en.title()}, 2020–2024 (table {i})")

    z = {k: Zipf(v) for k, v in by_kind.items()}
    z_all = Zipf(list(ents), s=0.9)
    cities_of = {}
    for c in by_kind["city"]:
        cities_of.setdefault(ents[c]["province"], []).append(c)

    def rel(src, typ, targets):
        targets = [t for t in targets if t != src]
        if targets:
            lst = ents[src]["rel"].setdefault(typ, [])
            lst.extend(t for t in targets if t not in lst)

    def mixed(kinds, count, exclude=None):
        out = []
        for _ in range(count):
            t = z[rng.choice(kinds)].draw(rng)
            if t != exclude and t not in out:
                out.append(t)
        return out

    # ---- relations (endpoint kinds as in the README's table) -----------------------------------
    china = "economies/china"
    for key in by_kind["province"]:
        rel(key, "LOCATED_IN", [china])
    for key in by_kind["economy"]:
        rel(key, "PARTY_TO", z["agreement"].draw_many(rng, rng.randint(1, 4)))
        if rng.random() < 0.3:
            rel(key, "APPLIED_TO", z["agreement"].draw_many(rng, 1))
        rel(key, "MEMBER_OF", z["organization"].draw_many(rng, rng.randint(0, 3)))
    for key in by_kind["organization"]:
        rel(key, "LOCATED_IN", [z["province"].draw(rng) if rng.random() < 0.7 else z["economy"].draw(rng)])
        rel(key, "MEMBER_OF", z["organization"].draw_many(rng, rng.randint(0, 2), exclude=key))
        if rng.random() < 0.1:
            rel(key, "PART_OF", z["organization"].draw_many(rng, 1, exclude=key))
        if rng.random() < 0.15:
            rel(key, "PARTY_TO", z["agreement"].draw_many(rng, 1))
    for key in by_kind["agreement"]:
        rel(key, "ISSUED_BY", z["organization"].draw_many(rng, rng.randint(0, 1)))
        rel(key, "APPLIES_TO", z["economy"].draw_many(rng, rng.randint(0, 2)))
        if rng.random() < 0.1:
            rel(key, "AMENDS", z["agreement"].draw_many(rng, 1, exclude=key))
    for key in by_kind["city"]:
        rel(key, "LOCATED_IN", [ents[key]["province"]])
    for key in by_kind["zone"]:
        p = ents[key]["province"]
        rel(key, "LOCATED_IN", [p] + ([rng.choice(cities_of[p])] if p in cities_of and rng.random() < 0.5 else []))
        if rng.random() < 0.3:
            rel(key, "PART_OF", z["zone"].draw_many(rng, 1, exclude=key))
    for key in by_kind["base"]:
        p = ents[key]["province"]
        rel(key, "LOCATED_IN", ([rng.choice(cities_of[p])] if p in cities_of else []) + [p])
    for key in by_kind["policy"]:
        rel(key, "ISSUED_BY", mixed(["organization", "organization", "organization", "economy"], rng.randint(1, 2)))
        rel(key, "APPLIES_TO", mixed(["province", "province", "city", "zone", "base"], rng.randint(0, 3)))
        if rng.random() < 0.4:
            rel(key, "IMPLEMENTS", mixed(["policy", "agreement"], 1, exclude=key))
        if rng.random() < 0.05:
            rel(key, "AMENDS", z["policy"].draw_many(rng, 1, exclude=key))
    for key in by_kind["case"]:
        p = ents[key]["province"]
        rel(key, "LOCATED_IN", [p] + ([rng.choice(cities_of[p])] if p in cities_of and rng.random() < 0.5 else []))
        rel(key, "INVOLVES", mixed(["organization", "organization", "economy", "base", "zone", "city"], rng.randint(1, 6)))
        rel(key, "USES", mixed(["policy", "policy", "agreement"], rng.randint(0, 3)))
        if rng.random() < 0.3:
            rel(key, "IMPLEMENTS", mixed(["policy", "agreement"], 1))
    for key in by_kind["indicator"]:
        rel(key, "DATA_FROM", z["organization"].draw_many(rng, 1))
        rel(key, "ISSUED_BY", z["organization"].draw_many(rng, rng.randint(0, 1)))

    # ---- write files ---------------------------------------------------------------------------
    if os.path.exists(args.out):
        shutil.rmtree(args.out)
    for folder in FOLDER.values():
        os.makedirs(os.path.join(args.out, folder))
    for key, e in ents.items():
        write_entity(args.out, e, ents, rng, z, z_all)
    with open(os.path.join(args.out, "README.md"), "w", encoding="utf-8") as f:
        f.write(f"Synthetic corpus for the benchmark: {len(ents)} entities, seed {args.seed}. Generated; do not edit.\n")
    nrel = sum(len(v) for e in ents.values() for v in e["rel"].values())
    print(json.dumps({"entities": len(ents), "frontMatterRelations": nrel, "kinds": {k: len(v) for k, v in by_kind.items()}}))


def date(rng):
    y = rng.randint(2015, 2025)
    r = rng.random()
    return f"{y}" if r < 0.3 else f"{y}-{rng.randint(1, 12):02d}" if r < 0.7 else f"{y}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"


def write_entity(root, e, ents, rng, z, z_all):
    kind, key = e["kind"], e["key"]
    t_zh, t_en = TOPICS[rng.randrange(len(TOPICS))]
    section = SECTIONS[rng.randrange(len(SECTIONS))]
    lines = ["---", f"kind: {kind}", "name:", f"  zh: {q(e['zh'])}", f"  en: {q(e['en'])}"]
    if e.get("alias"):
        lines.append(f"aliases: [{q(e['alias'])}]")
    lines += ["summary:",
              f"  zh: {q(e['zh'] + '围绕' + t_zh + '开展探索，' + ('推动海南、浙江等地与DEPA规则对接。' if rng.random() < 0.2 else '形成可复制推广的经验。'))}",
              f"  en: {q(e['en'] + ' works on ' + t_en + (', aligning with DEPA rules in Hainan and Zhejiang.' if rng.random() < 0.2 else ', producing lessons others can reuse.'))}"]
    for field in ("type", "level", "status", "theme"):
        if e.get(field):
            lines.append(f"{field}: {e[field]}")
    date_keys = {"agreement": ["signed", "in_force"], "policy": ["issued", "effective"], "organization": ["established"],
                 "zone": ["established"], "base": ["designated"], "case": ["started"]}.get(kind)
    if date_keys and rng.random() < 0.8:
        lines.append("dates:")
        lines += [f"  {k}: {date(rng)}" for k in date_keys[: rng.randint(1, len(date_keys))]]
    elif kind in ("agreement", "policy"):
        # A policy or agreement states its dates or says the report gives none (DTG041), as the shipped corpus does.
        lines += ["dates:", f"  {date_keys[0]}: not_given"]
    if kind == "indicator":
        lines += indicator_lines(e, rng, z)
    if e["rel"]:
        lines.append("relations:")
        for typ, targets in e["rel"].items():
            lines.append(f"  {typ}: [{', '.join(targets)}]")
    if kind not in ("indicator",) and rng.random() < 0.6:
        lines.append("figures:")
        for i in range(rng.randint(1, 3)):
            lines.append(f"  - name: {{ zh: {q(t_zh + '规模' + str(i))}, en: {q(t_en + ' volume ' + str(i))} }}")
            lines.append(f"    value: {round(rng.uniform(1, 5000), 1)}")
            lines.append(f"    unit: {q(rng.choice(['亿美元', '亿元', '%', '家', '个']))}")
            lines.append(f"    period: {rng.randint(2018, 2024)}")
            lines.append(f"    source: {{ section: {q(section)} }}")
    lines += ["sources:", f"  - section: {q(section)}", "---", ""]
    # narrative: Chinese then English, with links to other entities (MENTIONS)
    links = [t for t in z_all.draw_many(rng, rng.randint(1, 4), exclude=key)]
    zh_links = "、".join(f"[{ents[t]['zh']}](../{t}.md)" for t in links)
    en_links = ", ".join(f"[{ents[t]['en']}](../{t}.md)" for t in links)
    # Each language in its own block (::: zh / ::: en), as graph-seed/README.md asks.
    lines.append("::: zh")
    lines.append(f"{e['zh']}聚焦{t_zh}，与{zh_links}密切相关。该项工作推动数据跨境流动便利化，并在数字贸易规则对接方面先行先试。")
    lines.append(":::")
    lines.append("")
    lines.append("::: en")
    lines.append(f"{e['en']} focuses on {t_en} and is closely linked with {en_links}. The work eases cross-border data flows "
                 f"and pilots digital trade rules early.")
    lines.append(":::")
    lines.append("")
    with open(os.path.join(root, key + ".md"), "w", encoding="utf-8") as f:
        f.write("\n".join(lines))


def indicator_lines(e, rng, z):
    idx = int(e["key"].split("-")[1])
    series = [("exports", "出口额", "Exports", "亿美元"), ("imports", "进口额", "Imports", "亿美元"), ("growth", "增速", "Growth", "%")]
    series = series[: rng.randint(2, 3)]
    lines = [f"table: {q('表' + str(idx + 1))}", f"unit: {q('亿美元，%')}", f"data_source: {q('合成数据')}", "series:"]
    for sid, zh, en, unit in series:
        lines += [f"  - id: {sid}", f"    name: {{ zh: {q(zh)}, en: {q(en)} }}", f"    unit: {q(unit)}"]
    lines.append("rows:")
    for econ in z["economy"].draw_many(rng, rng.randint(3, 8)):
        for period in range(2020, 2025):
            values = ", ".join(f"{sid}: {round(rng.uniform(1, 9000), 1)}" for sid, *_ in series if rng.random() < 0.95)
            lines.append(f"  - {{ period: {period}, economy: {econ}{', ' + values if values else ''} }}")
    return lines


if __name__ == "__main__":
    main()
